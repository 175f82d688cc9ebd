package route

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"cxquiz/app/team"
)

// Team check-in URLs:
//
//	/team/new             start a team check-in (POST creates it)
//	/team/ID/join         the join link: what the team is, then the quiz
//	/team/ID              the team view
//	/team/ID/admin?k=KEY  the admin view (close, delete)
//	/team/ID/member?m=M   a member's own page: added, withdraw
//	/team/ID/withdrawn    after withdrawing
//
// Quiz URLs of a member carry the team as ?team=ID, so the result screen
// can offer to add the result. Whether a team exists is the server's to
// say: these routes only read the URL.
var teamPath = regexp.MustCompile(`^/team/([A-Za-z0-9_-]{1,64})(/(join|admin|member|withdrawn|error))?$`)

// parseTeam reads a /team/ URL into r; it reports false for other paths.
func parseTeam(r *Route, path string, q url.Values) bool {
	if path == "/team/new" {
		// Links made before 2026-12 say ?from=intro|result|compare,
		// which nothing read: ignored like any unknown parameter.
		r.Screen = TeamNew
		return true
	}
	if path == "/team/new/error" {
		r.Screen = TeamError
		r.TeamWhy = teamWhy(q.Get("why"))
		r.TeamCode = teamCode(q.Get("a"))
		return true
	}
	m := teamPath.FindStringSubmatch(path)
	if m == nil {
		return false
	}
	r.TeamID = m[1]
	switch m[3] {
	case "":
		r.Screen = TeamView
	case "join":
		r.Screen = TeamJoin
	case "admin":
		r.Screen = TeamAdmin
		if k := q.Get("k"); team.ValidToken(k) {
			r.TeamKey = k
		}
		r.TeamCreated = q.Get("created") == "1"
		r.TeamConfirm = q.Get("confirm") == "delete"
	case "member":
		r.Screen = TeamMember
		if k := q.Get("m"); team.ValidToken(k) {
			r.Member = k
		}
		r.TeamAdded = q.Get("added") == "1"
	case "withdrawn":
		r.Screen = TeamWithdrawn
	case "error":
		r.Screen = TeamError
		r.TeamWhy = teamWhy(q.Get("why"))
		r.TeamCode = teamCode(q.Get("a"))
	}
	if !team.ValidID(r.TeamID) {
		r.Screen = NotFound
	}
	return true
}

// teamWhy is a known reason for a failed team action, else "unavailable".
func teamWhy(s string) string {
	switch s {
	case "closed", "limited", "invalid", "badname", "notfound", "deleted", "expired", "forbidden":
		return s
	}
	return "unavailable"
}

var codeSyntax = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// teamCode keeps a result code's shape only: the result page it links
// back to decides whether it reads.
func teamCode(s string) string {
	if codeSyntax.MatchString(s) {
		return s
	}
	return ""
}

// CarriesTeam reports whether u belongs to a team check-in: any path
// under /team/ (its pages, its actions and its data, view.json), or a
// member's quiz URL (?team=ID, valid or not). Responses to these hold a
// team's identifier, its admin or member tokens or its stored results,
// where the quiz's own URLs hold only answers.
func CarriesTeam(u *url.URL) bool {
	return u.Path == "/team" || strings.HasPrefix(u.Path, "/team/") || u.Query().Has("team")
}

// IsTeam reports whether the screen shows a stored team: its page depends
// on the database, not on the URL alone.
func (r Route) IsTeam() bool {
	switch r.Screen {
	case TeamJoin, TeamView, TeamAdmin, TeamMember, TeamWithdrawn, TeamError:
		return true
	}
	return false
}

// ServerOnly reports whether only the server renders the route's page:
// every team page, /team/new included. They are for whoever runs a team
// check-in, not for the respondent, and work as plain pages with forms, so
// the wasm does not carry them; their pages do not start it, and the
// browser loads them afresh when a link in the wasm's pages leads there.
// All of them live under /team/ (web/quiz.js relies on it).
func (r Route) ServerOnly() bool { return r.Screen == TeamNew || r.IsTeam() }

// TeamURL is a team page (path "", "join", "admin", "member",
// "withdrawn") with the prefs, but not the team parameter itself.
func TeamURL(p Prefs, id, page string, extra ...string) string {
	p.Team = ""
	path := "/team/" + id
	if id == "" {
		path = "/team/new" // only the error page of creating has no id
	}
	if page != "" {
		path += "/" + page
	}
	q := p.Query()
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] != "" {
			q.Set(extra[i], extra[i+1])
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// TeamNewURL is the page that starts a team check-in.
func TeamNewURL(p Prefs) string {
	p.Team = ""
	q := p.Query()
	if len(q) == 0 {
		return "/team/new"
	}
	return "/team/new?" + q.Encode()
}

// DeleteConfirmURL is the admin's page that asks to confirm deleting the
// team with all its results.
func DeleteConfirmURL(p Prefs, id, key string) string {
	return TeamURL(p, id, "admin", "k", key, "confirm", "delete")
}

// JoinStartURL is where a member starts the quiz for a team.
func JoinStartURL(p Prefs, id string) string {
	p.Team = id
	return p.Link("/q/1", "")
}

// teamErrorStatus is the status of the page that says why a team action
// failed.
func teamErrorStatus(why string) int {
	switch why {
	case "closed":
		return http.StatusConflict
	case "limited":
		return http.StatusTooManyRequests
	case "invalid", "badname":
		return http.StatusBadRequest
	case "notfound":
		return http.StatusNotFound
	case "deleted", "expired":
		return http.StatusGone
	case "forbidden":
		return http.StatusForbidden
	}
	return http.StatusServiceUnavailable
}

// teamCanonical is the URL a team page is rendered for: its path, the
// prefs and its own parameters.
func teamCanonical(r Route) *url.URL {
	var extra []string
	switch r.Screen {
	case TeamAdmin:
		extra = []string{"k", r.TeamKey, "created", flag(r.TeamCreated)}
		if r.TeamConfirm {
			extra = append(extra, "confirm", "delete")
		}
	case TeamMember:
		extra = []string{"m", r.Member, "added", flag(r.TeamAdded)}
	case TeamError:
		extra = []string{"why", r.TeamWhy, "a", r.TeamCode}
	}
	q := r.Prefs.Query()
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] != "" {
			q.Set(extra[i], extra[i+1])
		}
	}
	return &url.URL{Path: r.path, RawQuery: q.Encode()}
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return ""
}
