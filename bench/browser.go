package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// condition is how the browser's network and CPU are held back.
type condition struct {
	key, name string
	throttle  bool
}

var conditions = []condition{
	{key: "fast", name: "no throttling"},
	{key: "slow", name: "slow 4G + CPU×4", throttle: true},
}

// Chrome DevTools' "slow 4G" preset, as Lighthouse uses it.
const (
	slowLatencyMs = 562.5  // round trip
	slowDownload  = 180000 // bytes/s: 1.44 Mbit/s
	slowUpload    = 84375  // bytes/s: 675 kbit/s
	slowCPURate   = 4
)

// visit is what one page load measured. Times are milliseconds from the
// start of the navigation; NaN where not measured or not reached.
type visit struct {
	fcp         float64
	firstAnswer float64 // a real click on #opt-1 has checked it
	loaderGone  float64 // go-app removed #app-wasm-loader
	takeover    float64 // the wasm's change handler ran for a real click
	// Navigation Timing of the document: first and last byte of the
	// HTML, DOMContentLoaded.
	ttfb, responseEnd, dcl float64
	// blocking lists the render-blocking requests: "path start–end".
	blocking []string
	// cdp* count what the page's requests took from the network:
	// Network.loadingFinished encodedDataLength (headers included) of
	// responses not from a cache or the service worker, plus the service
	// worker's own network requests.
	cdpBytes, cdpWasm int64
	cdpRequests       int
	cdpNetURLs        []string
	// srv* count what the server sent while the visit lasted (body bytes
	// from its access log), service worker fetches included.
	srvBytes, srvWasm        int64
	srvRequests, srvWasmHits int
	srvPaths                 []string
	notes                    []string
}

// quizRun is one cold visit of /q/1, its service worker cache fill and a
// repeat visit in the same profile.
type quizRun struct {
	first, repeat visit
	// fill* is what the server sent from the first navigation until the
	// service worker had cached every resource (or gave up).
	fillBytes, fillWasm int64
	fillWasmHits        int
	swCached            int // resources in the service worker's cache
}

type browserResults struct {
	chromium  string
	swExpect  int // resources go-app's service worker caches
	staticURL string
	// per condition key, one entry per run
	static map[string][]visit
	quiz   map[string][]quizRun
}

func measureBrowser(ctx context.Context, c config, srv *server) (*browserResults, error) {
	st, err := startStatic(ctx, srv.url)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	swExpect, err := workerResources(ctx, srv.url)
	if err != nil {
		return nil, err
	}
	res := &browserResults{swExpect: swExpect, staticURL: st.url,
		static: map[string][]visit{}, quiz: map[string][]quizRun{}}
	srv.setCapture(true)
	defer srv.setCapture(false)
	for i := range c.runs {
		for _, cond := range conditions {
			progress("browser run %d/%d, %s: static page", i+1, c.runs, cond.name)
			v, err := staticVisit(ctx, c, cond, st.url)
			if err != nil {
				return nil, fmt.Errorf("static page, %s: %w", cond.name, err)
			}
			res.static[cond.key] = append(res.static[cond.key], v)
			progress("browser run %d/%d, %s: quiz /q/1, cold then repeat", i+1, c.runs, cond.name)
			q, ver, err := quizVisits(ctx, c, cond, srv, swExpect)
			if err != nil {
				return nil, fmt.Errorf("quiz page, %s: %w", cond.name, err)
			}
			res.chromium = ver
			res.quiz[cond.key] = append(res.quiz[cond.key], q)
			progress("  static: HTML %s–%s, FCP %s, first answer %s", ms(v.ttfb), ms(v.responseEnd), ms(v.fcp), ms(v.firstAnswer))
			progress("  quiz:   HTML %s–%s, FCP %s, first answer %s, DOMContentLoaded %s, loader gone %s, takeover %s",
				ms(q.first.ttfb), ms(q.first.responseEnd), ms(q.first.fcp), ms(q.first.firstAnswer), ms(q.first.dcl), ms(q.first.loaderGone), ms(q.first.takeover))
			progress("  repeat: HTML %s–%s, FCP %s, first answer %s, takeover %s, %d B from the server (wasm %d B)",
				ms(q.repeat.ttfb), ms(q.repeat.responseEnd), ms(q.repeat.fcp), ms(q.repeat.firstAnswer), ms(q.repeat.takeover), q.repeat.srvBytes, q.repeat.srvWasm)
		}
	}
	return res, nil
}

