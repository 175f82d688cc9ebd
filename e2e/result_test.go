package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"cxquiz/quiz"
)

// origin is the server's origin, as the browser writes it.
func (tb *tab) origin() string { return tb.base.Scheme + "://" + tb.base.Host }

// visibleJS is true when the element with the given id is shown.
func visibleJS(id string) string {
	return fmt.Sprintf(`(e => !!e && !e.hidden && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")(document.getElementById(%s))`, js(id))
}

// finish answers the last question of a on the question screen and waits
// for the result: the quiz finished in the browser.
func (tb *tab) finish(a quiz.Answers) {
	tb.t.Helper()
	last := tb.questions()
	tb.open(withLang("/q/"+strconv.Itoa(last)+"?a="+tb.bank.Encode(upTo(a, last-1)), tb.lang))
	tb.waitWasm()
	tb.answerWithMouse(last, a[last-1])
	tb.assertResult(a)
}

// eyebrow returns the text above the result's heading.
func (tb *tab) eyebrow() string {
	tb.t.Helper()
	var s string
	tb.eval(`(document.querySelector("section.result p.eyebrow") || {textContent: ""}).textContent`, &s)
	return s
}

// TestResultShareLink finishes the quiz, takes the share link and opens
// it in a fresh profile: a shared result with an invitation, the same
// level and scores.
func TestResultShareLink(t *testing.T) {
	t.Parallel()
	s := setup(t)
	en := uiTexts(t, "en")
	a := s.answers(30)
	tb := s.browser.journey(t)
	tb.finish(a)
	if got := tb.eyebrow(); got != en["result.eyebrow"] {
		t.Errorf("own result: eyebrow %q, want %q", got, en["result.eyebrow"])
	}
	var invited bool
	tb.eval(`!!document.getElementById("take-it")`, &invited)
	if invited {
		t.Error("one's own result invites one to take the check")
	}
	tb.assertShareLink(a)
	var link string
	tb.eval(`document.getElementById("share-link").value`, &link)
	u, err := url.Parse(link)
	if err != nil || !u.IsAbs() || u.Scheme+"://"+u.Host != tb.origin() || u.Path != "/result" || u.Query().Get("shared") != "1" || u.Query().Get("a") != s.bank.Encode(a) {
		t.Fatalf("the share link is %q, want an absolute URL of %s/result with a=%s and shared=1", link, tb.origin(), s.bank.Encode(a))
	}

	// A new browser context: no storage, cache or history of the first.
	other := s.browser.journey(t)
	other.openURL(link)
	other.waitWasm()
	other.assertResult(a)
	if got := other.eyebrow(); got != en["result.sharedEyebrow"] {
		t.Errorf("shared result: eyebrow %q, want %q", got, en["result.sharedEyebrow"])
	}
	var take struct {
		Href    string
		Visible bool
		Text    string
	}
	other.eval(`(() => {
		const a = document.getElementById("take-it");
		return a ? {href: a.href, visible: a.getClientRects().length > 0, text: a.textContent} : {};
	})()`, &take)
	if tu, err := url.Parse(take.Href); err != nil || tu.Path != "/" || tu.Query().Has("a") || !take.Visible || take.Text != en["result.takeIt"] {
		t.Errorf("shared result: #take-it is %+v, want a visible link %q to the intro", take, en["result.takeIt"])
	}
}

