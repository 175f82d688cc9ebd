// Command icon renders the product icon PNGs (icon-192.png, icon-512.png).
//
// The motif matches the hand-written web/icon.svg: a full-bleed teal square
// with a white ring and a white dot at its centre (the customer at the
// centre), plus a small knob on the ring. Everything stays within the central
// 80% safe zone, so icon-512.png also works as a maskable icon. Keep the
// geometry below in sync with icon.svg.
//
// Usage:
//
//	go run ./tools/icon web
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
)

var (
	teal  = color.RGBA{0x0b, 0x6e, 0x69, 0xff}
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// Geometry in the SVG's 512×512 user space.
const (
	c            = 256.0        // centre
	ringR, ring  = 140.0, 36.0  // ring centre-line radius and stroke width
	dotR         = 60.0         // centre dot
	knobX, knobY = 355.0, 157.0 // knob on the ring, top right (140 px from centre at 45°)
	gapR, knobR  = 46.0, 32.0   // teal gap around the knob, knob itself
	ss           = 8            // supersampling factor per axis
)

// isWhite reports whether the point (x, y) in user space is white, painting
// the shapes in SVG document order.
func isWhite(x, y float64) bool {
	in := func(cx, cy, r float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
	if in(knobX, knobY, knobR) {
		return true
	}
	if in(knobX, knobY, gapR) {
		return false
	}
	return in(c, c, dotR) || (in(c, c, ringR+ring/2) && !in(c, c, ringR-ring/2))
}

// render draws the icon at size×size pixels. Each pixel's value is the white
// coverage of ss×ss subsamples, equivalent to rendering at ss× and
// box-downsampling. The output is paletted on the teal→white ramp, which
// keeps the PNGs small.
func render(size int) *image.Paletted {
	pal := make(color.Palette, ss*ss+1)
	for i := range pal {
		t := float64(i) / float64(ss*ss)
		mix := func(a, b uint8) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t + 0.5) }
		pal[i] = color.RGBA{mix(teal.R, white.R), mix(teal.G, white.G), mix(teal.B, white.B), 0xff}
	}
	img := image.NewPaletted(image.Rect(0, 0, size, size), pal)
	scale := 512.0 / float64(size)
	for py := range size {
		for px := range size {
			n := 0
			for sy := range ss {
				for sx := range ss {
					x := (float64(px) + (float64(sx)+0.5)/ss) * scale
					y := (float64(py) + (float64(sy)+0.5)/ss) * scale
					if isWhite(x, y) {
						n++
					}
				}
			}
			img.SetColorIndex(px, py, uint8(n))
		}
	}
	return img
}

func write(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return f.Close()
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: icon DIR")
		os.Exit(2)
	}
	for _, size := range []int{192, 512} {
		path := filepath.Join(os.Args[1], fmt.Sprintf("icon-%d.png", size))
		if err := write(path, render(size)); err != nil {
			fmt.Fprintln(os.Stderr, "icon:", err)
			os.Exit(1)
		}
	}
}
