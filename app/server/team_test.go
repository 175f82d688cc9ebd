//go:build !wasm

package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cxquiz/app/route"
	"cxquiz/app/team"
	"cxquiz/quiz"
)

var germanMonths = strings.Fields("Januar Februar März April Mai Juni Juli August September Oktober November Dezember")

// createTeam creates a team and returns its id and admin token.
func createTeam(t testing.TB, ts *httptest.Server, name string) (id, key string) {
	t.Helper()
	res, _ := post(t, ts, "/team/new", url.Values{"name": {name}})
	wantStatus(t, res, http.StatusSeeOther, "create")
	u, err := url.Parse(res.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(u.Path, "/")
	if len(parts) != 4 || parts[3] != "admin" || u.Query().Get("created") != "1" {
		t.Fatalf("create leads to %s", u)
	}
	return parts[2], u.Query().Get("k")
}

func view(t testing.TB, ts *httptest.Server, id string) team.View {
	t.Helper()
	_, body := get(t, ts, "/team/"+id+"/view.json")
	var v team.View
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("view.json: %v: %s", err, body)
	}
	return v
}

func TestTeamFlow(t *testing.T) {
	t.Parallel()
	ts, logs := teamServer(t, nil, nil)
	id, key := createTeam(t, ts, "Board <b>team</b>")

	res, body := get(t, ts, "/team/"+id+"/admin?k="+key+"&created=1")
	wantStatus(t, res, 200, "admin view")
	if !strings.Contains(body, "/team/"+id+"/join") || !strings.Contains(body, "Board &lt;b&gt;team&lt;/b&gt;") {
		t.Error("admin view lacks the join link or the escaped name")
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("admin view Cache-Control %q", cc)
	}
	// The expiry date reads as a date in the page's language, in one
	// piece (no-break spaces), not as 2027-03-01.
	exp := view(t, ts, id).Expires.UTC()
	for lang, want := range map[string]string{
		"en": fmt.Sprintf("deleted automatically on %d\u00a0%s\u00a0%d", exp.Day(), exp.Month(), exp.Year()),
		"de": fmt.Sprintf("wird am %d.\u00a0%s\u00a0%d automatisch gelöscht", exp.Day(), germanMonths[exp.Month()-1], exp.Year()),
	} {
		_, body := get(t, ts, "/team/"+id+"/admin?k="+key+"&lang="+lang)
		if !strings.Contains(body, want) {
			t.Errorf("%s admin view does not say %q; team state: %s", lang, want, regexp.MustCompile(`id="team-state"[^<]*<|>[^<]*automati[^<]*<`).FindString(body))
		}
	}
	res, _ = get(t, ts, "/team/"+id+"/admin?k="+team.NewToken())
	wantStatus(t, res, http.StatusForbidden, "admin view, wrong key")
	res, body = get(t, ts, "/team/"+id+"/join?lang=de")
	wantStatus(t, res, 200, "join")
	if !strings.Contains(body, "/q/1?lang=de&amp;team="+id) && !strings.Contains(body, "/q/1?lang=de&team="+id) {
		t.Error("join page does not start the quiz for the team")
	}

	// Five members, each with a result scored by the quiz package: the
	// view shows figures from the fifth on.
	var results []quiz.Result
	members := []string{team.NewToken(), team.NewToken(), "", team.NewToken(), ""}
	for i, m := range members {
		a, code := fullCode(t, func(q int) int { return (q*(i+1) + i) % 4 })
		r, err := bank.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
		res, _ := post(t, ts, "/team/"+id+"/add", url.Values{"a": {code}, "m": {m}})
		wantStatus(t, res, http.StatusSeeOther, "add")
		loc, _ := url.Parse(res.Header.Get("Location"))
		if loc.Path != "/team/"+id+"/member" || !team.ValidToken(loc.Query().Get("m")) || (m != "" && loc.Query().Get("m") != m) {
			t.Fatalf("add leads to %s", loc)
		}
		members[i] = loc.Query().Get("m")
		if v := view(t, ts, id); v.N != i+1 || (i < 4) != (v.Summary == nil) {
			t.Fatalf("after %d adds: n %d, summary %v", i+1, v.N, v.Summary != nil)
		}
		if i == 3 {
			// One short: the page says how many more it needs.
			_, body := get(t, ts, "/team/"+id)
			if !strings.Contains(body, "Results so far: 4; 1 more needed") {
				t.Errorf("with 4 results the team view does not say that it needs 1 more: %s", regexp.MustCompile(`id="team-wait"[^<]*`).FindString(body))
			}
		}
	}
	v := view(t, ts, id)
	want := bank.SummariseGroup(results)
	if v.Summary.Overall.Mean != want.Overall.Mean {
		t.Errorf("overall mean %d, quiz says %d", v.Summary.Overall.Mean, want.Overall.Mean)
	}
	for i, d := range want.Dimensions {
		if got := v.Summary.Dimensions[i]; got.ID != d.Dimension.ID || got.Mean != d.Mean || fmt.Sprint(got.Levels) != fmt.Sprint(d.Levels) {
			t.Errorf("dimension %s: %+v, quiz says mean %d levels %v", d.Dimension.ID, got, d.Mean, d.Levels)
		}
	}
	for lang, talk := range map[string]string{"en": "Talk about this first", "de": "Darüber zuerst sprechen"} {
		res, body = get(t, ts, "/team/"+id+"?lang="+lang)
		wantStatus(t, res, 200, "team view")
		if !strings.Contains(body, `data-n="5"`) || !strings.Contains(body, talk) || !strings.Contains(body, `id="team-privacy"`) {
			t.Errorf("%s team view does not show n = 5, where the team disagrees and what stays private", lang)
		}
		// Every percentage the page shows is a rounded mean, never one
		// member's score (such as the lowest or highest).
		pcts := regexp.MustCompile(`(\d+)(\s|\x{a0}|&nbsp;)?%`).FindAllStringSubmatch(body, -1)
		if len(pcts) < 1+len(bank.Dimensions) {
			t.Errorf("%s team view shows %d percentages, want at least the overall mean and each dimension's", lang, len(pcts))
		}
		for _, m := range pcts {
			if n, _ := strconv.Atoi(m[1]); n%quiz.GroupStep != 0 {
				t.Errorf("%s team view shows %s%%, not a mean rounded to %d", lang, m[1], quiz.GroupStep)
			}
		}
	}

	// Adding again from the same browser replaces.
	_, code := fullCode(t, func(int) int { return 0 })
	res, _ = post(t, ts, "/team/"+id+"/add", url.Values{"a": {code}, "m": {members[0]}})
	wantStatus(t, res, http.StatusSeeOther, "add again")
	if v := view(t, ts, id); v.N != 5 {
		t.Fatalf("adding again: n = %d", v.N)
	}
	// Withdrawing leaves four: the view hides the summary again.
	res, _ = post(t, ts, "/team/"+id+"/withdraw", url.Values{"m": {members[1]}})
	wantStatus(t, res, http.StatusSeeOther, "withdraw")
	if v := view(t, ts, id); v.N != 4 || v.Summary != nil {
		t.Fatalf("after withdrawing: n = %d, summary %v", v.N, v.Summary != nil)
	}

	// Closed: no more results.
	res, _ = post(t, ts, "/team/"+id+"/close", url.Values{"k": {team.NewToken()}})
	wantStatus(t, res, http.StatusForbidden, "close, wrong key")
	res, _ = post(t, ts, "/team/"+id+"/close", url.Values{"k": {key}})
	wantStatus(t, res, http.StatusSeeOther, "close")
	res, body = post(t, ts, "/team/"+id+"/add", url.Values{"a": {code}, "m": {team.NewToken()}})
	wantStatus(t, res, http.StatusConflict, "add to a closed team")
	if !strings.Contains(body, "/result?a="+code) {
		t.Error("the closed page does not lead back to the result")
	}

	// Deleting takes a second step: the admin page links to a page that
	// asks, and a POST without its confirmation deletes nothing.
	admin := "/team/" + id + "/admin?k=" + key
	confirm := route.DeleteConfirmURL(route.Prefs{}, id, key)
	_, body = get(t, ts, admin)
	if !strings.Contains(body, `id="delete"`) || !strings.Contains(body, `href="`+confirm+`"`) || strings.Contains(body, `name="confirm"`) {
		t.Errorf("the admin page does not link to the confirmation %s", confirm)
	}
	res, _ = post(t, ts, "/team/"+id+"/delete", url.Values{"k": {key}})
	wantStatus(t, res, http.StatusSeeOther, "delete without confirmation")
	if loc := res.Header.Get("Location"); loc != confirm {
		t.Errorf("delete without confirmation leads to %q, want %q", loc, confirm)
	}
	if v := view(t, ts, id); v.State != team.StateOK || v.N != 4 {
		t.Fatalf("after a delete without confirmation: state %q, n = %d", v.State, v.N)
	}
	res, body = get(t, ts, confirm)
	wantStatus(t, res, http.StatusOK, "the confirmation page")
	for _, want := range []string{`id="delete-confirm"`, `action="/team/` + id + `/delete"`, "Results so far: 4"} {
		if !strings.Contains(body, want) {
			t.Errorf("the confirmation page lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<input[^>]*(name="confirm"[^>]*value="1"|value="1"[^>]*name="confirm")`).MatchString(body) {
		t.Error(`the confirmation page's form lacks confirm=1`)
	}
	res, _ = post(t, ts, "/team/"+id+"/delete", url.Values{"k": {team.NewToken()}, "confirm": {"1"}})
	wantStatus(t, res, http.StatusForbidden, "delete, wrong key")

	// Deleted: gone, and the pages say so.
	res, _ = post(t, ts, "/team/"+id+"/delete", url.Values{"k": {key}, "confirm": {"1"}})
	wantStatus(t, res, http.StatusSeeOther, "delete")
	for _, p := range []string{"/team/" + id + "/join", "/team/" + id, "/team/" + id + "/admin?k=" + key} {
		res, body := get(t, ts, p)
		wantStatus(t, res, http.StatusGone, p)
		if !strings.Contains(body, "was deleted") {
			t.Errorf("%s does not say the team was deleted", p)
		}
	}
	if v := view(t, ts, id); v.State != team.StateDeleted {
		t.Errorf("view.json state %q", v.State)
	}
	res, _ = post(t, ts, "/team/"+id+"/add", url.Values{"a": {code}})
	wantStatus(t, res, http.StatusGone, "add to a deleted team")

	for _, secret := range append(members, key) {
		if strings.Contains(logs.String(), secret) {
			t.Fatalf("a token is in the log:\n%s", logs.String())
		}
	}
}

func TestTeamBadRequests(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, func(c *Config) { c.TeamCreateLimit = 3 })
	id, _ := createTeam(t, ts, "")
	partial := bank.Encode(bank.NewAnswers().With(1, 2))
	_, full := fullCode(t, func(q int) int { return q % 4 })
	for _, tt := range []struct {
		name   string
		method string
		path   string
		form   url.Values
		header []string
		want   int
	}{
		{"unknown team", "GET", "/team/AAAAAAAAAAAAAAAAAAAAAA", nil, nil, 404},
		{"malformed id", "GET", "/team/x/join", nil, nil, 404},
		{"add by GET", "GET", "/team/" + id + "/add", nil, nil, 405},
		{"other origin", "POST", "/team/" + id + "/add", url.Values{"a": {full}}, []string{"Origin", "https://evil.example"}, 403},
		{"cross-site fetch", "POST", "/team/" + id + "/add", url.Values{"a": {full}}, []string{"Origin", "", "Sec-Fetch-Site", "cross-site"}, 403},
		{"opaque origin, cross-site", "POST", "/team/" + id + "/add", url.Values{"a": {full}}, []string{"Origin", "null", "Sec-Fetch-Site", "cross-site"}, 403},
		{"opaque origin, no fetch metadata", "POST", "/team/" + id + "/add", url.Values{"a": {full}}, []string{"Origin", "null"}, 403},
		// Chromium's form POST from our own page (Referrer-Policy:
		// no-referrer): Origin null, Sec-Fetch-Site same-origin.
		{"own form, no referrer", "POST", "/team/" + id + "/add", url.Values{"a": {partial}}, []string{"Origin", "null", "Sec-Fetch-Site", "same-origin"}, 400},
		{"unfinished code", "POST", "/team/" + id + "/add", url.Values{"a": {partial}}, nil, 400},
		{"damaged code", "POST", "/team/" + id + "/add", url.Values{"a": {"!!"}}, nil, 400},
		{"name too long", "POST", "/team/new", url.Values{"name": {strings.Repeat("n", team.MaxName+1)}}, nil, 400},
		{"huge body", "POST", "/team/new", url.Values{"name": {strings.Repeat("n", 20000)}}, nil, 400},
		{"add to unknown", "POST", "/team/AAAAAAAAAAAAAAAAAAAAAA/add", url.Values{"a": {full}}, nil, 404},
	} {
		var res *http.Response
		if tt.method == "GET" {
			res, _ = get(t, ts, tt.path)
		} else {
			res, _ = post(t, ts, tt.path, tt.form, tt.header...)
		}
		if res.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, res.StatusCode, tt.want)
		}
	}
	// The create limit is 3 a minute: two attempts were made above.
	res, _ := post(t, ts, "/team/new", nil)
	wantStatus(t, res, http.StatusSeeOther, "second create")
	res, body := post(t, ts, "/team/new", nil)
	wantStatus(t, res, http.StatusTooManyRequests, "third create")
	if res.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many requests") {
		t.Error("the limit page lacks Retry-After or its text")
	}
}

