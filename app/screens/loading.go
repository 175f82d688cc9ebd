package screens

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
)

// ExportParam on the URL the server prerenders says the page is for the
// static export. A static host sends the same file for every query, so
// the export's pages of questions, results and comparisons cannot show
// the answers in the address: a result page made without them claimed
// "0 of 24 answers" and linked away without the code, and a question's
// form lost the answers before it. They show that the page is loading
// instead, until the wasm draws the address's screen, and say without
// JavaScript that this copy needs it. The binary reads the answers
// itself and never sets it; the browser never sees it.
const ExportParam = "_export"

// exportLoading is the text key of the loading screen the export's page
// of r shows in place of its screen, or "" for a screen it shows as is.
func exportLoading(ctx app.Context, r route.Route) string {
	if app.IsClient {
		return ""
	}
	u := ctx.Page().URL()
	if u.Query().Get(ExportParam) != "1" {
		return ""
	}
	switch {
	case r.Screen == route.Result:
		return "loading.result"
	case r.Screen == route.Compare:
		return "loading.compare"
	case strings.HasPrefix(u.Path, "/q/"):
		// Question pages beyond the latest version's last question are
		// exported for older versions' links: loading too.
		return "loading.question"
	}
	return ""
}

// renderLoading is the export's page of an answer-dependent screen (see
// ExportParam): no claim about answers it cannot read, no links that
// would drop them.
func (p *page) renderLoading(t Texts) app.UI {
	return app.Section().Class("problem").Body(
		heading(t.S(p.loading)),
		app.P().Text(t.S("loading.text")),
		app.NoScript().Body(app.P().Text(t.S("loading.nojs"))),
	)
}