// TestResultNoScript opens a result with JavaScript off: no control that
// could do nothing (Copy, Print), no claim that the browser keeps
// anything, and the share link offered as a link to open, whose address
// is the whole shared result, not a path in a field. With JavaScript but
// no wasm, quiz.js shows the field with the whole link and the controls.
func TestResultNoScript(t *testing.T) {
	t.Parallel()
	s := setup(t)
	a := s.answers(33)
	code := s.bank.Encode(a)
	shown := func(id string) string { return visibleJS(id) }
	var got struct {
		Copy, Print, Field, Open bool
		Href, Value, Kept        string
	}
	read := func(tb *tab) {
		tb.eval(fmt.Sprintf(`({copy: %s, print: %s, field: %s, open: %s,
			href: (document.querySelector("#share-open a") || {href: ""}).href,
			value: (document.getElementById("share-link") || {value: ""}).value,
			kept: document.getElementById("kept").innerText})`,
			shown("copy"), shown("print"), shown("share-link"), shown("share-open")), &got)
	}
	for _, lang := range s.bank.Languages() {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			en := uiTexts(t, lang)
			tb := s.browser.journey(t)
			tb.noScript = true
			tb.run("turning JavaScript off", emulation.SetScriptExecutionDisabled(true))
			tb.open(withLang("/result?a="+code, lang))
			tb.loaded()
			read(tb)
			if got.Copy || got.Print {
				t.Errorf("without JavaScript: Copy shown %v, Print shown %v; they could do nothing", got.Copy, got.Print)
			}
			if got.Field {
				t.Errorf("without JavaScript: the link field shows %q, a path that passes for a link", got.Value)
			}
			u, err := url.Parse(got.Href)
			if !got.Open || err != nil || u.Scheme+"://"+u.Host != tb.origin() || u.Path != "/result" || u.Query().Get("a") != code || u.Query().Get("shared") != "1" {
				t.Errorf("without JavaScript: the link to open is %q (shown %v), want the whole shared result", got.Href, got.Open)
			}
			if want := uiFormat(en["kept.text"]); strings.Contains(got.Kept, want[:20]) {
				t.Errorf("without JavaScript the page says %q", want)
			}
			tb.screenshot("result-noscript-" + lang)

			js := s.browser.journey(t)
			js.open(withLang("/result?a="+code, lang) + "&wasm=false")
			js.loaded()
			js.waitFor("the link field", visibleJS("share-link"))
			read(js)
			if !got.Copy || !got.Print || got.Open || !strings.HasPrefix(got.Value, js.origin()+"/result?") || !strings.Contains(got.Kept, en["kept.text"][:20]) {
				t.Errorf("with JavaScript, no wasm: %+v; want Copy, Print, the whole link in the field and what the browser keeps", got)
			}
		})
	}
}

