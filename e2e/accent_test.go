package e2e

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/emulation"
)

// TestHostAccentReads runs axe-core's contrast checks, with the rest of
// WCAG AA, on a question and a result in a host's accent that cannot be
// used as it is for text: a pale one on the light scheme, a dark one on
// the dark scheme. Links, outlined buttons and labels must still read
// (app/screens/ink.go).
func TestHostAccentReads(t *testing.T) {
	t.Parallel()
	s := setup(t)
	src := loadAxe(t)
	a := s.answers(11)
	pages := []struct{ name, path string }{
		{"question", "/q/3?a=" + s.bank.Encode(upTo(a, 2))},
		{"result", "/result?a=" + s.bank.Encode(a)},
	}
	cases := []struct {
		accent, scheme string
	}{
		{"#ffee00", "light"},
		{"#ffffff", "light"},
		{"#7a3ea8", "dark"},
		{"#111111", "dark"},
	}
	tb := s.browser.screensTab(t, len(cases)*len(pages))
	tb.emulate(phone)
	for _, c := range cases {
		tb.run("emulating the "+c.scheme+" scheme", emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: c.scheme},
		}))
		for _, p := range pages {
			path := p.path + "&accent=" + url.QueryEscape(c.accent)
			tb.open(path)
			tb.waitWasm()
			tb.waitFor("the host's accent", fmt.Sprintf(`getComputedStyle(document.querySelector(".page")).getPropertyValue("--accent").trim() === %s`, js(c.accent)))
			tb.assertAxe(src, fmt.Sprintf("%s in %s on the %s scheme", p.name, c.accent, c.scheme))
		}
	}
}

// TestHostTheme checks that a host's fixed scheme holds whatever the
// browser prefers: a light page in a dark browser and a dark one in a
// light browser, readable (axe) both ways.
func TestHostTheme(t *testing.T) {
	t.Parallel()
	s := setup(t)
	src := loadAxe(t)
	path := "/result?a=" + s.bank.Encode(s.answers(12)) + "&embed=1&accent=" + url.QueryEscape("#7a3ea8")
	tb := s.browser.screensTab(t, 2)
	tb.emulate(phone)
	for _, c := range []struct{ theme, browser, bg, scheme string }{
		{"light", "dark", "rgb(246, 244, 239)", "light"},
		{"dark", "light", "rgb(19, 24, 23)", "dark"},
	} {
		tb.run("emulating the "+c.browser+" scheme", emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: c.browser},
		}))
		tb.open(path + "&theme=" + c.theme)
		tb.waitWasm()
		var got struct{ BG, Scheme string }
		tb.eval(`({bg: getComputedStyle(document.body).backgroundColor, scheme: getComputedStyle(document.documentElement).colorScheme})`, &got)
		if got.BG != c.bg || got.Scheme != c.scheme {
			t.Errorf("theme=%s in a %s browser: background %s, color-scheme %q; want %s and %q", c.theme, c.browser, got.BG, got.Scheme, c.bg, c.scheme)
		}
		tb.assertAxe(src, "result with theme="+c.theme+" in a "+c.browser+" browser")
	}
}
