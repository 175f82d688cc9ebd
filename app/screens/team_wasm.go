//go:build wasm

package screens

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/team"
)

// teamPage is empty in the browser: the team pages are the server's alone
// (team.go), and app.wasm does not carry them.
type teamPage struct{}

// loadTeam has the browser load a team page from the server. A link to
// one is followed as a page load already (web/quiz.js keeps go-app from
// taking the click); this is for any other way go-app could come to one,
// such as Back to an entry it made.
//
// The first screen the wasm draws is a team page only offline: the
// server's team pages do not start the wasm, but go-app's service worker
// answers a page it cannot fetch with the intro, whose wasm then draws the
// address's screen (server.offlineShell). renderTeam says that the page
// needs the server.
func (p *page) loadTeam(ctx app.Context) {
	p.teams = teamsEnabled(ctx)
	if p.r.ServerOnly() && p.navs > 1 {
		app.Window().Get("location").Call("replace", app.Window().URL().String())
	}
}

// renderTeam stands in for a team page, which only the server renders.
func (p *page) renderTeam(t Texts) app.UI {
	return app.Section().Class("team problem").DataSet("state", team.StateUnavailable).Body(
		heading(t.S("team.unavailable.title")),
		app.P().Text(t.S("team.unavailable.text")),
		app.A().ID("start-over").Class("button primary").Href(p.r.IntroURL()).Text(t.S("team.takeAlone")),
	)
}
