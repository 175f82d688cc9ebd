package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"cxquiz/quiz"
)

// The Lighthouse part: Lighthouse's mobile preset (simulated slow 4G and
// CPU×4, a mid-range phone's screen) on the intro, a question, a result,
// the compare page and a team view. Lighthouse is the npm package pinned in
// bench/lighthouse/package.json (scripts/setup bench installs it), run
// with the Debian chromium and the flags this network needs.

// lighthouseCategories are the categories scored, in report order.
var lighthouseCategories = []struct{ id, name string }{
	{"performance", "Performance"},
	{"accessibility", "Accessibility"},
	{"best-practices", "Best practices"},
	{"seo", "SEO"},
}

// lighthouseAudits are the performance figures the report shows.
var lighthouseAudits = []struct{ id, name string }{
	{"first-contentful-paint", "FCP"},
	{"largest-contentful-paint", "LCP"},
	{"total-blocking-time", "TBT"},
	{"interactive", "TTI"},
	{"bootup-time", "JS/wasm boot-up"},
}

type lighthousePage struct {
	name, path string
	runs       []lighthouseRun
}

type lighthouseRun struct {
	scores map[string]float64 // by category id, 0–100
	audits map[string]string  // display values by audit id
	tbt    float64            // ms
	// threadTBT is what Lighthouse's TBT would be (simulate only) if each
	// main-thread task from FCP on took 4× its thread time, not 4× its
	// wall time, which on a busy machine includes waiting for a CPU.
	threadTBT float64 // ms; NaN where unknown
	version   string
	err       string // why the run has no scores
}

type lighthouseResults struct {
	version string
	pages   []*lighthousePage
	// devtools are the same pages with --throttling-method=devtools
	// (-lighthouse-devtools), or nil.
	devtools []*lighthousePage
}

// lighthouseBin finds the pinned Lighthouse.
func lighthouseBin(root string) (string, error) {
	bin := filepath.Join(root, "bench", "lighthouse", "node_modules", "lighthouse", "cli", "index.js")
	if _, err := os.Stat(bin); err != nil {
		return "", errors.New("lighthouse is not installed: run scripts/setup bench (make bench does), or -skip lighthouse")
	}
	return bin, nil
}

func measureLighthouse(ctx context.Context, c config, root string, srv *server) (*lighthouseResults, error) {
	bin, err := lighthouseBin(root)
	if err != nil {
		return nil, err
	}
	result, compare, codes, err := resultPaths(ctx, srv.url)
	if err != nil {
		return nil, err
	}
	teamView, err := teamPath(ctx, srv.url, codes)
	if err != nil {
		return nil, err
	}
	res := &lighthouseResults{pages: []*lighthousePage{
		{name: "intro", path: "/"},
		{name: "question", path: "/q/1"},
		{name: "result", path: result},
		{name: "compare", path: compare},
		{name: "team view", path: teamView},
	}}
	if c.lighthouseDevtools {
		for _, pg := range res.pages {
			res.devtools = append(res.devtools, &lighthousePage{name: pg.name, path: pg.path})
		}
	}
	runs := max(1, min(c.runs, c.lighthouseRuns))
	for i := range runs {
		for j, pg := range res.pages {
			// Interleaved, so that both methods see the same load.
			res.lighthouseOnce(ctx, bin, c.chromium, srv.url, pg, i, runs, false)
			if res.devtools != nil {
				res.lighthouseOnce(ctx, bin, c.chromium, srv.url, res.devtools[j], i, runs, true)
			}
		}
	}
	return res, nil
}

func (res *lighthouseResults) lighthouseOnce(ctx context.Context, bin, chromium, base string, pg *lighthousePage, i, runs int, devtools bool) {
	method := "simulate"
	if devtools {
		method = "devtools"
	}
	progress("lighthouse run %d/%d (%s): %s (%s)", i+1, runs, method, pg.name, short(pg.path))
	r := lighthouseRunOnce(ctx, bin, chromium, base+pg.path, devtools)
	if r.err != "" && ctx.Err() == nil {
		// Lighthouse gives up now and then on a busy machine
		// (NO_NAVSTART, a protocol timeout): once more.
		progress("  %s; once more", r.err)
		r = lighthouseRunOnce(ctx, bin, chromium, base+pg.path, devtools)
	}
	if r.err != "" {
		progress("  %s", r.err)
	} else {
		progress("  performance %.0f, accessibility %.0f, best practices %.0f, SEO %.0f; TBT %s (4× thread time: %s)",
			r.scores["performance"], r.scores["accessibility"], r.scores["best-practices"], r.scores["seo"], ms(r.tbt), ms(r.threadTBT))
		res.version = r.version
	}
	pg.runs = append(pg.runs, r)
}

// resultPaths returns the path of a finished result and of the compare
// page of two results, made with the bank the server takes, and the codes
// of three results.
func resultPaths(ctx context.Context, base string) (result, compare string, codes []string, err error) {
	var banks []*quiz.Bank
	if b, err := quiz.Load(); err == nil {
		banks = append(banks, b)
	}
	if all, err := quiz.LoadAll(); err == nil {
		banks = append(banks, all.All()...)
	}
	for _, b := range banks {
		a, c, d := b.NewAnswers(), b.NewAnswers(), b.NewAnswers()
		for i := range a {
			a[i], c[i], d[i] = i%quiz.OptionsPerQuestion, (i+1)%quiz.OptionsPerQuestion, (i+2)%quiz.OptionsPerQuestion
		}
		codeA, codeC := b.Encode(a), b.Encode(c)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/result?a="+codeA, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return "", "", nil, err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return "/result?a=" + codeA, "/compare?r=" + codeA + "&r=" + codeC, []string{codeA, codeC, b.Encode(d)}, nil
		}
	}
	return "", "", nil, errors.New("the server shows no result for a code of any bank version")
}

