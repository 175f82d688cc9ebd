package screens

import (
	"fmt"
	"strings"

	"cxquiz/quiz"
)

// dotPlot draws one dimension's scores (or the overall scores) across the
// compared results: a dot per result on one 0–100 scale over the level
// bands, and the mean as a bar. Percent coordinates keep the dots round
// at any width, so the plot reads the same on a phone and a desktop. Each
// dot carries its result's number (nums), as the list of results below
// the plots does, so a person can tell whose dot is whose without a
// pointer; dots less than 7 points apart (a dot's width on a phone)
// stack. The label names every score for screen readers; each dot's
// title does for a pointer.
func dotPlot(levels []quiz.Level, scores, nums []int, names []string, mean int, label string) string {
	const (
		r    = 9  // dot radius: room for a two-digit number
		step = 19 // lift of a stacked dot
		near = 7  // points apart under which dots stack
	)
	lift := make([]int, len(scores))
	top := 0
	for i, s := range scores {
		for j := range i {
			if abs(scores[j]-s) < near && lift[j] >= lift[i] {
				lift[i] = lift[j] + 1
			}
		}
		top = max(top, lift[i])
	}
	track := r + top*step + 4
	h := track + r + 18
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="dots" width="100%%" height="%d" role="img" aria-label="%s" focusable="false">`, h, esc(label))
	for i, l := range levels {
		end := 100
		if i+1 < len(levels) {
			end = levels[i+1].Min
		}
		fmt.Fprintf(&b, `<rect class="band level-%s" x="%d%%" y="%d" width="%d%%" height="6"/>`, esc(l.ID), l.Min, track-3, end-l.Min)
	}
	fmt.Fprintf(&b, `<line class="mean" x1="%d%%" x2="%d%%" y1="%d" y2="%d"/>`, mean, mean, track-r-4, track+r+2)
	for i, s := range scores {
		cy := track - lift[i]*step
		fmt.Fprintf(&b, `<g class="dot-n"><title>%s</title><circle class="dot" cx="%d%%" cy="%d" r="%d"/><text class="n" x="%d%%" y="%d" text-anchor="middle">%d</text></g>`,
			esc(names[i]), s, cy, r, s, cy+4, nums[i])
	}
	fmt.Fprintf(&b, `<text x="0" y="%d">0</text><text x="100%%" y="%d" text-anchor="end">100</text>`, h-2, h-2)
	b.WriteString(`</svg>`)
	return b.String()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