// TestResultCopy clicks Copy with the clipboard allowed: the clipboard
// holds the share link, and the live region says so.
func TestResultCopy(t *testing.T) {
	t.Parallel()
	s := setup(t)
	en := uiTexts(t, "en")
	a := s.answers(31)
	tb := s.browser.journey(t)
	tb.run("allowing the clipboard",
		chromedp.ActionFunc(func(ctx context.Context) error {
			return cdpbrowser.GrantPermissions([]cdpbrowser.PermissionType{
				cdpbrowser.PermissionTypeClipboardReadWrite, cdpbrowser.PermissionTypeClipboardSanitizedWrite,
			}).WithOrigin(tb.origin()).WithBrowserContextID(tb.bc).
				Do(cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser))
		}),
		// The clipboard works only in a focused page.
		emulation.SetFocusEmulationEnabled(true),
	)
	path := "/result?a=" + s.bank.Encode(a)
	tb.open(path)
	tb.waitWasm()
	tb.assertResult(a)
	tb.assertShareLink(a)
	var note string
	tb.eval(`document.getElementById("note").textContent`, &note)
	if note != "" {
		t.Errorf("#note says %q before anything was copied", note)
	}
	tb.click("#copy")
	tb.waitFor("#note to announce the copy", `document.getElementById("note").textContent !== ""`)
	tb.eval(`document.getElementById("note").textContent`, &note)
	if note != en["result.copied"] {
		t.Errorf("#note says %q after Copy, want %q", note, en["result.copied"])
	}
	var live struct{ Live, Role string }
	tb.eval(`({live: document.getElementById("note").getAttribute("aria-live") || "", role: document.getElementById("note").getAttribute("role") || ""})`, &live)
	if live.Live != "polite" && live.Live != "assertive" && live.Role != "status" {
		t.Errorf("#note is not a live region: aria-live=%q role=%q", live.Live, live.Role)
	}
	var got struct{ Copied, Link string }
	tb.run("reading the clipboard", chromedp.Evaluate(`navigator.clipboard.readText().then(c => ({copied: c, link: document.getElementById("share-link").value}))`, &got,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if got.Copied != got.Link {
		t.Errorf("the clipboard holds %q, want the share link %q", got.Copied, got.Link)
	}
	if u, err := url.Parse(got.Copied); err != nil || !u.IsAbs() || u.Query().Get("a") != s.bank.Encode(a) {
		t.Errorf("the clipboard holds %q, want the absolute share link of the result", got.Copied)
	}
}

// TestResultPDF prints results to A4 PDFs: one or two pages with the
// level, every dimension and the share link, and no buttons; the footer
// keeps the date it was printed on one line. In English and in German,
// whose longer words make a longer report: a result with tied starting
// points (more next steps), and the report's result made with version 4
// (which adds the note on its version), once split its date ("2.
// Dezember 20" / "26") and put that line alone on a third page.
func TestResultPDF(t *testing.T) {
	t.Parallel()
	s := setup(t)
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: scripts/setup installs poppler-utils", tool)
		}
	}
	type pdfCase struct {
		name, lang string
		bank       *quiz.Bank
		a          quiz.Answers
		pages      int // at most
	}
	cases := []pdfCase{
		{"en", "en", s.bank, s.answers(32), 2},
		{"de", "de", s.bank, s.answers(32), 2},
		// Half the dimensions tie as places to start: as many next steps,
		// a third page of them.
		{"de-tied", "de", s.bank, s.tiedStart(), 3},
	}
	// The report's result, EThThThThThThnQ: version 4, customer-aligned.
	if v4 := s.banks.Version(4); v4 != nil && v4 != s.bank {
		if a, err := v4.Decode("EThThThThThThnQ"); err == nil {
			cases = append(cases, pdfCase{"de-v4", "de", v4, a, 2})
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s.assertPDF(t, c.name, c.lang, c.bank, c.a, c.pages)
		})
	}
}

// tiedStart answers so that more than three dimensions tie for the
// lowest score: the result lists them all as places to start, each with
// its next steps, the longest report a result makes.
func (s *suite) tiedStart() quiz.Answers {
	a := s.bank.NewAnswers()
	for i, q := range s.bank.Questions() {
		// The lowest level's option on the first half, the highest's on
		// the rest: half the dimensions tie at the bottom.
		want := s.bank.Levels[len(s.bank.Levels)-1].ID
		if q.Dimension.ID == s.bank.Dimensions[0].ID || i < len(a)/2 {
			want = s.bank.Levels[0].ID
		}
		for j, o := range q.Options {
			if o.Level == want {
				a[i] = j
			}
		}
	}
	return a
}

