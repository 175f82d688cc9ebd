package main

import (
	"crypto/sha256"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

type report struct {
	cfg        config
	started    time.Time
	took       time.Duration
	env        string
	loads      []string // load averages along the way
	version    string
	sizes      *sizes
	browser    *browserResults
	takeover   *takeoverResults
	lighthouse *lighthouseResults
	load       *loadResults
	wasm       *wasmResults
}

// describeEnv says what the numbers were measured on. The commit is the
// bench's own tree's; the binary under test may come from elsewhere (an
// A/B run), so its hash is given too.
func describeEnv(root, bin, chromium string) string {
	var parts []string
	git := exec.Command("git", "describe", "--always", "--dirty")
	git.Dir = root
	if out, err := git.Output(); err == nil {
		parts = append(parts, "bench at git "+strings.TrimSpace(string(out)))
	}
	if data, err := os.ReadFile(bin); err == nil {
		sum := sha256.Sum256(data)
		parts = append(parts, fmt.Sprintf("binary %s sha256 %x", filepath.Base(bin), sum[:6]))
	}
	parts = append(parts, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
	cpu := fmt.Sprintf("%d CPUs", runtime.NumCPU())
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu += " (" + strings.TrimSpace(v) + ")"
				break
			}
		}
	}
	parts = append(parts, cpu)
	if chromium != "" {
		parts = append(parts, filepath.Base(chromium))
	}
	return strings.Join(parts, " · ")
}

func (r *report) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# cxquiz bench\n\n")
	env := r.env
	if r.browser != nil && r.browser.chromium != "" {
		env = strings.Replace(env, filepath.Base(r.cfg.chromium), r.browser.chromium, 1)
	}
	p("%s UTC · assets version %s · %s · %d runs per browser metric (medians, min–max in brackets) · took %s\n\n",
		r.started.UTC().Format("2006-01-02 15:04"), r.version, env, r.cfg.runs, r.took.Round(time.Second))
	p("Load average (1 min): %s. Anything else running on the machine (above ~0.5) makes the timings noisier and the throughput lower.\n\n", strings.Join(r.loads, " · "))
	r.goals(p)
	r.sizesSection(p)
	r.browserSection(p)
	r.takeoverSection(p)
	r.lighthouseSection(p)
	r.wasmSection(p)
	r.loadSection(p)
	return b.String()
}

type printer func(format string, args ...any)

func verdict(ok bool) string {
	if ok {
		return "✅ met"
	}
	return "❌ missed"
}

