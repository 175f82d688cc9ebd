package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// The take-over part: a cold visit of a question page on slow 4G + CPU×4,
// traced with DevTools tracing, while the bench clicks and presses keys as
// the wasm arrives. It measures where the main thread's time goes when
// the wasm takes over the prerendered page, the longest task, Total
// Blocking Time and how long those inputs waited for an answer.

// takeoverJS runs in every document before the page's scripts. It keeps
// long tasks and Event Timing entries, and marks (User Timing, so they
// are in the trace too) when the page asks for the wasm to be compiled,
// when it is, and when go.run starts and returns. The wasm adds its own
// marks (cxquiz:*) between the phases of its start.
const takeoverJS = `(() => {
  if (window.__takeover) return;
  const T = window.__takeover = {longtasks: [], events: []};
  performance.mark("bench:doc");
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) T.longtasks.push([e.startTime, e.duration]); })
      .observe({type: "longtask", buffered: true});
  } catch (e) {}
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) T.events.push({name: e.name, start: e.startTime, dur: e.duration, id: e.interactionId || 0, ps: e.processingStart, pe: e.processingEnd});
    }).observe({type: "event", durationThreshold: 16, buffered: true});
  } catch (e) {}
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = function () {
      if (name === "instantiateStreaming" || !(arguments[0] instanceof WebAssembly.Module)) performance.mark("bench:instantiate");
      return orig.apply(this, arguments).then((r) => { performance.mark("bench:instantiated"); return r; });
    };
  }
  let Go;
  Object.defineProperty(window, "Go", {configurable: true, get: () => Go, set: (cls) => {
    Go = cls;
    const run = cls.prototype.run;
    cls.prototype.run = function () {
      performance.mark("bench:run");
      const p = run.apply(this, arguments);
      performance.mark("bench:run-returned");
      return p;
    };
  }});
})();`

// takeoverStateJS tells the bench where the page is: whether the wasm
// has been run and its mount mark.
// It is kept small: the bench asks every 250 ms, on the page's main
// thread.
const takeoverStateJS = `(() => {
  const m = (n) => { const e = performance.getEntriesByName(n)[0]; return e ? e.startTime : 0; };
  return {run: m("bench:run"), mounted: m("cxquiz:mounted"), loaderGone: (window.__bench || {}).loaderGone || 0};
})()`

// takeoverTargetsJS finds where to tap options 2 and 3. Finding one may
// scroll it into view and move the other: the points count only if a
// second look finds them all without scrolling. (Until 2026-12-02 the
// bench kept option 2's point from before it scrolled to option 3; on a
// 437 px high window that point was the Back link, and the take-over runs
// measured a navigation to the intro halfway through app.wasm's
// download.)
const takeoverTargetsJS = `(() => {
  const look = () => {
    const out = [];
    for (const id of ["opt-2", "opt-3"]) {
      const e = document.getElementById(id);
      const t = e && window.__bench ? window.__bench.target(e) : {state: "wait"};
      if (t.state === "click") out.push([t.x, t.y]);
    }
    return out;
  };
  look();
  const y = scrollY, targets = look();
  return {targets: targets.length === 2 && scrollY === y ? targets : []};
})()`

const takeoverResultJS = `(() => {
  const T = window.__takeover || {longtasks: [], events: []};
  const marks = {};
  for (const e of performance.getEntriesByType("mark")) if (!(e.name in marks)) marks[e.name] = e.startTime;
  const w = performance.getEntriesByType("resource").find((r) => r.name.includes(".wasm")) || {};
  const p = performance.getEntriesByName("first-contentful-paint")[0];
  return {marks, longtasks: T.longtasks, events: T.events, fcp: p ? p.startTime : 0,
    wasmStart: w.startTime || 0, wasmEnd: w.responseEnd || 0, now: performance.now()};
})()`

// phase is one step of the take-over, in page time (ms since navigation).
type phase struct {
	name       string
	start, end float64
	busy       float64 // main-thread time in tasks within the phase
	longest    float64 // the longest task that overlaps the phase
	busyCPU    float64 // the tasks' thread time (see task.cpu), pro rata
}

