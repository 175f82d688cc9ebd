package screens

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/quiz"
)

// page is the root component of every URL. It derives all it shows from
// the URL in OnNav, so the server's prerendered page and the wasm
// client's page are the same. Each screen renders in its own file
// (intro.go, question.go, …) inside the layout of layout.go.
type page struct {
	app.Compo

	banks *quiz.Banks
	// served is the language the server chose for a URL that names none
	// (lang.go); r is the URL's route resolved with it.
	served string
	r      route.Route
	// picked is the option chosen on the current question screen but not
	// yet submitted, or quiz.Unanswered.
	picked int
	// navs counts navigations, so focus moves only after the first one.
	navs int
	// teamPage is what the team pages show, on the server (team.go);
	// teams whether the site stores team check-ins at all.
	teamPage
	teams bool
	// takeOver is the take-over shared by the pages of the route
	// (staged.go); staged is true while this page takes over in steps:
	// the screen shows its parts up to shown.
	takeOver *TakeOver
	staged   bool
	shown    int
	// origin is the site's public origin on the server (OriginParam),
	// "" where the operator set none.
	origin string
	// loading is the text key of the static export's loading screen
	// (ExportParam), shown in place of the route's; "" elsewhere.
	loading string
}

func newPage(b *quiz.Banks, served string, t *TakeOver) *page {
	p := &page{banks: b, served: served, takeOver: t}
	if app.IsClient {
		// The first render comes before OnNav: show the screen of the
		// address from the start, not a flash of the intro.
		p.setRoute(route.Parse(b, app.Window().URL()))
		p.staged = t.takeStaged()
	}
	return p
}

// lang is the language shown.
func (p *page) lang() string { return p.r.Prefs.Language() }

// bank is the bank version of the current answers: the one their code was
// made with, or the latest for a new quiz.
func (p *page) bank() *quiz.Bank {
	if b := p.r.Bank(); b != nil {
		return b
	}
	return p.banks.Latest()
}

// setRoute sets the state that follows from a route.
func (p *page) setRoute(r route.Route) {
	p.r = r.WithLang(p.served)
	p.picked = r.Answers.Get(r.Number)
}

// sameQuestion reports whether a and b show the same question with the
// same answers, in whatever language.
func sameQuestion(a, b route.Route) bool {
	return a.Screen == route.Question && b.Screen == route.Question && a.Number == b.Number &&
		a.Bank() == b.Bank() && a.Code() == b.Code()
}

func (p *page) OnNav(ctx app.Context) {
	p.load(ctx, ctx.Page().URL())
}

// load derives the page state from u.
func (p *page) load(ctx app.Context, u *url.URL) {
	r := route.Parse(p.banks, u)
	if r.Next != "" && app.IsClient {
		// A submitted answer form reached the client without a server in
		// between (a static host): show where it leads, in its place in
		// the history, so Back does not resubmit.
		next, err := url.Parse(r.Next)
		if err == nil {
			app.Window().Get("history").Call("replaceState", nil, "", r.Next)
			r = route.Parse(p.banks, next)
		}
	}
	before, picked := p.r, p.picked
	p.setRoute(r)
	if sameQuestion(before, p.r) && p.picked == quiz.Unanswered {
		// Only the language changed (the switch in the header): the
		// choice made but not yet sent stays.
		p.picked = picked
	}
	p.loading = exportLoading(ctx, p.r)
	p.navs++
	p.loadTeam(ctx)
	p.origin = siteOrigin(ctx)

	t := T(p.lang())
	page := ctx.Page()
	page.SetLang(p.lang())
	page.SetTitle("%s", p.title(t))
	page.SetDescription("%s", t.S("meta.description"))
	if app.IsClient {
		first := p.navs == 1
		if p.staged {
			if first {
				p.stageIn(ctx)
			} else {
				// Navigated before the take-over ended: the new screen
				// comes whole, then takes the page's place.
				p.shown = everyPart
			}
			return
		}
		ctx.Defer(func(app.Context) {
			if first {
				// The wasm's first screen is freshly built from the URL;
				// put back what the person did on the prerendered page.
				p.takeOver.restorePrerendered()
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
func (p *page) title(t Texts) string {
	name := t.S("app.name")
	if p.loading != "" {
		return t.S(p.loading) + " · " + name
	}
	switch p.r.Screen {
	case route.Question:
		return t.S("question.title", "n", p.r.Number, "total", len(p.bank().Questions())) + " · " + name
	case route.Result:
		if p.r.Answers.Complete() {
			return t.S("result.title") + " · " + name
		}
		return t.S("unfinished.title") + " · " + name
	case route.Compare:
		return t.S("compare.heading") + " · " + name
	case route.TeamNew:
		return t.S("team.new.title") + " · " + name
	case route.TeamJoin, route.TeamView, route.TeamAdmin, route.TeamMember, route.TeamWithdrawn, route.TeamError:
		return t.S("team.title") + " · " + name
	case route.NotFound:
		return t.S("notfound.title") + " · " + name
	case route.Damaged:
		return t.S("damaged.title") + " · " + name
	case route.Outdated:
		return t.S("outdated.title") + " · " + name
	}
	return name
}

func (p *page) Render() app.UI {
	t := T(p.lang())
	if p.loading != "" {
		return p.layout(t, p.renderLoading(t))
	}
	var body app.UI
	switch p.r.Screen {
	case route.Intro:
		body = p.renderIntro(t)
	case route.Question:
		body = p.renderQuestion(t)
	case route.Result:
		body = p.renderResult(t)
	case route.Compare:
		body = p.renderCompare(t)
	case route.TeamNew, route.TeamJoin, route.TeamView, route.TeamAdmin, route.TeamMember, route.TeamWithdrawn, route.TeamError:
		body = p.renderTeam(t)
	default:
		body = p.renderProblem(t)
	}
	return p.layout(t, body)
}
