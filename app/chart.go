package main

import (
	"fmt"
	"html"
	"strings"

	"cxquiz/quiz"
)

// barChart draws every dimension score as a two-ended bar, from the
// customer-focused pole (0) to the customer-centric pole (100). It is
// plain SVG markup made in Go, styled by the page's CSS so it follows
// light and dark mode; the table beside it is the text alternative.
func barChart(t texts, res quiz.Result, titleID string) string {
	const (
		width  = 640
		label  = 0
		trackX = 250
		trackW = 330
		rowH   = 40
		top    = 34
	)
	h := top + rowH*len(res.Dimensions) + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart bars" viewBox="0 0 %d %d" role="img" aria-labelledby="%s" focusable="false">`, width, h, titleID)
	fmt.Fprintf(&b, `<text class="pole" x="%d" y="16">%s</text>`, trackX, esc(t.S("chart.focused")))
	fmt.Fprintf(&b, `<text class="pole" x="%d" y="16" text-anchor="end">%s</text>`, trackX+trackW, esc(t.S("chart.centric")))
	for _, x := range []int{0, 25, 50, 75, 100} {
		gx := trackX + trackW*x/100
		fmt.Fprintf(&b, `<line class="grid" x1="%d" x2="%d" y1="%d" y2="%d"/>`, gx, gx, top-8, h-6)
	}
	for i, d := range res.Dimensions {
		y := top + i*rowH
		fmt.Fprintf(&b, `<text class="label" x="%d" y="%d">%s</text>`, label, y+20, esc(clip(d.Dimension.Name, 30)))
		fmt.Fprintf(&b, `<rect class="track" x="%d" y="%d" width="%d" height="12" rx="6"/>`, trackX, y+9, trackW)
		fmt.Fprintf(&b, `<rect class="fill level-%s" x="%d" y="%d" width="%d" height="12" rx="6"/>`,
			esc(d.Level.ID), trackX, y+9, max(12, trackW*d.Score/100))
		fmt.Fprintf(&b, `<text class="value" x="%d" y="%d" text-anchor="end">%s</text>`, width, y+20, esc(t.Pct(d.Score)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func esc(s string) string { return html.EscapeString(s) }

// clip shortens s to n runes with an ellipsis, for chart labels.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
