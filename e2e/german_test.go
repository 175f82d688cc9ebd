package e2e

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"cxquiz/app/screens"
	"cxquiz/quiz"
)

// uiTexts returns the interface texts of a language, as the server and
// the wasm are built with them.
func uiTexts(t *testing.T, lang string) map[string]string {
	t.Helper()
	texts, ok := screens.LookupTexts(lang)
	if !ok {
		t.Fatalf("no interface texts in %q", lang)
	}
	return texts.Strings()
}

// uiFormat fills the {name} placeholders of an interface text with the
// name/value pairs in args.
func uiFormat(s string, args ...any) string {
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return s
}

// screenJS reads what every screen shows about its language.
const screenJS = `({
	lang: document.documentElement.lang,
	title: document.title,
	heading: (document.getElementById("screen-heading") || {textContent: ""}).textContent,
	progress: (document.getElementById("progress-label") || {textContent: ""}).textContent,
})`

type screenText struct{ Lang, Title, Heading, Progress string }

// langsJS records, from the start of every document, each value the
// page's <html lang> takes into window.__langs.
const langsJS = `
window.__langs = [];
(() => {
	const note = () => {
		const l = document.documentElement && document.documentElement.lang;
		if (l !== undefined && window.__langs[window.__langs.length - 1] !== l) window.__langs.push(l);
	};
	// The script runs before the page's <html> exists: watch the document.
	new MutationObserver(note).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ["lang"]});
	document.addEventListener("DOMContentLoaded", note);
})();`

// TestGerman takes the whole quiz in German with the keyboard, then
// switches the result to English: the same scores and code.
func TestGerman(t *testing.T) {
	t.Parallel()
	s := setup(t)
	de, en := uiTexts(t, "de"), uiTexts(t, "en")
	bankDE := s.bank.In("de")
	a := s.answers(50)
	tb := s.browser.journey(t)
	tb.lang = "de"

	tb.open("/?lang=de")
	tb.waitWasm()
	var sc screenText
	tb.eval(screenJS, &sc)
	if sc.Lang != "de" || sc.Heading != de["intro.heading"] || sc.Title != de["app.name"] {
		t.Errorf("intro in German: lang %q, title %q, heading %q; want de, %q, %q", sc.Lang, sc.Title, sc.Heading, de["app.name"], de["intro.heading"])
	}
	tb.tabTo("start")
	tb.press(kb.Enter)
	total := tb.questions()
	for n := 1; n <= total; n++ {
		tb.waitQuestion(n)
		tb.eval(screenJS, &sc)
		count := uiFormat(de["question.count"], "n", n, "total", total)
		title := uiFormat(de["question.title"], "n", n, "total", total) + " · " + de["app.name"]
		if sc.Lang != "de" || sc.Progress != count || sc.Title != title {
			t.Errorf("question %d: lang %q, progress %q, title %q; want de, %q, %q", n, sc.Lang, sc.Progress, sc.Title, count, title)
		}
		if n == 1 && sc.Progress != "Frage 1 von 24" {
			t.Errorf("question 1 says %q, want \"Frage 1 von 24\"", sc.Progress)
		}
		tb.assertOptionTexts(bankDE.Question(n))
		tb.press(strconv.Itoa(a[n-1] + 1))
		tb.waitChosen(a[n-1])
		tb.press(kb.Enter)
		tb.advanced(n)
	}
	tb.assertResult(a)
	want, err := bankDE.Score(a)
	if err != nil {
		t.Fatal(err)
	}
	tb.eval(screenJS, &sc)
	if sc.Lang != "de" || sc.Heading != want.Level.Name || sc.Title != de["result.title"]+" · "+de["app.name"] {
		t.Errorf("German result: lang %q, heading %q, title %q; want de, %q (bank.In(\"de\")), %q", sc.Lang, sc.Heading, sc.Title, want.Level.Name, de["result.title"]+" · "+de["app.name"])
	}
	if got := tb.eyebrow(); got != de["result.eyebrow"] {
		t.Errorf("German result: eyebrow %q, want %q", got, de["result.eyebrow"])
	}
	tb.assertPercents(want, "\u00a0%")
	code := s.bank.Encode(a)

	tb.click(`nav.langs a[hreflang="en"]`)
	tb.lang = "en"
	wantEN, _ := s.bank.Score(a)
	tb.waitFor("the result in English", fmt.Sprintf(`document.documentElement.lang === "en" && location.pathname === "/result" &&
		(document.getElementById("screen-heading") || {}).textContent === %s`, js(wantEN.Level.Name)))
	tb.assertResult(a)
	if got := tb.eyebrow(); got != en["result.eyebrow"] {
		t.Errorf("English result: eyebrow %q, want %q", got, en["result.eyebrow"])
	}
	tb.assertPercents(wantEN, "%")
	var search string
	tb.eval(`location.search`, &search)
	if q, err := url.ParseQuery(strings.TrimPrefix(search, "?")); err != nil || q.Get("a") != code || q.Get("lang") != "en" {
		t.Errorf("after switching to English the address has %q, want a=%s and lang=en", search, code)
	}
}

