package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"cxquiz/quiz"
)

// hostAccent is the accent colour of examples/host.html.
const hostAccent = "#7a3ea8"

// embedEnv is a quiz server that lets one host origin embed it, that host
// (serving examples/host.html) and a host the server does not list.
type embedEnv struct {
	quiz    *server
	allowed *httptest.Server
	other   *httptest.Server
	browser *browser // the suite's Chromium, with the embed server as base
}

// quizOrigin returns the origin of the embed server.
func (e *embedEnv) quizOrigin() string { return e.quiz.url.Scheme + "://" + e.quiz.url.Host }

// eventsJS records, on the host page, every cxquiz:* CustomEvent
// dispatched anywhere (with its detail) into window.__events, every
// documented one that bubbles up to the document into window.__heard,
// and every scrollIntoView (where the element's top was, and the
// behaviour asked for) into window.__scrolls.
const eventsJS = `<script>
window.__events = [];
window.__heard = [];
window.__calls = [];
window.__scrolls = [];
(function () {
  var into = Element.prototype.scrollIntoView;
  Element.prototype.scrollIntoView = function (o) {
    window.__scrolls.push({top: this.getBoundingClientRect().top, behavior: o && typeof o === "object" ? o.behavior || "" : ""});
    return into.apply(this, arguments);
  };
  var dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (e) {
    if (e instanceof CustomEvent && e.type.indexOf("cxquiz:") === 0) {
      window.__events.push({type: e.type, detail: JSON.parse(JSON.stringify(e.detail === undefined ? null : e.detail))});
    }
    return dispatch.call(this, e);
  };
  ["ready", "started", "answered", "completed", "refused"].forEach(function (t) {
    document.addEventListener("cxquiz:" + t, function (e) { window.__heard.push(e.type); });
  });
})();
</script>`

// callbackJS wraps the host page's data-callback function to record its
// calls into window.__calls.
const callbackJS = `<script>
(function () {
  var cb = window.onQuizEvent;
  window.onQuizEvent = function (type, detail) { window.__calls.push(type); return cb(type, detail); };
})();
</script>`

// hostPage returns examples/host.html for a quiz at quizOrigin, with the
// event recorders, and with the options replaced by opts if not empty.
func hostPage(t *testing.T, quizOrigin, opts string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "examples", "host.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	for _, r := range [][2]string{
		{"QUIZ_ORIGIN", quizOrigin},
		{"<body>", "<body>\n" + eventsJS},
		{"</body>", callbackJS + "\n</body>"},
	} {
		if !strings.Contains(page, r[0]) {
			t.Fatalf("examples/host.html has no %q", r[0])
		}
		page = strings.ReplaceAll(page, r[0], r[1])
	}
	if opts != "" {
		const want = `data-lang="en" data-accent="` + hostAccent + `"`
		if !strings.Contains(page, want) {
			t.Fatalf("examples/host.html has no %s", want)
		}
		page = strings.Replace(page, want, opts, 1)
	}
	return page
}

