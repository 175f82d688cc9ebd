package screens

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The team pages themselves are the server's alone (team.go); the
// respondent's screens only link to them and, on a member's result,
// offer to add it (renderTeamAdd).

// teamsOn reports whether this site stores team check-ins: the server
// says so with a meta element; a static export has none.
func (p *page) teamsOn() bool { return p.teams }

// TeamsParam on the URL the server prerenders says that it stores team
// check-ins; the browser reads the same from a meta element.
const TeamsParam = "_teams"

func teamsEnabled(ctx app.Context) bool {
	if !app.IsClient {
		return ctx.Page().URL().Query().Get(TeamsParam) == "1"
	}
	return app.Window().Get("document").Call("querySelector", `meta[name="cxquiz-teams"]`).Truthy()
}

// renderTeamAdd offers a member to add their result to the team the quiz
// was taken for: a POST form, sent only by the member's click.
func (p *page) renderTeamAdd(t Texts) app.UI {
	id := p.r.Prefs.Team
	if id == "" || p.r.Shared || !p.teamsOn() {
		return nil
	}
	prefs := p.r.Prefs
	prefs.Team = ""
	return app.Section().Class("team-add card").Aria("labelledby", "team-add-title").Body(
		app.H2().ID("team-add-title").Text(t.S("team.add.title")),
		app.P().Text(t.S("team.stored.member")),
		app.Form().ID("team-add").Method("post").Action("/team/"+id+"/add").DataSet("member-team", id).Body(
			hiddenFields(prefs.Hidden(p.r.Code())),
			app.Input().Type("hidden").Name("m").Value(""),
			app.Button().ID("team-add-button").Class("button primary").Type("submit").Text(t.S("team.add.button")),
		),
	)
}