// downStore is a database that does not answer.
type downStore struct{ team.Store }

var errDown = errors.New("connection refused")

func (downStore) Create(context.Context, string) (team.Team, string, error) {
	return team.Team{}, "", errDown
}
func (downStore) Team(context.Context, string) (team.Team, error) { return team.Team{}, errDown }
func (downStore) Admin(context.Context, string, string) (team.Team, error) {
	return team.Team{}, errDown
}
func (downStore) Add(context.Context, string, string, string) error { return errDown }
func (downStore) DeleteExpired(context.Context) (int, error)        { return 0, errDown }

func TestTeamDatabaseDown(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, downStore{}, nil)
	_, code := fullCode(t, func(q int) int { return q % 4 })
	id := "AAAAAAAAAAAAAAAAAAAAAA"
	res, body := post(t, ts, "/team/"+id+"/add", url.Values{"a": {code}, "m": {team.NewToken()}})
	wantStatus(t, res, http.StatusServiceUnavailable, "add")
	if res.Header.Get("Retry-After") == "" || !strings.Contains(body, "try again") || !strings.Contains(body, "/result?a="+code) {
		t.Error("the member is not told to try again later, with their result link")
	}
	res, _ = get(t, ts, "/team/"+id)
	wantStatus(t, res, http.StatusServiceUnavailable, "team view")
	// A member who came through the join link can take the check with the
	// team kept in the address, and is told so.
	for lang, say := range map[string]string{"en": "The team stays in the page address", "de": "Das Team bleibt in der Seitenadresse"} {
		res, body = get(t, ts, "/team/"+id+"/join?lang="+lang)
		wantStatus(t, res, http.StatusServiceUnavailable, "join, "+lang)
		if start := `href="/q/1?lang=` + lang + `&team=` + id + `"`; !strings.Contains(body, start) || !strings.Contains(body, say) {
			t.Errorf("%s join page with the database down: no link %s or no %q", lang, start, say)
		}
	}
	res, _ = post(t, ts, "/team/new", url.Values{"name": {"x"}})
	wantStatus(t, res, http.StatusServiceUnavailable, "create")
	// The quiz itself goes on.
	for _, p := range []string{"/", "/q/1", "/result?a=" + code} {
		res, _ := get(t, ts, p)
		wantStatus(t, res, 200, p)
	}
}

