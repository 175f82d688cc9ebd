package e2e

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// cspWatchJS records every Content Security Policy violation a document
// sees into window.__csp, from before the page's own scripts run.
const cspWatchJS = `window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push({
	directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI,
	source: e.sourceFile + ":" + e.lineNumber, sample: e.sample,
}), true);`

// cspWatch records the CSP messages of a tab's console and the CSP
// header of its main documents.
type cspWatch struct {
	tb *tab

	mu       sync.Mutex
	messages []string
	headers  map[string]string // document URL: Content-Security-Policy
}

func watchCSP(tb *tab) *cspWatch {
	tb.t.Helper()
	w := &cspWatch{tb: tb, headers: map[string]string{}}
	chromedp.ListenTarget(tb.ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *log.EventEntryAdded:
			if strings.Contains(ev.Entry.Text, "Content Security Policy") {
				w.messages = append(w.messages, fmt.Sprintf("%s (%s) %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text))
			}
		case *runtime.EventConsoleAPICalled:
			if msg := remoteArgs(ev.Args); strings.Contains(msg, "Content Security Policy") {
				w.messages = append(w.messages, "console."+string(ev.Type)+": "+msg)
			}
		case *network.EventResponseReceived:
			if ev.Type == network.ResourceTypeDocument && ev.FrameID == tb.target {
				for k, v := range ev.Response.Headers {
					if strings.EqualFold(k, "Content-Security-Policy") {
						w.headers[ev.Response.URL] = fmt.Sprint(v)
					}
				}
				if _, ok := w.headers[ev.Response.URL]; !ok {
					w.headers[ev.Response.URL] = ""
				}
			}
		}
	})
	tb.run("watching for CSP violations", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspWatchJS).Do(ctx)
		return err
	}))
	return w
}

// assertNone fails the test for every violation the page and the
// console reported so far.
func (w *cspWatch) assertNone(when string) {
	w.tb.t.Helper()
	w.tb.settle()
	var seen []map[string]any
	w.tb.eval(`window.__csp || [{directive: "(the watch script did not run)"}]`, &seen)
	for _, v := range seen {
		w.tb.t.Errorf("%s: securitypolicyviolation %v", when, v)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, m := range w.messages {
		w.tb.t.Errorf("%s: console: %s", when, m)
	}
	w.messages = nil
}

// assertHeader checks the CSP header of the document at u: scripts only
// from the site and the wasm, no inline scripts; styles from the site and
// hashed elements, no inline style attributes; no data: images.
func (w *cspWatch) assertHeader(u string) {
	w.tb.t.Helper()
	w.mu.Lock()
	h, ok := w.headers[u]
	w.mu.Unlock()
	if !ok {
		w.tb.t.Errorf("no document response for %s was seen", u)
		return
	}
	directives := map[string][]string{}
	for _, d := range strings.Split(h, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			directives[f[0]] = f[1:]
		}
	}
	has := func(name, src string) bool {
		for _, x := range directives[name] {
			if x == src {
				return true
			}
		}
		return false
	}
	if _, ok := directives["script-src"]; !ok || !has("script-src", "'self'") || !has("script-src", "'wasm-unsafe-eval'") ||
		has("script-src", "'unsafe-inline'") || has("script-src", "'unsafe-eval'") || has("script-src", "*") {
		w.tb.t.Errorf("%s: Content-Security-Policy %q: script-src is %q, want 'self' 'wasm-unsafe-eval' without 'unsafe-inline'", u, h, directives["script-src"])
	}
	hashed := false
	for _, x := range directives["style-src"] {
		hashed = hashed || strings.HasPrefix(x, "'sha256-")
	}
	if !has("style-src", "'self'") || !hashed || has("style-src", "'unsafe-inline'") || has("style-src", "*") {
		w.tb.t.Errorf("%s: Content-Security-Policy %q: style-src is %q, want 'self' and the page's style element by hash, without 'unsafe-inline'", u, h, directives["style-src"])
	}
	if has("img-src", "data:") || has("default-src", "data:") {
		w.tb.t.Errorf("%s: Content-Security-Policy %q allows data: images, which nothing uses", u, h)
	}
}