// assertPDF prints the result of a (made with bank b) in lang to an A4
// PDF and checks it (see TestResultPDF).
func (s *suite) assertPDF(t *testing.T, name, lang string, b *quiz.Bank, a quiz.Answers, maxPages int) {
	texts := uiTexts(t, lang)
	want, err := b.In(lang).Score(a)
	if err != nil {
		t.Fatal(err)
	}
	code := b.Encode(a)
	tb := s.browser.journey(t)
	tb.lang = lang
	tb.open(withLang("/result?a="+code, lang))
	tb.waitWasm()
	tb.waitFor("the result", fmt.Sprintf(`!!document.querySelector("section.result") && document.querySelector("section.result").dataset.code === %s`, js(code)))
	var link string
	tb.waitFor("the whole share link", `(document.getElementById("share-link") || {value: ""}).value.startsWith("http")`)
	tb.eval(`document.getElementById("share-link").value`, &link)
	var pdf []byte
	tb.run("printing to PDF", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).WithPrintBackground(true).Do(ctx)
		return err
	}))
	// The date as the page wrote it when printing (quiz.js, beforeprint).
	var date string
	tb.eval(`document.getElementById("print-date").textContent`, &date)
	file := filepath.Join(artifacts, "result-"+name+".pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", file, err, info)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo says nothing about pages:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	if size := regexp.MustCompile(`(?m)^Page size:.*$`).Find(info); !bytes.Contains(size, []byte("A4")) {
		t.Errorf("the PDF's %s, want A4", size)
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	text := string(out)
	os.WriteFile(filepath.Join(artifacts, "result-"+name+".pdf.txt"), out, 0o644)
	if ff := strings.Count(text, "\f"); ff != pages {
		t.Errorf("pdftotext found %d pages, pdfinfo %d", ff, pages)
	}
	t.Logf("the PDF has %d pages", pages)
	if pages < 1 || pages > maxPages {
		t.Errorf("the printed result has %d pages, want 1 to %d", pages, maxPages)
	}
	// No last page with little more than the footer ("This result
	// online: …"): the footer goes with what comes before it.
	sheets := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	last := strings.Join(strings.Fields(sheets[len(sheets)-1]), " ")
	if i := strings.Index(last, texts["result.printedLink"]); pages > 1 && (i < 0 || len([]rune(last[:i])) < 100) {
		t.Errorf("the last of %d pages holds little but the footer: %q", pages, last)
	}
	// Names may wrap across lines, links break anywhere.
	flat := strings.Join(strings.Fields(text), " ")
	bare := strings.Join(strings.Fields(text), "")
	if !strings.Contains(flat, want.Level.Name) {
		t.Errorf("the PDF does not name the level %q", want.Level.Name)
	}
	for _, d := range b.In(lang).Dimensions {
		if !strings.Contains(flat, d.Name) {
			t.Errorf("the PDF does not name the dimension %q", d.Name)
		}
	}
	if !strings.Contains(bare, link) {
		t.Errorf("the PDF does not hold the share link %s (.print-link)", link)
	}
	if year := strconv.Itoa(time.Now().Year()); date == "" || !strings.Contains(date, year) || !strings.Contains(bare, link+"·"+strings.Join(strings.Fields(date), "")) {
		t.Errorf("the PDF does not give the date it was printed (%q) after the link (#print-date)", date)
	}
	// The date on one line: not split inside, as "2. Dezember 20" / "26".
	oneLine := false
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(strings.Join(strings.Fields(line), " "), strings.Join(strings.Fields(date), " ")) {
			oneLine = true
		}
	}
	if !oneLine {
		t.Errorf("the printed date %q is split over lines", date)
	}
	for _, label := range []string{texts["result.copy"], texts["result.retake"], texts["result.print"], texts["result.compare"]} {
		if strings.Contains(flat, label) {
			t.Errorf("the PDF shows the button %q", label)
		}
	}
}

// TestResultResume answers five questions, then opens the intro in
// another tab of the same browser: it offers to go on where the answers
// stopped, keeps them, and forgets them on "Start over".
func TestResultResume(t *testing.T) {
	t.Parallel()
	s := setup(t)
	en := uiTexts(t, "en")
	a := s.answers(33)
	tb := s.browser.journey(t)
	tb.open("/")
	tb.waitWasm()
	var offered bool
	tb.eval(visibleJS("resume"), &offered)
	if offered {
		t.Fatal("a fresh browser is offered to resume")
	}
	tb.click("#start")
	tb.answerQuestionsWithMouse(a, 1, 5)
	tb.waitQuestion(6)

	// As if the tab had been closed and the intro opened again.
	tb2, release := s.introOffer(tb, 6, upTo(a, 5), en)
	var href string
	tb2.eval(`document.getElementById("resume-link").getAttribute("href")`, &href)
	tb2.click("#resume-link")
	release()
	// Where the link leads, with the answers it holds (checked above).
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(u.Path, "/q/"))
	kept, err := s.bank.Decode(u.Query().Get("a"))
	if n < 1 || err != nil {
		t.Fatalf("#resume-link %q is no question with answers (%v)", href, err)
	}
	tb2.waitQuestion(n)
	tb2.assertCode(n, kept)
	tb2.assertChecked(n, kept.Get(n))
	if n > 1 {
		tb2.click("#back")
		tb2.waitQuestion(n - 1)
		tb2.assertChecked(n-1, kept.Get(n-1))
		tb2.click("#next")
		tb2.advanced(n - 1)
		tb2.waitQuestion(n)
	}
	tb2.answerWithMouse(n, a[n-1])
	tb2.skipToLast(n+1, a)
	tb2.assertResult(a)
	s.assertNoOffer(tb, "after the result")

	// The first tab opens question 7: the last one visited.
	tb.open("/q/7?a=" + s.bank.Encode(upTo(a, 6)))
	tb.waitQuestion(7)
	tb3, release := s.introOffer(tb, 7, upTo(a, 6), en)
	tb3.click("#start-fresh")
	release()
	tb3.waitQuestion(1)
	tb3.assertCode(1, s.bank.NewAnswers())
	s.assertNoOffer(tb, "after Start over")
}