func staticVisit(ctx context.Context, c config, cond condition, url string) (visit, error) {
	t, err := launch(ctx, c.chromium, cond)
	if err != nil {
		return visit{}, err
	}
	defer t.close()
	vctx, cancel := context.WithTimeout(t.ctx, c.visitTimeout)
	defer cancel()
	return t.visit(vctx, nil, url, false)
}

func quizVisits(ctx context.Context, c config, cond condition, srv *server, swExpect int) (quizRun, string, error) {
	var q quizRun
	t, err := launch(ctx, c.chromium, cond)
	if err != nil {
		return q, "", err
	}
	defer t.close()
	vctx, cancel := context.WithTimeout(t.ctx, c.visitTimeout)
	defer cancel()
	start := srv.mark()
	if q.first, err = t.visit(vctx, srv, srv.url+"/q/1", true); err != nil {
		return q, t.version, err
	}
	if t.net.fromCache(".wasm") || t.dw.fromCache(".wasm") {
		q.first.notes = append(q.first.notes, "the page got app.wasm from the HTTP cache, which the service worker had filled before the bench could hold it back: takeover not at the emulated speed")
	}
	// Repeat visits rely on the service worker's cache: wait until go-app's
	// worker has stored every resource (it does so after install, without
	// holding the page).
	q.swCached = t.waitCached(vctx, swExpect, time.Minute)
	if q.swCached < swExpect {
		q.first.notes = append(q.first.notes, fmt.Sprintf("service worker cached %d of %d resources", q.swCached, swExpect))
	}
	t.quiet(vctx, srv, 500*time.Millisecond, 10*time.Second)
	for _, e := range srv.since(start) {
		q.fillBytes += e.bytes
		if isWasm(e.path) {
			q.fillWasm += e.bytes
			q.fillWasmHits++
		}
	}
	// On a repeat visit the service worker fetches what the page asks for
	// from the network: make sure it is held back and followed (it
	// normally is since it started; see watchWorkers).
	attachErr := t.attachWorkers(vctx, cond)
	rctx, rcancel := context.WithTimeout(t.ctx, c.visitTimeout)
	defer rcancel()
	q.repeat, err = t.visit(rctx, srv, srv.url+"/q/1", true)
	if attachErr != nil {
		q.repeat.notes = append(q.repeat.notes, "service worker not throttled or counted by CDP: "+attachErr.Error())
	}
	return q, t.version, err
}

func isWasm(path string) bool { return strings.Contains(path, ".wasm") }

// tab is a fresh browser (its own profile: a cold cache) with one page.
type tab struct {
	ctx     context.Context
	cancel  func()
	version string
	net     netLog
	// sw follows the requests of the service workers the bench attached
	// to (watchWorkers): what they fetch from the network.
	sw netLog
	// dw follows the requests of dedicated workers (the one that
	// compiles app.wasm fetches it): the page's Network domain does not
	// see them. onWorkerNet, if set, gets the network events of the
	// dedicated and the service workers too.
	dw          netLog
	onWorkerNet func(ev any)

	mu        sync.Mutex
	workers   map[target.ID]bool // attached to
	swCancels []func()
	swErr     error // the last failure to attach to a worker
}

func launch(parent context.Context, chromium string, cond condition) (*tab, error) {
	dir, err := os.MkdirTemp("", "cxquiz-bench-profile-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
	}
	actx, acancel := chromedp.NewExecAllocator(parent, opts...)
	// Chromium may send events this chromedp does not know: not our errors.
	ctx, ccancel := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	t := &tab{ctx: ctx, workers: map[target.ID]bool{}}
	t.cancel = func() {
		// Cancel closes the browser and waits for it to exit, so that
		// its profile can go.
		if chromedp.Cancel(ctx) != nil {
			ccancel()
		}
		acancel()
		os.RemoveAll(dir)
	}
	// The first run starts the browser, which lives as long as the context
	// of that run: give up on a slow start without a deadline on it.
	slow := time.AfterFunc(time.Minute, t.cancel)
	err = chromedp.Run(ctx)
	slow.Stop()
	if err != nil {
		t.close()
		return nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
	defer scancel()
	chromedp.ListenTarget(ctx, t.net.event)
	actions := []chromedp.Action{
		network.Enable(),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(instrumentJS).Do(ctx)
			return err
		}),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, product, _, _, _, err := browser.GetVersion().Do(ctx)
			t.version = product
			return err
		}),
	}
	if cond.throttle {
		actions = append(actions,
			network.EmulateNetworkConditions(false, slowLatencyMs, slowDownload, slowUpload).
				WithConnectionType(network.ConnectionTypeCellular4g),
			emulation.SetCPUThrottlingRate(slowCPURate),
		)
	}
	if err := chromedp.Run(sctx, actions...); err != nil {
		t.close()
		return nil, fmt.Errorf("setting up %s: %w", chromium, err)
	}
	t.watchWorkers(cond)
	// A new profile keeps the browser busy for a moment: let that pass
	// so it does not count against the page.
	time.Sleep(time.Second)
	return t, nil
}

