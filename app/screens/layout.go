package screens

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
)

// layout puts a screen's body into what every screen shares: the host's
// accent, the header with the language switch, the live region and the
// footer.
func (p *page) layout(t Texts, body app.UI) app.UI {
	class := "page"
	if p.r.Prefs.Embed {
		class += " embedded"
	}
	if t := p.r.Prefs.Theme; t != "" {
		// Validated by route.Parse: "light" or "dark".
		class += " theme-" + t
	}
	showChrome := !p.r.Prefs.Compact
	root := app.Div().Class(class)
	if p.staged {
		// Out of sight until complete (staged.go).
		root = root.Hidden(true)
	}
	if a := p.r.Prefs.Accent; a != "" {
		// Validated as #rrggbb by route.Parse: never raw input. Data, not
		// an inline style, which the CSP forbids: quiz.css and quiz.js
		// apply it.
		root = root.DataSet("accent", a).DataSet("accent-text", textOn(a)).
			DataSet("accent-ink", inkOn(a, false)).DataSet("accent-ink-dark", inkOn(a, true))
	}
	return root.Body(
		app.If(showChrome, func() app.UI {
			return app.Header().Class("top").Body(
				app.A().Class("brand").Href(p.r.IntroURL()).Body(
					app.Raw(logo),
					app.Span().Text(t.S("app.name")),
				),
				p.renderLangSwitch(t),
			)
		}),
		app.Main().ID("main").Body(body),
		// quiz.js announces short confirmations ("Link copied") here.
		app.P().Class("sr-only").Aria("live", "polite").ID("note"),
		app.If(showChrome, func() app.UI {
			return app.Footer().Class("foot").Body(
				app.P().Text(t.S("footer.privacy")),
			)
		}),
	)
}

// logo is web/icon.svg drawn inline, decorative. Not an img of the file:
// each SVG image gets a document of its own in the browser, and the img
// go-app makes when the wasm takes over made another (60–110 ms of the
// main thread at CPU×4, in one task, on every screen).
// Its colours are attributes, the quiz's own; under a host's accent
// quiz.css paints it in the accent's colours (.logo-bg, .logo-fg,
// .logo-ring), as it does the buttons.
const logo = `<svg class="logo" width="28" height="28" viewBox="0 0 512 512" aria-hidden="true" focusable="false"><rect class="logo-bg" width="512" height="512" fill="#0b6e69"/><g class="logo-fg" fill="#fff"><circle class="logo-ring" cx="256" cy="256" r="140" fill="none" stroke="#fff" stroke-width="36"/><circle cx="256" cy="256" r="60"/><circle class="logo-bg" cx="355" cy="157" r="46" fill="#0b6e69"/><circle cx="355" cy="157" r="32"/></g></svg>`

// heading is the h1 of every screen: focus lands on it after each step.
func heading(text string) app.HTMLH1 {
	return app.H1().ID("screen-heading").TabIndex(-1).Text(text)
}

// hiddenFields are a GET form's hidden inputs.
func hiddenFields(fields []route.Field) app.UI {
	return app.Range(fields).Slice(func(i int) app.UI {
		return app.Input().Type("hidden").Name(fields[i].Name).Value(fields[i].Value)
	})
}

// renderLangSwitch links to the current screen in every other language,
// keeping the answers (on a question, the question too: route.InLang).
func (p *page) renderLangSwitch(t Texts) app.UI {
	if p.loading != "" {
		return nil
	}
	switch s := p.r.Screen; {
	case s == route.Intro, s == route.Question, s == route.Result, s == route.Compare, s == route.TeamNew, p.r.IsTeam():
	default:
		// A problem page's way on is to start over.
		return nil
	}
	langs := p.bank().Languages()
	if len(langs) < 2 {
		return nil
	}
	return app.Nav().Class("langs").Aria("label", t.S("lang.label")).Body(
		app.Range(langs).Slice(func(i int) app.UI {
			l := langs[i]
			if l == p.lang() {
				return app.Span().Class("lang current").Lang(l).Aria("current", "page").Text(T(l).S("lang.name"))
			}
			return app.A().Class("lang").Href(p.r.InLang(l)).Lang(l).HrefLang(l).Text(T(l).S("lang.name"))
		}),
	)
}

// textOn returns black or white, whichever reads better on the colour
// #rrggbb (WCAG relative luminance).
func textOn(hex string) string {
	return textOnRGB(parseHex(hex))
}

func textOnRGB(rgb [3]uint8) string {
	lum := luminance(rgb)
	if (lum+0.05)/0.05 > 1.05/(lum+0.05) {
		return "#000000"
	}
	return "#ffffff"
}