// takeoverRun is what one traced visit measured.
type takeoverRun struct {
	phases []phase
	// window is the take-over: from the end of the wasm download until
	// a second after the wasm's first screen is mounted.
	windowStart, windowEnd float64
	longest                float64 // longest main-thread task in the window
	tbt                    float64 // Total Blocking Time from FCP to the end of the visit
	tbtWindow              float64 // Total Blocking Time within the window
	// The same from the tasks' thread time, for reference (see task.cpu).
	longestCPU, tbtCPU float64
	inputs             int // inputs sent during the take-over
	latencies          []float64
	notes              []string
}

// maxLatency is the slowest answer to an input; inputs Event Timing did
// not report (answered within 16 ms) count as 16 ms.
func (r takeoverRun) maxLatency() float64 {
	if r.inputs == 0 {
		return math.NaN()
	}
	m := 16.0
	for _, l := range r.latencies {
		m = max(m, l)
	}
	return m
}

// traceCategories are what the take-over trace records: the renderer's
// tasks and the page's User Timing marks.
var traceCategories = []string{"toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8.execute", "__metadata"}

// detailCategories are added to a trace that is written out (-trace-dir):
// what V8 does with the wasm (streaming, compiling, instantiating) and on
// which thread, and the loading of scripts and workers.
var detailCategories = []string{"v8", "v8.wasm", "disabled-by-default-v8.wasm.detailed", "disabled-by-default-v8.compile", "blink", "loading", "disabled-by-default-devtools.timeline.frame", "devtools.timeline.async"}

// writeTrace writes trace events as a JSON trace file.
func writeTrace(name string, events []json.RawMessage) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(`{"traceEvents":[`)
	for i, e := range events {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(e)
	}
	b.WriteString("]}\n")
	return os.WriteFile(name, b.Bytes(), 0o644)
}