func (r *report) goals(p printer) {
	p("## Goals\n\n| Goal | Target | Measured | |\n|---|---|---|---|\n")
	if br := r.browser; br != nil {
		painted, click := median(answerRatios(br, "slow", true)), median(answerRatios(br, "slow", false))
		v := verdict(painted <= 1.1)
		if (click <= 1.1) != (painted <= 1.1) {
			v += " once painted (" + verdict(click <= 1.1) + " by the click alone)"
		}
		p("| First answer possible on /q/1 vs static HTML, slow 4G + CPU×4 | ≤ 1.10× | %s once painted · %s click takes effect | %s |\n",
			x(painted), x(click), v)
	}
	r.takeoverGoals(p)
	r.lighthouseGoals(p)
	// A goal whose part was left out is said to be unmeasured, not
	// dropped from the table.
	for _, g := range []struct {
		skipped bool
		part    string
		goals   []string
	}{
		{r.browser == nil, "browser", []string{"First answer possible on /q/1 vs static HTML", "Repeat visit: wasm bytes over the network"}},
		{r.takeover == nil, "takeover", []string{"Longest main-thread task while the wasm takes over", "Total Blocking Time of the visit", "Slowest answer to a tap or key press during the take-over"}},
		{r.lighthouse == nil, "lighthouse", []string{"Lighthouse mobile, every category"}},
		{r.wasm == nil, "wasm", []string{"app.wasm (brotli) vs minimal go-app client"}},
		{r.load == nil, "load", []string{"Prerendered question pages"}},
	} {
		if g.skipped {
			for _, name := range g.goals {
				p("| %s | | not measured in this run (-skip %s) | ❔ |\n", name, g.part)
			}
		}
	}
	if w := r.wasm; w != nil {
		ratio := float64(w.ours.br) / float64(w.minimal.br)
		p("| app.wasm (brotli) vs minimal go-app client | ≤ 1.15× | %s (%s vs %s) | %s |\n", x(ratio), kb(w.ours.br), kb(w.minimal.br), verdict(ratio <= 1.15))
	}
	if l := r.load; l != nil {
		for _, t := range l.targets {
			if !strings.HasPrefix(t.name, "prerendered") {
				continue
			}
			met := func(t *loadTarget) (string, bool) {
				rps, _, _ := t.stat(func(r loadResult) float64 { return r.rps() })
				p99, _, _ := t.stat(func(r loadResult) float64 { return float64(r.p99) })
				errs, _ := t.errors()
				ok := rps >= 5000 && time.Duration(p99) < 20*time.Millisecond && errs == 0
				return fmt.Sprintf("%s/s, p99 %s, %d errors", thousands(int64(math.Round(rps))), dur(time.Duration(p99)), errs), ok
			}
			all, ok := met(t)
			v := verdict(ok)
			if q := t.quiet(); len(q.runs) > 0 && len(q.runs) < len(t.runs) {
				quiet, qok := met(q)
				all += fmt.Sprintf("; the %d of %d runs with the CPUs to themselves: %s", len(q.runs), len(t.runs), quiet)
				if qok != ok {
					v += " (" + verdict(qok) + " on those)"
				}
			}
			p("| %s, %d connections | ≥ 5,000/s, p99 < 20 ms | %s | %s |\n",
				strings.ToUpper(t.name[:1])+t.name[1:], l.conns, all, v)
		}
	}
	if br := r.browser; br != nil {
		var cdp, srv int64
		for _, runs := range br.quiz {
			for _, q := range runs {
				cdp, srv = max(cdp, q.repeat.cdpWasm), max(srv, q.repeat.srvWasm)
			}
		}
		p("| Repeat visit: wasm bytes over the network (worst run) | 0 B | %s (page, CDP) · %s (server log) | %s |\n",
			thousands(cdp)+" B", thousands(srv)+" B", verdict(cdp == 0 && srv == 0))
	}
	p("\n")
}

// answerRatios are the per-run ratios of the first answer on /q/1 to the
// first answer on the static page, or of the first answer once painted.
func answerRatios(br *browserResults, cond string, painted bool) []float64 {
	var out []float64
	for i, q := range br.quiz[cond] {
		if i < len(br.static[cond]) {
			a, b := q.first.firstAnswer, br.static[cond][i].firstAnswer
			if painted {
				a, b = q.first.answerPainted(), br.static[cond][i].answerPainted()
			}
			out = append(out, a/b)
		}
	}
	return out
}

func (r *report) sizesSection(p printer) {
	s := r.sizes
	if s == nil {
		return
	}
	p("## Bytes per resource\n\nBody bytes of one response to `Accept-Encoding: identity`, `gzip` and `br` (what goes over the wire, headers excluded). † = the server answered uncompressed. Totals count what /q/1 loads (a stylesheet link, a script src, app.js's app.wasm); files it does not load are listed for comparison.\n\n")
	p("| Resource | URL | loaded by /q/1 | identity | gzip | br |\n|---|---|---|--:|--:|--:|\n")
	cell := func(res *resource, enc string) string {
		c := thousands(res.bytes[enc])
		if enc != "identity" && res.served[enc] != enc {
			c += " †"
		}
		return c
	}
	groups := []string{"HTML", "CSS", "JS", "wasm"}
	all := map[string]int64{}
	for _, g := range groups {
		sum := map[string]int64{}
		n := 0
		for _, res := range s.resources {
			if res.group != g {
				continue
			}
			loaded := "yes"
			switch {
			case res.byScript:
				loaded = "after the paint (quiz.js links it)"
			case !res.linked:
				loaded = "no"
				if g == "CSS" && s.inlineStyle > 0 {
					loaded = "no (styles inline)"
				}
			}
			p("| %s | `%s` | %s | %s | %s | %s |\n", res.name, res.path, loaded, cell(res, "identity"), cell(res, "gzip"), cell(res, "br"))
			if !res.linked && !res.byScript {
				continue
			}
			n++
			for _, e := range encodings {
				sum[e] += res.bytes[e]
				all[e] += res.bytes[e]
			}
		}
		if n > 1 {
			p("| **%s total** | | | **%s** | **%s** | **%s** |\n", g, thousands(sum["identity"]), thousands(sum["gzip"]), thousands(sum["br"]))
		}
	}
	p("| **All /q/1 loads** | | | **%s** | **%s** | **%s** |\n\n", thousands(all["identity"]), thousands(all["gzip"]), thousands(all["br"]))
	if s.inlineStyle > 0 {
		p("The page carries %s bytes of CSS in `<style>` (uncompressed, part of the HTML above).\n\n", thousands(s.inlineStyle))
	}
}

