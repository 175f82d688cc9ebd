//go:build !wasm

package server

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestStylesheetRules: a page keeps the rules one of whose selectors
// names only classes, ids and elements it has (what :has() and :not()
// hold does not count), every rule that names none, at-rules of
// declarations, and a block only for the rules it keeps, in their order.
func TestStylesheetRules(t *testing.T) {
	t.Parallel()
	css := `:root{--a: 1} body{font: 1rem "Segoe UI", sans-serif} .a .b{x: 1} .c, #d{x: 2} ` +
		`.e:has(.nowhere)::before{content: "{}"} td.num{x: 3} th[scope="row"]{x: 4} ` +
		`@media (max-width: 34rem){.a{y: 1} .z{y: 2}} @media print{@page{size: A4} .z{y: 3}} ` +
		`@supports (color: attr(x type(<color>))){.b[data-x]{z: 1}} .in-frame body{w: 1}`
	s := parseStylesheet(css)
	page := []byte(`<html><body><div class="a e"><p class="b" id="d">x</p><table><td class="num"></td></table></div></body></html>`)
	got := s.forPage(s.pageTokens(page), func(h string) string { return "csp " + h })
	want := `:root{--a: 1}body{font: 1rem "Segoe UI", sans-serif}.a .b{x: 1}.c, #d{x: 2}` +
		`.e:has(.nowhere)::before{content: "{}"}td.num{x: 3}` +
		`@media (max-width: 34rem){.a{y: 1}}@media print{@page{size: A4}}` +
		`@supports (color: attr(x type(<color>))){.b[data-x]{z: 1}}.in-frame body{w: 1}`
	if got.css != want {
		t.Errorf("kept\n\t%s\nwant\n\t%s", got.css, want)
	}
	if got.csp != "csp "+styleHash(want) || string(got.element) != "<style>"+want+"</style>\n" {
		t.Errorf("style element %q, policy %q", got.element, got.csp)
	}
	if again := s.forPage(s.pageTokens(page), nil); again != got {
		t.Error("the same page's styles were made again")
	}
}

// realStyles serves the quiz with the real quiz.css.
func realStyles(t *testing.T) (*Server, func(path string) (css, page string)) {
	s, ts := realTestServer(t)
	return s, func(path string) (string, string) {
		res, body := get(t, ts, path, "Accept-Encoding", "identity")
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d", path, res.StatusCode)
		}
		m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no style element", path)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'self' "+styleHash(m[1])+";") {
			t.Errorf("%s: the policy %q does not allow the page's style element", path, csp)
		}
		return m[1], body
	}
}

// TestQuestionPageStyles: a question page carries the rules of its own
// elements from the real quiz.css and none of the other screens' (the
// result's charts and cards, compare, the intro, team check-ins).
func TestQuestionPageStyles(t *testing.T) {
	t.Parallel()
	_, page := realStyles(t)
	css, _ := page("/q/1")
	full, err := os.ReadFile(filepath.Join("..", "..", "web", "quiz.css"))
	if err != nil {
		t.Fatal(err)
	}
	if len(css)*3 > len(full) {
		t.Errorf("the question page inlines %d bytes of quiz.css's %d", len(css), len(full))
	}
	for _, want := range []string{"body{", ".option{", ".option:has(input:checked){", "progress::-webkit-progress-value{", ".nav{", ".button.primary{",
		"@media (prefers-color-scheme: dark){:root{", "@media (hover: none){", ".in-frame body, .in-frame{", "#app-wasm-loader{display: none;}"} {
		if !strings.Contains(css, want) {
			t.Errorf("the question page's styles lack %q", want)
		}
	}
	for _, unused := range []string{".chart", ".dist", ".team", ".cards", ".card ", ".scale", ".compare-form", ".facts", ".lead", ".share-row", ".explainer", "table", ".kept", ".resume"} {
		// An element name counts only as a selector of its own, not as
		// the class in details.table, which the print rule names.
		prefix := ""
		if !strings.HasPrefix(unused, ".") {
			prefix = `(^|[\s,{}>+~])`
		}
		if regexp.MustCompile(prefix + regexp.QuoteMeta(unused) + `[{ :.]`).MatchString(css) {
			t.Errorf("the question page carries a rule for %s, which it does not have", unused)
		}
	}
}

// TestScreenStyles: every screen keeps the rules of the elements it has,
// and only those: the intro its facts, the result its charts, compare its
// dots, and none the question's options.
func TestScreenStyles(t *testing.T) {
	t.Parallel()
	_, page := realStyles(t)
	a := bank.NewAnswers()
	for i := range a {
		a[i] = i % 4
	}
	code := bank.Encode(a)
	for _, tt := range []struct {
		path       string
		want, lack []string
	}{
		{"/", []string{".facts{", ".lead{", ".dims summary{"}, []string{".option{", ".chart "}},
		{"/result?a=" + code, []string{".chart .fill{", ".cards{", ".scale li.current{"}, []string{".option{", ".facts{", ".dist "}},
		{"/compare?r=" + code + "&r=" + code, []string{".dist{", ".dots .dot{"}, []string{".option{", ".facts{"}},
		{"/q/1?embed=1&accent=%23aa0077", []string{".embedded.page{", ".page[data-accent]{", ".option{"}, []string{".facts{"}},
	} {
		css, _ := page(tt.path)
		for _, w := range tt.want {
			if !strings.Contains(css, w) {
				t.Errorf("%s: the styles lack %q", tt.path, w)
			}
		}
		for _, l := range tt.lack {
			if strings.Contains(css, l) {
				t.Errorf("%s: the styles have %q, for elements the page has not", tt.path, l)
			}
		}
	}
}

// TestScriptClassesKept: the classes quiz.js puts on a page before the
// whole stylesheet has come keep their rules inline (scriptClasses).
func TestScriptClassesKept(t *testing.T) {
	t.Parallel()
	js, err := os.ReadFile(filepath.Join("..", "..", "web", "quiz.js"))
	if err != nil {
		t.Fatal(err)
	}
	adds := regexp.MustCompile(`classList\.(?:add|toggle)\("([^"]+)"`).FindAllStringSubmatch(string(js), -1)
	if len(adds) == 0 {
		t.Fatal("found no classList.add in quiz.js: the test is out of date")
	}
	for _, m := range adds {
		if !strings.Contains(" "+strings.Join(scriptClasses, " ")+" ", " "+m[1]+" ") {
			t.Errorf("quiz.js adds the class %q, which scriptClasses lacks: its rules would be left out of pages", m[1])
		}
	}
	if strings.Contains(string(js), "className =") || strings.Contains(string(js), "classList.replace") {
		t.Error("quiz.js sets classes another way: list them in scriptClasses and here")
	}
}
