package screens

import (
	"fmt"
	"math"
	"strings"

	"cxquiz/quiz"
)

// barChart draws every dimension score as a two-ended bar, from the lowest
// level (0) to the highest (100), named as on the scale, each label
// above its bar so the chart stays legible at phone width. It is plain SVG
// made in Go, styled by the page's CSS so it follows light and dark mode;
// the table beside it is the text alternative.
func barChart(t Texts, bank *quiz.Bank, res quiz.Result, titleID string) string {
	low, high := bank.Poles()
	const (
		width = 400
		rowH  = 44
		top   = 22
		barW  = 400
	)
	h := top + rowH*len(res.Dimensions)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart bars" viewBox="0 0 %d %d" role="img" aria-labelledby="%s" focusable="false">`, width, h, titleID)
	fmt.Fprintf(&b, `<text class="pole" x="0" y="12">← %s</text>`, esc(low.Name))
	fmt.Fprintf(&b, `<text class="pole" x="%d" y="12" text-anchor="end">%s →</text>`, width, esc(high.Name))
	for i, d := range res.Dimensions {
		y := top + i*rowH
		fmt.Fprintf(&b, `<text class="label" x="0" y="%d">%d  %s</text>`, y+16, i+1, esc(clip(d.Dimension.Name, 40)))
		fmt.Fprintf(&b, `<text class="value" x="%d" y="%d" text-anchor="end">%s</text>`, width, y+16, esc(t.Pct(d.Score)))
		fmt.Fprintf(&b, `<rect class="track" x="0" y="%d" width="%d" height="10" rx="5"/>`, y+23, barW)
		for _, g := range []int{25, 50, 75} {
			fmt.Fprintf(&b, `<line class="tick" x1="%d" x2="%d" y1="%d" y2="%d"/>`, barW*g/100, barW*g/100, y+23, y+33)
		}
		fmt.Fprintf(&b, `<rect class="fill level-%s" x="0" y="%d" width="%d" height="10" rx="5"/>`,
			esc(d.Level.ID), y+23, max(10, barW*d.Score/100))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// esc escapes text for the SVG markup, as html.EscapeString does. Not
// html.EscapeString itself: its strings.Replacer is some 20 KB of
// app.wasm that nothing else there needs.
func esc(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// clip shortens s to n runes with an ellipsis, for chart labels.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// radarChart draws all dimensions as one shape: the further out, the more
// customer-centric. It shares the bar chart's title and table alternative.
func radarChart(res quiz.Result, titleID string) string {
	const (
		w, h   = 360, 340
		cx, cy = 180.0, 170.0
		radius = 135.0
	)
	n := len(res.Dimensions)
	point := func(i int, r float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*math.Cos(a), cy + r*math.Sin(a)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart radar" viewBox="0 0 %d %d" role="img" aria-labelledby="%s" focusable="false">`, w, h, titleID)
	for _, ring := range []float64{25, 50, 75, 100} {
		b.WriteString(`<polygon class="ring" points="`)
		for i := 0; i < n; i++ {
			x, y := point(i, radius*ring/100)
			fmt.Fprintf(&b, "%.1f,%.1f ", x, y)
		}
		b.WriteString(`"/>`)
	}
	for i, d := range res.Dimensions {
		x, y := point(i, radius)
		fmt.Fprintf(&b, `<line class="axis" x1="%.0f" y1="%.0f" x2="%.1f" y2="%.1f"/>`, cx, cy, x, y)
		lx, ly := point(i, radius+17)
		fmt.Fprintf(&b, `<circle class="num" cx="%.1f" cy="%.1f" r="11"/><text class="num" x="%.1f" y="%.1f" text-anchor="middle">%d</text><title>%s</title>`,
			lx, ly, lx, ly+5, i+1, esc(d.Dimension.Name))
	}
	b.WriteString(`<polygon class="area" points="`)
	for i, d := range res.Dimensions {
		x, y := point(i, radius*math.Max(float64(d.Score), 2)/100)
		fmt.Fprintf(&b, "%.1f,%.1f ", x, y)
	}
	b.WriteString(`"/>`)
	for i, d := range res.Dimensions {
		x, y := point(i, radius*math.Max(float64(d.Score), 2)/100)
		fmt.Fprintf(&b, `<circle class="dot level-%s" cx="%.1f" cy="%.1f" r="4"/>`, esc(d.Level.ID), x, y)
	}
	b.WriteString(`</svg>`)
	return b.String()
}