func (r *report) browserSection(p printer) {
	br := r.browser
	if br == nil {
		return
	}
	p("## Browser\n\nHeadless Chromium, a fresh profile per cold visit; \"slow 4G + CPU×4\" is DevTools' preset (%.1f ms RTT, %s/s down, %s/s up) with `Emulation.setCPUThrottlingRate(%d)`. Static HTML is the same question as a plain page (no CSS, no JS) served by the bench at `%s`. Times are from navigation start.\n\n",
		slowLatencyMs, kb(slowDownload), kb(slowUpload), slowCPURate, trimOrigin(br.staticURL))
	p("| Metric | no throttling | slow 4G + CPU×4 |\n|---|--:|--:|\n")
	row := func(name string, f func(cond string) string) {
		p("| %s | %s | %s |\n", name, f("fast"), f("slow"))
	}
	quizMs := func(get func(quizRun) float64) func(string) string {
		return func(cond string) string {
			var xs []float64
			for _, q := range br.quiz[cond] {
				xs = append(xs, get(q))
			}
			return msSpread(xs)
		}
	}
	quizBytes := func(get func(quizRun) int64) func(string) string {
		return func(cond string) string {
			var xs []float64
			for _, q := range br.quiz[cond] {
				xs = append(xs, float64(get(q)))
			}
			return bytesSpread(xs)
		}
	}
	staticMs := func(get func(visit) float64) func(string) string {
		return func(cond string) string {
			var xs []float64
			for _, v := range br.static[cond] {
				xs = append(xs, get(v))
			}
			return msSpread(xs)
		}
	}
	row("First contentful paint, quiz /q/1", quizMs(func(q quizRun) float64 { return q.first.fcp }))
	row("First contentful paint, static HTML", staticMs(func(v visit) float64 { return v.fcp }))
	ratio := func(painted bool) func(string) string {
		return func(cond string) string {
			xs := answerRatios(br, cond, painted)
			lo, hi := spread(xs)
			return fmt.Sprintf("%s (%s–%s)", x(median(xs)), x(lo), x(hi))
		}
	}
	row("First answer possible: click on #opt-1 takes effect, quiz /q/1", quizMs(func(q quizRun) float64 { return q.first.firstAnswer }))
	row("First answer possible: click takes effect, static HTML", staticMs(func(v visit) float64 { return v.firstAnswer }))
	row("Ratio quiz ÷ static, click takes effect (per run)", ratio(false))
	row("**First answer possible once painted**, quiz /q/1", quizMs(func(q quizRun) float64 { return q.first.answerPainted() }))
	row("First answer possible once painted, static HTML", staticMs(func(v visit) float64 { return v.answerPainted() }))
	row("**Ratio quiz ÷ static, once painted** (per run; goal ≤ 1.1× on slow 4G)", ratio(true))
	row("wasm loader removed (`#app-wasm-loader` gone)", quizMs(func(q quizRun) float64 { return q.first.loaderGone }))
	row("**wasm takeover** (the wasm handles a click)", quizMs(func(q quizRun) float64 { return q.first.takeover }))
	row("First visit: bytes over the network (page, CDP)", quizBytes(func(q quizRun) int64 { return q.first.cdpBytes }))
	row("First visit incl. service-worker cache fill: bytes sent (server)", quizBytes(func(q quizRun) int64 { return q.fillBytes }))
	row("First visit incl. cache fill: app.wasm downloads (server)", func(cond string) string {
		var xs []float64
		for _, q := range br.quiz[cond] {
			xs = append(xs, float64(q.fillWasmHits))
		}
		lo, hi := spread(xs)
		return fmt.Sprintf("%g (%g–%g)", median(xs), lo, hi)
	})
	row("Repeat visit: first contentful paint", quizMs(func(q quizRun) float64 { return q.repeat.fcp }))
	row("Repeat visit: first answer possible once painted", quizMs(func(q quizRun) float64 { return q.repeat.answerPainted() }))
	row("Repeat visit: wasm takeover", quizMs(func(q quizRun) float64 { return q.repeat.takeover }))
	row("**Repeat visit: bytes over the network** (page, CDP)", quizBytes(func(q quizRun) int64 { return q.repeat.cdpBytes }))
	row("Repeat visit: bytes sent (server, service worker included)", quizBytes(func(q quizRun) int64 { return q.repeat.srvBytes }))
	row("**Repeat visit: wasm bytes** (page, CDP)", quizBytes(func(q quizRun) int64 { return q.repeat.cdpWasm }))
	row("Repeat visit: wasm bytes (server)", quizBytes(func(q quizRun) int64 { return q.repeat.srvWasm }))
	p("\n")
	for _, cond := range conditions {
		if runs := br.quiz[cond.key]; len(runs) > 0 {
			q := runs[len(runs)-1]
			p("Last run, %s — first visit: HTML received %s–%s, render-blocking requests %s, first contentful paint %s.  \n",
				cond.name, ms(q.first.ttfb), ms(q.first.responseEnd), list(q.first.blocking), ms(q.first.fcp))
			p("Page requests from the network (CDP, headers included): %s.  \n", list(q.first.cdpNetURLs))
			p("Repeat visit, page requests from the network (CDP): %s; server sent: %s.\n\n", list(q.repeat.cdpNetURLs), list(q.repeat.srvPaths))
		}
	}
	var notes []string
	seen := map[string]bool{}
	add := func(cond, what string, ns []string) {
		for _, n := range ns {
			s := fmt.Sprintf("%s, %s: %s", cond, what, n)
			if !seen[s] {
				seen[s] = true
				notes = append(notes, s)
			}
		}
	}
	for _, cond := range conditions {
		for _, v := range br.static[cond.key] {
			add(cond.name, "static", v.notes)
		}
		for _, q := range br.quiz[cond.key] {
			add(cond.name, "first visit", q.first.notes)
			add(cond.name, "repeat visit", q.repeat.notes)
		}
	}
	if len(notes) > 0 {
		p("Notes:\n\n")
		for _, n := range notes {
			p("- %s\n", n)
		}
		p("\n")
	}
}

