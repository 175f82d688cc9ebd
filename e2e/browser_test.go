package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"cxquiz/quiz"
)

const (
	journeyTimeout = 3 * time.Minute        // one tab, start to end
	actionTimeout  = 30 * time.Second       // one navigation, click or key
	waitTimeout    = 15 * time.Second       // one condition to come true
	readTimeout    = actionTimeout          // one read of the page (a poll's check, a failure's state)
	pollInterval   = 15 * time.Millisecond  // how often a condition is checked
	settleTimeout  = 200 * time.Millisecond // for late events at the end
	// wasmTimeout is how long the wasm may take to take a page over. On
	// two cores shared with other builds that has taken more than
	// waitTimeout, and a test that fails for that fails at random: how
	// fast it is belongs to make bench, not here.
	wasmTimeout = time.Minute
)

// browser is one Chromium process. Each journey gets its own tab in its own
// browser context (like an incognito window), so journeys share no
// cookies, storage, cache or service worker, and can run in parallel.
type browser struct {
	ctx    context.Context // the first tab: the parent of every journey's
	cancel context.CancelFunc
	base   *url.URL
	bank   *quiz.Bank
}

// chromiumPath is Debian's Chromium, which scripts/setup installs.
func chromiumPath() string {
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return "/usr/bin/chromium"
}

// newBrowser starts Chromium with a fresh profile in dataDir.
func newBrowser(dataDir string, base *url.URL, bank *quiz.Bank) (*browser, error) {
	path := chromiumPath()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, // --headless, with --hide-scrollbars and --mute-audio
		chromedp.NoSandbox,
		// Not chromedp.DisableGPU: it adds --enable-unsafe-swiftshader.
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// The address bar's popups are web pages of their own (WebUI),
		// which Chromium loads in a renderer for every browser context:
		// a journey's context, even headless, with no address bar to
		// show them in. That was 0.8-1.1 s of CPU per journey, on the
		// two cores the pages under test share.
		chromedp.Flag("disable-features", "WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup"),
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dataDir),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(browserErrorf))
	// The first run starts the browser, which lives as long as its
	// context: give up on a slow start without a deadline on that.
	slow := time.AfterFunc(time.Minute, func() { cancel(); acancel() })
	defer slow.Stop()
	if err := chromedp.Run(ctx); err != nil {
		cancel()
		acancel()
		return nil, fmt.Errorf("starting %s (scripts/setup installs it): %w", path, err)
	}
	return &browser{
		ctx:    ctx,
		cancel: func() { cancel(); acancel() },
		base:   base,
		bank:   bank,
	}, nil
}

// browserErrorf reports chromedp's own errors, leaving out events that
// this chromedp does not know: Chromium is newer than its protocol tables.
func browserErrorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, "unmarshal event") {
		return
	}
	fmt.Fprintln(os.Stderr, "chromedp:", msg)
}

func (b *browser) close() { b.cancel() }