func TestTeamsOffInExport(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t) // no team store: what the static export renders
	_, code := fullCode(t, func(q int) int { return q % 4 })
	for _, p := range []string{"/", "/result?a=" + code + "&team=AAAAAAAAAAAAAAAAAAAAAA", "/compare"} {
		_, body := get(t, ts, p)
		if strings.Contains(body, "/team/") {
			t.Errorf("%s links to team check-ins without a store", p)
		}
	}
	ts2, _ := teamServer(t, nil, nil)
	_, body := get(t, ts2, "/result?a="+code+"&team=AAAAAAAAAAAAAAAAAAAAAA")
	if !strings.Contains(body, `action="/team/AAAAAAAAAAAAAAAAAAAAAA/add"`) || !strings.Contains(body, `method="post"`) {
		t.Error("the result of a team member offers no add form")
	}
}

// The team pages are plain pages the wasm does not carry: they load
// neither go-app's scripts (app.js would start the wasm and register the
// service worker, which caches app.wasm) nor show its loader. The quiz's
// own pages keep them.
func TestTeamPagesAreBare(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, nil)
	id, key := createTeam(t, ts, "Bare")
	_, code := fullCode(t, func(q int) int { return q % 4 })
	down, _ := teamServer(t, downStore{}, nil)
	goapp := []string{`src="/app.js"`, `src="/wasm_exec.js"`, `id="app-wasm-loader"`}
	for _, tc := range []struct {
		ts   *httptest.Server
		path string
		bare bool
	}{
		{ts, "/team/new", true},
		{ts, "/team/new?lang=de&embed=1", true},
		{ts, "/team/" + id, true},
		{ts, "/team/" + id + "/join", true},
		{ts, "/team/" + id + "/admin?k=" + key, true},
		{ts, "/team/" + id + "/admin?k=" + key + "&confirm=delete", true},
		{ts, "/team/" + id + "/member?m=" + team.NewToken(), true},
		{ts, "/team/" + id + "/withdrawn", true},
		{ts, "/team/" + id + "/error?why=closed&a=" + code, true},
		{ts, "/team/AAAAAAAAAAAAAAAAAAAAAA", true}, // unknown: 404
		{down, "/team/" + id, true},                // database down: 503
		{ts, "/", false},
		{ts, "/q/1", false},
		{ts, "/result?a=" + code + "&team=" + id, false},
		{ts, "/compare", false},
		{ts, "/team/short", false}, // not a team: the wasm's not-found page
	} {
		_, body := get(t, tc.ts, tc.path)
		if !strings.Contains(body, `src="/web/quiz.js?v=`) || !strings.Contains(body, `<main id="main">`) {
			t.Errorf("%s: no quiz.js or no main", tc.path)
		}
		for _, s := range goapp {
			if strings.Contains(body, s) == tc.bare {
				t.Errorf("%s: %s in the page: %v, want %v", tc.path, s, !tc.bare, !tc.bare)
			}
		}
	}
}