func (r *report) wasmSection(p printer) {
	w := r.wasm
	if w == nil {
		return
	}
	p("## wasm size\n\napp.wasm as the server under test sends it and a minimal client, both built with `GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w'`, compressed by the bench with brotli quality 11 (as `tools/compress`). The minimal client is one go-app %s component on one route.\n\n", w.goAppVersion)
	p("| | raw | brotli | code section | data section |\n|---|--:|--:|--:|--:|\n")
	for _, f := range []struct {
		name string
		w    *wasmFile
	}{{"app.wasm", w.ours}, {"minimal go-app client", w.minimal}} {
		p("| %s | %s | %s | %s | %s |\n", f.name, thousands(f.w.raw), thousands(f.w.br), thousands(f.w.sections.code), thousands(f.w.sections.data))
	}
	p("| **ratio** | %s | **%s** | %s | %s |\n\n",
		x(float64(w.ours.raw)/float64(w.minimal.raw)), x(float64(w.ours.br)/float64(w.minimal.br)),
		x(float64(w.ours.sections.code)/float64(w.minimal.sections.code)), x(float64(w.ours.sections.data)/float64(w.minimal.sections.data)))
	if w.servedBr > 0 {
		p("The server sends app.wasm in brotli as made by `make build`: %s bytes.\n\n", thousands(w.servedBr))
	}
	if len(w.embedded) > 0 {
		var es []string
		for _, e := range w.embedded {
			es = append(es, fmt.Sprintf("`%s` %s", e.path, kb(e.size)))
		}
		p("Repository files embedded verbatim in app.wasm's data: %s.\n\n", strings.Join(es, ", "))
	}
	p("`go tool nm` cannot read WebAssembly (\"unrecognized object file\"), so the bench reads function sizes from the wasm name section of twin builds without `-s -w` (same code")
	if !w.namesMatch {
		p("; **warning**: the twin's code section differs from the served app.wasm: the sources changed since `make build`")
	}
	p("): %s functions in app.wasm, %s in the minimal client.\n\n", thousands(int64(w.oursFuncs)), thousands(int64(w.minFuncs)))
	p("Top 15 functions of app.wasm by code size:\n\n| # | function | bytes |\n|--:|---|--:|\n")
	for i, f := range w.topFuncs {
		p("| %d | `%s` | %s |\n", i+1, f.name, thousands(f.size))
	}
	p("\nTop 15 packages by code added over the minimal client:\n\n| package | app.wasm | minimal | added |\n|---|--:|--:|--:|\n")
	for _, d := range w.topPkgs {
		p("| `%s` | %s | %s | %s |\n", d.pkg, thousands(d.ours), thousands(d.minimal), thousands(d.ours-d.minimal))
	}
	var ours, minimal int64
	for _, n := range w.oursPkgs {
		ours += n
	}
	for _, n := range w.minPkgs {
		minimal += n
	}
	p("| **all functions** | %s | %s | %s |\n\n", thousands(ours), thousands(minimal), thousands(ours-minimal))
	var gone []string
	for pkg := range w.oursPkgs {
		if _, ok := w.minPkgs[pkg]; !ok && !strings.HasPrefix(pkg, "main") && !strings.HasPrefix(pkg, "cxquiz") {
			gone = append(gone, pkg)
		}
	}
	sort.Strings(gone)
	if len(gone) > 0 {
		p("Packages in app.wasm that the minimal client does not link: %s.\n\n", "`"+strings.Join(gone, "`, `")+"`")
	}
}