func takeoverVisit(ctx context.Context, c config, url, traceFile string, withInput bool) (takeoverRun, error) {
	var res takeoverRun
	t, err := launch(ctx, c.chromium, condition{key: "slow", name: "slow 4G + CPU×4", throttle: true})
	if err != nil {
		return res, err
	}
	defer t.close()
	vctx, cancel := context.WithTimeout(t.ctx, c.visitTimeout)
	defer cancel()

	var mu sync.Mutex
	var events []json.RawMessage
	done := make(chan struct{})
	var wasmID network.RequestID
	var wasmGot, wasmLen int64
	// app.wasm comes over the network to the page, to the worker that
	// compiles it or to the service worker filling its cache, whichever
	// asked first (the others wait for the HTTP cache): the one that got
	// the most of it counts.
	got := map[network.RequestID]int64{}
	wasmEvent := func(ev any) {
		switch e := ev.(type) {
		case *network.EventResponseReceived:
			if strings.Contains(e.Response.URL, ".wasm") {
				got[e.RequestID] += 0
				if v, ok := e.Response.Headers["Content-Length"]; ok {
					fmt.Sscan(fmt.Sprint(v), &wasmLen)
				}
			}
		case *network.EventDataReceived:
			if n, ok := got[e.RequestID]; ok {
				got[e.RequestID] = n + e.EncodedDataLength
				if got[e.RequestID] > wasmGot {
					wasmID, wasmGot = e.RequestID, got[e.RequestID]
				}
			}
		}
	}
	chromedp.ListenTarget(t.ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			for _, v := range e.Value {
				events = append(events, json.RawMessage(v))
			}
		case *tracing.EventTracingComplete:
			close(done)
		default:
			wasmEvent(ev)
		}
	})
	t.setWorkerNet(func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		wasmEvent(ev)
	})
	categories := traceCategories
	if traceFile != "" {
		categories = append(slices.Clip(categories), detailCategories...)
	}
	err = chromedp.Run(vctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(takeoverJS).Do(ctx)
			return err
		}),
		tracing.Start().WithTransferMode(tracing.TransferModeReportEvents).
			WithTraceConfig(&tracing.TraceConfig{IncludedCategories: categories}),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, _, text, _, err := page.Navigate(url).Do(ctx)
			if err == nil && text != "" {
				err = fmt.Errorf("%s", text)
			}
			return err
		}),
	)
	if err != nil {
		return res, fmt.Errorf("navigating to %s: %w", url, err)
	}

	// As a person would: tap the options and press their number keys
	// while the wasm arrives and takes over, every 150 ms from when 85 %
	// of it has arrived until a second after its first screen is
	// mounted. Inputs go from their own goroutine, stamped with the time
	// they are sent, so one sent while the page is busy waits as a
	// person's would; the page's state is read in between.
	var state struct {
		Run, Mounted, LoaderGone float64
		Targets                  [][2]float64
	}
	eval := func(js string, out any) error {
		return chromedp.Run(vctx, chromedp.Evaluate(js, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}))
	}
	for withInput {
		if err := eval(takeoverTargetsJS, &state); err == nil && len(state.Targets) > 0 {
			break
		}
		if vctx.Err() != nil {
			return res, fmt.Errorf("waiting for the options: %w", vctx.Err())
		}
		time.Sleep(100 * time.Millisecond)
	}
	targets := state.Targets
	stop := make(chan struct{})
	var sent sync.WaitGroup
	var inputs int
	sent.Add(1)
	go func() {
		defer sent.Done()
		tick := time.NewTicker(150 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-vctx.Done():
				return
			case <-tick.C:
			}
			mu.Lock()
			near := wasmLen > 0 && wasmGot >= wasmLen*85/100
			mu.Unlock()
			if !near || !withInput {
				continue
			}
			inputs++
			sendInput(vctx, inputs, targets)
		}
	}()
	started := time.Now()
	var mountedAt time.Time
	for {
		if time.Since(started) > 2*time.Minute {
			res.notes = append(res.notes, "the wasm did not take over within 2 minutes")
			break
		}
		if err := eval(takeoverStateJS, &state); err != nil {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		if mountedAt.IsZero() && (state.Mounted > 0 || state.LoaderGone > 0) {
			mountedAt = time.Now()
		}
		if !mountedAt.IsZero() && time.Since(mountedAt) > time.Second {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	close(stop)
	sent.Wait()
	res.inputs = inputs
	if inputs == 0 && withInput {
		// Inputs start when 85 % of app.wasm has arrived: say what the
		// bench saw of it, so a run without input can be explained.
		mu.Lock()
		res.notes = append(res.notes, fmt.Sprintf("no input sent: saw %d of app.wasm's %d bytes (request %q)", wasmGot, wasmLen, wasmID))
		mu.Unlock()
	}
	time.Sleep(2 * time.Second) // let late tasks finish
	var r struct {
		Marks     map[string]float64
		Longtasks [][2]float64
		Events    []struct {
			Name       string
			Start, Dur float64
			ID         int64
			PS, PE     float64
		}
		FCP       float64
		WasmStart float64
		WasmEnd   float64
		Now       float64
	}
	if err := eval(takeoverResultJS, &r); err != nil {
		return res, err
	}
	if err := chromedp.Run(vctx, tracing.End()); err != nil {
		return res, fmt.Errorf("ending the trace: %w", err)
	}
	select {
	case <-done:
	case <-vctx.Done():
		return res, vctx.Err()
	}
	mu.Lock()
	tasks, err := mainThreadTasks(events, r.Marks)
	if traceFile != "" {
		if err := writeTrace(traceFile, events); err != nil {
			res.notes = append(res.notes, "writing the trace: "+err.Error())
		}
	}
	mu.Unlock()
	if err != nil {
		res.notes = append(res.notes, "trace: "+err.Error()+"; long tasks from PerformanceObserver")
		for _, lt := range r.Longtasks {
			tasks = append(tasks, task{lt[0], lt[0] + lt[1], math.NaN()})
		}
	}

	// Phases, from the marks that exist: an older wasm has none of its own.
	m := r.Marks
	mark := func(names ...string) float64 {
		for _, n := range names {
			if v, ok := m[n]; ok {
				return v
			}
		}
		return math.NaN()
	}
	if r.WasmEnd == 0 {
		// Compiled in a worker: its download, in page time (app.js marks
		// it when the module arrives).
		if s, e := mark("cxquiz:wasm-requested"), mark("cxquiz:wasm-received"); !math.IsNaN(s) && !math.IsNaN(e) {
			r.WasmStart, r.WasmEnd = s, e
		}
	}
	steps := []struct{ name, from, to string }{
		{"download app.wasm", "", ""},
		{"compile and instantiate", "", "bench:instantiated"},
		{"compile in a worker (the page's main thread is free)", "", "cxquiz:compiled-in-worker"},
		{"instantiate", "cxquiz:compiled-in-worker", "bench:instantiated"},
		{"Go runtime", "bench:run", "cxquiz:runtime"},
		{"package init", "cxquiz:runtime", "cxquiz:main"},
		{"Go runtime and package init", "bench:run", "cxquiz:main"},
		{"bank and texts", "cxquiz:main", "cxquiz:loaded"},
		{"rehearsal (the first screen built and mounted off-screen)", "cxquiz:loaded", "cxquiz:rehearsed"},
		{"mount (go-app renders the page)", "cxquiz:rehearsed", "cxquiz:mounted"},
		{"mount (go-app renders the page)", "cxquiz:loaded", "cxquiz:mounted"},
	}
	for _, s := range steps {
		if _, split := m["cxquiz:runtime"]; split && s.name == "Go runtime and package init" {
			continue
		}
		if _, rehearsed := m["cxquiz:rehearsed"]; rehearsed && s.from == "cxquiz:loaded" && s.to == "cxquiz:mounted" {
			continue // the mount counts from the rehearsal's end where there is one
		}
		_, inWorker := m["cxquiz:compiled-in-worker"]
		if workerStep := s.to == "cxquiz:compiled-in-worker" || s.from == "cxquiz:compiled-in-worker"; inWorker && s.name == "compile and instantiate" || !inWorker && workerStep {
			continue // compiled by the page or by a worker
		}
		var ph phase
		ph.name = s.name
		switch s.name {
		case "download app.wasm":
			ph.start, ph.end = r.WasmStart, r.WasmEnd
		case "compile and instantiate", "compile in a worker (the page's main thread is free)":
			ph.start, ph.end = r.WasmEnd, mark(s.to)
		default:
			ph.start, ph.end = mark(s.from), mark(s.to)
		}
		if math.IsNaN(ph.start) || math.IsNaN(ph.end) || ph.end < ph.start {
			continue
		}
		ph.busy, ph.longest = busyIn(tasks, ph.start, ph.end)
		ph.busyCPU = cpuIn(tasks, ph.start, ph.end)
		res.phases = append(res.phases, ph)
	}
	if _, ok := m["cxquiz:main"]; !ok {
		// No marks of its own: go.run does it all at once.
		if s, e := mark("bench:run"), mark("bench:run-returned"); !math.IsNaN(s) && !math.IsNaN(e) {
			ph := phase{name: "Go start and mount (go.run, not split)", start: s, end: e}
			ph.busy, ph.longest = busyIn(tasks, s, e)
			ph.busyCPU = cpuIn(tasks, s, e)
			res.phases = append(res.phases, ph)
		}
	}
	res.windowStart = r.WasmEnd
	res.windowEnd = mark("cxquiz:mounted", "bench:run-returned") + 1000
	if math.IsNaN(res.windowEnd) {
		res.windowEnd = r.Now
	}
	for _, tk := range tasks {
		d := tk.end - tk.start
		if tk.end > res.windowStart && tk.start < res.windowEnd {
			res.longest = max(res.longest, d)
			res.tbtWindow += max(0, d-50)
		}
		if r.FCP > 0 && tk.start >= r.FCP {
			res.tbt += max(0, d-50)
			res.tbtCPU += max(0, tk.cpu-50)
		}
		if tk.end > res.windowStart && tk.start < res.windowEnd {
			res.longestCPU = max(res.longestCPU, tk.cpu)
		}
	}
	// One latency per interaction: the longest of its events.
	byID := map[int64]float64{}
	for _, e := range r.Events {
		if e.ID != 0 {
			byID[e.ID] = max(byID[e.ID], e.Dur)
		}
	}
	for _, l := range byID {
		res.latencies = append(res.latencies, l)
	}
	// Why each slow input waited: before its handler (a task in the
	// way), in it, or after it until the next paint.
	if c.explainInputs {
		for _, e := range r.Events {
			if e.ID == 0 || e.Dur < 100 {
				continue
			}
			var in []string
			for _, tk := range tasks {
				if tk.end > e.Start && tk.start < e.Start+e.Dur && tk.end-tk.start > 20 {
					in = append(in, fmt.Sprintf("%.0f+%.0f", tk.start-e.Start, tk.end-tk.start))
				}
			}
			var ms []string
			for n, v := range m {
				if v > e.Start-300 && v < e.Start+e.Dur {
					ms = append(ms, fmt.Sprintf("%s@%.0f", n, v-e.Start))
				}
			}
			progress("  input %s at %.0f: %.0f ms = wait %.0f, handle %.0f, to paint %.0f; tasks %v; marks %v", e.Name, e.Start, e.Dur, e.PS-e.Start, e.PE-e.PS, e.Start+e.Dur-e.PE, in, ms)
		}
	}
	sort.Float64s(res.latencies)
	return res, nil
}

// sendInput sends the nth input of the take-over: alternately a tap on
// one of the targets and a number key (quiz.js chooses that option).
//
// Each event carries the time it is sent, to the microsecond, so that
// Event Timing counts from there. cdproto's input.TimeSinceEpoch cannot
// be used for it: it sends whole seconds (UnixNano / 1e9), which put
// every input at the start of its second and added 0–1 s to each
// latency (0.5 s on average) before 2026-12-01.
func sendInput(ctx context.Context, n int, targets [][2]float64) {
	send := func(method string, params map[string]any) {
		params["timestamp"] = float64(time.Now().UnixMicro()) / 1e6
		chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
			return cdp.Execute(ctx, method, params, nil)
		}))
	}
	if n%2 == 1 {
		key := fmt.Sprint(2 + (n/2)%2)
		vk := int64('0' + 2 + (n/2)%2)
		send(input.CommandDispatchKeyEvent, map[string]any{"type": input.KeyDown, "key": key, "code": "Digit" + key, "text": key, "windowsVirtualKeyCode": vk})
		send(input.CommandDispatchKeyEvent, map[string]any{"type": input.KeyUp, "key": key, "code": "Digit" + key, "windowsVirtualKeyCode": vk})
		return
	}
	x := targets[(n/2)%len(targets)]
	for _, typ := range []input.MouseType{input.MousePressed, input.MouseReleased} {
		send(input.CommandDispatchMouseEvent, map[string]any{"type": typ, "x": x[0], "y": x[1], "button": input.Left, "clickCount": 1})
	}
}

