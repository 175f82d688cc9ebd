package e2e

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"cxquiz/quiz"
)

// TestJourneyMouse goes from the intro to the result with the mouse once
// the wasm runs, and checks that the wasm made every step in-page.
func TestJourneyMouse(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	a := s.answers(1)

	tb.open("/")
	tb.waitWasm()
	tb.markPage()
	tb.click("#start")
	tb.answerQuestionsWithMouse(a, 1, tb.questions())
	tb.assertResult(a)
	tb.assertShareLink(a)
	tb.assertResultActions(a)
	tb.assertSamePage()
	if n := tb.documents(); n != 1 {
		t.Errorf("%d documents loaded, want 1: the wasm should make every step in-page", n)
	}
}

// TestJourneyKeyboard goes from the intro to the result with key events
// alone, half the questions with number keys, half with Tab and arrows.
func TestJourneyKeyboard(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	a := s.answers(2)

	tb.open("/")
	tb.waitWasm()
	tb.markPage()
	// Count real (trusted) mouse events: there must be none.
	tb.eval(`window.__e2eMouse = 0;
		for (const type of ["mousedown", "mouseup", "pointerdown", "pointerup", "mousemove"]) {
			addEventListener(type, e => { if (e.isTrusted) window.__e2eMouse++; }, true);
		}`, nil)
	tb.tabTo("start")
	tb.press(kb.Enter)
	for n := 1; n <= tb.questions(); n++ {
		tb.waitQuestion(n)
		tb.assertChecked(n, quiz.Unanswered)
		i := a[n-1]
		if n%2 == 1 {
			tb.press(strconv.Itoa(i + 1))
		} else {
			// Tab from the heading into the radio group: its first
			// radio, as none is checked yet; arrows move the choice.
			tb.press(kb.Tab)
			tb.waitFor("focus on the first option", `document.activeElement && document.activeElement.id === "opt-1"`)
			if i == 0 {
				tb.press(" ")
				tb.waitChosen(0)
			}
			for k := 1; k <= i; k++ {
				tb.press(kb.ArrowDown)
				tb.waitChosen(k)
			}
		}
		tb.waitFor(fmt.Sprintf("question %d: %s checked and focused", n, optID(i)),
			fmt.Sprintf(`document.activeElement && document.activeElement.id === %s && document.activeElement.checked`, js(optID(i))))
		tb.settle()
		tb.press(kb.Enter)
		tb.advanced(n)
	}
	tb.assertResult(a)
	tb.assertSamePage()
	var mouse int
	tb.eval(`window.__e2eMouse`, &mouse)
	if mouse != 0 {
		t.Errorf("the page saw %d mouse events, want none", mouse)
	}
}

// tabTo presses Tab until the element with the given id has focus.
func (tb *tab) tabTo(id string) {
	tb.t.Helper()
	for range 30 {
		tb.press(kb.Tab)
		var focused string
		tb.eval(`document.activeElement ? document.activeElement.id : ""`, &focused)
		if focused == id {
			return
		}
	}
	tb.t.Fatalf("#%s never got focus with Tab; page: %s", id, tb.state())
}

// TestJourneyNoWasm goes from the intro to the result on the prerendered
// pages alone: ?wasm=false keeps go-app from loading the wasm, so every
// link is followed and every answer form submitted by the browser, and
// the server redirects to the next screen. Links and forms must keep
// ?wasm=false for that.
func TestJourneyNoWasm(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	a := s.answers(3)

	tb.open("/?wasm=false")
	tb.loaded()
	tb.click("#start")
	for n := 1; n <= tb.questions(); n++ {
		tb.waitQuestion(n)
		tb.assertNoWasm()
		tb.assertChecked(n, quiz.Unanswered)
		tb.pickWithMouse(a[n-1])
		tb.click("#next")
		tb.advanced(n)
	}
	tb.assertResult(a)
	tb.assertNoWasm()
	// The intro, question 1 and one page per answer.
	if got, want := tb.documents(), 2+tb.questions(); got != want {
		t.Errorf("%d documents loaded, want %d: one per screen", got, want)
	}
}