func (r *report) loadSection(p printer) {
	l := r.load
	if l == nil {
		return
	}
	p("## Server\n\nThe load generator of make load (internal/load): %d workers on %d keep-alive connections over loopback, each sending its next request as soon as the last one is answered; %d runs of %s per target (after a warm-up), the targets taken in turn; medians, min–max in brackets. Load generator and server share this machine's %d CPUs (and with anything else running: see the last column), so these are lower bounds for a dedicated host. One URL is the same page again and again (the server may serve it from a cache); %s distinct URLs taken in turn, one per way to answer questions 1–6, are what real visitors, each with their own answer code, ask for.\n\n",
		l.conns, l.conns, r.cfg.runs, l.duration, runtime.NumCPU(), distinctCount(l))
	p("| Target | req/s | p50 | p99 | max | errors | body bytes/req | server CPU/req | CPU s per run: server · load generator · other processes |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, t := range l.targets {
		rps, rlo, rhi := t.stat(func(r loadResult) float64 { return r.rps() })
		p50, _, _ := t.stat(func(r loadResult) float64 { return float64(r.p50) })
		p99, plo, phi := t.stat(func(r loadResult) float64 { return float64(r.p99) })
		_, _, mx := t.stat(func(r loadResult) float64 { return float64(r.mx) })
		per, _, _ := t.stat(func(r loadResult) float64 { return float64(r.serverCPU) / float64(max(1, r.requests)) })
		bytesPer, _, _ := t.stat(func(r loadResult) float64 { return float64(r.bodyBytes) / float64(max(1, r.requests)) })
		scpu, _, _ := t.stat(func(r loadResult) float64 { return r.serverCPU.Seconds() })
		bcpu, _, _ := t.stat(func(r loadResult) float64 { return r.benchCPU.Seconds() })
		ocpu, _, _ := t.stat(func(r loadResult) float64 { return r.otherCPU.Seconds() })
		errs, _ := t.errors()
		p("| %s `%s` (Accept-Encoding: %s) | %s (%s–%s) | %s | %s (%s–%s) | %s | %d | %s | %.0f µs | %.1f · %.1f · %.1f |\n",
			t.name, short(t.path), t.encoding,
			thousands(int64(math.Round(rps))), thousands(int64(math.Round(rlo))), thousands(int64(math.Round(rhi))),
			dur(time.Duration(p50)), dur(time.Duration(p99)), dur(time.Duration(plo)), dur(time.Duration(phi)), dur(time.Duration(mx)),
			errs, thousands(int64(math.Round(bytesPer))), per/float64(time.Microsecond), scpu, bcpu, ocpu)
	}
	p("\n")
	for _, t := range l.targets {
		if n, first := t.errors(); n > 0 {
			p("First error, %s: `%s`.\n\n", t.name, first)
		}
	}
	var quiet []string
	for _, t := range l.targets {
		q := t.quiet()
		if len(q.runs) == 0 || len(q.runs) == len(t.runs) {
			continue
		}
		rps, _, _ := q.stat(func(r loadResult) float64 { return r.rps() })
		p99, _, _ := q.stat(func(r loadResult) float64 { return float64(r.p99) })
		quiet = append(quiet, fmt.Sprintf("%s: %s/s, p99 %s (%d of %d runs)", t.name, thousands(int64(math.Round(rps))), dur(time.Duration(p99)), len(q.runs), len(t.runs)))
	}
	if len(quiet) > 0 {
		p("Medians of the runs in which other processes took less than a tenth of the CPU: %s.\n\n", strings.Join(quiet, "; "))
	}
	p("Server memory: %s resident before the load tests, peak %s (VmHWM), %s resident after.\n\n",
		mb(l.startRSSKB*1024), mb(l.hwmKB*1024), mb(l.rssKB*1024))
}