// startEmbed starts a quiz server that lets one host origin embed it and
// serves host pages from that origin and from one the server does not
// list. Everything stops when t's subtests are done.
func startEmbed(t *testing.T, s *suite) *embedEnv {
	t.Helper()
	e := &embedEnv{}
	// The pages, made once the quiz server's origin is known and before
	// any request for them.
	var mu sync.Mutex
	pages := map[string]string{}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		page, ok := pages[r.URL.Path]
		mu.Unlock()
		if !ok {
			// Favicons and the like: nothing, and no console error.
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	e.allowed = httptest.NewServer(mux)
	t.Cleanup(e.allowed.Close)
	e.other = httptest.NewServer(mux)
	t.Cleanup(e.other.Close)

	srv, err := startServer(os.Getenv("CXQUIZ_BIN"), "-embed-origins", e.allowed.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.stop(); err != nil {
			t.Errorf("stopping the embed server: %v", err)
		}
		srv.saveLogAs("server-embed.log")
	})
	e.quiz = srv
	mu.Lock()
	pages["/"] = hostPage(t, e.quizOrigin(), "")
	pages["/invalid"] = hostPage(t, e.quizOrigin(), `data-lang="xx" data-accent="red;x"`)
	pages["/nolang"] = hostPage(t, e.quizOrigin(), `data-accent="`+hostAccent+`"`)
	// Scrolled 300 px past the frame's top as soon as embed.js inserted
	// it, before it can have loaded (and not before: the scroll anchor
	// would move down with the frame, leaving it above the viewport). The
	// observer is there before embed.js, which is async, can run.
	scrolled := hostPage(t, e.quizOrigin(), "")
	scrolled = strings.Replace(scrolled, "<main>", `<script>
new MutationObserver(function (_, o) {
  var f = document.querySelector("#quiz iframe");
  if (!f) return;
  o.disconnect();
  scrollTo(0, f.getBoundingClientRect().top + scrollY + 300);
  window.__scrolledTo = scrollY;
}).observe(document, {childList: true, subtree: true});
</script>
<main>`, 1)
	scrolled = strings.Replace(scrolled, "</main>", `<div style="height:3000px"></div></main>`, 1)
	pages["/scrolled"] = scrolled
	mu.Unlock()
	b := *s.browser
	b.base = srv.url
	e.browser = &b
	return e
}

// TestEmbed embeds the quiz with embed.js in a host page on another
// origin: the whole quiz inside the iframe at a phone's and a desktop's
// width, invalid options, and a host the server does not list.
func TestEmbed(t *testing.T) {
	t.Parallel()
	s := setup(t)
	e := startEmbed(t, s)
	for i, vp := range []viewport{phone, desktop} {
		t.Run("journey-"+vp.name, func(t *testing.T) {
			t.Parallel()
			e.journey(t, vp, s.answers(uint64(20+i)))
		})
	}
	t.Run("invalid-options", func(t *testing.T) {
		t.Parallel()
		e.invalidOptions(t)
	})
	t.Run("refused", func(t *testing.T) {
		t.Parallel()
		e.refused(t)
	})
}

// iframeJS describes the host page's quiz iframe.
const iframeJS = `(() => {
	const f = document.querySelector("#quiz iframe");
	if (!f) return null;
	return {src: f.src, title: f.title, loading: f.getAttribute("loading")};
})()`

type iframeInfo struct{ Src, Title, Loading string }

// hostFrame opens a host page and returns what its iframe looks like,
// once it is there.
func hostFrame(tb *tab, hostURL string) iframeInfo {
	tb.t.Helper()
	tb.openURL(hostURL)
	tb.waitFor("the quiz's iframe on the host page", `!!document.querySelector("#quiz iframe")`)
	var f iframeInfo
	tb.eval(iframeJS, &f)
	return f
}