func (t *tab) close() {
	t.mu.Lock()
	cancels := t.swCancels
	t.mu.Unlock()
	for _, c := range cancels {
		c()
	}
	t.cancel()
}

// watchWorkers attaches to each service worker as soon as the browser
// starts it. The page's network conditions do not cover a worker, a
// target of its own: unthrottled, go-app's worker would fill its cache
// (app.wasm included) at loopback speed while the page is held back, and
// the page could even get app.wasm from the HTTP cache that fetch filled.
// Attached, the worker gets the page's network conditions and its
// requests are counted. (A worker may start a few requests before the
// bench is attached: the page's app.wasm is checked in visit.)
//
// A dedicated worker gets the page's network conditions already (its
// download of app.wasm takes as long as the page's did): the bench
// attaches to it only to see its requests.
func (t *tab) watchWorkers(cond condition) {
	chromedp.ListenBrowser(t.ctx, func(ev any) {
		if e, ok := ev.(*target.EventTargetCreated); ok {
			switch e.TargetInfo.Type {
			case "service_worker":
				go t.attachWorker(e.TargetInfo.TargetID, cond)
			case "worker":
				go t.attachDedicated(e.TargetInfo.TargetID)
			}
		}
	})
}

// setWorkerNet sets the function that gets the dedicated workers'
// network events.
func (t *tab) setWorkerNet(f func(ev any)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.onWorkerNet = f
}

func (t *tab) workerNet(ev any) {
	t.mu.Lock()
	f := t.onWorkerNet
	t.mu.Unlock()
	if f != nil {
		f(ev)
	}
}

func (t *tab) attachDedicated(id target.ID) {
	wctx, wcancel, ok := t.listenWorker(id, t.dw.event)
	if !ok {
		return
	}
	// Attaching enables the Network domain. A worker that is gone by
	// then (it ends once it has sent the module) is no error.
	slow := time.AfterFunc(10*time.Second, wcancel)
	chromedp.Run(wctx)
	slow.Stop()
}

