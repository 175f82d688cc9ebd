package e2e

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cxquiz/quiz"
)

// TestEmbedHost checks what a host sees of the embedded quiz beyond one
// journey: the frame keeps talking to it across full page loads in a
// browser without location.ancestorOrigins, the host does not jump to
// the frame on its first load, a result reported once however often its
// page loads, and embed.js's own words in the browser's language.
func TestEmbedHost(t *testing.T) {
	t.Parallel()
	s := setup(t)
	e := startEmbed(t, s)
	t.Run("without-ancestor-origins", func(t *testing.T) {
		t.Parallel()
		e.withoutAncestorOrigins(t, s.answers(30))
	})
	t.Run("first-load", func(t *testing.T) {
		t.Parallel()
		e.firstLoad(t)
	})
	t.Run("completed-once", func(t *testing.T) {
		t.Parallel()
		e.completedOnce(t, s.bank.Encode(s.answers(31)), s.bank.Encode(s.answers(32)))
	})
	t.Run("browser-language", func(t *testing.T) {
		t.Parallel()
		e.browserLanguage(t)
	})
}

// hideAncestorOriginsJS makes a frame's location.ancestorOrigins empty,
// as Firefox, which has none, would leave quiz.js without it: Chromium's
// is an unforgeable own property, so the list's length is hidden instead.
const hideAncestorOriginsJS = `if (window !== window.top) Object.defineProperty(DOMStringList.prototype, "length", {get() { return 0; }, configurable: true});`

// readyPathsJS lists the paths of the cxquiz:ready events the host got.
const readyPathsJS = `window.__events.filter(e => e.type === "cxquiz:ready").map(e => e.detail.path)`

// withoutAncestorOrigins takes the first questions inside the frame on a
// phone, as a browser without location.ancestorOrigins (Firefox) and
// before the wasm has loaded: every screen is a new page in the frame,
// which gets no referrer (Referrer-Policy: no-referrer). Each must still
// find the host: the frame fits every one, the host hears every event
// and sees each new screen from its top.
func (e *embedEnv) withoutAncestorOrigins(t *testing.T, a quiz.Answers) {
	tb := e.browser.journey(t)
	tb.allowOrigin(e.allowed.URL)
	tb.emulate(phone)
	tb.run("hiding location.ancestorOrigins in frames", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(hideAncestorOriginsJS).Do(ctx)
		return err
	}))
	// Held for good: every link and answer loads a page.
	tb.holdWasm()
	fr := newFrame(tb)
	hostFrame(tb, e.allowed.URL+"/")
	fr.attach()
	fr.waitFor("the intro in the iframe", `document.readyState === "complete" && !!document.getElementById("start")`)
	var hidden bool
	fr.eval(`!(location.ancestorOrigins && location.ancestorOrigins.length)`, &hidden)
	if !hidden {
		t.Fatal("the iframe still has location.ancestorOrigins: the simulation of a browser without it does not work")
	}
	// The first page knows its parent from the referrer.
	tb.waitFor("cxquiz:ready from the intro", `window.__events.some(e => e.type === "cxquiz:ready")`)
	fr.assertFits("the intro")

	fr.click("#start")
	fr.waitQuestion(1)
	tb.waitFor("cxquiz:started after the first question's page loaded", `window.__events.some(e => e.type === "cxquiz:started")`)
	fr.assertFits("question 1 (a page of its own)")
	fr.assertTopInView("question 1")
	tb.screenshot("embed-no-ancestor-origins-q1")

	for n := 1; n <= 2; n++ {
		fr.click("#" + optID(a[n-1]))
		fr.waitFor(optID(a[n-1])+" checked", fmt.Sprintf(`document.getElementById(%s).checked`, js(optID(a[n-1]))))
		fr.click("#next")
		fr.waitQuestion(n + 1)
		tb.waitFor(fmt.Sprintf("cxquiz:answered for question %d", n), fmt.Sprintf(`window.__events.some(e => e.type === "cxquiz:answered" && e.detail.question === %d)`, n))
		fr.assertFits(fmt.Sprintf("question %d (a page of its own)", n+1))
		fr.assertTopInView(fmt.Sprintf("question %d", n+1))
	}
	tb.screenshot("embed-no-ancestor-origins-q3")
	tb.waitFor("cxquiz:ready from every page", readyPathsJS+`.length === 4`)
	var paths []string
	tb.eval(readyPathsJS, &paths)
	if want := []string{"/", "/q/1", "/q/2", "/q/3"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("cxquiz:ready came for %q, want once for each page the frame loaded, %q", paths, want)
	}
	// Next is below the frame's top on a phone: the host scrolled, and
	// smoothly, since nobody asked for reduced motion.
	assertScrolls(tb, 1, false)
}