// assertOptionTexts checks that the question's options are the bank's,
// in its language.
func (tb *tab) assertOptionTexts(q *quiz.Question) {
	tb.t.Helper()
	var got []string
	tb.eval(`[...document.querySelectorAll("label.option .text")].map(e => e.textContent)`, &got)
	var want []string
	for _, o := range q.Options {
		want = append(want, o.Text)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		tb.t.Errorf("question %d shows the options %q, want %q", q.Number, got, want)
	}
}

// assertPercents checks the score table and the overall score of the
// result screen: numbers followed by sign, as the language writes them.
func (tb *tab) assertPercents(want quiz.Result, sign string) {
	tb.t.Helper()
	var got struct {
		Overall string
		Cells   []struct{ ID, Num, Level string }
	}
	tb.eval(`({
		overall: (document.querySelector("section.result .overall .big") || {textContent: ""}).textContent,
		cells: [...document.querySelectorAll("section.result tr[data-dimension]")].map(r => ({
			id: r.dataset.dimension,
			num: (r.querySelector("td.num") || {textContent: ""}).textContent,
			level: (r.querySelector("td:last-child") || {textContent: ""}).textContent,
		})),
	})`, &got)
	if w := strconv.Itoa(want.Overall) + sign; got.Overall != w {
		tb.t.Errorf("the overall score reads %q, want %q", got.Overall, w)
	}
	if len(got.Cells) != len(want.Dimensions) {
		tb.t.Fatalf("the score table has %d rows, want %d", len(got.Cells), len(want.Dimensions))
	}
	for i, d := range want.Dimensions {
		c := got.Cells[i]
		if w := strconv.Itoa(d.Score) + sign; c.ID != d.Dimension.ID || c.Num != w || c.Level != d.Level.Name {
			tb.t.Errorf("score table row %d: %s %q %q, want %s %q %q", i+1, c.ID, c.Num, c.Level, d.Dimension.ID, w, d.Level.Name)
		}
	}
}

