package route

import (
	"net/url"
	"strings"
	"testing"

	"cxquiz/app/team"
)

func TestParseTeam(t *testing.T) {
	t.Parallel()
	id, tok := "AAAAAAAAAAAAAAAAAAAAAA", team.NewToken()
	for _, tt := range []struct {
		url    string
		screen Screen
		check  func(Route) bool
	}{
		{"/team/new?lang=de", TeamNew, func(r Route) bool { return r.Prefs.Lang == "de" }},
		// An older link's ?from= is ignored: the same page.
		{"/team/new?from=result&lang=de", TeamNew, func(r Route) bool { return r.Prefs.Lang == "de" && r.Canonical().String() == "/team/new?lang=de" }},
		{"/team/" + id, TeamView, func(r Route) bool { return r.TeamID == id }},
		{"/team/" + id + "/join", TeamJoin, nil},
		{"/team/" + id + "/admin?k=" + tok + "&created=1", TeamAdmin, func(r Route) bool { return r.TeamKey == tok && r.TeamCreated }},
		{"/team/" + id + "/admin?k=" + tok + "&confirm=delete", TeamAdmin, func(r Route) bool {
			return r.TeamConfirm && r.Canonical().String() == DeleteConfirmURL(Prefs{}, id, tok)
		}},
		{"/team/" + id + "/admin?k=" + tok + "&confirm=yes", TeamAdmin, func(r Route) bool { return !r.TeamConfirm }},
		{"/team/" + id + "/admin?k=short", TeamAdmin, func(r Route) bool { return r.TeamKey == "" }},
		{"/team/" + id + "/member?m=" + tok + "&added=1", TeamMember, func(r Route) bool { return r.Member == tok && r.TeamAdded }},
		{"/team/" + id + "/withdrawn", TeamWithdrawn, nil},
		{"/team/" + id + "/error?why=closed&a=BThT", TeamError, func(r Route) bool { return r.TeamWhy == "closed" && r.TeamCode == "BThT" }},
		{"/team/" + id + "/error?why=<script>&a=<b>", TeamError, func(r Route) bool { return r.TeamWhy == "unavailable" && r.TeamCode == "" }},
		{"/team/new/error?why=limited", TeamError, func(r Route) bool { return r.TeamWhy == "limited" }},
		{"/team/short", NotFound, nil},
		{"/team/" + id + "/other", NotFound, nil},
		{"/q/1?team=" + id, Question, func(r Route) bool { return r.Prefs.Team == id && r.QuestionURL(2) == "/q/2?team="+id }},
		{"/q/1?team=bad", Question, func(r Route) bool { return r.Prefs.Team == "" }},
	} {
		r := parse(t, tt.url)
		if r.Screen != tt.screen || (tt.check != nil && !tt.check(r)) {
			t.Errorf("%s: screen %d %+v", tt.url, r.Screen, r)
		}
		if r.IsTeam() != (tt.screen >= TeamJoin && tt.screen <= TeamError) {
			t.Errorf("%s: IsTeam %v", tt.url, r.IsTeam())
		}
		if r.ServerOnly() != (tt.screen >= TeamNew && tt.screen <= TeamError) {
			t.Errorf("%s: ServerOnly %v", tt.url, r.ServerOnly())
		}
		// quiz.js sends every link under /team/ to the server, and
		// only those.
		if r.ServerOnly() != strings.HasPrefix(r.Canonical().Path, "/team/") && r.Screen != NotFound {
			t.Errorf("%s: ServerOnly %v, canonical path %s", tt.url, r.ServerOnly(), r.Canonical().Path)
		}
	}
}

func TestTeamURLs(t *testing.T) {
	t.Parallel()
	id, tok := "AAAAAAAAAAAAAAAAAAAAAA", team.NewToken()
	p := Prefs{Lang: "de", Embed: true, Team: id}
	code := bank.Encode(bank.NewAnswers().With(1, 2))
	for got, want := range map[string]string{
		TeamURL(p, id, ""):                                   "/team/" + id + "?embed=1&lang=de",
		TeamURL(Prefs{}, id, "join"):                         "/team/" + id + "/join",
		TeamURL(Prefs{}, id, "admin", "k", tok):              "/team/" + id + "/admin?k=" + tok,
		TeamNewURL(p):                                        "/team/new?embed=1&lang=de",
		JoinStartURL(Prefs{Lang: "de"}, id):                  "/q/1?lang=de&team=" + id,
		parse(t, "/team/"+id+"/admin?k="+tok).InLang("de"):   "/team/" + id + "/admin?k=" + tok + "&lang=de",
		parse(t, "/team/new/error?why=limited").InLang("de"): "/team/new/error?lang=de&why=limited",
		// A shared result never carries the team.
		parse(t, "/result?a="+code+"&team="+id).ShareURL(): "/result?a=" + code + "&shared=1",
	} {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}

func TestCarriesTeam(t *testing.T) {
	t.Parallel()
	for target, want := range map[string]bool{
		"/team/new":                    true,
		"/team/abc":                    true,
		"/team/abc/admin?k=secret":     true,
		"/team/abc/member?m=token":     true,
		"/team/abc/view.json?k=secret": true,
		"/team/abc/add":                true,
		"/team/new/error?why=limited":  true,
		"/team":                        true,
		"/q/3?team=abc":                true,
		"/result?a=x&team=abc":         true,
		"/?team=":                      true,
		"/":                            false,
		"/q/3?a=x":                     false,
		"/result?a=x&lang=de":          false,
		"/compare?c=x":                 false,
		"/teams":                       false,
		"/web/app.wasm?v=1":            false,
		"/nope":                        false,
		"/result?a=team&steam=1":       false,
		"/teamwork?x=1":                false,
	} {
		u, err := url.Parse(target)
		if err != nil {
			t.Fatal(err)
		}
		if got := CarriesTeam(u); got != want {
			t.Errorf("CarriesTeam(%s) = %v, want %v", target, got, want)
		}
	}
}