// journey takes the whole quiz inside the iframe with the mouse at the
// size vp, checking the iframe's height on every screen and the events
// the host receives.
func (e *embedEnv) journey(t *testing.T, vp viewport, a quiz.Answers) {
	tb := e.browser.journey(t)
	tb.allowOrigin(e.allowed.URL)
	tb.emulate(vp)
	// On the phone, where the host scrolls to every question, without
	// animation: embed.js must not animate it then.
	calm := vp == phone
	if calm {
		tb.reduceMotion()
	}
	fr := newFrame(tb)

	f := hostFrame(tb, e.allowed.URL+"/")
	src, err := url.Parse(f.Src)
	if err != nil {
		t.Fatalf("the iframe's src %q: %v", f.Src, err)
	}
	q := src.Query()
	if src.Scheme+"://"+src.Host != e.quizOrigin() || src.Path != "/" || q.Get("embed") != "1" || q.Get("lang") != "en" || q.Get("accent") != hostAccent {
		t.Errorf("the iframe's src is %s, want %s/ with embed=1, lang=en and accent=%s (data-lang, data-accent)", f.Src, e.quizOrigin(), hostAccent)
	}
	if f.Title == "" {
		t.Error("the iframe has no title")
	}
	if f.Loading != "lazy" {
		t.Errorf("the iframe has loading=%q, want lazy", f.Loading)
	}

	tb.waitFor("cxquiz:ready on the host", `window.__events.some(e => e.type === "cxquiz:ready")`)
	fr.attach()
	fr.waitForWithin("the wasm in the iframe", `document.readyState === "complete" && !document.getElementById("app-wasm-loader") && !!document.getElementById("start")`, wasmTimeout)
	var inFrame struct {
		InFrame bool
		Accent  string
		Lang    string
		Logo    string
	}
	fr.eval(`({
		inFrame: document.documentElement.classList.contains("in-frame"),
		accent: getComputedStyle(document.querySelector(".page")).getPropertyValue("--accent").trim(),
		lang: document.documentElement.lang,
		logo: getComputedStyle(document.querySelector(".brand .logo-bg")).fill,
	})`, &inFrame)
	if !inFrame.InFrame || inFrame.Accent != hostAccent || inFrame.Lang != "en" {
		t.Errorf("inside the iframe: in-frame class %v, --accent %q, lang %q; want true, %s, en", inFrame.InFrame, inFrame.Accent, inFrame.Lang, hostAccent)
	}
	// The logo is in the host's colours too, like the buttons.
	var r, g, b int
	fmt.Sscanf(hostAccent, "#%02x%02x%02x", &r, &g, &b)
	if want := fmt.Sprintf("rgb(%d, %d, %d)", r, g, b); inFrame.Logo != want {
		t.Errorf("inside the iframe: the logo's background is %q, want the host's accent %s", inFrame.Logo, want)
	}
	fr.assertFits("the intro")
	tb.screenshot("embed-intro-" + vp.name)

	fr.click("#start")
	for n := 1; n <= tb.questions(); n++ {
		fr.waitQuestion(n)
		fr.assertFits(fmt.Sprintf("question %d", n))
		fr.assertTopInView(fmt.Sprintf("question %d", n))
		i := a[n-1]
		fr.click("#" + optID(i))
		fr.waitFor(optID(i)+" checked", fmt.Sprintf(`document.getElementById(%s).checked`, js(optID(i))))
		fr.settle()
		if n == 13 {
			tb.screenshot("embed-question-" + vp.name)
		}
		fr.click("#next")
	}
	fr.waitFor("the result in the iframe", `location.pathname === "/result" && !!document.querySelector("section.result")`)
	fr.assertFits("the result")
	fr.assertTopInView("the result")
	tb.screenshot("embed-result-" + vp.name)

	tb.waitFor("cxquiz:completed on the host", `window.__events.some(e => e.type === "cxquiz:completed")`)
	fr.settle()
	e.assertEvents(tb, a)
	if vp == phone {
		// 1168 px of question on an 844 px screen: Next is below the
		// frame's top at every question.
		assertScrolls(tb, 1, calm)
	} else {
		assertScrolls(tb, 0, calm)
	}
}

// reduceMotion emulates a visitor who asked for reduced motion.
func (tb *tab) reduceMotion() {
	tb.t.Helper()
	tb.run("emulating prefers-reduced-motion: reduce", emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}))
}

// assertTopInView checks that the host page shows the top of the quiz's
// iframe, once it has had time to scroll there: a new screen is read from
// its top (progress, heading).
func (f *frame) assertTopInView(screen string) {
	f.tb.t.Helper()
	const topJS = `(() => { const r = document.querySelector("#quiz iframe").getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; })()`
	if err := f.tb.poll(topJS, waitTimeout); err != nil {
		var at struct{ Top, ScrollY, Inner float64 }
		f.tb.eval(`({top: document.querySelector("#quiz iframe").getBoundingClientRect().top, scrollY: scrollY, inner: innerHeight})`, &at)
		// Fatal: the next screen would wait as long again, to no end.
		f.tb.t.Fatalf("%s: the iframe's top is at %.0fpx in the host's %.0fpx viewport (host scrolled to %.0f), want it in view: %v", screen, at.Top, at.Inner, at.ScrollY, err)
	}
}

