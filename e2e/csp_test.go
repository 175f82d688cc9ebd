package e2e

import (
	"context"
	"fmt"
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
// from the site and the wasm, no inline scripts.
func (w *cspWatch) assertHeader(u string) {
	w.tb.t.Helper()
	w.mu.Lock()
	h, ok := w.headers[u]
	w.mu.Unlock()
	if !ok {
		w.tb.t.Errorf("no document response for %s was seen", u)
		return
	}
	var script string
	for _, d := range strings.Split(h, ";") {
		d = strings.TrimSpace(d)
		if name, _, _ := strings.Cut(d, " "); name == "script-src" {
			script = d
		}
	}
	srcs := strings.Fields(script)
	has := func(s string) bool {
		for _, x := range srcs {
			if x == s {
				return true
			}
		}
		return false
	}
	if script == "" || !has("'self'") || !has("'wasm-unsafe-eval'") || has("'unsafe-inline'") || has("'unsafe-eval'") || has("*") {
		w.tb.t.Errorf("%s: Content-Security-Policy %q: script-src is %q, want 'self' 'wasm-unsafe-eval' without 'unsafe-inline'", u, h, script)
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
	}{
		{"intro", "/", func(tb *tab) {
			tb.click("#start")
			tb.waitQuestion(1)
		}},
		{"question", "/q/3?a=" + s.bank.Encode(upTo(a, 2)), func(tb *tab) {
			tb.pickWithMouse(a[2])
			tb.click("#next")
			tb.advanced(3)
			tb.waitQuestion(4)
		}},
		{"result", "/result?a=" + code, func(tb *tab) {
			tb.click("details.table summary")
			tb.click(`nav.langs a[hreflang="de"]`)
			tb.waitFor("the result in German", `document.documentElement.lang === "de" && !!document.querySelector("section.result")`)
		}},
		{"compare", "/compare?r=" + code + "&r=" + s.bank.Encode(s.answers(61)), func(tb *tab) {
			tb.click(`nav.langs a[hreflang="de"]`)
			tb.waitFor("the comparison in German", `document.documentElement.lang === "de" && !!document.querySelector("table.comparison")`)
		}},
		{"damaged", "/result?a=" + code[:len(code)-1], func(tb *tab) {
			tb.click("#start-over")
			tb.waitFor("the intro", `location.pathname === "/" && !!document.getElementById("start")`)
		}},
		{"notfound", "/no-such-page", func(tb *tab) {
			tb.click("#start-over")
			tb.waitFor("the intro", `location.pathname === "/" && !!document.getElementById("start")`)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := s.browser.journey(t)
			w := watchCSP(tb)
			if c.name == "damaged" || c.name == "notfound" {
				tb.expectStatus(c.path)
			}
			tb.open(c.path)
			tb.waitWasm()
			w.assertNone("after the wasm loaded")
			w.assertHeader(tb.url(c.path))
			tb.markPage()
			c.step(tb)
			tb.assertSamePage()
			w.assertNone("after a step in the page")
		})
	}
}