// introOffer opens the intro in a new tab of tb's browser and checks
// that it offers to go on at question n with the answers a, before the
// wasm has loaded and after. It returns a tab showing the offer, with
// the wasm if the offer is there with it, else with the wasm held back,
// and a function that lets the wasm go on.
func (s *suite) introOffer(tb *tab, n int, a quiz.Answers, en map[string]string) (*tab, func()) {
	tb.t.Helper()
	other := s.browser.sibling(tb)
	h := other.holdWasm()
	other.open("/")
	h.waitHeld(1)
	other.loaded()
	before := other.assertResume("before the wasm", n, a, en)
	h.release()
	other.waitWasm()
	other.settle()
	if other.assertResume("with the wasm", n, a, en) {
		return other, func() {}
	}
	if !before {
		tb.t.FailNow()
	}
	// Go on with the offer on the prerendered intro.
	other = s.browser.sibling(tb)
	h = other.holdWasm()
	other.open("/")
	h.waitHeld(1)
	other.loaded()
	return other, h.release
}

// assertNoOffer opens the intro in a new tab of tb's browser: it must
// not offer to resume, before the wasm has loaded or after.
func (s *suite) assertNoOffer(tb *tab, when string) {
	tb.t.Helper()
	other := s.browser.sibling(tb)
	h := other.holdWasm()
	other.open("/")
	h.waitHeld(1)
	other.loaded()
	check := func(phase string) {
		tb.t.Helper()
		var got struct{ Resume, Start bool }
		other.eval(fmt.Sprintf(`({resume: %s, start: %s})`, visibleJS("resume"), visibleJS("start")), &got)
		if got.Resume || !got.Start {
			tb.t.Errorf("%s, %s: the intro shows #resume %v and #start %v; want only #start", when, phase, got.Resume, got.Start)
		}
	}
	check("before the wasm")
	h.release()
	other.waitWasm()
	other.settle()
	check("with the wasm")
}

// assertResume checks that the intro offers to go on at question n with
// the answers a, in place of Start. It returns whether the offer is
// there to follow.
func (tb *tab) assertResume(when string, n int, a quiz.Answers, en map[string]string) bool {
	tb.t.Helper()
	var got struct {
		Shown, Start bool
		Href, Where  string
	}
	tb.poll(visibleJS("resume"), waitTimeout)
	tb.eval(fmt.Sprintf(`({
		shown: %s,
		start: %s,
		href: (document.getElementById("resume-link") || {getAttribute: () => ""}).getAttribute("href"),
		where: (document.getElementById("resume-where") || {textContent: ""}).textContent,
	})`, visibleJS("resume"), visibleJS("start")), &got)
	if !got.Shown {
		tb.t.Errorf("%s: the intro does not offer to resume (#resume hidden) after %d answers in another tab; #start shown: %v", when, a.Answered(), got.Start)
		return false
	}
	u, err := url.Parse(got.Href)
	code := ""
	if err == nil {
		code = u.Query().Get("a")
	}
	if err != nil || u.Path != "/q/"+strconv.Itoa(n) || code != tb.bank.Encode(a) {
		have, derr := tb.bank.Decode(code)
		tb.t.Errorf("%s: #resume-link points at %q (%d answers, %v), want /q/%d with a=%s (%d answers): the last question visited",
			when, got.Href, have.Answered(), derr, n, tb.bank.Encode(a), a.Answered())
	}
	if want := uiFormat(en["question.count"], "n", n, "total", tb.questions()); !strings.Contains(got.Where, want) {
		tb.t.Errorf("%s: #resume-where says %q, want %q", when, got.Where, want)
	}
	if got.Start {
		tb.t.Errorf("%s: the intro shows #start beside #resume", when)
	}
	return true
}