// task is one main-thread task, in page time.
type task struct {
	start, end float64
	// cpu is the thread time the task took (trace "tdur"), NaN where
	// unknown. It leaves out the time the thread waited for a CPU that
	// other processes held; how DevTools' CPU throttling counts in it is
	// not established, so the report shows it for reference only.
	cpu float64
}

// mainThreadTasks finds the page's main thread in a trace (the thread
// that recorded the bench's first mark) and returns its top-level tasks
// in page time.
func mainThreadTasks(raw []json.RawMessage, marks map[string]float64) ([]task, error) {
	type event struct {
		Name string  `json:"name"`
		Cat  string  `json:"cat"`
		Ph   string  `json:"ph"`
		TS   float64 `json:"ts"`
		Dur  float64 `json:"dur"`
		TDur float64 `json:"tdur"`
		PID  int     `json:"pid"`
		TID  int     `json:"tid"`
	}
	evs := make([]event, 0, len(raw))
	for _, r := range raw {
		var e event
		if json.Unmarshal(r, &e) == nil {
			evs = append(evs, e)
		}
	}
	// The mark's trace time and page time give the offset between them.
	var pid, tid int
	offset := math.NaN()
	for _, e := range evs {
		if e.Name == "bench:doc" && strings.Contains(e.Cat, "user_timing") {
			if pt, ok := marks["bench:doc"]; ok {
				pid, tid, offset = e.PID, e.TID, e.TS/1000-pt
			}
		}
	}
	if math.IsNaN(offset) {
		return nil, fmt.Errorf("no bench:doc mark in %d events", len(evs))
	}
	var tasks []task
	for _, name := range []string{"RunTask", "ThreadControllerImpl::RunTask"} {
		for _, e := range evs {
			if e.Name == name && e.Ph == "X" && e.PID == pid && e.TID == tid {
				cpu := math.NaN()
				if e.TDur > 0 {
					cpu = e.TDur / 1000
				}
				tasks = append(tasks, task{e.TS/1000 - offset, (e.TS+e.Dur)/1000 - offset, cpu})
			}
		}
		if len(tasks) > 0 {
			break
		}
	}
	if len(tasks) == 0 {
		return nil, fmt.Errorf("no tasks on the main thread")
	}
	sort.Slice(tasks, func(i, j int) bool { return tasks[i].start < tasks[j].start })
	// Keep top-level tasks only.
	out := tasks[:0]
	end := math.Inf(-1)
	for _, tk := range tasks {
		if tk.start >= end {
			out = append(out, tk)
			end = tk.end
		}
	}
	return out, nil
}