// removeProfile removes a closed browser's profile. Chromium's helper
// processes may still write to it for a moment after the browser is gone.
func removeProfile(dir string) error {
	var err error
	for range 100 {
		if err = os.RemoveAll(dir); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}

// document is a main-frame document the tab received.
type document struct {
	url    string
	status int64
}

// tab is one journey's page. It records what must never happen (console
// errors, uncaught exceptions, requests to another host) and fails the
// test at cleanup if any did.
type tab struct {
	t      *testing.T
	ctx    context.Context
	base   *url.URL
	bank   *quiz.Bank
	lang   string
	target cdp.FrameID // the main frame's id is the target's
	// noScript is set when the page's JavaScript is turned off.
	noScript bool
	// focusReported is set once a focus problem has been reported: one
	// report per tab is enough.
	focusReported bool

	mu           sync.Mutex
	problems     []string
	docs         []document
	wasmRequests int
	// wasmLoads counts the page's requests for app.wasm and for the
	// scripts that load it (go-app's, and the worker that fetches and
	// compiles it).
	wasmLoads int
	// expect4xx holds the URLs of documents opened expecting a 4xx
	// status: the browser's "Failed to load resource" error for them is
	// no fault.
	expect4xx map[string]bool
	// onPaused handles requests held by the Fetch domain, if enabled.
	onPaused func(*fetch.EventRequestPaused)
	// hosts holds the origins (scheme://host:port) besides the server's
	// that the tab may load from: a host page that embeds the quiz.
	hosts map[string]bool
	// expectError, if set, tells console errors that are no fault.
	expectError func(text string) bool
	// bc is the tab's browser context, shared with its siblings.
	bc cdp.BrowserContextID
}

// journey opens a tab in a new browser context. Cleanup closes it and
// fails t for every console error, uncaught exception and request to a
// host other than the server's that the tab recorded.
func (b *browser) journey(t *testing.T) *tab {
	t.Helper()
	return b.openTab(t, b.newContext(t), journeyTimeout)
}

// newContext makes a browser context (like an incognito window), disposed
// of when t ends.
func (b *browser) newContext(t *testing.T) cdp.BrowserContextID {
	t.Helper()
	// chromedp.WithNewBrowserContext opens the tab without a window of
	// its own, which headless Chromium refuses ("no browser is open"):
	// make the browser context and the tab here.
	bx := cdp.WithExecutor(b.ctx, chromedp.FromContext(b.ctx).Browser)
	bcID, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(bx)
	if err != nil {
		t.Fatalf("creating a browser context: %v", err)
	}
	// Registered first, so it runs after the cleanup of its tabs.
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		target.DisposeBrowserContext(bcID).Do(cdp.WithExecutor(ctx, chromedp.FromContext(b.ctx).Browser))
	})
	return bcID
}

// screensTab opens a tab for t in a browser context of its own, for a
// test that loads n pages in it one after the other, none of which needs
// a fresh browser. A page load in an open tab costs Chromium about a
// second of CPU with the wasm (a third of that without); a new tab costs
// one to two seconds more (a renderer process; in a new context also the
// service worker's install and app.wasm compiled without a cache), which
// on two shared cores is what made the wait for the wasm time out at
// random. The tab's deadline allows each page twice as long as an action
// may take.
func (b *browser) screensTab(t *testing.T, n int) *tab {
	t.Helper()
	return b.openTab(t, b.newContext(t), max(journeyTimeout, time.Duration(n)*2*actionTimeout))
}

// lend lends the tab to the subtest t until it ends: failures and the
// problems the tab records meanwhile are t's.
func (tb *tab) lend(t *testing.T) {
	t.Helper()
	owner := tb.t
	tb.t = t
	t.Cleanup(func() {
		tb.report()
		tb.t = owner
	})
}

// sibling opens another tab in tb's browser context: it shares tb's
// storage, as a tab opened later in the same browser window would.
func (b *browser) sibling(tb *tab) *tab {
	tb.t.Helper()
	return b.openTab(tb.t, tb.bc, journeyTimeout)
}

// openTab opens a tab in the browser context bcID and records what
// happens in it; cleanup reports the problems.
func (b *browser) openTab(t *testing.T, bcID cdp.BrowserContextID, timeout time.Duration) *tab {
	t.Helper()
	bx := cdp.WithExecutor(b.ctx, chromedp.FromContext(b.ctx).Browser)
	id, err := target.CreateTarget("about:blank").WithBrowserContextID(bcID).WithNewWindow(true).Do(bx)
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(id))
	if err := chromedp.Run(ctx); err != nil {
		cancel()
		t.Fatalf("attaching to the tab: %v", err)
	}
	tb := &tab{
		t:         t,
		base:      b.base,
		bank:      b.bank,
		lang:      quiz.DefaultLang,
		target:    cdp.FrameID(id),
		expect4xx: map[string]bool{},
		hosts:     map[string]bool{},
		bc:        bcID,
	}
	chromedp.ListenTarget(ctx, tb.record)
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	tb.ctx = tctx
	t.Cleanup(func() {
		tb.report()
		tcancel()
		cancel()
	})
	return tb
}

