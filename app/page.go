package main

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/quiz"
)

// bank is the question bank, loaded and validated at start-up by main.
var bank *quiz.Bank

// page is the root component of every URL. It derives all it shows from
// the URL in OnNav, so the server's prerendered page and the wasm
// client's page are the same.
type page struct {
	app.Compo

	r route
	// lang is the language shown: the URL's, else the one the server
	// rendered the page in.
	lang string
	// picked is the option chosen on the current question screen but not
	// yet submitted, or quiz.Unanswered.
	picked int
	// navs counts navigations, so focus moves only after the first one.
	navs int
}

func newPage() app.Composer {
	p := &page{}
	if app.IsClient {
		// The first render comes before OnNav: show the screen of the
		// address from the start, not a flash of the intro.
		p.setRoute(parseRoute(bank, app.Window().URL()))
	}
	return p
}

// setRoute sets the state that follows from a route.
func (p *page) setRoute(r route) {
	p.r = r
	p.lang = r.prefs.Lang
	if p.lang == "" {
		p.lang = documentLang()
	}
	p.picked = r.answers.Get(r.number)
}

func (p *page) OnNav(ctx app.Context) {
	p.load(ctx, ctx.Page().URL())
}

// load derives the page state from u.
func (p *page) load(ctx app.Context, u *url.URL) {
	r := parseRoute(bank, u)
	if r.next != "" && app.IsClient {
		// A submitted answer form reached the client without a server in
		// between (a static host): show where it leads, in its place in
		// the history, so Back does not resubmit.
		next, err := url.Parse(r.next)
		if err == nil {
			app.Window().Get("history").Call("replaceState", nil, "", r.next)
			r = parseRoute(bank, next)
		}
	}
	p.setRoute(r)
	p.navs++

	t := T(p.lang)
	page := ctx.Page()
	page.SetLang(p.lang)
	page.SetTitle("%s", p.title(t))
	page.SetDescription("%s", t.S("meta.description"))
	if app.IsClient {
		first := p.navs == 1
		ctx.Defer(func(app.Context) {
			if first {
				// The wasm's first screen is freshly built from the URL;
				// put back what the person did on the prerendered page.
				restorePrerendered()
				return
			}
			// go-app leaves a radio's checked state as the last click set
			// it; the screen must show the URL's answer.
			syncChoice(p.picked)
			focusHeading()
		})
	}
}

// title is the document title of the current screen.
func (p *page) title(t texts) string {
	name := t.S("app.name")
	switch p.r.screen {
	case screenQuestion:
		return t.S("question.title", "n", p.r.number, "total", len(bank.Questions())) + " · " + name
	case screenResult:
		if p.r.answers.Complete() {
			return t.S("result.title") + " · " + name
		}
		return t.S("unfinished.title") + " · " + name
	case screenCompare:
		return t.S("compare.heading") + " · " + name
	case screenNotFound:
		return t.S("notfound.title") + " · " + name
	case screenDamaged:
		return t.S("damaged.title") + " · " + name
	case screenOutdated:
		return t.S("outdated.title") + " · " + name
	}
	return name
}

func (p *page) Render() app.UI {
	t := T(p.lang)
	var body app.UI
	switch p.r.screen {
	case screenIntro:
		body = p.renderIntro(t)
	case screenQuestion:
		body = p.renderQuestion(t)
	case screenResult:
		body = p.renderResult(t)
	case screenCompare:
		body = p.renderCompare(t)
	default:
		body = p.renderProblem(t)
	}
	class := "page"
	if p.r.prefs.Embed {
		class += " embedded"
	}
	showChrome := !p.r.prefs.Compact
	root := app.Div().Class(class)
	if a := p.r.prefs.Accent; a != "" {
		// Validated as #rrggbb by parsePrefs: never raw input.
		root = root.Style("--accent", a).Style("--accent-text", textOn(a))
	}
	return root.Body(
		app.If(showChrome, func() app.UI {
			return app.Header().Class("top").Body(
				app.A().Class("brand").Href(p.r.introURL()).Body(
					// go-app drops an empty alt, so the decorative logo says so by role.
					app.Img().Src("/web/icon.svg").Role("presentation").Width(28).Height(28),
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

// heading is the h1 of every screen: focus lands on it after each step.
func heading(text string) app.HTMLH1 {
	return app.H1().ID("screen-heading").TabIndex(-1).Text(text)
}

// renderLangSwitch links to the current screen in every other language,
// keeping the answers.
func (p *page) renderLangSwitch(t texts) app.UI {
	if p.r.screen != screenIntro && p.r.screen != screenResult && p.r.screen != screenCompare {
		return nil
	}
	langs := bank.Languages()
	if len(langs) < 2 {
		return nil
	}
	return app.Nav().Class("langs").Aria("label", t.S("lang.label")).Body(
		app.Range(langs).Slice(func(i int) app.UI {
			l := langs[i]
			if l == p.lang {
				return app.Span().Class("lang current").Lang(l).Aria("current", "page").Text(T(l).S("lang.name"))
			}
			r := p.r
			r.prefs.Lang = l
			href := r.introURL()
			switch p.r.screen {
			case screenResult:
				href = r.resultURL()
				if p.r.shared {
					href += "&shared=1"
				}
			case screenCompare:
				href = compareURL(r.prefs, p.r.compare...)
			}
			return app.A().Class("lang").Href(href).Lang(l).HrefLang(l).Text(T(l).S("lang.name"))
		}),
	)
}