// firstLoad opens a host page that is scrolled past the frame's top
// before the frame has loaded: the quiz's first screen must not move the
// host page.
func (e *embedEnv) firstLoad(t *testing.T) {
	tb := e.browser.journey(t)
	tb.allowOrigin(e.allowed.URL)
	tb.emulate(phone)
	fr := newFrame(tb)
	hostFrame(tb, e.allowed.URL+"/scrolled")
	var before float64
	tb.waitFor("the host page scrolled", `window.__scrolledTo > 0`)
	tb.eval(`window.__scrolledTo`, &before)
	tb.waitFor("cxquiz:ready on the host", `window.__events.some(e => e.type === "cxquiz:ready")`)
	fr.attach()
	fr.waitForWithin("the wasm in the iframe", `document.readyState === "complete" && !document.getElementById("app-wasm-loader") && !!document.getElementById("start")`, wasmTimeout)
	fr.assertFits("the intro")
	fr.settle()
	tb.settle()
	var after struct {
		ScrollY, Top float64
	}
	tb.eval(`({scrollY: scrollY, top: document.querySelector("#quiz iframe").getBoundingClientRect().top})`, &after)
	if before == 0 || after.ScrollY != before || after.Top >= 0 {
		t.Errorf("the host page, scrolled to %.0f before the frame loaded, is at %.0f after its first screen (frame top %.0fpx); want it left where the visitor put it", before, after.ScrollY, after.Top)
	}
	assertScrolls(tb, 0, false)
}

// completedOnce loads a result in the frame, loads it again, then
// another: the host hears cxquiz:completed once per result.
func (e *embedEnv) completedOnce(t *testing.T, first, second string) {
	tb := e.browser.journey(t)
	tb.allowOrigin(e.allowed.URL)
	fr := newFrame(tb)
	hostFrame(tb, e.allowed.URL+"/")
	tb.waitFor("cxquiz:ready on the host", `window.__events.some(e => e.type === "cxquiz:ready")`)
	fr.attach()
	fr.waitForWithin("the wasm in the iframe", `document.readyState === "complete" && !document.getElementById("app-wasm-loader")`, wasmTimeout)
	result := func(code string) string {
		q := url.Values{"a": {code}, "embed": {"1"}, "lang": {"en"}, "accent": {hostAccent}}
		return "/result?" + q.Encode()
	}
	// Each page is left only once the wasm runs: a download cut short is
	// an error in go-app's log.
	loaded := func(what, code string) {
		fr.waitForWithin(what, fmt.Sprintf(`location.pathname === "/result" && document.readyState === "complete" && !document.getElementById("app-wasm-loader") &&
			(document.querySelector("section.result") || {dataset: {}}).dataset.code === %s`, js(code)), wasmTimeout)
	}
	fr.eval(fmt.Sprintf(`location.assign(%s)`, js(result(first))), nil)
	loaded("the first result in the iframe", first)
	tb.waitFor("cxquiz:completed for the first result", `window.__events.some(e => e.type === "cxquiz:completed")`)

	fr.eval(`location.reload()`, nil)
	tb.waitFor("cxquiz:ready from the reloaded result", readyPathsJS+`.length === 3`)
	loaded("the first result again in the iframe", first)
	fr.settle()
	tb.settle()

	fr.eval(fmt.Sprintf(`location.assign(%s)`, js(result(second))), nil)
	loaded("the second result in the iframe", second)
	tb.waitFor("cxquiz:completed for the second result", fmt.Sprintf(`window.__events.some(e => e.type === "cxquiz:completed" && e.detail.code === %s)`, js(second)))
	fr.settle()
	tb.settle()
	var codes []string
	tb.eval(`window.__events.filter(e => e.type === "cxquiz:completed").map(e => e.detail.code)`, &codes)
	if want := []string{first, second}; !reflect.DeepEqual(codes, want) {
		t.Errorf("cxquiz:completed came for the results %q, want once for each, %q", codes, want)
	}
	var calls []string
	tb.eval(`window.__calls.filter(c => c === "completed")`, &calls)
	if len(calls) != 2 {
		t.Errorf("the data-callback was called %d times with completed, want 2", len(calls))
	}
}