// compareTableJS reads the compare screen: the results compared and a
// distribution per dimension.
const compareTableJS = `(() => {
	const t = document.querySelector(".comparison");
	return {
		problems: [...document.querySelectorAll("ul.problems li")].map(li => li.textContent),
		cols: [...document.querySelectorAll("ol.compared li a")].map(a => a.textContent),
		rows: t ? [...t.querySelectorAll("[data-dimension]")].map(r => ({
			id: r.dataset.dimension, spread: r.dataset.spread, disagree: r.classList.contains("disagree"),
			dots: r.querySelectorAll("svg circle.dot").length,
		})) : [],
	};
})()`

type compareTable struct {
	Problems []string
	Cols     []string
	Rows     []struct {
		ID, Spread string
		Disagree   bool
		Dots       int
	}
}

// TestCompare compares two results and a broken code, then adds a third
// result by pasting its link.
func TestCompare(t *testing.T) {
	t.Parallel()
	s := setup(t)
	src := loadAxe(t)
	as := []quiz.Answers{s.answers(40), s.answers(41), s.answers(42)}
	const broken = "BROKEN"
	if _, err := s.bank.Decode(broken); err == nil {
		t.Fatalf("%q is a valid code", broken)
	}
	tb := s.browser.journey(t)
	tb.emulate(desktop)
	tb.open("/compare?r=" + s.bank.Encode(as[0]) + "&r=" + broken + "&r=" + s.bank.Encode(as[1]))
	tb.waitWasm()
	tb.waitFor("the comparison", `!!document.querySelector(".comparison .dist") && !!document.querySelector("ul.problems")`)
	tb.assertCompare(as[:2], []string{"#1", "#3"})
	var got compareTable
	tb.eval(compareTableJS, &got)
	if len(got.Problems) != 1 || !strings.Contains(got.Problems[0], "#2") {
		t.Errorf("ul.problems says %q, want one problem naming #2", got.Problems)
	}
	tb.assertAxe(src, "compare")

	link := tb.url("/result?a=" + s.bank.Encode(as[2]) + "&shared=1")
	tb.click("#links")
	tb.run("pasting a result link", chromedp.SendKeys("#links", link, chromedp.ByQuery))
	tb.click("#compare-submit")
	tb.waitFor("a third result in the comparison", `document.querySelectorAll("ol.compared li a").length === 3`)
	tb.assertCompare(as, []string{"#1", "#3", "#4"})
	var search string
	tb.eval(`location.search`, &search)
	if q, err := url.ParseQuery(strings.TrimPrefix(search, "?")); err != nil || q.Has("links") || len(q["r"]) != 4 || q["r"][3] != s.bank.Encode(as[2]) {
		t.Errorf("after pasting, the address has %q, want r= for the 3 results and the broken code, and no links=", search)
	}
	// As after the server's redirect without the wasm: pressing Compare
	// again must not add the same result once more.
	var left string
	tb.eval(`document.getElementById("links").value`, &left)
	if left != "" {
		t.Errorf("after adding the pasted link, #links still holds %q: Compare again adds it twice", left)
	}
	tb.assertAxe(src, "compare with a pasted link")
	tb.screenshot("compare-desktop")
}