// An open team page asks view.json whether its data changed: the page
// carries the tag it was rendered with, view.json the same as its ETag,
// and answers 304 while it holds.
func TestTeamLiveTag(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, nil)
	id, key := createTeam(t, ts, "Live")
	tagOf := func(path string) (poll, tag string) {
		t.Helper()
		_, body := get(t, ts, path)
		div := regexp.MustCompile(`<div [^>]*id="team-live"[^>]*>`).FindString(body)
		attr := func(name string) string {
			m := regexp.MustCompile(` ` + name + `="([^"]*)"`).FindStringSubmatch(div)
			if m == nil {
				t.Fatalf("%s: no %s on the live part: %q", path, name, div)
			}
			return strings.ReplaceAll(m[1], "&amp;", "&")
		}
		if every := attr("data-every"); every != "5" {
			t.Errorf("%s: asks every %s s, want 5", path, every)
		}
		return attr("data-poll"), attr("data-tag")
	}
	etag := func(poll, tag string) (int, string) {
		t.Helper()
		res, _ := get(t, ts, poll, "If-None-Match", `"`+tag+`"`)
		return res.StatusCode, res.Header.Get("ETag")
	}
	for _, path := range []string{"/team/" + id, "/team/" + id + "/admin?k=" + key} {
		poll, tag := tagOf(path)
		if status, e := etag(poll, tag); status != http.StatusNotModified || e != `"`+tag+`"` {
			t.Errorf("%s: %s with the page's tag: %d, ETag %s; want 304, \"%s\"", path, poll, status, e, tag)
		}
		if status, e := etag(poll, "other"); status != 200 || e != `"`+tag+`"` {
			t.Errorf("%s: %s with another tag: %d, ETag %s; want 200, \"%s\"", path, poll, status, e, tag)
		}
	}
	// A result in: a new tag, which the page shows too.
	poll, before := tagOf("/team/" + id)
	_, code := fullCode(t, func(q int) int { return q % 4 })
	post(t, ts, "/team/"+id+"/add", url.Values{"a": {code}, "m": {team.NewToken()}})
	status, e := etag(poll, before)
	if _, after := tagOf("/team/" + id); status != 200 || e == `"`+before+`"` || e != `"`+after+`"` {
		t.Errorf("after an add: %d, ETag %s, page's tag %s; want 200 and the page's new tag, not %s", status, e, after, before)
	}
	// Pages that never change, or whose team is gone, do not ask.
	post(t, ts, "/team/"+id+"/delete", url.Values{"k": {key}, "confirm": {"1"}})
	for _, path := range []string{"/team/" + id, "/team/" + id + "/join", "/team/new"} {
		if _, body := get(t, ts, path); strings.Contains(body, "data-poll") {
			t.Errorf("%s: asks for news of a deleted team", path)
		}
	}
	res, _ := get(t, ts, "/team/"+id+"/view.json", "If-None-Match", e)
	wantStatus(t, res, http.StatusGone, "view.json of a deleted team")
}