// close closes the tab before the test ends: a page left open would go
// on asking the server (a team view polls).
func (tb *tab) close() {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Run(ctx, page.Close()); err != nil {
		tb.t.Fatalf("closing the tab: %v", err)
	}
}

// allowOrigin lets the tab load from another origin (scheme://host:port)
// than the server's.
func (tb *tab) allowOrigin(origin string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.hosts[origin] = true
}

// allowErrors tells the tab which console errors are expected: no fault
// of the page.
func (tb *tab) allowErrors(expected func(text string) bool) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.expectError = expected
}

// record notes what the tab's events show. It runs on chromedp's event
// loop, so it must not block or call into the browser.
func (tb *tab) record(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if (ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert) &&
			(tb.expectError == nil || !tb.expectError(remoteArgs(ev.Args))) {
			tb.problems = append(tb.problems, "console."+string(ev.Type)+": "+remoteArgs(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		tb.problems = append(tb.problems, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		e := ev.Entry
		if e.Level != log.LevelError {
			return
		}
		if tb.expect4xx[e.URL] && strings.HasPrefix(e.Text, "Failed to load resource: the server responded with a status of 4") {
			return
		}
		if tb.expectError != nil && tb.expectError(e.Text) {
			return
		}
		tb.problems = append(tb.problems, fmt.Sprintf("console error (%s) %s: %s", e.Source, e.URL, e.Text))
	case *network.EventRequestWillBeSent:
		u, err := url.Parse(ev.Request.URL)
		switch {
		case err != nil:
			tb.problems = append(tb.problems, fmt.Sprintf("request to an unreadable URL %q", ev.Request.URL))
		case u.Scheme == "data" || u.Scheme == "blob":
		case (u.Host != tb.base.Host || u.Scheme != tb.base.Scheme) && !tb.hosts[u.Scheme+"://"+u.Host]:
			tb.problems = append(tb.problems, fmt.Sprintf("request to another host than the server's: %s %s (%s)", ev.Request.Method, ev.Request.URL, ev.Type))
		case u.Path == "/web/app.wasm":
			tb.wasmRequests++
			tb.wasmLoads++
		case u.Path == "/app.js" || u.Path == "/wasm_exec.js" || u.Path == "/web/compile-worker.js":
			tb.wasmLoads++
		}
	case *network.EventResponseReceived:
		if ev.Type == network.ResourceTypeDocument && ev.FrameID == tb.target {
			tb.docs = append(tb.docs, document{ev.Response.URL, ev.Response.Status})
		}
	case *fetch.EventRequestPaused:
		if tb.onPaused != nil {
			tb.onPaused(ev)
		}
	}
}

func remoteArgs(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Value != nil:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
			} else {
				parts = append(parts, string(a.Value))
			}
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// report fails the test for every problem recorded since the last
// report, after a round trip to the page so that events already sent are
// in.
func (tb *tab) report() {
	ctx, cancel := context.WithTimeout(tb.ctx, settleTimeout)
	chromedp.Run(ctx, chromedp.Evaluate(`0`, nil))
	cancel()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.problems {
		tb.t.Errorf("browser: %s", p)
	}
	tb.problems = nil
}

// run runs chromedp actions on the tab, failing the test on error.
func (tb *tab) run(what string, actions ...chromedp.Action) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v; page: %s", what, err, tb.state())
	}
}

// url returns the absolute URL of a path on the server.
func (tb *tab) url(path string) string { return tb.base.String() + path }

// open loads a path of the server, waiting for the load event.
func (tb *tab) open(path string) { tb.t.Helper(); tb.openURL(tb.url(path)) }

func (tb *tab) openURL(u string) {
	tb.t.Helper()
	tb.run("opening "+u, chromedp.Navigate(u))
}

// expectStatus notes that the document at path is expected to answer with
// a 4xx status, which the browser reports as a console error.
func (tb *tab) expectStatus(path string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.expect4xx[tb.url(path)] = true
}

// lastDocument returns the last main-frame document the tab received.
func (tb *tab) lastDocument() document {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.docs) == 0 {
		return document{}
	}
	return tb.docs[len(tb.docs)-1]
}