// TestCSP loads every kind of screen, lets the wasm take over and takes
// one step in the page: no Content Security Policy violation anywhere,
// and every document carries a strict script-src.
func TestCSP(t *testing.T) {
	t.Parallel()
	s := setup(t)
	a := s.answers(60)
	code := s.bank.Encode(a)
	cases := []struct {
		name, path string
		step       func(tb *tab)
		// loads is set when the step loads a new document on purpose.
		loads bool
	}{
		{"intro", "/", func(tb *tab) {
			tb.click("#start")
			tb.waitQuestion(1)
		}, false},
		{"question", "/q/3?a=" + s.bank.Encode(upTo(a, 2)), func(tb *tab) {
			tb.pickWithMouse(a[2])
			tb.click("#next")
			tb.advanced(3)
			tb.waitQuestion(4)
		}, false},
		{"result", "/result?a=" + code, func(tb *tab) {
			tb.click("details.table summary")
			tb.click(`nav.langs a[hreflang="de"]`)
			tb.waitFor("the result in German", `document.documentElement.lang === "de" && !!document.querySelector("section.result")`)
		}, false},
		{"result-forget", "/result?a=" + code, func(tb *tab) {
			tb.click("#forget")
			tb.waitFor("the intro", `location.pathname === "/" && !!document.getElementById("start")`)
			tb.waitWasm()
		}, true},
		{"compare", "/compare?r=" + code + "&r=" + s.bank.Encode(s.answers(61)), func(tb *tab) {
			tb.click(`nav.langs a[hreflang="de"]`)
			tb.waitFor("the comparison in German", `document.documentElement.lang === "de" && !!document.querySelector(".comparison .dist")`)
		}, false},
		{"damaged", "/result?a=" + code[:len(code)-1], func(tb *tab) {
			tb.click("#start-over")
			tb.waitFor("the intro", `location.pathname === "/" && !!document.getElementById("start")`)
		}, false},
		{"notfound", "/no-such-page", func(tb *tab) {
			tb.click("#start-over")
			tb.waitFor("the intro", `location.pathname === "/" && !!document.getElementById("start")`)
		}, false},
	}
	// Embedded, with the host's accent: the colour must apply without an
	// inline style attribute.
	//
	// The cases of each kind run one after the other in one tab of a
	// browser context of their own (a fresh context per case cost 1-2 s
	// of CPU more each, on two shared cores). The first is a first visit:
	// go-app's service worker installs and caches the site under the
	// page's policy; the page's is the intro, the embedded quiz's, taking
	// the cases in the reverse order, a page not found. The others are
	// visits after it, with the service worker in control, as for a
	// respondent who goes on from there.
	const accent = "#aa0077"
	for _, embed := range []bool{false, true} {
		kind, order := "page", slices.Clone(cases)
		if embed {
			kind = "embedded"
			slices.Reverse(order)
		}
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			tb := s.browser.screensTab(t, len(order))
			w := watchCSP(tb)
			for i, c := range order {
				name, path := c.name, c.path
				if embed {
					name += "-embedded"
					path = withEmbed(path) + "&accent=" + url.QueryEscape(accent)
				}
				t.Run(name, func(t *testing.T) {
					tb.lend(t)
					if i > 0 {
						// Nothing kept from the case before (a question
						// answered makes the intro offer to go on, in place
						// of Start): as in a browser of its own, but for
						// the service worker and its cache.
						tb.eval(`localStorage.clear(), sessionStorage.clear(), true`, nil)
					}
					if c.name == "damaged" || c.name == "notfound" {
						tb.expectStatus(path)
					}
					tb.open(path)
					tb.waitWasm()
					w.assertNone("after the wasm loaded")
					w.assertHeader(tb.url(path))
					if embed {
						var got string
						tb.eval(`getComputedStyle(document.querySelector(".page")).getPropertyValue("--accent").trim()`, &got)
						if got != accent {
							t.Errorf("--accent is %q on the embedded page, want the host's %s", got, accent)
						}
					}
					tb.markPage()
					c.step(tb)
					if !c.loads {
						tb.assertSamePage()
					}
					w.assertNone("after a step in the page")
				})
			}
		})
	}
}