// assertNoWasm checks that the page still says ?wasm=false and that the
// wasm was never asked for.
func (tb *tab) assertNoWasm() {
	tb.t.Helper()
	var search string
	tb.eval(`location.search`, &search)
	if !strings.Contains(search, "wasm=false") {
		tb.t.Fatalf("%s came without ?wasm=false (a link or form of the screen before dropped it): go-app loads the wasm here", tb.lastDocument().url)
	}
	if n := tb.wasmRequested(); n != 0 {
		tb.t.Fatalf("app.wasm was requested %d times, want none with ?wasm=false", n)
	}
}

// TestJourneyNoScript goes from the intro to the result with JavaScript
// turned off: links, forms and the server's redirects alone.
func TestJourneyNoScript(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	tb.noScript = true
	tb.run("turning JavaScript off", emulation.SetScriptExecutionDisabled(true))
	a := s.answers(10)

	tb.open("/")
	tb.click("#start")
	tb.answerQuestionsWithMouse(a, 1, tb.questions())
	tb.assertResult(a)
	if n := tb.wasmRequested(); n != 0 {
		t.Errorf("app.wasm was requested %d times without JavaScript", n)
	}
	if got, want := tb.documents(), 2+tb.questions(); got != want {
		t.Errorf("%d documents loaded, want %d: one per screen", got, want)
	}
}

// wasmHold holds the page's requests for app.wasm until released.
type wasmHold struct {
	tb       *tab
	mu       sync.Mutex
	held     []fetch.RequestID
	count    int
	released bool
}

// holdWasm holds every request of the tab for app.wasm with the Fetch
// domain. The page's requests bypass go-app's service worker, which would
// otherwise answer them from its cache once it controls the page.
//
// The page asks a worker to fetch and compile app.wasm, and the worker's
// requests are not the page's: it holds the worker's script instead, the
// page's one request on the way to app.wasm (app.wasm itself where the
// page falls back to compiling it).
func (tb *tab) holdWasm() *wasmHold {
	tb.t.Helper()
	h := &wasmHold{tb: tb}
	tb.mu.Lock()
	tb.onPaused = h.paused
	tb.mu.Unlock()
	tb.run("holding app.wasm",
		network.SetBypassServiceWorker(true),
		fetch.Enable().WithPatterns([]*fetch.RequestPattern{
			{URLPattern: "*/web/app.wasm*", RequestStage: fetch.RequestStageRequest},
			{URLPattern: "*/web/compile-worker.js*", RequestStage: fetch.RequestStageRequest},
		}),
	)
	return h
}

// paused runs on chromedp's event loop: it must not call the browser.
func (h *wasmHold) paused(ev *fetch.EventRequestPaused) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.count++
	if h.released {
		go chromedp.Run(h.tb.ctx, fetch.ContinueRequest(ev.RequestID))
		return
	}
	h.held = append(h.held, ev.RequestID)
}

// requests returns how many requests for app.wasm (or its compile
// worker) were paused.
func (h *wasmHold) requests() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.count
}

// waitHeld waits until the page has asked for app.wasm n times in all.
func (h *wasmHold) waitHeld(n int) {
	h.tb.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for h.requests() < n {
		if time.Now().After(deadline) {
			h.tb.t.Fatalf("app.wasm was requested %d times, want %d; page: %s", h.requests(), n, h.tb.state())
		}
		time.Sleep(pollInterval)
	}
}

// release lets the held requests go on, and every later one. Requests
// of pages left meanwhile are gone, which is no error.
func (h *wasmHold) release() {
	h.mu.Lock()
	held := h.held
	h.held, h.released = nil, true
	h.mu.Unlock()
	for _, id := range held {
		chromedp.Run(h.tb.ctx, fetch.ContinueRequest(id))
	}
}