// assertScrolls checks the host page's scrollIntoView calls: at least
// least, each made while the frame's top was above the viewport (never
// when it showed already), without animation if calm, smooth otherwise.
func assertScrolls(tb *tab, least int, calm bool) {
	tb.t.Helper()
	var scrolls []struct {
		Top      float64
		Behavior string
	}
	tb.eval(`window.__scrolls`, &scrolls)
	want := "smooth"
	if calm {
		want = "auto"
	}
	if len(scrolls) < least {
		tb.t.Errorf("the host page scrolled to the frame %d times, want at least %d", len(scrolls), least)
	}
	for i, s := range scrolls {
		if s.Top >= 0 {
			tb.t.Errorf("scroll %d: the host scrolled to the frame while its top showed (at %.0fpx)", i+1, s.Top)
		}
		if s.Behavior != want {
			tb.t.Errorf("scroll %d: behaviour %q, want %q (prefers-reduced-motion: reduce %v)", i+1, s.Behavior, want, calm)
		}
	}
}

// hostEvent is a CustomEvent recorded on the host page.
type hostEvent struct {
	Type   string
	Detail json.RawMessage
}

// assertEvents checks the events the host page received for a journey
// through the whole quiz with the answers a.
func (e *embedEnv) assertEvents(tb *tab, a quiz.Answers) {
	t := tb.t
	t.Helper()
	var rec struct {
		Events []hostEvent
		Heard  []string
		Calls  []string
	}
	tb.eval(`({events: window.__events, heard: window.__heard, calls: window.__calls})`, &rec)
	var types []string
	var answered []int
	counts := map[string]int{}
	for _, ev := range rec.Events {
		types = append(types, ev.Type)
		counts[ev.Type]++
		switch ev.Type {
		case "cxquiz:ready":
			var d struct{ Path string }
			json.Unmarshal(ev.Detail, &d)
			if counts[ev.Type] == 1 && d.Path != "/" {
				t.Errorf("cxquiz:ready has path %q, want /", d.Path)
			}
		case "cxquiz:answered":
			var d struct{ Question, Total int }
			if err := json.Unmarshal(ev.Detail, &d); err != nil {
				t.Errorf("cxquiz:answered detail %s: %v", ev.Detail, err)
			}
			if d.Total != tb.questions() {
				t.Errorf("cxquiz:answered %s: total %d, want %d", ev.Detail, d.Total, tb.questions())
			}
			answered = append(answered, d.Question)
		case "cxquiz:completed":
			e.assertCompleted(tb, ev.Detail, a)
		case "cxquiz:started":
		default:
			t.Errorf("the host received an event %s (%s) in a journey", ev.Type, ev.Detail)
		}
	}
	t.Logf("host events: %d ready, %d started, %d answered, %d completed", counts["cxquiz:ready"], counts["cxquiz:started"], counts["cxquiz:answered"], counts["cxquiz:completed"])
	if counts["cxquiz:ready"] < 1 || counts["cxquiz:started"] != 1 || counts["cxquiz:completed"] != 1 {
		t.Errorf("the host received %v, want cxquiz:ready, cxquiz:started once and cxquiz:completed once", types)
	}
	var want []int
	for n := 1; n <= tb.questions(); n++ {
		want = append(want, n)
	}
	if !reflect.DeepEqual(answered, want) {
		t.Errorf("cxquiz:answered came for the questions %v, want %v", answered, want)
	}
	order := func(typ string) int {
		for i, x := range types {
			if x == typ {
				return i
			}
		}
		return -1
	}
	if !(order("cxquiz:ready") < order("cxquiz:started") && order("cxquiz:started") < order("cxquiz:answered") && order("cxquiz:answered") < order("cxquiz:completed")) {
		t.Errorf("the host received the events in the order %v, want ready, started, answered…, completed", types)
	}
	if len(rec.Heard) != len(rec.Events) || len(rec.Calls) != len(rec.Events) {
		t.Errorf("%d cxquiz events were dispatched, %d reached the document, %d reached the data-callback; want all of them", len(rec.Events), len(rec.Heard), len(rec.Calls))
	}
}