// TestGermanAcceptLanguage opens the intro without ?lang= in a browser
// that asks for German: the intro and what follows are German.
func TestGermanAcceptLanguage(t *testing.T) {
	t.Parallel()
	s := setup(t)
	de := uiTexts(t, "de")
	tb := s.browser.journey(t)
	tb.lang = "de"
	tb.run("asking for German", network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "de"}))
	tb.run("watching the headings and the page's language", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(headingsJS + langsJS).Do(ctx)
		return err
	}))
	// The prerendered intro first, then the same with the wasm.
	h := tb.holdWasm()
	tb.open("/")
	h.waitHeld(1)
	tb.loaded()
	check := func(when string) string {
		t.Helper()
		var got struct {
			screenText
			Start string
		}
		tb.eval(`Object.assign(`+screenJS+`, {start: (document.getElementById("start") || {href: ""}).href})`, &got)
		if got.Lang != "de" || got.Heading != de["intro.heading"] {
			t.Errorf("%s: the intro with Accept-Language: de has lang %q and the heading %q, want de and %q", when, got.Lang, got.Heading, de["intro.heading"])
		}
		return got.Start
	}
	before := check("prerendered")
	h.release()
	tb.waitWasm()
	tb.settle()
	if after := check("with the wasm"); after != before || !strings.Contains(after, "lang=de") {
		t.Errorf("#start leads to %s on the prerendered intro, to %s once the wasm runs; want the same, with lang=de", before, after)
	}
	// No moment in English while the wasm took over.
	var seen struct{ Headings, Langs []string }
	tb.eval(`({headings: window.__headings, langs: window.__langs})`, &seen)
	if slices.ContainsFunc(seen.Headings, func(h string) bool { return h != de["intro.heading"] }) || slices.ContainsFunc(seen.Langs, func(l string) bool { return l != "de" }) {
		t.Errorf("while the wasm took over, the intro put up the headings %q and the languages %q, want only %q and de", seen.Headings, seen.Langs, de["intro.heading"])
	}
	tb.click("#start")
	tb.waitQuestion(1)
	var sc screenText
	tb.eval(screenJS, &sc)
	if sc.Lang != "de" || sc.Progress != "Frage 1 von 24" {
		t.Errorf("question 1 after a German intro: lang %q, progress %q; want de, \"Frage 1 von 24\"", sc.Lang, sc.Progress)
	}
}

// TestQuestionLangSwitch switches language on question 3, with and
// without JavaScript: the same question in German with the answers so
// far (and, with the wasm, the choice not yet sent, without a page load),
// and the check goes on in German.
func TestQuestionLangSwitch(t *testing.T) {
	t.Parallel()
	s := setup(t)
	a := s.answers(51)
	path := "/q/3?a=" + s.bank.Encode(upTo(a, 2))
	for _, noScript := range []bool{true, false} {
		name := "wasm"
		if noScript {
			name = "no-script"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tb := s.browser.journey(t)
			if noScript {
				tb.noScript = true
				tb.run("turning JavaScript off", emulation.SetScriptExecutionDisabled(true))
			}
			tb.emulate(phone)
			tb.open(path)
			if noScript {
				tb.loaded()
			} else {
				tb.waitWasm()
			}
			tb.waitQuestion(3)
			chosen := quiz.Unanswered
			if !noScript {
				chosen = (a[2] + 1) % 4
				tb.pickWithMouse(chosen)
				tb.markPage()
			}
			tb.click(`nav.langs a[hreflang="de"]`)
			tb.lang = "de"
			tb.waitQuestion(3)
			var sc screenText
			tb.eval(screenJS, &sc)
			if want := uiFormat(uiTexts(t, "de")["question.count"], "n", 3, "total", tb.questions()); sc.Lang != "de" || sc.Progress != want {
				t.Errorf("after switching: lang %q, progress %q; want de, %q", sc.Lang, sc.Progress, want)
			}
			tb.assertOptionTexts(s.bank.In("de").Question(3))
			tb.assertCode(3, upTo(a, 2))
			tb.assertChecked(3, chosen)
			if !noScript {
				tb.assertSamePage()
			}
			tb.screenshot("question-lang-switched-" + name)
			tb.pickWithMouse(a[2])
			tb.click("#next")
			tb.advanced(3)
			tb.waitQuestion(4)
			tb.assertCode(4, upTo(a, 3))
			tb.eval(screenJS, &sc)
			if sc.Lang != "de" {
				t.Errorf("question 4 after the switch: lang %q, want de", sc.Lang)
			}
		})
	}
}