// documents returns how many main-frame documents the tab has received.
func (tb *tab) documents() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return len(tb.docs)
}

// wasmRequested returns how often the page asked for app.wasm.
func (tb *tab) wasmRequested() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return tb.wasmRequests
}

// wasmLoading returns how often the page asked for app.wasm or for a
// script that loads it.
func (tb *tab) wasmLoading() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return tb.wasmLoads
}

// assertStatus checks the HTTP status of the document at path.
func (tb *tab) assertStatus(path string, want int64) {
	tb.t.Helper()
	d := tb.lastDocument()
	if d.url != tb.url(path) {
		tb.t.Fatalf("the last document is %q, want %q", d.url, tb.url(path))
	}
	if d.status != want {
		tb.t.Errorf("%s answered %d, want %d", path, d.status, want)
	}
}

// eval evaluates a JavaScript expression into out (nil to ignore it).
func (tb *tab) eval(expr string, out any) {
	tb.t.Helper()
	tb.run("evaluating "+expr, chromedp.Evaluate(expr, out))
}

// state describes the page for failure messages.
func (tb *tab) state() string {
	ctx, cancel := context.WithTimeout(tb.ctx, readTimeout)
	defer cancel()
	var s string
	err := chromedp.Run(ctx, chromedp.Evaluate(`JSON.stringify({
		url: location.pathname + location.search,
		ready: document.readyState,
		wasmLoaded: !document.getElementById("app-wasm-loader"),
		heading: (document.getElementById("screen-heading") || {}).textContent,
		focus: document.activeElement && (document.activeElement.id || document.activeElement.tagName),
		checked: [...document.querySelectorAll("input[name=pick]:checked")].map(e => e.id),
		error: (document.getElementById("pick-error") || {}).textContent,
	})`, &s))
	if err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return s
}

// waitFor polls the JavaScript expression cond (or the promise it returns) until it is true, failing
// the test after waitTimeout.
func (tb *tab) waitFor(what, cond string) {
	tb.t.Helper()
	tb.waitForWithin(what, cond, waitTimeout)
}

// waitForWithin is waitFor with a timeout of its own.
func (tb *tab) waitForWithin(what, cond string, timeout time.Duration) {
	tb.t.Helper()
	if err := tb.poll(cond, timeout); err != nil {
		tb.t.Fatalf("waiting for %s: %v after %s; page: %s", what, err, timeout, tb.state())
	}
}

// poll evaluates cond (a value or a promise of one) until it is true or timeout has passed. Errors
// while polling are normal during a page load and only returned at the
// end.
func (tb *tab) poll(cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, readTimeout)
		var ok bool
		err := chromedp.Run(ctx, chromedp.Evaluate(cond, &ok, awaitPromise))
		cancel()
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) || tb.ctx.Err() != nil {
			if err == nil {
				err = fmt.Errorf("still false")
			}
			return err
		}
		time.Sleep(pollInterval)
	}
}

// awaitPromise makes chromedp.Evaluate wait for a promise the expression
// returns; other values come as they are.
func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// loaded waits for the current document to have loaded.
func (tb *tab) loaded() {
	tb.t.Helper()
	tb.waitFor("the page to load", `document.readyState === "complete"`)
}

// waitWasm waits until go-app has removed its loader: the wasm runs.
func (tb *tab) waitWasm() {
	tb.t.Helper()
	tb.waitForWithin("the wasm to load", `document.readyState === "complete" && !document.getElementById("app-wasm-loader")`, wasmTimeout)
}

