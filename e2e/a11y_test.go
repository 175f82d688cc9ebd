package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"cxquiz/quiz"
)

// axeTags are the WCAG 2.x A and AA rules axe-core checks.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// loadAxe reads axe-core as pinned in package.json; scripts/setup
// installs it with npm ci.
func loadAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing: run scripts/setup (or `cd e2e && npm ci`): %v", err)
	}
	return string(src)
}

// violation is what axe-core reports for a failed rule.
type violation struct {
	ID, Impact, Help, HelpURL string
	Nodes                     []struct {
		Target  json.RawMessage
		HTML    string
		Summary string
	}
}

// axe runs axe-core on the page and returns the violations.
func (tb *tab) axe(src string) []violation {
	tb.t.Helper()
	tags, _ := json.Marshal(axeTags)
	tb.eval(src+"\n;true", nil)
	var vs []violation
	// Only the violations are needed: axe then leaves out the details of
	// the rules that passed or did not apply, a third of its work.
	tb.run("running axe", chromedp.Evaluate(fmt.Sprintf(`axe.run(document, {resultTypes: ["violations"], runOnly: {type: "tag", values: %s}}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help, helpURL: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
	})))`, tags), &vs, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	return vs
}

// screen is one kind of page the quiz shows.
type screen struct {
	name   string
	path   string // without the language
	status int64
	sel    string // an element only this screen has
}

func (s *suite) screens() []screen {
	a := s.answers(9)
	code := s.bank.Encode(a)
	v1 := s.banks.Version(1)
	old := v1.NewAnswers()
	for i := range old {
		old[i] = (i * 5) % 4
	}
	screens := []screen{
		{"intro", "/", 200, "#start"},
		{"question", "/q/3?a=" + s.bank.Encode(upTo(a, 2)), 200, "form#answer"},
		{"result", "/result?a=" + code, 200, "section.result"},
		// Nearly every answer at the top: the note and the evidence
		// questions.
		{"result-high", "/result?a=" + s.bank.Encode(s.nearlyTop()), 200, "section.result #check"},
		// Every answer at the top: no place to start, what to keep doing.
		{"result-top", "/result?a=" + s.bank.Encode(s.allTop()), 200, "section.result #keep-all"},
		{"unfinished", "/result?a=" + s.bank.Encode(upTo(a, 5)), 200, "#continue"},
		{"damaged", "/result?a=" + code[:len(code)-1], 400, "#start-over"},
		// Links made with version 1 of the questions.
		{"result-v1", "/result?a=" + v1.Encode(old), 200, "section.result #older-version"},
		{"question-v1", "/q/25?a=" + v1.Encode(upTo(old, 24)), 200, "form#answer"},
	}
	// Results made with every later version that is no longer the
	// latest: scored as that version, with the note; compare takes all
	// versions at once.
	mixed := "/compare?r=" + v1.Encode(old)
	for _, b := range s.banks.All()[1:] {
		if b == s.bank {
			break
		}
		ans := b.NewAnswers()
		for i := range ans {
			ans[i] = (i * 3) % 4
		}
		n := len(b.Questions())
		screens = append(screens,
			screen{fmt.Sprintf("result-v%d", b.Version), "/result?a=" + b.Encode(ans), 200, "section.result #older-version"},
			screen{fmt.Sprintf("question-v%d", b.Version), fmt.Sprintf("/q/%d?a=%s", n, b.Encode(upTo(ans, n-1))), 200, "form#answer"})
		mixed += "&r=" + b.Encode(ans)
	}
	return append(screens,
		screen{"compare-mixed", mixed + "&r=" + code, 200, "#versions"},
		screen{"notfound", "/no-such-page", 404, "#start-over"},
	)
}

// nearlyTop answers every question with its highest-level option but the
// last two, which get the level below: just enough top answers for the
// result's note (quiz.Result.NearlyAllTop), and one dimension short of
// the top level.
func (s *suite) nearlyTop() quiz.Answers {
	a := s.bank.NewAnswers()
	n := len(s.bank.Levels)
	for i, q := range s.bank.Questions() {
		want := s.bank.Levels[n-1].ID
		if i >= len(a)-2 {
			want = s.bank.Levels[n-2].ID
		}
		for j, o := range q.Options {
			if o.Level == want {
				a[i] = j
			}
		}
	}
	return a
}

// allTop answers every question with its highest-level option.
func (s *suite) allTop() quiz.Answers {
	a := s.bank.NewAnswers()
	_, high := s.bank.Poles()
	for i, q := range s.bank.Questions() {
		for j, o := range q.Options {
			if o.Level == high.ID {
				a[i] = j
			}
		}
	}
	return a
}

// withLang adds ?lang= to a path, unless lang is the default.
func withLang(path, lang string) string {
	if lang == quiz.DefaultLang {
		return path
	}
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}

// TestAccessibility runs axe-core on every kind of screen once the wasm
// runs, on a phone and a desktop, in every language, checks that the
// options can be chosen with the keyboard, and saves a screenshot of each
// screen to artifacts/. Each screen loads once, for both sizes (see
// bothSizes): the load with the wasm is the costliest step.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	s := setup(t)
	src := loadAxe(t)
	for _, lang := range s.bank.Languages() {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			screens := s.screens()
			tb := s.browser.screensTab(t, len(screens))
			tb.lang = lang
			for i, sc := range screens {
				path := withLang(sc.path, lang)
				if sc.status >= 400 {
					tb.expectStatus(path)
				}
				for j, vp := range bothSizes(i) {
					tb.emulate(vp)
					// The keys the question was checked with at the first
					// size chose an option: it loads again, as it comes.
					if j == 0 || sc.name == "question" {
						tb.open(path)
						tb.assertStatus(path, sc.status)
						tb.waitWasm()
						tb.waitFor("the "+sc.name+" screen", fmt.Sprintf(`!!document.querySelector(%s) && document.documentElement.lang === %s`, js(sc.sel), js(lang)))
					} else {
						tb.settle()
					}
					screen := sc.name + " (" + vp.name + ")"
					tb.assertAxe(src, screen)
					tb.assertFits(screen, vp)
					tb.assertWords(screen)
					if sc.name == "question" {
						tb.assertRadioKeys()
					}
					name := sc.name
					if lang != quiz.DefaultLang {
						name += "-" + lang
					}
					tb.screenshot(name + "-" + vp.name)
				}
			}
		})
	}
}