// attachWorkers attaches to the running service workers not attached yet.
func (t *tab) attachWorkers(ctx context.Context, cond condition) error {
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		return err
	}
	for _, ti := range targets {
		if ti.Type == "service_worker" {
			t.attachWorker(ti.TargetID, cond)
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.swErr
}

// listenWorker attaches to the worker id once: its events go to on and to
// workerNet. ok is false if the tab is attached to it already.
func (t *tab) listenWorker(id target.ID, on func(any)) (ctx context.Context, cancel context.CancelFunc, ok bool) {
	t.mu.Lock()
	if t.workers[id] {
		t.mu.Unlock()
		return nil, nil, false
	}
	t.workers[id] = true
	ctx, cancel = chromedp.NewContext(t.ctx, chromedp.WithTargetID(id))
	t.swCancels = append(t.swCancels, cancel)
	t.mu.Unlock()
	chromedp.ListenTarget(ctx, func(ev any) {
		on(ev)
		t.workerNet(ev)
	})
	return ctx, cancel, true
}

func (t *tab) attachWorker(id target.ID, cond condition) {
	wctx, wcancel, ok := t.listenWorker(id, t.sw.event)
	if !ok {
		return
	}
	actions := []chromedp.Action{network.Enable()}
	if cond.throttle {
		actions = append(actions, network.EmulateNetworkConditions(false, slowLatencyMs, slowDownload, slowUpload).
			WithConnectionType(network.ConnectionTypeCellular4g))
	}
	// The first run attaches, for as long as its context lives: no
	// deadline on that one.
	slow := time.AfterFunc(10*time.Second, wcancel)
	err := chromedp.Run(wctx, actions...)
	slow.Stop()
	if err != nil {
		t.mu.Lock()
		t.swErr = fmt.Errorf("attaching to service worker %s: %w", id, err)
		t.mu.Unlock()
	}
}

// visit navigates to url and measures: first contentful paint, the first
// answer (clicking #opt-1 as soon as it can be clicked, until it is
// checked) and, with takeover, when the wasm handles a click. srv, if
// given, counts what the server sent meanwhile.
func (t *tab) visit(ctx context.Context, srv *server, url string, takeover bool) (visit, error) {
	nan := math.NaN()
	v := visit{fcp: nan, firstAnswer: nan, loaderGone: nan, takeover: nan, ttfb: nan, responseEnd: nan, dcl: nan}
	var before struct{ Origin float64 }
	if err := chromedp.Run(ctx, chromedp.Evaluate(`({origin: performance.timeOrigin})`, &before)); err != nil {
		return v, err
	}
	t.net.reset()
	t.sw.reset()
	t.dw.reset()
	mark := 0
	if srv != nil {
		mark = srv.mark()
	}
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, text, _, err := page.Navigate(url).Do(ctx)
		if err == nil && text != "" {
			err = errors.New(text)
		}
		return err
	}))
	if err != nil {
		return v, fmt.Errorf("navigating to %s: %w", url, err)
	}
	if err := t.clickUntil(ctx, answerPollJS, before.Origin, time.Minute); err != nil {
		v.notes = append(v.notes, "no first answer: "+err.Error())
	}
	if takeover {
		if err := t.clickUntil(ctx, takeoverPollJS, before.Origin, 90*time.Second); err != nil {
			// A page whose wasm never takes over is a result, not a crash.
			v.notes = append(v.notes, "no wasm takeover: "+err.Error())
		}
	}
	var r struct {
		FCP, FirstAnswer, LoaderGone, Takeover       float64
		ResponseStart, ResponseEnd, DOMContentLoaded float64
		Blocking                                     []struct {
			Name       string
			Start, End float64
		}
	}
	for range 50 { // the paint entry may lag the click a little
		if err := chromedp.Run(ctx, chromedp.Evaluate(resultJS, &r)); err != nil {
			return v, err
		}
		if r.FCP > 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	v.fcp, v.firstAnswer = nanIfZero(r.FCP), nanIfZero(r.FirstAnswer)
	v.loaderGone, v.takeover = nanIfZero(r.LoaderGone), nanIfZero(r.Takeover)
	v.ttfb, v.responseEnd, v.dcl = nanIfZero(r.ResponseStart), nanIfZero(r.ResponseEnd), nanIfZero(r.DOMContentLoaded)
	for _, b := range r.Blocking {
		v.blocking = append(v.blocking, fmt.Sprintf("%s %s–%s", b.Name, ms(b.Start), ms(b.End)))
	}

	t.quiet(ctx, srv, 500*time.Millisecond, 10*time.Second)
	v.cdpBytes, v.cdpWasm, v.cdpRequests, v.cdpNetURLs = t.net.tally("")
	for _, l := range []struct {
		log    *netLog
		prefix string
	}{{&t.sw, "service worker: "}, {&t.dw, "worker: "}} {
		b, w, n, urls := l.log.tally(l.prefix)
		v.cdpBytes, v.cdpWasm, v.cdpRequests = v.cdpBytes+b, v.cdpWasm+w, v.cdpRequests+n
		v.cdpNetURLs = append(v.cdpNetURLs, urls...)
	}
	if srv != nil {
		paths := map[string]int64{}
		for _, e := range srv.since(mark) {
			v.srvRequests++
			v.srvBytes += e.bytes
			paths[e.path] += e.bytes
			if isWasm(e.path) {
				v.srvWasm += e.bytes
				v.srvWasmHits++
			}
		}
		for p, n := range paths {
			v.srvPaths = append(v.srvPaths, fmt.Sprintf("%s %s", p, kb(n)))
		}
		sort.Strings(v.srvPaths)
	}
	return v, nil
}

// answerPainted is when a visitor could first answer: the click took
// effect and the page had painted (Chromium hit-tests and checks a radio
// of a page still held back by its stylesheets, which nobody can see).
func (v visit) answerPainted() float64 {
	if math.IsNaN(v.firstAnswer) || math.IsNaN(v.fcp) {
		return math.NaN()
	}
	return max(v.firstAnswer, v.fcp)
}

func nanIfZero(x float64) float64 {
	if x == 0 {
		return math.NaN()
	}
	return x
}

