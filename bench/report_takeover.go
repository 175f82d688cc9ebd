package main

import (
	"fmt"
	"math"
	"strings"
)

// Goals of the take-over (issue 16), slow 4G + CPU×4, medians of the runs.
const (
	goalLongestTask = 250.0 // ms
	goalTBT         = 300.0 // ms
	goalInput       = 200.0 // ms
	goalLighthouse  = 95.0
)

func (t *takeoverResults) stat(f func(takeoverRun) float64) []float64 {
	var xs []float64
	for _, r := range t.runs {
		if v := f(r); !math.IsNaN(v) {
			xs = append(xs, v)
		}
	}
	return xs
}

func (r *report) takeoverGoals(p printer) {
	t := r.takeover
	if t == nil {
		return
	}
	longest := t.stat(func(r takeoverRun) float64 { return r.longest })
	tbt := t.stat(func(r takeoverRun) float64 { return r.tbt })
	input := t.stat(func(r takeoverRun) float64 { return r.maxLatency() })
	longestCPU := t.stat(func(r takeoverRun) float64 { return r.longestCPU })
	tbtCPU := t.stat(func(r takeoverRun) float64 { return r.tbtCPU })
	cpuNote := func(xs []float64, goal float64) string {
		if len(xs) == 0 {
			return ""
		}
		return fmt.Sprintf(" · thread time: %s", msSpread(xs))
	}
	p("| Longest main-thread task while the wasm takes over %s, slow 4G + CPU×4 | ≤ %.0f ms | %s%s | %s |\n", t.path, goalLongestTask, msSpread(longest), cpuNote(longestCPU, goalLongestTask), verdict(median(longest) <= goalLongestTask))
	p("| Total Blocking Time of the visit (FCP to a second after the take-over) | ≤ %.0f ms | %s%s | %s |\n", goalTBT, msSpread(tbt), cpuNote(tbtCPU, goalTBT), verdict(median(tbt) <= goalTBT))
	if !strings.HasPrefix(t.path, "/q/") {
		p("| Slowest answer to a tap or key press during the take-over | | not measured on %s (the bench taps a question's options) | ❔ |\n", t.path)
		return
	}
	p("| Slowest answer to a tap or key press during the take-over | ≤ %.0f ms | %s | %s |\n", goalInput, msSpread(input), verdict(median(input) <= goalInput))
}

func (r *report) lighthouseGoals(p printer) {
	l := r.lighthouse
	if l == nil {
		return
	}
	var worst, names []string
	for _, pg := range l.pages {
		names = append(names, pg.name)
	}
	ok := true
	for _, c := range lighthouseCategories {
		low, at := math.Inf(1), ""
		for _, pg := range l.pages {
			if s := pg.score(c.id); math.IsNaN(s) || s < low {
				low, at = s, pg.name
			}
		}
		if math.IsNaN(low) || low < goalLighthouse {
			ok = false
		}
		worst = append(worst, fmt.Sprintf("%s %.0f (%s)", c.name, low, at))
	}
	p("| Lighthouse mobile, every category, on %s | ≥ %.0f | lowest: %s | %s |\n", strings.Join(names, ", "), goalLighthouse, strings.Join(worst, " · "), verdict(ok))
}