// hrefOf returns the href of the element with id in body, unescaped.
func hrefOf(t testing.TB, body, id string) string {
	t.Helper()
	m := regexp.MustCompile(`<a [^>]*id="` + id + `"[^>]*>`).FindString(body)
	h := regexp.MustCompile(` href="([^"]*)"`).FindStringSubmatch(m)
	if h == nil {
		t.Fatalf("no link #%s in the page", id)
	}
	return strings.ReplaceAll(h[1], "&amp;", "&")
}

// A member told to try again later (429, 503) goes back to a result that
// still offers to add it to the team; one whose team takes no results
// (closed, unknown) goes back to a result, or the check, without it.
func TestTeamWayBack(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, func(c *Config) { c.TeamAddLimit = 1 })
	id, key := createTeam(t, ts, "Way back")
	_, code := fullCode(t, func(q int) int { return q % 4 })
	form := url.Values{"a": {code}, "m": {team.NewToken()}, "lang": {"de"}, "embed": {"1"}}
	res, _ := post(t, ts, "/team/"+id+"/add", form)
	wantStatus(t, res, http.StatusSeeOther, "first add")
	res, body := post(t, ts, "/team/"+id+"/add", form)
	wantStatus(t, res, http.StatusTooManyRequests, "second add in the minute")
	if got, want := hrefOf(t, body, "back"), "/result?a="+code+"&embed=1&lang=de&team="+id; got != want {
		t.Errorf("the 429 page leads back to %s, want %s", got, want)
	}

	down, _ := teamServer(t, downStore{}, nil)
	res, body = post(t, down, "/team/"+id+"/add", form)
	wantStatus(t, res, http.StatusServiceUnavailable, "add, database down")
	if got, want := hrefOf(t, body, "back"), "/result?a="+code+"&embed=1&lang=de&team="+id; got != want {
		t.Errorf("the 503 page leads back to %s, want %s", got, want)
	}

	// embed.js's join link carries the team as ?team= too.
	ts, _ = teamServer(t, nil, nil)
	id, key = createTeam(t, ts, "Closed")
	unknown := "AAAAAAAAAAAAAAAAAAAAAA"
	res, body = get(t, ts, "/team/"+unknown+"/join?embed=1&lang=de&team="+unknown)
	wantStatus(t, res, http.StatusNotFound, "join an unknown team")
	if got := hrefOf(t, body, "start-over"); got != "/?embed=1&lang=de" {
		t.Errorf("the 404 page's way to take the check alone is %s, want /?embed=1&lang=de", got)
	}
	post(t, ts, "/team/"+id+"/close", url.Values{"k": {key}})
	_, body = get(t, ts, "/team/"+id+"/join?embed=1&lang=de&team="+id)
	if got := hrefOf(t, body, "team-start"); got != "/q/1?embed=1&lang=de" {
		t.Errorf("the closed team's join page takes the check alone at %s, want /q/1?embed=1&lang=de", got)
	}
	res, body = post(t, ts, "/team/"+id+"/add", url.Values{"a": {code}, "team": {id}})
	wantStatus(t, res, http.StatusConflict, "add to a closed team")
	if got := hrefOf(t, body, "back"); got != "/result?a="+code {
		t.Errorf("the 409 page leads back to %s, want the result without the team", got)
	}
}

