package e2e

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"cxquiz/quiz"
)

// answers returns a complete answer set, the same for the same seed, so
// every journey ends on a result of its own.
func (s *suite) answers(seed uint64) quiz.Answers {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	a := s.bank.NewAnswers()
	for i := range a {
		a[i] = r.IntN(quiz.OptionsPerQuestion)
	}
	return a
}

// upTo returns a copy of a with only the first n questions answered.
func upTo(a quiz.Answers, n int) quiz.Answers {
	c := append(quiz.Answers(nil), a...)
	for i := n; i < len(c); i++ {
		c[i] = quiz.Unanswered
	}
	return c
}

// js quotes s as a JavaScript string literal.
func js(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// optID is the element id of option i (0-based) of a question.
func optID(i int) string { return "opt-" + strconv.Itoa(i+1) }

// questions returns the number of questions.
func (tb *tab) questions() int { return len(tb.bank.Questions()) }

// waitQuestion waits until question n is on screen in the tab's language,
// then checks that focus is on its heading, as after every step.
func (tb *tab) waitQuestion(n int) {
	tb.t.Helper()
	q := tb.bank.In(tb.lang).Question(n)
	tb.waitFor(fmt.Sprintf("question %d", n), fmt.Sprintf(`location.pathname === %s && document.readyState === "complete" &&
		(document.getElementById("screen-heading") || {}).textContent === %s && !!document.getElementById("next")`,
		js("/q/"+strconv.Itoa(n)), js(q.Text)))
	tb.assertHeadingFocus(fmt.Sprintf("question %d", n))
}

// assertHeadingFocus checks that focus is on the screen's heading, where
// each step puts it. Without JavaScript nothing moves focus.
func (tb *tab) assertHeadingFocus(screen string) {
	tb.t.Helper()
	if tb.noScript || tb.focusReported {
		return
	}
	if err := tb.poll(`document.activeElement && document.activeElement.id === "screen-heading"`, waitTimeout); err != nil {
		tb.focusReported = true
		tb.t.Errorf("%s: focus is not on #screen-heading %s later (reported once per journey); page: %s", screen, waitTimeout, tb.state())
	}
}

// assertChecked checks that the radio of option want (0-based, or
// quiz.Unanswered for none) is the only one checked.
func (tb *tab) assertChecked(n, want int) {
	tb.t.Helper()
	got := []string{}
	tb.eval(`[...document.querySelectorAll("input[name=pick]:checked")].map(e => e.id)`, &got)
	wantIDs := []string{}
	if want != quiz.Unanswered {
		wantIDs = []string{optID(want)}
	}
	if strings.Join(got, ",") != strings.Join(wantIDs, ",") {
		tb.t.Errorf("question %d shows the radios %q checked, want %q", n, got, wantIDs)
	}
}

// assertCode checks the result code that the question screen carries in
// its form: the answers given so far.
func (tb *tab) assertCode(n int, want quiz.Answers) {
	tb.t.Helper()
	var code string
	tb.eval(`(document.querySelector("#answer input[name=a]") || {value: ""}).value`, &code)
	if wantCode := tb.bank.Encode(want); code != wantCode {
		got, err := tb.bank.Decode(code)
		tb.t.Errorf("question %d: the form carries the code %q (%v, %v), want %q (%v)", n, code, got, err, wantCode, want)
	}
}

// pickWithMouse clicks option i of the question on screen.
func (tb *tab) pickWithMouse(i int) {
	tb.t.Helper()
	tb.click("#" + optID(i))
	tb.waitChosen(i)
}

// waitChosen waits until option i is checked, then lets the page handle
// the change: the wasm takes it in after the browser has checked the
// radio, and a second choice a few milliseconds later races with that.
func (tb *tab) waitChosen(i int) {
	tb.t.Helper()
	tb.waitFor(optID(i)+" checked", fmt.Sprintf(`document.getElementById(%s).checked`, js(optID(i))))
	tb.settle()
}

// settle waits for the page's pending tasks and the next frame.
func (tb *tab) settle() {
	tb.t.Helper()
	if tb.noScript {
		return
	}
	tb.run("waiting for the page to settle", chromedp.Evaluate(
		`new Promise(r => setTimeout(() => requestAnimationFrame(() => setTimeout(() => r(true)))))`, nil,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
}

// advanced waits until the answer to question n was taken and the page
// moved on, failing at once if the app asked for a choice instead or the
// browser refused to submit a form without one.
func (tb *tab) advanced(n int) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf("the step after question %d", n), fmt.Sprintf(
		`location.pathname !== %s || !!document.getElementById("pick-error") || !!document.querySelector("form#answer:invalid")`,
		js("/q/"+strconv.Itoa(n))))
	var got struct {
		Moved   bool
		Refused string
	}
	tb.eval(fmt.Sprintf(`({
		moved: location.pathname !== %s,
		refused: (document.getElementById("pick-error") || {textContent: ""}).textContent,
	})`, js("/q/"+strconv.Itoa(n))), &got)
	switch {
	case got.Moved:
	case got.Refused != "":
		tb.t.Fatalf("question %d: the checked option did not count, the form asks %q; page: %s", n, got.Refused, tb.state())
	default:
		tb.t.Fatalf("question %d: no option is checked, so the browser does not submit the form; page: %s", n, tb.state())
	}
}

// answerWithMouse answers question n, which has no answer yet, with
// option i and goes on, clicking.
func (tb *tab) answerWithMouse(n, i int) {
	tb.t.Helper()
	tb.waitQuestion(n)
	tb.assertChecked(n, quiz.Unanswered)
	tb.pickWithMouse(i)
	tb.click("#next")
	tb.advanced(n)
}

// answerQuestionsWithMouse answers questions from to to (1-based) with
// the options in a.
func (tb *tab) answerQuestionsWithMouse(a quiz.Answers, from, to int) {
	tb.t.Helper()
	for n := from; n <= to; n++ {
		tb.answerWithMouse(n, a[n-1])
	}
}

// skipToLast goes from question n, on screen, to the last question by its
// address, as someone who kept the link of a later question would, and
// answers it with the mouse: the answers before n are the page's own (the
// code in its form), those from n on a's. The address keeps the page's
// other parameters (language, team, embedding). Journeys whose point is
// not answering every question in turn use it; a lost or changed answer
// before n still shows in the result, which the caller checks against a.
// TestJourneyMouse, TestJourneyKeyboard, TestGerman, TestEmbed and the
// other whole journeys click through every question.
func (tb *tab) skipToLast(n int, a quiz.Answers) {
	tb.t.Helper()
	tb.waitQuestion(n)
	last := tb.questions()
	var got struct{ Code, Search string }
	tb.eval(`({code: (document.querySelector("#answer input[name=a]") || {value: ""}).value, search: location.search})`, &got)
	kept, err := tb.bank.Decode(got.Code)
	if err != nil {
		tb.t.Fatalf("question %d: the form carries the code %q: %v", n, got.Code, err)
	}
	for i := n - 1; i < last-1; i++ {
		kept[i] = a[i]
	}
	kept[last-1] = quiz.Unanswered
	q, err := url.ParseQuery(strings.TrimPrefix(got.Search, "?"))
	if err != nil {
		tb.t.Fatalf("question %d: the address's query %q: %v", n, got.Search, err)
	}
	q.Set("a", tb.bank.Encode(kept))
	tb.open("/q/" + strconv.Itoa(last) + "?" + q.Encode())
	tb.waitWasm()
	tb.answerWithMouse(last, a[last-1])
}

// resultJS reads what the result screen shows.
const resultJS = `(() => {
	const s = document.querySelector("section.result");
	if (!s) return null;
	return {
		level: s.dataset.level,
		overall: s.dataset.overall,
		code: s.dataset.code,
		dimensions: [...s.querySelectorAll("tr[data-dimension]")].map(r => ({id: r.dataset.dimension, score: r.dataset.score})),
	};
})()`

// assertResult waits for the result screen and checks that its level,
// overall score and every dimension score are what package quiz computes
// for the answers a.
func (tb *tab) assertResult(a quiz.Answers) {
	tb.t.Helper()
	want, err := tb.bank.Score(a)
	if err != nil {
		tb.t.Fatalf("scoring the test's own answers: %v", err)
	}
	tb.waitFor("the result screen", `location.pathname === "/result" && document.readyState === "complete" && !!document.querySelector("section.result")`)
	var got struct {
		Level, Overall, Code string
		Dimensions           []struct{ ID, Score string }
	}
	tb.eval(resultJS, &got)
	if got.Level != want.Level.ID {
		tb.t.Errorf("result level %q, want %q", got.Level, want.Level.ID)
	}
	if got.Overall != strconv.Itoa(want.Overall) {
		tb.t.Errorf("result overall %q, want %d", got.Overall, want.Overall)
	}
	if c := tb.bank.Encode(a); got.Code != c {
		tb.t.Errorf("result code %q, want %q", got.Code, c)
	}
	if len(got.Dimensions) != len(want.Dimensions) {
		tb.t.Errorf("the result shows %d dimension scores, want %d", len(got.Dimensions), len(want.Dimensions))
	}
	for i, d := range want.Dimensions {
		if i >= len(got.Dimensions) {
			break
		}
		g := got.Dimensions[i]
		if g.ID != d.Dimension.ID || g.Score != strconv.Itoa(d.Score) {
			tb.t.Errorf("dimension row %d: %s scores %s, want %s scoring %d", i+1, g.ID, g.Score, d.Dimension.ID, d.Score)
		}
	}
	tb.t.Logf("result: %s, %d overall", want.Level.ID, want.Overall)
}

// assertShareLink checks that the result offers the full URL of the
// result of a to share.
func (tb *tab) assertShareLink(a quiz.Answers) {
	tb.t.Helper()
	ok := fmt.Sprintf(`(() => {
		const input = document.getElementById("share-link");
		if (!input) return false;
		const u = new URL(input.value, "http://relative.invalid/");
		return u.origin === %s && u.pathname === "/result" && u.searchParams.get("a") === %s;
	})()`, js(tb.base.Scheme+"://"+tb.base.Host), js(tb.bank.Encode(a)))
	if err := tb.poll(ok, waitTimeout); err != nil {
		var link string
		tb.eval(`(document.getElementById("share-link") || {value: ""}).value`, &link)
		tb.t.Errorf("the share link shows %q, want a full URL of %s/result with a=%s", link, tb.base, tb.bank.Encode(a))
	}
}

// assertResultActions clicks Copy and Print on the result, with the
// clipboard and the print dialog stubbed out: Copy must put the full URL
// of the result on the clipboard, Print must open the print dialog.
func (tb *tab) assertResultActions(a quiz.Answers) {
	tb.t.Helper()
	tb.eval(`window.__e2eCopied = null;
		window.__e2ePrinted = 0;
		Object.defineProperty(navigator, "clipboard", {configurable: true, value: {
			writeText: text => { window.__e2eCopied = text; return Promise.resolve(); },
		}});
		window.print = () => { window.__e2ePrinted++; };`, nil)
	tb.click("#copy")
	ok := fmt.Sprintf(`(() => {
		if (typeof window.__e2eCopied !== "string") return false;
		const u = new URL(window.__e2eCopied, "http://relative.invalid/");
		return u.origin === %s && u.pathname === "/result" && u.searchParams.get("a") === %s;
	})()`, js(tb.base.Scheme+"://"+tb.base.Host), js(tb.bank.Encode(a)))
	if err := tb.poll(ok, waitTimeout); err != nil {
		var copied any
		tb.eval(`window.__e2eCopied`, &copied)
		tb.t.Errorf("Copy put %#v on the clipboard, want a full URL of %s/result with a=%s", copied, tb.base, tb.bank.Encode(a))
	}
	tb.click("#print")
	if err := tb.poll(`window.__e2ePrinted === 1`, waitTimeout); err != nil {
		tb.t.Errorf("Print did not open the print dialog")
	}
}

// markPage sets a marker on the window: it survives in-page navigation
// and is gone after a page load.
func (tb *tab) markPage() {
	tb.t.Helper()
	tb.eval(`window.__e2eMarker = 1`, nil)
}

// assertSamePage checks that no page load happened since markPage.
func (tb *tab) assertSamePage() {
	tb.t.Helper()
	var marker int
	tb.eval(`window.__e2eMarker || 0`, &marker)
	if marker != 1 {
		tb.t.Errorf("the page was loaded anew: the wasm did not navigate in-page")
	}
}