// assertCompare checks the comparison of the results as: each result
// listed with its link, each dimension's spread, and the widest spread
// marked.
func (tb *tab) assertCompare(as []quiz.Answers, cols []string) {
	tb.t.Helper()
	var got compareTable
	tb.eval(compareTableJS, &got)
	if !reflect.DeepEqual(got.Cols, cols) {
		tb.t.Errorf("the comparison has the result columns %q, want %q", got.Cols, cols)
	}
	var res []quiz.Result
	for _, a := range as {
		r, err := tb.bank.Score(a)
		if err != nil {
			tb.t.Fatal(err)
		}
		res = append(res, r)
	}
	if len(got.Rows) != len(tb.bank.Dimensions) {
		tb.t.Fatalf("the comparison has %d dimension rows, want %d", len(got.Rows), len(tb.bank.Dimensions))
	}
	spreads := make([]int, len(tb.bank.Dimensions))
	widest := 0
	for d := range tb.bank.Dimensions {
		lo, hi := 100, 0
		for _, r := range res {
			lo, hi = min(lo, r.Dimensions[d].Score), max(hi, r.Dimensions[d].Score)
		}
		spreads[d] = hi - lo
		widest = max(widest, spreads[d])
	}
	if widest == 0 {
		tb.t.Fatal("the test's results agree on every dimension: pick other seeds")
	}
	for d, row := range got.Rows {
		id := tb.bank.Dimensions[d].ID
		if row.ID != id || row.Spread != strconv.Itoa(spreads[d]) {
			tb.t.Errorf("row %d: %s with spread %s, want %s with %d", d+1, row.ID, row.Spread, id, spreads[d])
		}
		if row.Dots != len(as) {
			tb.t.Errorf("row %s shows %d dots, want one per result: %d", row.ID, row.Dots, len(as))
		}
		if row.Disagree != (spreads[d] == widest) {
			tb.t.Errorf("row %s (spread %d, widest %d): class disagree %v", row.ID, spreads[d], widest, row.Disagree)
		}
	}
}

// assertAxe fails the test for every axe-core violation on the page.
func (tb *tab) assertAxe(src, screen string) {
	tb.t.Helper()
	for _, v := range tb.axe(src) {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: axe %s (%s): %s\n\t%s", screen, v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t%s %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
		}
		tb.t.Error(b.String())
	}
}

// headingsJS records, from the start of every document, each heading the
// page puts up into window.__headings: the texts of headings added and
// the texts a heading had before it changed, even within one task.
const headingsJS = `window.__headings = [];
(() => {
	const note = t => { if (window.__headings[window.__headings.length - 1] !== t) window.__headings.push(t); };
	new MutationObserver(records => {
		for (const r of records) {
			if (r.type === "characterData") {
				const p = r.target.parentElement;
				if (p && p.id === "screen-heading") note(r.oldValue);
				continue;
			}
			for (const n of r.addedNodes) {
				if (n.nodeType !== 1) continue;
				const hs = n.id === "screen-heading" ? [n] : [...n.querySelectorAll("#screen-heading")];
				for (const h of hs) note(h.textContent);
			}
		}
		const h = document.getElementById("screen-heading");
		if (h) note(h.textContent);
	}).observe(document, {subtree: true, childList: true, characterData: true, characterDataOldValue: true});
})();`

// TestResultWasmTakeover opens a result: while the wasm takes the page
// over, the result stays; no other screen is put up in between, not even
// for a moment (with a slow CPU or a warm cache, such a moment gets
// painted, and TestJourneyReload sees the form without its code).
func TestResultWasmTakeover(t *testing.T) {
	t.Parallel()
	s := setup(t)
	a := s.answers(34)
	want, err := s.bank.Score(a)
	if err != nil {
		t.Fatal(err)
	}
	tb := s.browser.journey(t)
	tb.run("watching the headings", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(headingsJS).Do(ctx)
		return err
	}))
	tb.open("/result?a=" + s.bank.Encode(a))
	tb.waitWasm()
	tb.assertResult(a)
	tb.settle()
	var seen []string
	tb.eval(`window.__headings`, &seen)
	if slices.ContainsFunc(seen, func(h string) bool { return h != want.Level.Name }) {
		t.Errorf("while the wasm took over, the page put up the headings %q in turn, want only %q: the wasm renders another screen before the result", seen, want.Level.Name)
	}
}