// assertCompleted checks the detail of cxquiz:completed against package
// quiz's result for a.
func (e *embedEnv) assertCompleted(tb *tab, raw json.RawMessage, a quiz.Answers) {
	t := tb.t
	t.Helper()
	want, err := tb.bank.Score(a)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Level, LevelName string
		Overall          int
		Dimensions       map[string]int
		Code, URL        string
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("cxquiz:completed detail %s: %v", raw, err)
	}
	if d.Level != want.Level.ID || d.LevelName != want.Level.Name || d.Overall != want.Overall {
		t.Errorf("cxquiz:completed says level %q (%q), overall %d; want %q (%q), %d", d.Level, d.LevelName, d.Overall, want.Level.ID, want.Level.Name, want.Overall)
	}
	if len(d.Dimensions) != len(want.Dimensions) {
		t.Errorf("cxquiz:completed has %d dimensions, want %d", len(d.Dimensions), len(want.Dimensions))
	}
	for _, ds := range want.Dimensions {
		if got, ok := d.Dimensions[ds.Dimension.ID]; !ok || got != ds.Score {
			t.Errorf("cxquiz:completed: dimension %s scores %d (present %v), want %d", ds.Dimension.ID, got, ok, ds.Score)
		}
	}
	if got, err := tb.bank.Decode(d.Code); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("cxquiz:completed: the code %q decodes to %v (%v), want %v", d.Code, got, err, a)
	}
	u, err := url.Parse(d.URL)
	if err != nil || u.Scheme+"://"+u.Host != e.quizOrigin() || u.Path != "/result" || u.Query().Get("a") != d.Code {
		t.Errorf("cxquiz:completed: url %q, want a full URL of %s/result with a=%s", d.URL, e.quizOrigin(), d.Code)
	}
}

// invalidOptions embeds the quiz with an invalid data-lang and
// data-accent: warnings on the host's console, no error, and the defaults.
func (e *embedEnv) invalidOptions(t *testing.T) {
	tb := e.browser.journey(t)
	tb.allowOrigin(e.allowed.URL)
	warnings := consoleWarnings(tb)
	fr := newFrame(tb)

	f := hostFrame(tb, e.allowed.URL+"/invalid")
	src, err := url.Parse(f.Src)
	if err != nil {
		t.Fatalf("the iframe's src %q: %v", f.Src, err)
	}
	q := src.Query()
	if q.Get("embed") != "1" || q.Has("lang") || q.Has("accent") {
		t.Errorf("with data-lang=xx and data-accent=red;x the iframe's src is %s, want embed=1 and neither lang nor accent", f.Src)
	}
	tb.waitFor("cxquiz:ready on the host", `window.__events.some(e => e.type === "cxquiz:ready")`)
	for _, want := range []string{`data-lang "xx"`, `data-accent "red;x"`} {
		deadline := time.Now().Add(waitTimeout)
		for !warnings.has(want) {
			if time.Now().After(deadline) {
				t.Errorf("no console warning on the host names %s; warnings: %q", want, warnings.all())
				break
			}
			time.Sleep(pollInterval)
		}
	}
	fr.attach()
	fr.waitFor("the intro in the iframe, in English", `document.readyState === "complete" && !!document.getElementById("start") && document.documentElement.lang === "en"`)
	var accent string
	fr.eval(`getComputedStyle(document.querySelector(".page")).getPropertyValue("--accent").trim()`, &accent)
	if accent == "red;x" || strings.Contains(accent, "red") {
		t.Errorf("the invalid accent reached the quiz: --accent is %q", accent)
	}
}