// serverPage waits for a page only the server renders (a team page) to
// load, and checks that it is a plain page: none of go-app's scripts,
// which would start the wasm or register the service worker that caches
// it, and no loader.
func (tb *tab) serverPage() {
	tb.t.Helper()
	tb.loaded()
	var goapp string
	tb.eval(`[...document.querySelectorAll('script[src="/app.js"], script[src="/wasm_exec.js"], #app-wasm-loader')].map(e => e.outerHTML).join(" ")`, &goapp)
	if goapp != "" {
		tb.t.Errorf("%s is the server's page, yet carries go-app's %s", tb.lastDocument().url, goapp)
	}
}

// click clicks an element with the mouse.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.run("clicking "+sel, chromedp.Click(sel, chromedp.ByQuery))
}

// press types keys (see chromedp/kb for special keys) on the focused
// element, as key events only. Each key is a keyDown carrying its text,
// then a keyUp: as in a real browser, a page that cancels the keydown
// gets no keypress. (chromedp.KeyEvent sends the text as a separate char
// event, whose keypress comes even when the keydown was cancelled, and
// after a quick page change lands on the next screen.)
func (tb *tab) press(keys string) {
	tb.t.Helper()
	tb.run(fmt.Sprintf("pressing %q", keys), chromedp.ActionFunc(func(ctx context.Context) error {
		for _, r := range keys {
			events := kb.Encode(r)
			text := ""
			for _, ev := range events {
				if ev.Type == input.KeyChar {
					text = ev.Text
				}
			}
			for _, ev := range events {
				switch ev.Type {
				case input.KeyChar:
					continue
				case input.KeyDown:
					down := *ev
					down.Text, down.UnmodifiedText = text, text
					ev = &down
				}
				if err := ev.Do(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	}))
}

// viewport is a screen size to emulate.
type viewport struct {
	name          string
	width, height int64
	scale         float64
	mobile        bool
}

var (
	phone   = viewport{"phone", 390, 844, 3, true}
	desktop = viewport{"desktop", 1280, 800, 1, false}
)

// emulate sets the tab's screen; a phone gets touch and mobile layout.
func (tb *tab) emulate(v viewport) {
	tb.t.Helper()
	orientation := &emulation.ScreenOrientation{Type: emulation.OrientationTypeLandscapePrimary, Angle: 90}
	if v.height > v.width {
		orientation = &emulation.ScreenOrientation{Type: emulation.OrientationTypePortraitPrimary}
	}
	tb.run("emulating a "+v.name,
		emulation.SetDeviceMetricsOverride(v.width, v.height, v.scale, v.mobile).WithScreenOrientation(orientation),
		emulation.SetTouchEmulationEnabled(v.mobile),
	)
}

// screenshot saves a full-page PNG to artifacts/name.png, at two image
// pixels per CSS pixel at most.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	var buf []byte
	tb.run("taking a screenshot", chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, _, lv, _, size, err := page.GetLayoutMetrics().Do(ctx)
		if err != nil {
			return err
		}
		var dpr float64
		if err := chromedp.Evaluate(`window.devicePixelRatio`, &dpr).Do(ctx); err != nil {
			return err
		}
		w := max(size.Width, float64(lv.ClientWidth))
		// Encoded for speed: a long page's PNG took a second of CPU
		// (tests take ~150 shots); the files are bigger, and gitignored.
		buf, err = page.CaptureScreenshot().
			WithFormat(page.CaptureScreenshotFormatPng).
			WithOptimizeForSpeed(true).
			WithCaptureBeyondViewport(true).
			WithClip(&page.Viewport{Width: w, Height: size.Height, Scale: min(1, 2/dpr)}).
			Do(ctx)
		return err
	}))
	if err := os.WriteFile(filepath.Join(artifacts, name+".png"), buf, 0o644); err != nil {
		tb.t.Error(err)
	}
}