// assertRadioKeys checks that the options are one radio group reachable
// with Tab from the heading, and that the arrow keys move the choice
// through all of them.
func (tb *tab) assertRadioKeys() {
	tb.t.Helper()
	// Start from the heading, where each step puts focus (the journeys
	// check that it lands there).
	tb.eval(`document.getElementById("screen-heading").focus()`, nil)
	tb.press(kb.Tab)
	tb.waitFor("focus on the first option after Tab", `document.activeElement && document.activeElement.id === "opt-1"`)
	steps := []struct {
		key  string
		want int
	}{{" ", 0}, {kb.ArrowDown, 1}, {kb.ArrowDown, 2}, {kb.ArrowDown, 3}, {kb.ArrowDown, 0}, {kb.ArrowUp, 3}}
	for _, st := range steps {
		tb.press(st.key)
		id := optID(st.want)
		tb.waitFor(id+" focused and checked after a key", fmt.Sprintf(`document.activeElement && document.activeElement.id === %s && document.activeElement.checked &&
			document.querySelectorAll("input[name=pick]:checked").length === 1`, js(id)))
		tb.settle()
	}
}

// assertFits checks that the page does not scroll sideways on the screen
// (WCAG 1.4.10, reflow), naming the outermost elements that stick out.
func (tb *tab) assertFits(screen string, v viewport) {
	tb.t.Helper()
	var got struct {
		Width int
		Wide  []string
	}
	tb.eval(fmt.Sprintf(`(w => {
		const wide = [];
		for (const e of document.querySelectorAll("body *")) {
			const out = el => el.getBoundingClientRect().right > w + 1;
			if (out(e) && !(e.parentElement && out(e.parentElement))) {
				const cls = typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "";
				wide.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + cls + " to " + Math.round(e.getBoundingClientRect().right) + "px");
			}
		}
		return {width: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
	})(%d)`, v.width), &got)
	if got.Width > int(v.width) {
		tb.t.Errorf("%s: the page is %dpx wide on a %dpx wide %s: it scrolls sideways; sticking out: %s",
			screen, got.Width, v.width, v.name, strings.Join(got.Wide, ", "))
	}
}