// refusalGrace is how long embed.js waits, once the frame has loaded,
// for the quiz to answer its hello before it offers a link instead.
const refusalGrace = 2500 * time.Millisecond

// refused opens a host page on an origin the quiz server does not list:
// the browser refuses the frame and embed.js puts a link in its place.
func (e *embedEnv) refused(t *testing.T) {
	tb := e.browser.journey(t)
	tb.allowOrigin(e.other.URL)
	var mu sync.Mutex
	refusals := 0
	tb.allowErrors(func(text string) bool {
		// "Framing 'QUIZ/' violates the following Content Security
		// Policy directive: "frame-ancestors 'self' HOST". The request
		// has been blocked."
		ok := strings.Contains(text, "Framing '"+e.quizOrigin()+"/") &&
			strings.Contains(text, "Content Security Policy directive: \"frame-ancestors ")
		if ok {
			mu.Lock()
			refusals++
			mu.Unlock()
		}
		return ok
	})
	start := time.Now()
	hostFrame(tb, e.other.URL+"/")
	// The link must come, however loaded the machine: wait as long as
	// the tab may live, not a guess at how fast a refusal is.
	const fallback = `!!document.querySelector("#quiz p.cxquiz-fallback a[target=_blank]") && !document.querySelector("#quiz iframe")`
	// (less a read, to leave time to describe the page on failure)
	deadline, _ := tb.ctx.Deadline()
	if err := tb.poll(fallback, time.Until(deadline)-readTimeout); err != nil {
		t.Fatalf("no fallback link in place of the refused frame within the tab's %s: %v; page: %s", journeyTimeout, err, tb.state())
	}
	took := time.Since(start)
	t.Logf("the fallback link came %s after opening the host page", took.Round(time.Millisecond))
	// embed.js waits refusalGrace after the frame loaded for the quiz's
	// answer, so that a quiz slow to answer is not replaced: a timer
	// never fires early, so the link can never come sooner.
	if took < refusalGrace {
		t.Errorf("the fallback link came %s after opening the host page, before embed.js's %s grace for the quiz to answer", took.Round(time.Millisecond), refusalGrace)
	}
	var got struct {
		Href, Rel string
		Events    []hostEvent
	}
	tb.eval(`(() => {
		const a = document.querySelector("#quiz p.cxquiz-fallback a");
		return {href: a.href, rel: a.rel, events: window.__events};
	})()`, &got)
	u, err := url.Parse(got.Href)
	if err != nil || u.Scheme+"://"+u.Host != e.quizOrigin() || u.Path != "/" || u.Query().Get("embed") == "1" {
		t.Errorf("the fallback link points at %q, want the quiz at %s/ not embedded", got.Href, e.quizOrigin())
	}
	if !strings.Contains(got.Rel, "noopener") {
		t.Errorf("the fallback link has rel=%q, want noopener", got.Rel)
	}
	var refused []string
	for _, ev := range got.Events {
		if ev.Type != "cxquiz:refused" {
			t.Errorf("the host received %s (%s) from a refused frame", ev.Type, ev.Detail)
			continue
		}
		var d struct{ URL string }
		json.Unmarshal(ev.Detail, &d)
		refused = append(refused, d.URL)
	}
	if len(refused) != 1 || refused[0] != got.Href {
		t.Errorf("cxquiz:refused came with the URLs %q, want once with %q", refused, got.Href)
	}
	tb.settle()
	mu.Lock()
	defer mu.Unlock()
	if refusals == 0 {
		t.Error("the browser did not report refusing the frame for frame-ancestors: was it refused for another reason?")
	}
	tb.screenshot("embed-refused")
}

// warningLog collects console warnings of a tab.
type warningLog struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warningLog) add(s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, s)
}

