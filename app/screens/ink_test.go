package screens

import "testing"

func TestInkReadsOnEveryBackground(t *testing.T) {
	t.Parallel()
	// Every 17th value per channel: 4,096 accents from black to white,
	// pale and dark ones among them.
	for r := 0; r < 256; r += 17 {
		for g := 0; g < 256; g += 17 {
			for b := 0; b < 256; b += 17 {
				accent := formatHex([3]uint8{uint8(r), uint8(g), uint8(b)})
				for _, dark := range []bool{false, true} {
					ink := inkOn(accent, dark)
					bgs := lightBackgrounds
					if dark {
						bgs = darkBackgrounds
					}
					bgs = append(bgs[:len(bgs):len(bgs)], mix(parseHex(accent), bgs[0], 10))
					for _, bg := range bgs {
						if c := contrast(parseHex(ink), bg); c < minInkContrast {
							t.Fatalf("inkOn(%s, dark %v) = %s: contrast %.2f on %s, want at least %.1f", accent, dark, ink, c, formatHex(bg), minInkContrast)
						}
					}
				}
			}
		}
	}
}

func TestInkKeepsAReadableAccent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		accent string
		dark   bool
		want   string
	}{
		{"#0b6e69", false, "#0b6e69"}, // the quiz's own accent reads as it is
		{"#5cc2b9", true, "#5cc2b9"},  // and its dark-scheme one
		{"#000000", false, "#000000"},
		{"#ffffff", true, "#ffffff"},
		{"#ffffff", false, "#707070"}, // white on white becomes a grey that reads
		{"#000000", true, "#8a8a8a"},  // black on the dark page too
	} {
		if got := inkOn(tc.accent, tc.dark); got != tc.want {
			t.Errorf("inkOn(%s, dark %v) = %s, want %s", tc.accent, tc.dark, got, tc.want)
		}
	}
	// A pale host colour darkens, and keeps its hue: more red than green
	// than blue, as #ffcc99 is.
	c := parseHex(inkOn("#ffcc99", false))
	if !(c[0] > c[1] && c[1] > c[2]) || contrast(c, lightBackgrounds[0]) < minInkContrast {
		t.Errorf("inkOn(#ffcc99) = %s: want a darker orange that reads", formatHex(c))
	}
}

func TestMixIsCSSColorMix(t *testing.T) {
	t.Parallel()
	if got := formatHex(mix([3]uint8{0xff, 0, 0x80}, [3]uint8{0, 0xff, 0x80}, 10)); got != "#1ae680" {
		t.Errorf("color-mix(in srgb, #ff0080 10%%, #00ff80) = %s, want #1ae680", got)
	}
	if got := formatHex(parseHex("#0A7b3C")); got != "#0a7b3c" {
		t.Errorf("parseHex/formatHex round trip gave %s", got)
	}
}