func distinctCount(l *loadResults) string {
	n := 0
	for _, t := range l.targets {
		n = max(n, t.urls)
	}
	return thousands(int64(n))
}

// Formatting.

func ms(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return thousands(int64(math.Round(v))) + " ms"
}

func msSpread(xs []float64) string {
	var ok []float64
	for _, v := range xs {
		if !math.IsNaN(v) {
			ok = append(ok, v)
		}
	}
	if len(ok) == 0 {
		return "n/a"
	}
	lo, hi := spread(ok)
	s := fmt.Sprintf("%s (%s–%s)", ms(median(ok)), thousands(int64(math.Round(lo))), thousands(int64(math.Round(hi))))
	if missing := len(xs) - len(ok); missing > 0 {
		s += fmt.Sprintf(", %d n/a", missing)
	}
	return s
}

func bytesSpread(xs []float64) string {
	if len(xs) == 0 {
		return "n/a"
	}
	lo, hi := spread(xs)
	if lo == hi {
		return thousands(int64(lo)) + " B"
	}
	return fmt.Sprintf("%s B (%s–%s)", thousands(int64(median(xs))), thousands(int64(lo)), thousands(int64(hi)))
}

func x(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", v)
}

func kb(n int64) string {
	if n < 1000 {
		return fmt.Sprintf("%d B", n)
	}
	if n < 1000*1000 {
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%.2f MB", float64(n)/1e6)
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func dur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func short(path string) string {
	if len(path) > 40 {
		return path[:37] + "…"
	}
	return path
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return "`" + strings.Join(xs, "`, `") + "`"
}