// teamPath creates a team check-in on the server with a result for each
// code, as its forms would, and returns the path of its team view.
func teamPath(ctx context.Context, base string, codes []string) (string, error) {
	post := func(path string, form url.Values) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := noRedirect.Do(req)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
			return nil, fmt.Errorf("POST %s: %s, want a redirect", path, resp.Status)
		}
		return resp, nil
	}
	resp, err := post("/team/new", url.Values{"name": {"Bench team"}})
	if err != nil {
		return "", fmt.Errorf("creating a team: %w", err)
	}
	admin, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	view := strings.TrimSuffix(admin.Path, "/admin")
	if view == admin.Path {
		return "", fmt.Errorf("creating a team led to %s, not its admin page", admin)
	}
	for _, c := range codes {
		if _, err := post(view+"/add", url.Values{"a": {c}}); err != nil {
			return "", fmt.Errorf("adding a result to the team: %w", err)
		}
	}
	return view, nil
}

// noRedirect is a client that leaves redirects to the caller.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func lighthouseRunOnce(ctx context.Context, bin, chromium, url string, devtools bool) lighthouseRun {
	r := lighthouseRun{scores: map[string]float64{}, audits: map[string]string{}, threadTBT: math.NaN()}
	dir, err := os.MkdirTemp("", "cxquiz-lighthouse-")
	if err != nil {
		r.err = err.Error()
		return r
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "report.json")
	flags := []string{"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile")}
	args := []string{bin, url, "--output=json", "--output-path=" + out, "--quiet", "--save-assets",
		"--chrome-flags=" + strings.Join(flags, " "),
		"--only-categories=performance,accessibility,best-practices,seo"}
	if devtools {
		args = append(args, "--throttling-method=devtools")
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		r.err = fmt.Sprintf("lighthouse failed: %v: %s", err, lastLine(stderr.String()))
		return r
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		r.err = err.Error()
		return r
	}
	var rep struct {
		LighthouseVersion string `json:"lighthouseVersion"`
		RuntimeError      *struct{ Code, Message string }
		Categories        map[string]struct {
			Score *float64 `json:"score"`
		} `json:"categories"`
		Audits map[string]struct {
			DisplayValue string  `json:"displayValue"`
			NumericValue float64 `json:"numericValue"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(raw, &rep); err != nil {
		r.err = "reading lighthouse's report: " + err.Error()
		return r
	}
	r.version = rep.LighthouseVersion
	for id, c := range rep.Categories {
		if c.Score != nil {
			r.scores[id] = *c.Score * 100
		}
	}
	for _, a := range lighthouseAudits {
		r.audits[a.id] = rep.Audits[a.id].DisplayValue
	}
	r.tbt = rep.Audits["total-blocking-time"].NumericValue
	if !devtools {
		// --save-assets wrote the trace next to the report.
		if tbt, err := threadTBT(filepath.Join(dir, "report-0.trace.json")); err == nil {
			r.threadTBT = tbt
		} else {
			progress("  reading the trace: %v", err)
		}
	}
	if len(r.scores) < len(lighthouseCategories) {
		msg := "some categories have no score"
		if rep.RuntimeError != nil {
			msg += ": " + rep.RuntimeError.Message
		}
		r.err = msg
	}
	return r
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// score is the median score of a category over the runs that have one.
func (pg *lighthousePage) score(cat string) float64 {
	var xs []float64
	for _, r := range pg.runs {
		if v, ok := r.scores[cat]; ok {
			xs = append(xs, v)
		}
	}
	return median(xs)
}

// threadTBT reads a Lighthouse trace and returns the blocking time (the
// part of each task over 50 ms) of the page's main-thread tasks from
// first contentful paint on, each task taken as 4× its thread time.
// Lighthouse's simulation takes 4× each task's wall time instead, and
// that, on a shared machine, includes the time the thread waited for a
// CPU. Unlike Lighthouse it counts to the end of the trace, not to TTI.
func threadTBT(path string) (float64, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	type event struct {
		Name, Ph      string
		Pid, Tid      int
		Ts, Dur, Tdur float64
		Args          struct{ Name string }
	}
	var tr struct{ TraceEvents []event }
	if err := json.Unmarshal(raw, &tr); err != nil {
		return 0, err
	}
	type thread struct{ pid, tid int }
	count := map[thread]int{}
	renderers := map[thread]bool{}
	fcp := math.Inf(1)
	for _, e := range tr.TraceEvents {
		t := thread{e.Pid, e.Tid}
		count[t]++
		switch e.Name {
		case "thread_name":
			renderers[t] = e.Args.Name == "CrRendererMain"
		case "firstContentfulPaint":
			fcp = min(fcp, e.Ts)
		}
	}
	var main thread
	for t, ok := range renderers {
		if ok && count[t] > count[main] {
			main = t
		}
	}
	if count[main] == 0 || math.IsInf(fcp, 1) {
		return 0, errors.New("no renderer main thread or no first contentful paint")
	}
	var tbt float64
	for _, e := range tr.TraceEvents {
		if (thread{e.Pid, e.Tid}) == main && e.Ph == "X" && e.Name == "RunTask" && e.Ts >= fcp {
			tbt += max(0, 4*e.Tdur/1000-50)
		}
	}
	return tbt, nil
}