// The join link the admin copies keeps the language the team was set up
// in, as the admin link does.
func TestTeamJoinLinkLanguage(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, nil)
	value := func(body, id string) string {
		m := regexp.MustCompile(`<input [^>]*id="` + id + `"[^>]*>`).FindString(body)
		v := regexp.MustCompile(` value="([^"]*)"`).FindStringSubmatch(m)
		if v == nil {
			t.Fatalf("no #%s in the admin page", id)
		}
		return strings.ReplaceAll(v[1], "&amp;", "&")
	}
	for lang, want := range map[string]string{"de": "/join?lang=de", "": "/join"} {
		res, _ := post(t, ts, "/team/new", url.Values{"name": {"Sprache"}, "lang": {lang}, "embed": {"1"}})
		wantStatus(t, res, http.StatusSeeOther, "create")
		_, body := get(t, ts, res.Header.Get("Location"), "Accept-Language", "en")
		join, admin := value(body, "join-link"), value(body, "admin-link")
		if !strings.HasSuffix(join, want) {
			t.Errorf("created with lang=%q: the join link is %s, want …%s", lang, join, want)
		}
		if lang != "" && !strings.Contains(admin, "lang="+lang) {
			t.Errorf("created with lang=%q: the admin link is %s", lang, admin)
		}
	}
}

