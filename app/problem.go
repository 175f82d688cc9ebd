package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// renderProblem explains an unknown path or an unreadable result code, and
// offers a way on.
func (p *page) renderProblem(t texts) app.UI {
	var key string
	switch p.r.screen {
	case screenDamaged:
		key = "damaged"
	case screenOutdated:
		key = "outdated"
	default:
		key = "notfound"
	}
	return app.Section().Class("problem").Body(
		heading(t.S(key+".title")),
		app.P().Text(t.S(key+".text")),
		app.P().Text(t.S("problem.answers")),
		app.A().ID("start-over").Class("button primary").Href(p.r.introURL()).Text(t.S("problem.start")),
	)
}
