//go:build !wasm

package screens

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/app/team"
	"cxquiz/quiz"
)

// ViewParam is the query parameter through which the server hands a
// team's stored data to the prerender. The server sets it on the URL it
// renders, replacing whatever a request brought; the browser never reads
// it from its own URL.
const ViewParam = "_view"

// EncodeView is the value of ViewParam for v.
func EncodeView(v team.View) string {
	raw, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeView(s string) (team.View, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	var v team.View
	if err != nil || json.Unmarshal(raw, &v) != nil {
		return team.View{}, false
	}
	return v, true
}

// teamRefresh is how often an open team page asks for news in the
// browser (web/quiz.js, told by the page).
const teamRefresh = 5 * time.Second

// teamPage is what the team pages show.
type teamPage struct {
	team team.View
}

// loadTeam fills p.team for a team route from the view the server hands
// the prerender (ViewParam).
func (p *page) loadTeam(ctx app.Context) {
	p.teams = teamsEnabled(ctx)
	r := p.r
	if !r.IsTeam() || r.Screen == route.TeamWithdrawn || r.Screen == route.TeamError {
		return
	}
	p.team = team.View{State: team.StateUnavailable}
	if v, ok := decodeView(ctx.Page().URL().Query().Get(ViewParam)); ok {
		p.team = v
	}
}

// live marks a team page that web/quiz.js keeps up to date while it is
// open: every teamRefresh it asks view.json whether the view's tag
// changed and, if so, loads the page again and puts its content in
// place. The figures stay the server's.
func (p *page) live(v team.View, body app.UI) app.UI {
	r := p.r
	switch {
	case v.State != team.StateOK && v.State != team.StateUnavailable:
		// Deleted, expired, unknown or forbidden stays so.
		return body
	case r.Screen == route.TeamView, r.Screen == route.TeamAdmin && !r.TeamConfirm && (v.Admin || v.State == team.StateUnavailable):
	case v.State != team.StateUnavailable:
		// The join and member pages change only when the database is
		// back; the confirmation to delete not at all.
		return body
	}
	url := "/team/" + r.TeamID + "/view.json"
	if r.TeamKey != "" {
		url += "?k=" + r.TeamKey
	}
	return app.Div().ID("team-live").DataSet("poll", url).DataSet("tag", v.Tag()).
		DataSet("every", int(teamRefresh/time.Second)).Body(body)
}

// teamTitle is the heading of a team's pages.
func teamTitle(t Texts, v team.View) string {
	if v.Name != "" {
		return t.S("team.named", "name", v.Name)
	}
	return t.S("team.unnamed")
}

func (p *page) renderTeam(t Texts) app.UI {
	r := p.r
	if r.Screen == route.TeamNew {
		return p.renderTeamNew(t)
	}
	if r.Screen == route.TeamError {
		why := r.TeamWhy
		if why == "closed" {
			why = "closedAdd"
		}
		back := r.Prefs
		back.Team = ""
		if retry(r.TeamWhy) {
			// The member is asked to try again: the way back keeps
			// the team, so their result offers to add it again.
			back.Team = r.TeamID
		}
		return app.Section().Class("team problem").DataSet("state", r.TeamWhy).Body(
			heading(t.S("team."+why+".title")),
			app.P().Text(t.S("team."+why+".text", "max", team.MaxName)),
			app.If(r.TeamCode != "", func() app.UI {
				return app.A().ID("back").Class("button primary").Href(back.Link("/result", r.TeamCode)).Text(t.S("team.back"))
			}).ElseIf(why == "badname", func() app.UI {
				return app.A().ID("back").Class("button primary").Href(route.TeamNewURL(r.Prefs)).Text(t.S("team.new.link"))
			}).Else(func() app.UI {
				return app.A().ID("start-over").Class("button primary").Href(p.aloneURL("/")).Text(t.S("team.takeAlone"))
			}),
		)
	}
	if r.Screen == route.TeamWithdrawn {
		// web/quiz.js forgets that this browser added to the team.
		return app.Section().Class("team problem").DataSet("withdrawn-team", r.TeamID).Body(
			heading(t.S("team.withdrawn.title")),
			app.P().Text(t.S("team.withdrawn.text")),
			app.A().ID("team-view").Class("button").Href(route.TeamURL(r.Prefs, r.TeamID, "")).Text(t.S("team.view.open")),
		)
	}
	v := p.team
	if v.State != team.StateOK {
		return p.live(v, p.renderTeamProblem(t, v.State))
	}
	var body app.UI
	switch r.Screen {
	case route.TeamJoin:
		body = p.renderTeamJoin(t, v)
	case route.TeamMember:
		body = p.renderTeamMember(t, v)
	case route.TeamAdmin:
		body = p.renderTeamAdmin(t, v)
	default:
		body = p.renderTeamView(t, v, heading(teamTitle(t, v)))
	}
	return p.live(v, body)
}

// renderTeamProblem explains a team that cannot be shown.
func (p *page) renderTeamProblem(t Texts, state string) app.UI {
	if state == team.StateUnavailable && p.r.Screen == route.TeamJoin {
		// The database is down, not the team gone: a member who came
		// through the join link takes the check with the team kept in
		// the address, so the result offers to add it again.
		return app.Section().Class("team problem").DataSet("state", state).Body(
			heading(t.S("team."+state+".title")),
			app.P().Text(t.S("team."+state+".text")),
			app.P().Text(t.S("team.unavailable.join")),
			app.A().ID("team-start").Class("button primary").Href(route.JoinStartURL(p.r.Prefs, p.r.TeamID)).Text(t.S("team.unavailable.start")),
		)
	}
	return app.Section().Class("team problem").DataSet("state", state).Body(
		heading(t.S("team."+state+".title")),
		app.P().Text(t.S("team."+state+".text")),
		app.If(state == team.StateUnavailable, func() app.UI {
			return app.P().Text(t.S("team.unavailable.keep"))
		}),
		app.A().ID("start-over").Class("button primary").Href(p.aloneURL("/")).Text(t.S("team.takeAlone")),
	)
}

// aloneURL is path with the prefs but without the team: "take the check on
// your own" from a team that takes no results (closed, deleted, expired,
// unknown), so that the result does not offer to add to it. The join link
// of embed.js carries the team as ?team=ID besides its path.
func (p *page) aloneURL(path string) string {
	prefs := p.r.Prefs
	prefs.Team = ""
	return prefs.Link(path, "")
}

// flagged is s if b, else "" (an attribute left out).
func flagged(b bool, s string) string {
	if b {
		return s
	}
	return ""
}

// retry reports whether the page for a failed team action asks to try
// again later: too many requests, or the database did not answer.
func retry(why string) bool { return why == "limited" || why == team.StateUnavailable }

func (p *page) renderTeamNew(t Texts) app.UI {
	return app.Section().Class("team").Body(
		heading(t.S("team.new.title")),
		app.P().Class("lead").Text(t.S("team.new.lead", "min", team.MinResults)),
		app.Form().ID("team-new").Method("post").Action("/team/new").Body(
			hiddenFields(p.r.Prefs.Hidden("")),
			app.Label().For("team-name").Text(t.S("team.new.name")),
			app.Input().ID("team-name").Name("name").Type("text").MaxLength(team.MaxName).AutoComplete(false).
				Aria("describedby", "team-name-hint"),
			app.P().ID("team-name-hint").Class("hint").Text(t.S("team.new.nameHint", "max", team.MaxName)),
			app.Button().ID("team-create").Class("button primary").Type("submit").Text(t.S("team.new.create")),
		),
		app.H2().Text(t.S("team.stored.title")),
		app.P().Text(t.S("team.stored.text")),
	)
}

func (p *page) renderTeamJoin(t Texts, v team.View) app.UI {
	return app.Section().Class("team").Body(
		app.P().Class("eyebrow").Text(t.S("team.join.eyebrow")),
		heading(teamTitle(t, v)),
		app.If(v.Open, func() app.UI {
			return app.Div().Body(
				p.renderTeamReturning(t, v),
				app.P().Class("lead").Text(t.S("team.join.lead")),
				app.P().Text(t.S("team.stored.member")),
				app.A().ID("team-start").Class("button primary").Href(route.JoinStartURL(p.r.Prefs, v.ID)).Text(t.S("intro.start")),
			)
		}).Else(func() app.UI {
			return app.Div().Body(
				app.P().Class("lead").Text(t.S("team.closed.text")),
				app.A().ID("team-start").Class("button primary").Href(p.aloneURL("/q/1")).Text(t.S("team.takeAlone")),
			)
		}),
	)
}

// renderTeamReturning is, on the join page, what a member who added their
// result from this browser sees: web/quiz.js shows it when the browser
// holds the mark the member page left after the add (and the withdrawn
// page removed), and puts their member token into the link to their
// member page. The server cannot know: it sets no cookie. Hidden by the
// attribute on an element without a class, so that no rule of the page's
// shows it before the script decides.
func (p *page) renderTeamReturning(t Texts, v team.View) app.UI {
	r := p.r
	return app.Div().ID("team-returning").Hidden(true).DataSet("team", v.ID).Body(
		app.Section().Class("card").Body(
			app.P().Text(t.S("team.join.returning")),
			app.Div().Class("row").Body(
				app.A().ID("team-returning-member").Class("button").Href(route.TeamURL(r.Prefs, v.ID, "member")).Text(t.S("team.join.member")),
				app.A().ID("team-returning-view").Class("button").Href(route.TeamURL(r.Prefs, v.ID, "")).Text(t.S("team.view.open")),
			),
		),
	)
}

func (p *page) renderTeamMember(t Texts, v team.View) app.UI {
	r := p.r
	keep := p.absolute(route.TeamURL(route.Prefs{Lang: r.Prefs.Lang}, v.ID, "member", "m", r.Member))
	added := ""
	if r.TeamAdded {
		// Right after adding: web/quiz.js keeps that this browser added
		// to the team, for the join page (renderTeamReturning).
		added = r.Member
	}
	return app.Section().Class("team").DataSet("added-team", flagged(added != "", v.ID)).DataSet("added-member", added).Body(
		app.P().Class("eyebrow").Text(teamTitle(t, v)),
		app.If(r.TeamAdded, func() app.UI {
			return heading(t.S("team.member.added"))
		}).Else(func() app.UI {
			return heading(t.S("team.member.title"))
		}),
		app.If(r.Member == "", func() app.UI {
			return app.P().Role("alert").Text(t.S("team.member.badLink"))
		}).Else(func() app.UI {
			return app.Div().Body(
				app.P().Text(t.S("team.member.text")),
				app.Div().Class("share").Body(
					app.Label().For("member-link").Text(t.S("team.member.keep")),
					app.Div().Class("share-row").Body(
						app.Input().ID("member-link").Type("url").ReadOnly(true).Value(keep).Attr("data-share", "1"),
						app.Button().ID("copy-member").Class("button").Type("button").Attr("data-copy", "member-link").Attr("data-copied", t.S("result.copied")).Text(t.S("result.copy")),
					),
				),
				app.Form().ID("team-withdraw").Method("post").Action("/team/"+v.ID+"/withdraw").Body(
					hiddenFields(r.Prefs.Hidden("")),
					app.Input().Type("hidden").Name("m").Value(r.Member),
					app.Button().ID("withdraw").Class("button").Type("submit").Text(t.S("team.member.withdraw")),
				),
			)
		}),
		app.A().ID("team-view").Class("button").Href(route.TeamURL(r.Prefs, v.ID, "")).Text(t.S("team.view.open")),
	)
}

func (p *page) renderTeamAdmin(t Texts, v team.View) app.UI {
	r := p.r
	if !v.Admin {
		return p.renderTeamProblem(t, team.StateForbidden)
	}
	// Both links keep the language the page is in, which after creating
	// is the one the team was set up in: members of a German host's team
	// get German pages whatever their browser prefers. Without it, the
	// join page takes the browser's language.
	join := p.absolute(route.TeamURL(route.Prefs{Lang: r.Prefs.Lang}, v.ID, "join"))
	admin := p.absolute(route.TeamURL(route.Prefs{Lang: r.Prefs.Lang}, v.ID, "admin", "k", r.TeamKey))
	link := func(id, label, value string) app.UI {
		return app.Div().Class("share").Body(
			app.Label().For(id).Text(label),
			app.Div().Class("share-row").Body(
				app.Input().ID(id).Type("url").ReadOnly(true).Value(value).Attr("data-share", "1"),
				app.Button().ID("copy-"+id).Class("button").Type("button").Attr("data-copy", id).Attr("data-copied", t.S("result.copied")).Text(t.S("result.copy")),
			),
		)
	}
	if r.TeamConfirm {
		return p.renderTeamDeleteConfirm(t, v)
	}
	state := t.S("team.admin.open")
	if !v.Open {
		state = t.S("team.admin.closed")
	}
	return app.Section().Class("team admin").Body(
		app.P().Class("eyebrow").Text(t.S("team.admin.eyebrow")),
		heading(teamTitle(t, v)),
		app.If(r.TeamCreated, func() app.UI {
			return app.P().Class("lead").Role("status").Text(t.S("team.admin.created"))
		}),
		link("join-link", t.S("team.admin.join"), join),
		link("admin-link", t.S("team.admin.link"), admin),
		app.P().Class("hint").Text(t.S("team.admin.secret")),
		app.P().ID("team-state").Text(state+" · "+t.S("team.admin.expires", "date", t.Date(v.Expires.UTC()))),
		app.Div().Class("row").Body(
			app.If(v.Open, func() app.UI {
				return app.Form().ID("team-close").Method("post").Action("/team/"+v.ID+"/close").Body(
					hiddenFields(r.Prefs.Hidden("")),
					app.Input().Type("hidden").Name("k").Value(r.TeamKey),
					app.Button().ID("close").Class("button").Type("submit").Text(t.S("team.admin.close")),
				)
			}),
			// Deleting takes a second step on a page of its own: a
			// link, so it works the same with and without the wasm.
			app.A().ID("delete").Class("button danger").Href(route.DeleteConfirmURL(r.Prefs, v.ID, r.TeamKey)).Text(t.S("team.admin.delete")),
		),
		app.P().Class("hint").Text(t.S("team.admin.deleteHint")),
		p.renderTeamView(t, v, app.H2().Text(t.S("team.view.title"))),
	)
}

// renderTeamDeleteConfirm asks the admin to confirm deleting the team with
// its results: the POST that deletes is sent only from here.
func (p *page) renderTeamDeleteConfirm(t Texts, v team.View) app.UI {
	r := p.r
	return app.Section().Class("team admin confirm").Body(
		app.P().Class("eyebrow").Text(teamTitle(t, v)),
		heading(t.S("team.delete.title")),
		app.P().Class("lead").ID("delete-what").Text(t.S("team.delete.text", "n", v.N)),
		app.P().Text(t.S("team.delete.after")),
		app.Div().Class("row").Body(
			app.Form().ID("team-delete").Method("post").Action("/team/"+v.ID+"/delete").Body(
				hiddenFields(r.Prefs.Hidden("")),
				app.Input().Type("hidden").Name("k").Value(r.TeamKey),
				app.Input().Type("hidden").Name("confirm").Value("1"),
				app.Button().ID("delete-confirm").Class("button danger").Type("submit").Text(t.S("team.delete.confirm")),
			),
			app.A().ID("delete-cancel").Class("button").Href(route.TeamURL(r.Prefs, v.ID, "admin", "k", r.TeamKey)).Text(t.S("team.delete.cancel")),
		),
	)
}

// renderTeamView shows a team's results as distributions, never one
// member's answers.
func (p *page) renderTeamView(t Texts, v team.View, head app.UI) app.UI {
	b := p.banks.Latest().In(p.lang())
	s := v.Summary
	// No live region: quiz.js replaces the section when the figures
	// change, and says so in the page's own (#note) once.
	return app.Section().Class("team team-view").DataSet("n", v.N).Body(
		head,
		app.P().Class("team-n").ID("team-n").Text(t.S("team.view.n", "n", v.N)),
		app.If(!v.Open, func() app.UI {
			return app.P().Class("hint").Text(t.S("team.closed.text"))
		}),
		app.If(s == nil, func() app.UI {
			return app.P().Class("lead").ID("team-wait").Text(t.S("team.view.wait", "min", team.MinResults, "n", v.N, "more", max(team.MinResults-v.N, 1)))
		}).Else(func() app.UI {
			return app.Div().Body(
				app.H2().Text(t.S("team.view.overall")),
				app.P().Class("team-overall").Body(
					app.Span().Class("big").ID("team-mean").Text(t.Pct(s.Overall.Mean)),
					app.Span().Text(" "+t.S("team.view.mean")+" · "+b.LevelFor(s.Overall.Mean).Name),
				),
				distribution(t, b, s.Overall, "overall"),
				app.If(len(s.Disagree) > 0, func() app.UI {
					return app.Section().Class("card disagree").Body(
						app.H2().Text(t.S("team.view.talk")),
						app.P().Text(t.S("team.view.talkText")),
						app.Ul().Body(app.Range(s.Disagree).Slice(func(i int) app.UI {
							d, _ := s.Dim(s.Disagree[i])
							return app.Li().Text(talkItem(t, b, d))
						})),
					)
				}),
				app.H2().Text(t.S("team.view.dimensions")),
				app.Div().Class("team-dims").Body(app.Range(s.Dimensions).Slice(func(i int) app.UI {
					d := s.Dimensions[i]
					return app.Section().Class("team-dim").DataSet("dimension", d.ID).DataSet("mean", d.Mean).Body(
						app.H3().Text(dimName(b, d.ID)),
						app.If(d.Levels == nil, func() app.UI {
							return app.P().Class("team-stat").Text(t.S("team.view.dimWait", "min", team.MinResults))
						}).Else(func() app.UI {
							return app.P().Class("team-stat").Text(t.S("team.view.stat", "mean", t.Pct(d.Mean), "level", b.LevelFor(d.Mean).Name))
						}),
						distribution(t, b, d.Stat, d.ID),
					)
				})),
				app.H2().Text(t.S("team.view.next")),
				app.Range(s.Weakest).Slice(func(i int) app.UI {
					d, _ := s.Dim(s.Weakest[i])
					dim := b.Dimension(d.ID)
					if dim == nil {
						return nil
					}
					steps := dim.Steps[b.LevelFor(d.Mean).ID]
					return app.Section().Class("steps").Body(
						app.H3().Text(dim.Name+" · "+t.Pct(d.Mean)),
						app.Ul().Body(app.Range(steps).Slice(func(j int) app.UI { return app.Li().Text(steps[j].Text) })),
					)
				}),
				app.P().Class("hint").ID("team-privacy").Text(t.S("team.view.privacy", "min", team.MinResults, "step", t.Pct(quiz.GroupStep))),
				app.Div().Class("row no-print").Body(
					app.Button().ID("print").Class("button").Type("button").Attr("data-print", "1").Text(t.S("result.print")),
				),
			)
		}),
	)
}

// talkItem names a dimension where the team disagrees most and the levels
// its results span: no score in points, which would be one member's.
func talkItem(t Texts, b *quiz.Bank, d team.DimStat) string {
	lo, hi := -1, -1
	for i, c := range d.Levels {
		if c > 0 && i < len(b.Levels) {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	switch {
	case lo < 0:
		return dimName(b, d.ID)
	case lo == hi:
		return t.S("team.view.talkOne", "dim", dimName(b, d.ID), "level", b.Levels[lo].Name)
	}
	return t.S("team.view.talkItem", "dim", dimName(b, d.ID), "lo", b.Levels[lo].Name, "hi", b.Levels[hi].Name)
}

// dimName is the name of dimension id in b, or the id.
func dimName(b *quiz.Bank, id string) string {
	if d := b.Dimension(id); d != nil {
		return d.Name
	}
	return id
}

// distribution is a bar of how many results sit at each level, with the
// counts in words for screen readers and print. The bar is an SVG: its
// widths are attributes, not inline styles, which the CSP may refuse.
func distribution(t Texts, b *quiz.Bank, s team.Stat, id string) app.UI {
	total := 0
	for _, c := range s.Levels {
		total += c
	}
	if total == 0 {
		return nil
	}
	var svg strings.Builder
	svg.WriteString(`<svg class="dist-bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">`)
	x := 0
	for i, c := range s.Levels {
		if c == 0 || i >= len(b.Levels) {
			continue
		}
		w := c * 1000 / total
		fmt.Fprintf(&svg, `<rect class="lv-%d" x="%d" y="0" width="%d" height="10"></rect>`, i, x, w)
		x += w
	}
	svg.WriteString(`</svg>`)
	return app.Div().Class("dist").DataSet("dist", id).Body(
		app.Raw(svg.String()),
		app.Ul().Class("dist-legend").Body(
			app.Range(s.Levels).Slice(func(i int) app.UI {
				if i >= len(b.Levels) {
					return nil
				}
				return app.Li().DataSet("level", b.Levels[i].ID).DataSet("count", s.Levels[i]).Body(
					app.Span().Class("swatch lv-"+strconv.Itoa(i)).Aria("hidden", "true"),
					app.Text(b.Levels[i].Name+": "+strconv.Itoa(s.Levels[i])),
				)
			}),
		),
	)
}