// busyIn sums the main-thread time within [start, end] and returns the
// longest task that overlaps it.
func busyIn(tasks []task, start, end float64) (busy, longest float64) {
	for _, tk := range tasks {
		s, e := max(tk.start, start), min(tk.end, end)
		if e > s {
			busy += e - s
			longest = max(longest, tk.end-tk.start)
		}
	}
	return busy, longest
}

// cpuIn sums the tasks' thread time within [start, end], each task
// counted in proportion to its part in the interval.
func cpuIn(tasks []task, start, end float64) float64 {
	var sum float64
	for _, tk := range tasks {
		s, e := max(tk.start, start), min(tk.end, end)
		if e > s && tk.end > tk.start && !math.IsNaN(tk.cpu) {
			sum += tk.cpu * (e - s) / (tk.end - tk.start)
		}
	}
	return sum
}

// takeoverResults are the take-over runs of each page measured.
type takeoverResults struct {
	path string
	runs []takeoverRun
}

func measureTakeover(ctx context.Context, c config, srv *server) (*takeoverResults, error) {
	res := &takeoverResults{path: c.takeoverPage}
	if res.path == "result" || res.path == "compare" {
		result, compare, _, err := resultPaths(ctx, srv.url)
		if err != nil {
			return nil, err
		}
		res.path = map[string]string{"result": result, "compare": compare}[res.path]
	}
	withInput := strings.HasPrefix(res.path, "/q/")
	for i := range c.runs {
		progress("take-over run %d/%d: %s, slow 4G + CPU×4, traced, with input", i+1, c.runs, res.path)
		var traceFile string
		if c.traceDir != "" {
			traceFile = filepath.Join(c.traceDir, fmt.Sprintf("takeover-%d.json", i+1))
		}
		r, err := takeoverVisit(ctx, c, srv.url+res.path, traceFile, withInput)
		if err != nil {
			return nil, fmt.Errorf("take-over of %s: %w", res.path, err)
		}
		var ph []string
		for _, p := range r.phases {
			ph = append(ph, fmt.Sprintf("%s %s–%s busy %s (thread time %s) longest %s", p.name, ms(p.start), ms(p.end), ms(p.busy), ms(p.busyCPU), ms(p.longest)))
		}
		progress("  %s", strings.Join(ph, "; "))
		progress("  longest task %s (thread time %s), TBT %s (thread time %s; take-over %s), %d inputs, slowest answer %s %v", ms(r.longest), ms(r.longestCPU), ms(r.tbt), ms(r.tbtCPU), ms(r.tbtWindow), r.inputs, ms(r.maxLatency()), r.notes)
		res.runs = append(res.runs, r)
	}
	return res, nil
}
