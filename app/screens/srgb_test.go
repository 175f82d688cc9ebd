package screens

import (
	"math"
	"testing"
)

// linearOf is WCAG's linearisation of one 8-bit sRGB channel.
func linearOf(v int) float64 {
	c := float64(v) / 255
	if c <= 0.03928 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

func TestLinearTable(t *testing.T) {
	for v := range linear {
		if want := uint32(math.Round(linearOf(v) * (1<<32 - 1))); linear[v] != want {
			t.Fatalf("linear[%d] = %#x, want %#x", v, linear[v], want)
		}
	}
	for hex, want := range map[string]string{"#ffffff": "#000000", "#000000": "#ffffff", "#0b5fff": "#ffffff", "#ffd400": "#000000"} {
		if got := textOn(hex); got != want {
			t.Errorf("textOn(%s) = %s, want %s", hex, got, want)
		}
	}
	// The table must not change a single decision of the formula.
	ws := [3]float64{0.2126, 0.7152, 0.0722}
	for r := 0; r < 256; r++ {
		for g := 0; g < 256; g++ {
			for b := 0; b < 256; b++ {
				lum := ws[0]*linearOf(r) + ws[1]*linearOf(g) + ws[2]*linearOf(b)
				want := "#ffffff"
				if (lum+0.05)/0.05 > 1.05/(lum+0.05) {
					want = "#000000"
				}
				if got := textOnRGB([3]uint8{uint8(r), uint8(g), uint8(b)}); got != want {
					t.Fatalf("#%02x%02x%02x: %s, want %s", r, g, b, got, want)
				}
			}
		}
	}
}