func (r *report) takeoverSection(p printer) {
	t := r.takeover
	if t == nil {
		return
	}
	p("## wasm take-over\n\n")
	p("A cold visit of %s on slow 4G + CPU×4, traced (DevTools tracing: the page's main-thread tasks), while the bench taps the options and presses their number keys every 150 ms from when 85 %% of app.wasm has arrived until a second after the wasm's first screen is mounted. Medians of %d runs, (min–max). *Busy* is main-thread time in tasks within the phase; a task may span two phases. *Thread time* is the trace's `tdur` of the same tasks, for reference: it leaves out waits for a CPU that other processes held, but how DevTools' CPU throttling counts in it is not established, so the goals are judged on wall time.\n\n", t.path, len(t.runs))
	names := []string{}
	seen := map[string]bool{}
	for _, run := range t.runs {
		for _, ph := range run.phases {
			if !seen[ph.name] {
				seen[ph.name] = true
				names = append(names, ph.name)
			}
		}
	}
	p("| Phase | From | To | Busy | Busy, thread time | Longest task in it |\n|---|---|---|---|---|---|\n")
	for _, n := range names {
		get := func(f func(phase) float64) []float64 {
			var xs []float64
			for _, run := range t.runs {
				for _, ph := range run.phases {
					if ph.name == n {
						xs = append(xs, f(ph))
					}
				}
			}
			return xs
		}
		p("| %s | %s | %s | %s | %s | %s |\n", n, msSpread(get(func(ph phase) float64 { return ph.start })), msSpread(get(func(ph phase) float64 { return ph.end })),
			msSpread(get(func(ph phase) float64 { return ph.busy })), msSpread(get(func(ph phase) float64 { return ph.busyCPU })), msSpread(get(func(ph phase) float64 { return ph.longest })))
	}
	p("\n| Measure | Median (min–max) |\n|---|---|\n")
	p("| Longest task, end of download to a second after mount | %s |\n", msSpread(t.stat(func(r takeoverRun) float64 { return r.longest })))
	p("| Total Blocking Time, FCP to the end of the visit | %s |\n", msSpread(t.stat(func(r takeoverRun) float64 { return r.tbt })))
	p("| Total Blocking Time within the take-over | %s |\n", msSpread(t.stat(func(r takeoverRun) float64 { return r.tbtWindow })))
	p("| Longest task by thread time (trace tdur, for reference) | %s |\n", msSpread(t.stat(func(r takeoverRun) float64 { return r.longestCPU })))
	p("| Total Blocking Time by thread time | %s |\n", msSpread(t.stat(func(r takeoverRun) float64 { return r.tbtCPU })))
	inputs := t.stat(func(r takeoverRun) float64 { return float64(r.inputs) })
	lo, hi := spread(inputs)
	p("| Inputs sent during the take-over | %.0f (%.0f–%.0f) |\n", median(inputs), lo, hi)
	p("| Slowest answer to an input (Event Timing: input to next paint) | %s |\n", msSpread(t.stat(func(r takeoverRun) float64 { return r.maxLatency() })))
	p("| Median answer to an input | %s |\n", msSpread(t.stat(func(r takeoverRun) float64 {
		if len(r.latencies) == 0 {
			return math.NaN()
		}
		return median(r.latencies)
	})))
	for i, run := range t.runs {
		for _, n := range run.notes {
			p("\nRun %d: %s\n", i+1, n)
		}
	}
	p("\n")
}

func (r *report) lighthouseSection(p printer) {
	l := r.lighthouse
	if l == nil {
		return
	}
	p("## Lighthouse\n\n")
	p("Lighthouse %s, mobile preset (simulated slow 4G and CPU×4), with the Debian chromium; median of %d run(s) per page. Its CPU timings scale with this machine's speed: a busy machine lowers the performance score. \"TBT, 4× thread time\" is what its TBT would be if each main-thread task from FCP on counted 4× its thread time instead of 4× its wall time, which includes waiting for a CPU (to the end of the trace, not to TTI).\n\n", l.version, len(l.pages[0].runs))
	lighthouseTable(p, l.pages, true)
	if l.devtools != nil {
		p("With `--throttling-method=devtools` (`-lighthouse-devtools`; not the goal's preset): the page's requests go over a throttled slow-4G link with the CPU really slowed 4×; the service worker's, app.wasm's download among them, are neither throttled nor recorded. Same pages, interleaved with the runs above.\n\n")
		lighthouseTable(p, l.devtools, false)
	}
}

func lighthouseTable(p printer, pages []*lighthousePage, threadTBT bool) {
	p("| Page |")
	for _, c := range lighthouseCategories {
		p(" %s |", c.name)
	}
	for _, a := range lighthouseAudits {
		p(" %s |", a.name)
	}
	cols := len(lighthouseCategories) + len(lighthouseAudits)
	if threadTBT {
		p(" TBT, 4× thread time |")
		cols++
	}
	p("\n|---|")
	for range cols {
		p("---|")
	}
	p("\n")
	for _, pg := range pages {
		p("| %s `%s` |", pg.name, short(pg.path))
		for _, c := range lighthouseCategories {
			p(" %.0f |", pg.score(c.id))
		}
		last := pg.runs[len(pg.runs)-1]
		for _, a := range lighthouseAudits {
			p(" %s |", last.audits[a.id])
		}
		if threadTBT {
			p(" %s |", ms(last.threadTBT))
		}
		p("\n")
	}
	for _, pg := range pages {
		for _, run := range pg.runs {
			if run.err != "" {
				p("\n%s: %s\n", pg.name, run.err)
			}
		}
	}
	p("\n")
}