// TestJourneyBeforeWasm answers the first three questions while app.wasm
// is held back, on the prerendered pages with keys and mouse, and picks
// an option on the fourth; then it lets the wasm load and finishes with
// it: the early answers count and the pending choice stays.
func TestJourneyBeforeWasm(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	h := tb.holdWasm()
	a := s.answers(4)

	tb.open("/")
	h.waitHeld(1)
	tb.click("#start")
	for n := 1; n <= 3; n++ {
		tb.waitQuestion(n)
		h.waitHeld(n + 1)
		i := a[n-1]
		if n == 2 {
			tb.pickWithMouse(i)
			tb.click("#next")
		} else {
			tb.press(strconv.Itoa(i + 1))
			tb.waitChosen(i)
			tb.press(kb.Enter)
		}
		tb.advanced(n)
	}
	tb.waitQuestion(4)
	h.waitHeld(5)
	tb.assertCode(4, upTo(a, 3))
	tb.press(strconv.Itoa(a[3] + 1))
	tb.waitChosen(a[3])
	var loading bool
	tb.eval(`!!document.getElementById("app-wasm-loader")`, &loading)
	if !loading {
		t.Fatal("the wasm loader is gone while app.wasm is held")
	}

	h.release()
	tb.waitWasm()
	tb.markPage()
	tb.waitFor("question 4 after the wasm took over", fmt.Sprintf(`(document.getElementById("screen-heading") || {}).textContent === %s`, js(s.bank.Question(4).Text)))
	tb.assertCode(4, upTo(a, 3))
	if err := tb.poll(fmt.Sprintf(`document.getElementById(%s).checked`, js(optID(a[3]))), waitTimeout); err != nil {
		t.Errorf("the choice made before the wasm took over is lost: %v; page: %s", err, tb.state())
	} else {
		tb.settle()
	}
	if err := tb.poll(fmt.Sprintf(`document.activeElement && document.activeElement.id === %s`, js(optID(a[3]))), waitTimeout); err != nil {
		t.Errorf("after the wasm took over, focus is not back on %s where it was; page: %s", optID(a[3]), tb.state())
	}
	tb.click("#next")
	tb.advanced(4)
	tb.answerQuestionsWithMouse(a, 5, tb.questions())
	tb.assertResult(a)
	tb.assertSamePage()
}

// TestJourneyBack goes back two questions, changes the answer there and
// finishes: the change counts, the other answers stay.
func TestJourneyBack(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	a := s.answers(5)

	tb.open("/")
	tb.waitWasm()
	tb.click("#start")
	tb.answerQuestionsWithMouse(a, 1, 8)
	tb.waitQuestion(9)
	tb.click("#back")
	tb.waitQuestion(8)
	tb.assertChecked(8, a[7])
	tb.click("#back")
	tb.waitQuestion(7)
	tb.assertChecked(7, a[6])
	a[6] = (a[6] + 2) % quiz.OptionsPerQuestion
	tb.pickWithMouse(a[6])
	tb.click("#next")
	tb.advanced(7)
	tb.waitQuestion(8)
	tb.assertChecked(8, a[7])
	tb.assertCode(8, upTo(a, 8))
	tb.click("#next") // keeps the answer given before
	tb.advanced(8)
	tb.waitQuestion(9)
	tb.assertCode(9, upTo(a, 8))
	tb.answerWithMouse(9, a[8])
	tb.skipToLast(10, a)
	tb.assertResult(a)
}

// TestJourneyReload reloads the page in the middle of the quiz: the same
// question is on screen and the answers before it are kept.
func TestJourneyReload(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	a := s.answers(6)

	tb.open("/")
	tb.waitWasm()
	tb.click("#start")
	tb.answerQuestionsWithMouse(a, 1, 9)
	tb.waitQuestion(10)
	docs := tb.documents()
	tb.run("reloading", chromedp.Reload())
	if tb.documents() == docs {
		t.Fatal("the reload loaded no document")
	}
	tb.waitQuestion(10)
	tb.assertCode(10, upTo(a, 9))
	tb.assertChecked(10, quiz.Unanswered)
	tb.waitWasm()
	tb.waitQuestion(10)
	tb.assertCode(10, upTo(a, 9))
	tb.click("#back")
	tb.waitQuestion(9)
	tb.assertChecked(9, a[8])
	tb.click("#next")
	tb.advanced(9)
	tb.answerWithMouse(10, a[9])
	tb.skipToLast(11, a)
	tb.assertResult(a)
}

// TestJourneyFreshProfile finishes the quiz, takes the share link and
// opens it in another browser with a profile of its own: same result.
func TestJourneyFreshProfile(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	a := s.answers(7)
	last := tb.questions()

	tb.open("/q/" + strconv.Itoa(last) + "?a=" + s.bank.Encode(upTo(a, last-1)))
	tb.waitWasm()
	tb.answerWithMouse(last, a[last-1])
	tb.assertResult(a)
	tb.assertShareLink(a)
	var link string
	tb.eval(`document.getElementById("share-link").value`, &link)
	if !strings.HasPrefix(link, "http") {
		link = tb.url(link) // reported above; go on with the link it means
	}

	dir := t.TempDir()
	other, err := newBrowser(dir, s.browser.base, s.bank)
	if err != nil {
		t.Fatal(err)
	}
	// Registered before the tab's cleanup, so it runs after it.
	t.Cleanup(func() {
		other.close()
		if err := removeProfile(dir); err != nil {
			t.Error(err)
		}
	})
	tb2 := other.journey(t)
	tb2.openURL(link)
	tb2.waitWasm()
	tb2.assertResult(a)
	tb2.assertShareLink(a)
}

