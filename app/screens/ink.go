package screens

import "strconv"

// A host's accent fills the primary button, under a text colour chosen to
// read on it (textOn); links, outlined buttons, labels and the charts use
// it as ink on the page's own background, where a pale accent (#ffee00,
// #ffffff) or a dark one in the dark scheme would be unreadable. inkOn
// gives each scheme the accent's nearest shade that reads there: mixed
// with black on the light backgrounds, with white on the dark ones,
// until its contrast reaches WCAG AA for text (4.5:1).

// Backgrounds the ink is drawn on, as quiz.css defines them: --bg and
// --surface of each scheme. --accent-soft (10 % accent on --bg) is
// checked too.
var (
	lightBackgrounds = [][3]uint8{{0xf6, 0xf4, 0xef}, {0xff, 0xff, 0xff}}
	darkBackgrounds  = [][3]uint8{{0x13, 0x18, 0x17}, {0x1c, 0x23, 0x21}}
)

// minInkContrast is WCAG's AA minimum for normal text.
const minInkContrast = 4.5

// inkOn returns the accent #rrggbb as ink for the light scheme, or for
// the dark one: unchanged where it already reads on every background,
// else the first step towards black (light) or white (dark) that does.
func inkOn(hex string, dark bool) string {
	c := parseHex(hex)
	bgs := lightBackgrounds
	towards := uint8(0)
	if dark {
		bgs, towards = darkBackgrounds, 0xff
	}
	bgs = append(bgs[:len(bgs):len(bgs)], mix(c, bgs[0], 10))
	for step := 0; step <= 100; step += 2 {
		ink := mix([3]uint8{towards, towards, towards}, c, step)
		if readsOn(ink, bgs) {
			return formatHex(ink)
		}
	}
	return formatHex([3]uint8{towards, towards, towards})
}

// readsOn tells whether c has the minimum contrast on every background.
func readsOn(c [3]uint8, bgs [][3]uint8) bool {
	for _, bg := range bgs {
		if contrast(c, bg) < minInkContrast {
			return false
		}
	}
	return true
}

// contrast is WCAG's contrast ratio of two colours.
func contrast(a, b [3]uint8) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG's relative luminance.
func luminance(c [3]uint8) float64 {
	l := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		l += w * float64(linear[c[i]]) / (1<<32 - 1)
	}
	return l
}

// mix is CSS's color-mix(in srgb, a pct%, b).
func mix(a, b [3]uint8, pct int) [3]uint8 {
	var m [3]uint8
	for i := range m {
		m[i] = uint8((int(a[i])*pct + int(b[i])*(100-pct) + 50) / 100)
	}
	return m
}

func parseHex(hex string) [3]uint8 {
	var rgb [3]uint8
	for i := range rgb {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		rgb[i] = uint8(v)
	}
	return rgb
}

func formatHex(c [3]uint8) string {
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range c {
		b[1+2*i], b[2+2*i] = digits[v>>4], digits[v&15]
	}
	return string(b)
}