// A team name pasted with a tab, a line break or a direction mark is
// cleaned and taken; one that cannot be taken gets the team error page in
// the person's language, in the frame, with a way back to the form.
func TestTeamNameCleaned(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, nil)
	res, _ := post(t, ts, "/team/new", url.Values{"name": {"Team\tNord\u202e"}, "lang": {"de"}, "embed": {"1"}})
	wantStatus(t, res, http.StatusSeeOther, "create with a tab in the name")
	_, body := get(t, ts, res.Header.Get("Location"))
	if !strings.Contains(body, "Team Nord</h1>") && !strings.Contains(body, "Team Nord<") {
		t.Errorf("the admin page does not name the team %q", "Team Nord")
	}
	res, body = post(t, ts, "/team/new", url.Values{"name": {strings.Repeat("n", team.MaxName+1)}, "lang": {"de"}, "embed": {"1"}})
	wantStatus(t, res, http.StatusBadRequest, "create with a name too long")
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("the page for a name too long is %s, want HTML", ct)
	}
	if !strings.Contains(body, "Dieser Teamname geht nicht") || !strings.Contains(body, "höchstens 80 Zeichen") {
		t.Error("the page for a name too long is not the German team error page")
	}
	if got := hrefOf(t, body, "back"); got != "/team/new?embed=1&lang=de" {
		t.Errorf("the page for a name too long leads to %s, want back to the form, embedded, in German", got)
	}
}

