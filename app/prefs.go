package main

import (
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"cxquiz/quiz"
)

// prefs are the display options a URL carries from screen to screen: the
// language and the host's embedding options. Unknown or invalid values
// fall back to the defaults.
type prefs struct {
	Lang    string // a language of the bank; "" until resolved
	Embed   bool   // shown inside a host's iframe
	Accent  string // host colour as #rrggbb, validated
	Compact bool   // no header or footer
	NoShare bool   // hide the share link
	NoWasm  bool   // go-app's ?wasm=false: stay on the prerendered pages
}

var hexColour = regexp.MustCompile(`^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

func parsePrefs(b *quiz.Bank, q url.Values) prefs {
	p := prefs{
		Embed:   q.Get("embed") == "1",
		Compact: q.Get("compact") == "1",
		NoShare: q.Get("share") == "0",
		NoWasm:  q.Get("wasm") == "false",
	}
	if l := strings.ToLower(q.Get("lang")); hasLang(b, l) {
		p.Lang = l
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

func hasLang(b *quiz.Bank, l string) bool {
	for _, x := range b.Languages() {
		if x == l {
			return true
		}
	}
	return false
}

// query returns the prefs as URL parameters, defaults left out.
func (p prefs) query() url.Values {
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
	if p.Compact {
		q.Set("compact", "1")
	}
	if p.NoShare {
		q.Set("share", "0")
	}
	if p.NoWasm {
		q.Set("wasm", "false")
	}
	return q
}

// link returns path with the result code (if any) and the prefs.
func (p prefs) link(path, code string) string {
	q := p.query()
	if code != "" {
		q.Set("a", code)
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// textOn returns black or white, whichever reads better on the colour
// #rrggbb (WCAG relative luminance).
func textOn(hex string) string {
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	if (lum+0.05)/0.05 > 1.05/(lum+0.05) {
		return "#000000"
	}
	return "#ffffff"
}