func (w *warningLog) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.msgs...)
}

func (w *warningLog) has(sub string) bool {
	for _, m := range w.all() {
		if strings.Contains(m, sub) {
			return true
		}
	}
	return false
}

// consoleWarnings records the tab's console warnings from now on.
func consoleWarnings(tb *tab) *warningLog {
	w := &warningLog{}
	chromedp.ListenTarget(tb.ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeWarning {
				w.add(remoteArgs(ev.Args))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelWarning {
				w.add(ev.Entry.Text)
			}
		}
	})
	return w
}

// frame is the quiz's iframe on a host page: scripts run in its own
// JavaScript context, clicks go through the host page.
type frame struct {
	tb *tab

	mu       sync.Mutex
	contexts map[cdp.FrameID]runtime.ExecutionContextID // main worlds by frame
	id       cdp.FrameID                                // the iframe's frame
}

// newFrame starts following the JavaScript contexts of the tab's frames:
// call it before the host page is opened.
func newFrame(tb *tab) *frame {
	f := &frame{tb: tb, contexts: map[cdp.FrameID]runtime.ExecutionContextID{}}
	chromedp.ListenTarget(tb.ctx, func(ev any) {
		c, ok := ev.(*runtime.EventExecutionContextCreated)
		if !ok {
			return
		}
		var aux struct {
			FrameID   cdp.FrameID `json:"frameId"`
			IsDefault bool        `json:"isDefault"`
		}
		if json.Unmarshal(c.Context.AuxData, &aux) != nil || !aux.IsDefault {
			return
		}
		f.mu.Lock()
		f.contexts[aux.FrameID] = c.Context.ID
		f.mu.Unlock()
	})
	return f
}

// attach finds the quiz's iframe on the host page.
func (f *frame) attach() {
	f.tb.t.Helper()
	var nodes []*cdp.Node
	f.tb.run("finding the iframe", chromedp.Nodes("#quiz iframe", &nodes, chromedp.ByQuery))
	f.mu.Lock()
	f.id = nodes[0].FrameID
	f.mu.Unlock()
	if f.id == "" {
		f.tb.t.Fatal("the iframe has no frame")
	}
}

// node returns the iframe element, as chromedp knows it now.
func (f *frame) node() *cdp.Node {
	f.tb.t.Helper()
	var nodes []*cdp.Node
	f.tb.run("finding the iframe", chromedp.Nodes("#quiz iframe", &nodes, chromedp.ByQuery))
	return nodes[0]
}

// evaluate evaluates expr in the iframe's document, awaiting a promise.
func (f *frame) evaluate(ctx context.Context, expr string, out any) error {
	f.mu.Lock()
	id, ok := f.contexts[f.id]
	f.mu.Unlock()
	if !ok {
		return fmt.Errorf("the iframe has no JavaScript context (yet)")
	}
	return chromedp.Run(ctx, chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithContextID(id).WithAwaitPromise(true)
	}))
}

// eval evaluates expr in the iframe into out, failing the test on error.
func (f *frame) eval(expr string, out any) {
	f.tb.t.Helper()
	ctx, cancel := context.WithTimeout(f.tb.ctx, actionTimeout)
	defer cancel()
	if err := f.evaluate(ctx, expr, out); err != nil {
		f.tb.t.Fatalf("evaluating %s in the iframe: %v; iframe: %s", expr, err, f.state())
	}
}

// waitFor polls cond in the iframe until it is true.
func (f *frame) waitFor(what, cond string) {
	f.tb.t.Helper()
	f.waitForWithin(what, cond, waitTimeout)
}

// waitForWithin is waitFor with a timeout of its own.
func (f *frame) waitForWithin(what, cond string, timeout time.Duration) {
	f.tb.t.Helper()
	if err := f.poll(cond, timeout); err != nil {
		f.tb.t.Fatalf("waiting for %s: %v after %s; iframe: %s", what, err, timeout, f.state())
	}
}