// clickUntil evaluates poll until it says done, clicking (a real mouse
// click through the browser's input pipeline) wherever it says to, for at
// most max. Results from the document with timeOrigin old are ignored.
func (t *tab) clickUntil(ctx context.Context, poll string, old float64, max time.Duration) error {
	var last pollResult
	deadline := time.Now().Add(max)
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w (last state %q)", err, last.State)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not within %s (last state %q)", max, last.State)
		}
		var r pollResult
		err := chromedp.Run(ctx, chromedp.Evaluate(poll, &r, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}))
		if err != nil {
			// The document is being replaced: try again.
			time.Sleep(10 * time.Millisecond)
			continue
		}
		last = r
		if r.Origin != old {
			switch r.State {
			case "done":
				return nil
			case "click":
				// A click the page is not ready for yet is simply lost: give
				// it a moment before the next one.
				chromedp.Run(ctx, chromedp.MouseClickXY(r.X, r.Y))
				time.Sleep(10 * time.Millisecond)
				continue
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// quiet waits until neither the page nor the server has seen a request
// for d, at most max.
func (t *tab) quiet(ctx context.Context, srv *server, d, max time.Duration) {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		busy, last := t.net.state()
		for _, w := range []*netLog{&t.sw, &t.dw} {
			b, l := w.state()
			busy += b
			if l.After(last) {
				last = l
			}
		}
		if srv != nil {
			if l := srv.lastEntry(); l.After(last) {
				last = l
			}
		}
		if busy == 0 && time.Since(last) >= d {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitCached waits until go-app's service worker has cached want
// resources and returns how many it has.
func (t *tab) waitCached(ctx context.Context, want int, max time.Duration) int {
	deadline := time.Now().Add(max)
	n := 0
	for time.Now().Before(deadline) && ctx.Err() == nil {
		err := chromedp.Run(ctx, chromedp.Evaluate(cachedJS, &n, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}))
		if err == nil && n >= want {
			return n
		}
		time.Sleep(200 * time.Millisecond)
	}
	return n
}

// netLog follows the page's requests through the Network domain.
type netLog struct {
	mu   sync.Mutex
	reqs map[network.RequestID]*request
	last time.Time
}

type request struct {
	url        string
	cached, sw bool
	done       bool
	bytes      int64
}

func (n *netLog) reset() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.reqs = map[network.RequestID]*request{}
	n.last = time.Now()
}

func (n *netLog) event(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.reqs == nil {
		return
	}
	get := func(id network.RequestID) *request {
		r := n.reqs[id]
		if r == nil {
			r = &request{}
			n.reqs[id] = r
		}
		return r
	}
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		get(e.RequestID).url = e.Request.URL
	case *network.EventRequestServedFromCache:
		get(e.RequestID).cached = true
	case *network.EventResponseReceived:
		r := get(e.RequestID)
		r.url = e.Response.URL
		r.cached = r.cached || e.Response.FromDiskCache || e.Response.FromPrefetchCache
		r.sw = e.Response.FromServiceWorker
	case *network.EventLoadingFinished:
		r := get(e.RequestID)
		r.done, r.bytes = true, int64(e.EncodedDataLength)
	case *network.EventLoadingFailed:
		get(e.RequestID).done = true
	default:
		return
	}
	n.last = time.Now()
}

// fromCache reports whether a request whose URL contains part was served
// from the HTTP cache.
func (n *netLog) fromCache(part string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, r := range n.reqs {
		if r.cached && strings.Contains(r.url, part) {
			return true
		}
	}
	return false
}

// state returns the requests in flight and the time of the last event.
func (n *netLog) state() (int, time.Time) {
	n.mu.Lock()
	defer n.mu.Unlock()
	busy := 0
	for _, r := range n.reqs {
		if !r.done && strings.HasPrefix(r.url, "http") {
			busy++
		}
	}
	return busy, n.last
}

// tally sums the responses that came over the network.
func (n *netLog) tally(prefix string) (bytes, wasm int64, count int, urls []string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, r := range n.reqs {
		if !r.done || r.cached || r.sw || !strings.HasPrefix(r.url, "http") {
			continue
		}
		count++
		bytes += r.bytes
		if isWasm(r.url) {
			wasm += r.bytes
		}
		urls = append(urls, fmt.Sprintf("%s%s %s", prefix, trimOrigin(r.url), kb(r.bytes)))
	}
	sort.Strings(urls)
	return
}

var originPart = regexp.MustCompile(`^https?://[^/]+`)

func trimOrigin(u string) string { return originPart.ReplaceAllString(u, "") }

// workerResources counts the URLs go-app's service worker caches.
func workerResources(ctx context.Context, base string) (int, error) {
	js, _, err := fetch(ctx, base+"/app-worker.js", "identity")
	if err != nil {
		return 0, err
	}
	m := regexp.MustCompile(`resourcesToCache\s*=\s*(\[[^\]]*\])`).FindSubmatch(js)
	if m == nil {
		return 0, errors.New("app-worker.js: no resourcesToCache list")
	}
	var list []string
	if err := json.Unmarshal(m[1], &list); err != nil {
		return 0, fmt.Errorf("app-worker.js: %w", err)
	}
	return len(list), nil
}
