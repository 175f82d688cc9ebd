package route

import (
	"net/url"
	"regexp"
	"sort"
	"strings"

	"cxquiz/app/team"
	"cxquiz/quiz"
)

// Prefs are the display options a URL carries from screen to screen: the
// language and the host's embedding options. Unknown or invalid values
// fall back to the defaults.
type Prefs struct {
	Lang    string // a language of the bank, "" where the URL names none (Route.WithLang)
	Embed   bool   // shown inside a host's iframe
	Accent  string // host colour as #rrggbb, validated
	Theme   string // "light" or "dark" where a host fixes the colour scheme; "" follows the browser
	Compact bool   // no header or footer
	NoShare bool   // hide the share link
	NoWasm  bool   // go-app's ?wasm=false: stay on the prerendered pages
	Team    string // the team check-in a member takes the quiz for
}

var hexColour = regexp.MustCompile(`^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

func parsePrefs(b *quiz.Bank, q url.Values) Prefs {
	p := Prefs{
		Embed:   q.Get("embed") == "1",
		Compact: q.Get("compact") == "1",
		NoShare: q.Get("share") == "0",
		NoWasm:  q.Get("wasm") == "false",
	}
	if id := q.Get("team"); team.ValidID(id) {
		p.Team = id
	}
	if l := strings.ToLower(q.Get("lang")); HasLang(b, l) {
		p.Lang = l
	}
	if t := q.Get("theme"); t == "light" || t == "dark" {
		p.Theme = t
	}
	if c := q.Get("accent"); hexColour.MatchString(c) {
		c = strings.ToLower(strings.TrimPrefix(c, "#"))
		if len(c) == 3 {
			c = string([]byte{c[0], c[0], c[1], c[1], c[2], c[2]})
		}
		p.Accent = "#" + c
	}
	return p
}

// Language is the language a page with these prefs is shown in: the one
// named, else the default.
func (p Prefs) Language() string {
	if p.Lang == "" {
		return quiz.DefaultLang
	}
	return p.Lang
}

// HasLang reports whether the bank is available in language l.
func HasLang(b *quiz.Bank, l string) bool {
	for _, x := range b.Languages() {
		if x == l {
			return true
		}
	}
	return false
}

// Query returns the prefs as URL parameters, defaults left out.
func (p Prefs) Query() url.Values {
	q := url.Values{}
	if p.Lang != "" {
		q.Set("lang", p.Lang)
	}
	if p.Embed {
		q.Set("embed", "1")
	}
	if p.Accent != "" {
		q.Set("accent", p.Accent)
	}
	if p.Theme != "" {
		q.Set("theme", p.Theme)
	}
	if p.Compact {
		q.Set("compact", "1")
	}
	if p.NoShare {
		q.Set("share", "0")
	}
	if p.NoWasm {
		q.Set("wasm", "false")
	}
	if p.Team != "" {
		q.Set("team", p.Team)
	}
	return q
}

// Link returns path with the result code (if any) and the prefs.
func (p Prefs) Link(path, code string) string {
	q := p.Query()
	if code != "" {
		q.Set("a", code)
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// Field is a hidden input of a GET form.
type Field struct{ Name, Value string }

// Hidden returns the prefs and the result code (if any) as the hidden
// inputs of a form, sorted by name, so a submitted form keeps them.
func (p Prefs) Hidden(code string) []Field {
	q := p.Query()
	if code != "" {
		q.Set("a", code)
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Field, len(keys))
	for i, k := range keys {
		out[i] = Field{k, q.Get(k)}
	}
	return out
}
