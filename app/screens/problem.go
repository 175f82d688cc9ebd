package screens

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
)

// renderProblem explains an unknown path or an unreadable result code, and
// offers a way on.
func (p *page) renderProblem(t Texts) app.UI {
	var key string
	switch p.r.Screen {
	case route.Damaged:
		key = "damaged"
	case route.Outdated:
		key = "outdated"
	default:
		key = "notfound"
	}
	return app.Section().Class("problem").Body(
		heading(t.S(key+".title")),
		app.P().Text(t.S(key+".text")),
		app.P().Text(t.S("problem.answers")),
		app.A().ID("start-over").Class("button primary").Href(p.r.IntroURL()).Text(t.S("problem.start")),
	)
}