// TestJourneyBrokenLinks opens damaged result links and an unknown path:
// each gets a page that explains it with a way to start over, and a 4xx
// status. The intact link still gives the result.
//
// Every published version stays readable, so the only code this server
// cannot read though it may be real is one of the next version, from a
// newer release behind the same load balancer (410).
func TestJourneyBrokenLinks(t *testing.T) {
	t.Parallel()
	s := setup(t)
	a := s.answers(8)
	code := s.bank.Encode(a)
	cases := []struct {
		name   string
		path   string
		status int64
		err    error // what package quiz says about the code
	}{
		{"truncated code", "/result?a=" + code[:len(code)-2], 400, quiz.ErrMalformed},
		{"changed character", "/result?a=" + s.mangle(code), 400, quiz.ErrMalformed},
		{"version 0", "/result?a=A" + code[1:], 400, quiz.ErrMalformed},
		{"unknown path", "/no-such-page", 404, nil},
		{"question beyond the last", "/q/" + strconv.Itoa(len(s.bank.Questions())+1) + "?a=" + code, 404, nil},
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	cases = append(cases, struct {
		name   string
		path   string
		status int64
		err    error
	}{"code of the next version", "/result?a=" + string(alphabet[s.bank.Version+1]) + code[1:], 410, quiz.ErrOutdated})
	// One tab for every link, one after the other: a link opened in a
	// browser that has been to the site before is no different, and a new
	// browser context per link cost 1-2 s of CPU more each.
	tb := s.browser.screensTab(t, len(cases)+1)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb.lend(t)
			if c.err != nil {
				q := c.path[strings.Index(c.path, "?a=")+3:]
				if _, _, err := s.banks.Decode(q); !errors.Is(err, c.err) {
					t.Fatalf("the test's code %q decodes with %v, want %v", q, err, c.err)
				}
			}
			tb.expectStatus(c.path)
			tb.open(c.path)
			tb.assertStatus(c.path, c.status)
			tb.assertProblem()
			tb.waitWasm()
			tb.assertProblem()
			tb.click("#start-over")
			tb.waitFor("the intro", `location.pathname === "/" && !!document.getElementById("start")`)
		})
	}
	t.Run("intact link", func(t *testing.T) {
		tb.lend(t)
		tb.open("/result?a=" + code)
		tb.assertStatus("/result?a="+code, 200)
		tb.waitWasm()
		tb.assertResult(a)
	})
}

// mangle changes one character in the middle of a valid code so that the
// checksum no longer fits.
func (s *suite) mangle(code string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := []byte(code)
	for i := len(b) / 2; i < len(b); i++ {
		orig := b[i]
		b[i] = alphabet[(strings.IndexByte(alphabet, orig)+1)%len(alphabet)]
		if _, err := s.bank.Decode(string(b)); errors.Is(err, quiz.ErrMalformed) {
			return string(b)
		}
		b[i] = orig
	}
	panic("no single change breaks the code " + code)
}

// assertProblem checks that the screen explains a problem and offers a
// way to start over.
func (tb *tab) assertProblem() {
	tb.t.Helper()
	tb.waitFor("a page that explains the problem", `document.readyState === "complete" && !!document.querySelector("section.problem") &&
		(document.getElementById("screen-heading") || {textContent: ""}).textContent.trim() !== ""`)
	var got struct {
		Href    string
		Visible bool
		Result  bool
	}
	tb.eval(`(() => {
		const a = document.getElementById("start-over");
		return {
			href: a ? a.getAttribute("href") : "",
			visible: !!a && a.getClientRects().length > 0 && getComputedStyle(a).visibility !== "hidden",
			result: !!document.querySelector("section.result, #continue"),
		};
	})()`, &got)
	if got.Href != "/" || !got.Visible {
		tb.t.Errorf("#start-over: href %q, visible %v; want a visible link to /", got.Href, got.Visible)
	}
	if got.Result {
		tb.t.Errorf("the problem page shows a result or offers to continue")
	}
}