// An expired team's pages say so at once, while its rows wait for the
// hourly sweep: they must not claim it is already deleted.
func TestTeamExpiredWording(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	store, err := team.Open(context.Background(), filepath.Join(t.TempDir(), "teams.db"), team.Config{Retention: time.Hour, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Shutdown() })
	ts, _ := teamServer(t, store, nil)
	id, _ := createTeam(t, ts, "Expiring")
	mu.Lock()
	now = now.Add(time.Hour + time.Minute)
	mu.Unlock()
	for lang, want := range map[string]string{"en": "within an hour of expiring", "de": "spätestens eine Stunde nach Ablauf"} {
		res, body := get(t, ts, "/team/"+id+"/join?lang="+lang)
		wantStatus(t, res, http.StatusGone, "join, expired, "+lang)
		if !strings.Contains(body, want) || strings.Contains(body, "was deleted") || strings.Contains(body, "wurde mit allen Ergebnissen") {
			t.Errorf("%s: the expired page does not say %q, or says that the team is deleted already", lang, want)
		}
	}
}

// The join page carries, hidden, what web/quiz.js shows a member who added
// from this browser; the member page right after an add and the withdrawn
// page tell quiz.js to keep or forget that.
func TestTeamReturningMember(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, nil)
	id, _ := createTeam(t, ts, "Returning")
	_, body := get(t, ts, "/team/"+id+"/join?lang=de&embed=1&team="+id)
	box := regexp.MustCompile(`<div [^>]*id="team-returning"[^>]*>`).FindString(body)
	if !strings.Contains(box, " hidden") || !strings.Contains(box, `data-team="`+id+`"`) || strings.Contains(box, "class=") {
		t.Errorf("the join page's note for a returning member is %q, want it hidden, for the team, without a class", box)
	}
	if got := hrefOf(t, body, "team-returning-member"); got != "/team/"+id+"/member?embed=1&lang=de" {
		t.Errorf("the note links to %s, want the member page (quiz.js adds the token)", got)
	}
	if got := hrefOf(t, body, "team-returning-view"); got != "/team/"+id+"?embed=1&lang=de" {
		t.Errorf("the note links to %s, want the team view", got)
	}
	m := team.NewToken()
	for _, tc := range []struct {
		path, want string
	}{
		{"/team/" + id + "/member?added=1&m=" + m, `data-added-member="` + m + `"`},
		{"/team/" + id + "/withdrawn", `data-withdrawn-team="` + id + `"`},
	} {
		if _, body := get(t, ts, tc.path); !strings.Contains(body, tc.want) {
			t.Errorf("%s lacks %s", tc.path, tc.want)
		}
	}
	if _, body := get(t, ts, "/team/"+id+"/member?m="+m); strings.Contains(body, m+`"`) && strings.Contains(body, "data-added-member=\""+m) {
		t.Error("the member page opened later (not right after an add) marks the team as added")
	}
}