func (f *frame) poll(cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(f.tb.ctx, readTimeout)
		var ok bool
		err := f.evaluate(ctx, cond, &ok)
		cancel()
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) || f.tb.ctx.Err() != nil {
			if err == nil {
				err = fmt.Errorf("still false")
			}
			return err
		}
		time.Sleep(pollInterval)
	}
}

// state describes the iframe's page for failure messages.
func (f *frame) state() string {
	ctx, cancel := context.WithTimeout(f.tb.ctx, readTimeout)
	defer cancel()
	var s string
	if err := f.evaluate(ctx, `JSON.stringify({
		url: location.pathname + location.search,
		ready: document.readyState,
		wasmLoaded: !document.getElementById("app-wasm-loader"),
		heading: (document.getElementById("screen-heading") || {}).textContent,
		checked: [...document.querySelectorAll("input[name=pick]:checked")].map(e => e.id),
	})`, &s); err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return s
}

// settle waits for the iframe's pending tasks and the next frame.
func (f *frame) settle() {
	f.tb.t.Helper()
	f.eval(`new Promise(r => setTimeout(() => requestAnimationFrame(() => setTimeout(() => r(true)))))`, nil)
}

// click clicks an element inside the iframe with the mouse, scrolling
// the host page as needed.
func (f *frame) click(sel string) {
	f.tb.t.Helper()
	f.tb.run("clicking "+sel+" in the iframe", chromedp.Click(sel, chromedp.ByQuery, chromedp.FromNode(f.node())))
}

// waitQuestion waits until question n is on screen in the iframe.
func (f *frame) waitQuestion(n int) {
	f.tb.t.Helper()
	q := f.tb.bank.In(f.tb.lang).Question(n)
	f.waitFor(fmt.Sprintf("question %d in the iframe", n), fmt.Sprintf(`location.pathname === %s && document.readyState === "complete" &&
		(document.getElementById("screen-heading") || {}).textContent === %s && !!document.getElementById("next") &&
		document.querySelectorAll("input[name=pick]:checked").length === 0`,
		js("/q/"+strconv.Itoa(n)), js(q.Text)))
}

// assertFits checks that the iframe is as tall as the quiz's content and
// that the quiz has no scrollbar of its own, once the height has had time
// to follow the content.
func (f *frame) assertFits(screen string) {
	f.tb.t.Helper()
	type sizes struct {
		Frame   float64 // the iframe's height on the host page
		Content float64 // the quiz's body
		Scroll  float64 // the quiz document's scroll height
		Inner   float64 // the quiz window's height
	}
	var last sizes
	measure := func() (sizes, error) {
		ctx, cancel := context.WithTimeout(f.tb.ctx, readTimeout)
		defer cancel()
		var s sizes
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("#quiz iframe").getBoundingClientRect().height`, &s.Frame)); err != nil {
			return s, err
		}
		var in struct{ Content, Scroll, Inner float64 }
		if err := f.evaluate(ctx, `({content: document.body.getBoundingClientRect().height, scroll: document.documentElement.scrollHeight, inner: window.innerHeight})`, &in); err != nil {
			return s, err
		}
		s.Content, s.Scroll, s.Inner = in.Content, in.Scroll, in.Inner
		return s, nil
	}
	deadline := time.Now().Add(waitTimeout)
	for {
		s, err := measure()
		if err == nil {
			last = s
			if math.Abs(s.Frame-s.Content) <= 3 && s.Scroll <= s.Inner+1 {
				return
			}
		}
		if time.Now().After(deadline) {
			f.tb.t.Errorf("%s: the iframe is %.1fpx tall, the quiz's content %.1fpx; the quiz document scrolls %.0fpx in a %.0fpx window (want the iframe within 3px of the content and no inner scrollbar); err %v",
				screen, last.Frame, last.Content, last.Scroll, last.Inner, err)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
