package screens

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The interface texts live in text/*.json, one flat object per language;
// tools/textgen checks them against English (the same keys, no empty text,
// the same placeholders) and writes them to text_gen.go as uiTexts, so
// the wasm decodes and checks nothing at start-up. The texts of the pages
// only the server renders (the team pages, team.go) are in text/team/*.json,
// checked the same way and written to text_server_gen.go, which only the
// server builds (TestWasmHasItsTexts checks that the wasm's screens use
// none of them). Adding a language means adding one file in each and one
// to the current bank version's text directory (quiz/banks/vN/text).
//
// They stay apart from the bank's translations on purpose. Those are
// overlays on one bank version's structure: keyed by its ids and checked
// against them, published with that version and never edited after (an
// old result link shows its questions as they were), and applied inside
// package quiz, which knows nothing of screens. These are flat messages
// with placeholders, checked against English, edited freely, and used by
// the screens alone. Both are checked at build time and generated into Go
// data (tools/bankgen, tools/textgen); one loader for both would tie the
// domain to the interface and share nothing but reading a JSON object.
//
//go:generate go run ../../tools/textgen -dir .

// Texts is the interface text of one language.
type Texts struct {
	lang string
	m    map[string]string
}

// T returns the Texts for lang, English if there are none.
func T(lang string) Texts {
	if t, ok := uiTexts[lang]; ok {
		return t
	}
	return uiTexts["en"]
}

// S returns the text for key with {name} placeholders replaced by the
// name/value pairs in args.
func (t Texts) S(key string, args ...any) string {
	s, ok := t.m[key]
	if !ok {
		s, ok = uiTexts["en"].m[key]
	}
	if !ok {
		return key
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return s
}

// Date formats a day the way the language writes it in running text
// ("1 March 2027", "1. März 2027"), with no-break spaces: a date is never
// split over two lines.
func (t Texts) Date(d time.Time) string {
	months := strings.Fields(t.S("fmt.months"))
	month := d.Month().String()
	if int(d.Month()) <= len(months) {
		month = months[d.Month()-1]
	}
	s := t.S("fmt.date", "day", d.Day(), "month", month, "year", d.Year())
	return strings.ReplaceAll(s, " ", "\u00a0")
}

// Pct formats a 0–100 score the way the language writes percentages.
func (t Texts) Pct(n int) string { return t.S("fmt.percent", "n", strconv.Itoa(n)) }

// Strings returns a copy of every text by key, for tests that check
// what a browser shows.
func (t Texts) Strings() map[string]string {
	m := make(map[string]string, len(t.m))
	for k, v := range t.m {
		m[k] = v
	}
	return m
}

// LookupTexts returns the texts for lang, and whether there are any.
func LookupTexts(lang string) (Texts, bool) {
	t, ok := uiTexts[lang]
	return t, ok
}