// browserLanguage opens a host page without data-lang in a browser that
// prefers German: embed.js names the frame in German, as the quiz inside
// speaks it, and offers its link in German where the frame is refused;
// in a browser that prefers a language the quiz does not speak, English.
func (e *embedEnv) browserLanguage(t *testing.T) {
	tb := e.browser.journey(t)
	tb.allowOrigin(e.allowed.URL)
	tb.allowOrigin(e.other.URL)
	tb.allowErrors(func(text string) bool {
		return strings.Contains(text, "Framing '"+e.quizOrigin()+"/") &&
			strings.Contains(text, "Content Security Policy directive: \"frame-ancestors ")
	})
	// A list of languages, as the browser's settings hold it: Chromium
	// makes navigator.languages and Accept-Language of it.
	prefer := func(languages string) {
		var ua string
		tb.eval(`navigator.userAgent`, &ua)
		tb.run("preferring "+languages, emulation.SetUserAgentOverride(ua).WithAcceptLanguage(languages))
	}
	prefer("de-AT,fr,en")
	fr := newFrame(tb)
	f := hostFrame(tb, e.allowed.URL+"/nolang")
	if f.Title != "Kundenzentrierungs-Check" {
		t.Errorf("without data-lang, in a browser preferring de-AT, the iframe's title is %q, want Kundenzentrierungs-Check", f.Title)
	}
	fr.attach()
	// Left once the wasm runs: a download cut short is an error in
	// go-app's log.
	fr.waitForWithin("the intro with the wasm in the iframe", `document.readyState === "complete" && !document.getElementById("app-wasm-loader") && !!document.getElementById("start")`, wasmTimeout)
	var lang string
	fr.eval(`document.documentElement.lang`, &lang)
	if lang != "de" {
		t.Errorf("the quiz in the iframe speaks %q, want de: the test's browser does not prefer German", lang)
	}

	hostFrame(tb, e.other.URL+"/nolang")
	const fallback = `(document.querySelector("#quiz p.cxquiz-fallback a") || {}).textContent || ""`
	deadline, _ := tb.ctx.Deadline()
	if err := tb.poll("("+fallback+`) !== ""`, time.Until(deadline)-readTimeout); err != nil {
		t.Fatalf("no fallback link in place of the refused frame: %v", err)
	}
	var text string
	tb.eval(fallback, &text)
	if text != "Den Kundenzentrierungs-Check in einem neuen Tab öffnen" {
		t.Errorf("without data-lang, in a browser preferring de-AT, the refused frame's link reads %q, want it in German", text)
	}

	prefer("fr-FR,fr")
	f = hostFrame(tb, e.allowed.URL+"/nolang")
	if f.Title != "Customer-centricity check" {
		t.Errorf("without data-lang, in a browser preferring French, the iframe's title is %q, want English", f.Title)
	}
}
