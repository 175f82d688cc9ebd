//go:build !wasm

package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"

	"cxquiz/app/route"
	"cxquiz/app/team"
	"cxquiz/quiz"
)

// Default per-client limits on team changes, per minute.
const (
	defaultCreateLimit = 10
	defaultAddLimit    = 30
)

// teamTimeout bounds every database call a request makes: a database that
// hangs must not hang the quiz. It is generous, since a write that times
// out may still commit: the member would be told to retry a result that is
// in. For the same reason a client that goes away does not cancel a write.
const teamTimeout = 30 * time.Second

var teamAction = regexp.MustCompile(`^/team/(new|([A-Za-z0-9_-]{1,64})/(add|withdraw|close|delete|view\.json))$`)

// isTeamAction reports whether p is a team action or the view data.
func isTeamAction(p string) bool { return teamAction.MatchString(p) }

// viewKey carries a team's view from routePage to the prerender.
type viewKey struct{}

// TeamView loads what a team's pages show; the screens call it while
// prerendering. key is the admin token on the admin view.
func (s *Server) TeamView(ctx context.Context, id, key string) team.View {
	if s.cfg.Teams == nil {
		return team.View{State: team.StateUnavailable}
	}
	ctx, cancel := context.WithTimeout(ctx, teamTimeout)
	defer cancel()
	var (
		t   team.Team
		err error
	)
	admin := key != ""
	if admin {
		t, err = s.cfg.Teams.Admin(ctx, id, key)
	} else {
		t, err = s.cfg.Teams.Team(ctx, id)
	}
	if err != nil {
		return team.View{State: stateOf(err), ID: id}
	}
	v := team.View{State: team.StateOK, ID: t.ID, Name: t.Name, Open: t.Open(), Expires: t.Expires, Admin: admin}
	rs, err := s.cfg.Teams.Results(ctx, id)
	if err != nil {
		return team.View{State: stateOf(err), ID: id}
	}
	v.N = len(rs)
	if v.N >= team.MinResults {
		scored := make([]quiz.Result, 0, len(rs))
		for _, r := range rs {
			if res, err := s.score(r.Code); err == nil {
				scored = append(scored, res)
			}
		}
		v.Summary = team.Summarise(s.banks.Latest(), scored)
	}
	return v
}

// score scores a result code with the quiz package, with the bank version
// it was made with, or fails.
func (s *Server) score(code string) (quiz.Result, error) {
	b, a, err := s.banks.Decode(code)
	if err != nil {
		return quiz.Result{}, err
	}
	return b.Score(a)
}

func stateOf(err error) string {
	switch {
	case errors.Is(err, team.ErrNotFound):
		return team.StateNotFound
	case errors.Is(err, team.ErrDeleted):
		return team.StateDeleted
	case errors.Is(err, team.ErrExpired):
		return team.StateExpired
	case errors.Is(err, team.ErrForbidden):
		return team.StateForbidden
	}
	return team.StateUnavailable
}

// teamStatus is the HTTP status of a team page in a state.
func teamStatus(state string) int {
	switch state {
	case team.StateNotFound:
		return http.StatusNotFound
	case team.StateDeleted, team.StateExpired:
		return http.StatusGone
	case team.StateForbidden:
		return http.StatusForbidden
	case team.StateUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusOK
}

// serveTeamAction answers the team's POST actions and its view data.
func (s *Server) serveTeamAction(w http.ResponseWriter, r *http.Request) {
	m := teamAction.FindStringSubmatch(r.URL.Path)
	id, action := m[2], m[3]
	if m[1] == "new" {
		action = "new"
	}
	if action == "view.json" {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		v := s.TeamView(r.Context(), id, r.URL.Query().Get("k"))
		// An open team page asks whether what it shows changed: the
		// ETag is the tag the page was rendered with (team.View.Tag).
		etag := `"` + v.Tag() + `"`
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("ETag", etag)
		status := teamStatus(v.State)
		if status == http.StatusOK && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "405 method not allowed: changes are POSTed by the form", http.StatusMethodNotAllowed)
		return
	}
	if !sameOrigin(r) {
		http.Error(w, "403 forbidden: the form must come from this site", http.StatusForbidden)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "400 bad request: the form cannot be read", http.StatusBadRequest)
		return
	}
	form := r.PostForm
	rt := route.Parse(s.banks, &url.URL{Path: "/", RawQuery: form.Encode()})
	prefs := rt.Prefs
	prefs.Team = ""
	code := form.Get("a")
	fail := func(why string) {
		if why == "limited" || why == team.StateUnavailable {
			w.Header().Set("Retry-After", "60")
		}
		s.serveTeamError(w, r, prefs, id, why, code)
	}
	if s.cfg.Teams == nil {
		fail(team.StateUnavailable)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), teamTimeout)
	defer cancel()
	switch action {
	case "new":
		if !s.createLimit.allow(s.clientKey(r)) {
			fail("limited")
			return
		}
		name, err := team.CleanName(form.Get("name"))
		if err != nil {
			// Too long, or not UTF-8: no browser's form sends either
			// (the field has a maxlength), but whoever did gets the
			// page in their language, in the frame, with a way back.
			fail("badname")
			return
		}
		t, key, err := s.cfg.Teams.Create(ctx, name)
		if err != nil {
			s.log.Printf("team: create: %v", err)
			fail(team.StateUnavailable)
			return
		}
		s.redirect(w, r, route.TeamURL(prefs, t.ID, "admin", "k", key, "created", "1"))
	case "add":
		if !s.addLimit.allow(s.clientKey(r)) {
			fail("limited")
			return
		}
		if _, err := s.score(code); err != nil {
			fail("invalid")
			return
		}
		member := form.Get("m")
		if !team.ValidToken(member) {
			member = team.NewToken()
		}
		switch err := s.cfg.Teams.Add(ctx, id, member, code); {
		case errors.Is(err, team.ErrClosed):
			fail("closed")
		case err != nil:
			if stateOf(err) == team.StateUnavailable {
				s.log.Printf("team: add: %v", err)
			}
			fail(stateOf(err))
		default:
			s.redirect(w, r, route.TeamURL(prefs, id, "member", "m", member, "added", "1"))
		}
	case "withdraw":
		switch err := s.cfg.Teams.Withdraw(ctx, id, form.Get("m")); {
		case err == nil, errors.Is(err, team.ErrNoResult), errors.Is(err, team.ErrBadToken):
			// Withdrawing what is not there leaves it not there.
			s.redirect(w, r, route.TeamURL(prefs, id, "withdrawn"))
		default:
			fail(stateOf(err))
		}
	case "close", "delete":
		key := form.Get("k")
		if action == "delete" && form.Get("confirm") != "1" {
			// Deleting needs the second step: a form without it (an
			// old page, a stray POST) leads there and deletes nothing.
			s.redirect(w, r, route.DeleteConfirmURL(prefs, id, key))
			return
		}
		var err error
		if action == "close" {
			err = s.cfg.Teams.Close(ctx, id, key)
		} else {
			err = s.cfg.Teams.Delete(ctx, id, key)
		}
		switch {
		case err != nil:
			if stateOf(err) == team.StateUnavailable {
				s.log.Printf("team: %s: %v", action, err)
			}
			fail(stateOf(err))
		case action == "close":
			s.redirect(w, r, route.TeamURL(prefs, id, "admin", "k", key))
		default:
			s.redirect(w, r, route.TeamURL(prefs, id, "join"))
		}
	}
}

func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to string) {
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// serveTeamError renders the page that explains why a team action failed,
// with its status.
func (s *Server) serveTeamError(w http.ResponseWriter, r *http.Request, prefs route.Prefs, id, why, code string) {
	r2 := r.Clone(r.Context())
	r2.Method = http.MethodGet
	r2.URL = &url.URL{Path: "/team/" + id + "/error"}
	q := prefs.Query()
	q.Set("why", why)
	if code != "" {
		if _, _, err := s.banks.Decode(code); err == nil {
			q.Set("a", code)
		}
	}
	r2.URL.RawQuery = q.Encode()
	if !team.ValidID(id) {
		r2.URL.Path = "/team/new/error"
	}
	w.Header().Set("Cache-Control", "no-store")
	s.servePage(w, r2, route.Parse(s.banks, r2.URL))
}

// sameOrigin reports whether a POST comes from a page of this site. A
// browser sends Origin (or at least Sec-Fetch-Site) with every POST; a
// request with neither comes from no browser, so no page can forge it.
// Our pages are sent with Referrer-Policy: no-referrer, under which
// Chromium's form POSTs carry "Origin: null": then Sec-Fetch-Site, which
// a page cannot set, must say same-origin.
func sameOrigin(r *http.Request) bool {
	site := r.Header.Get("Sec-Fetch-Site")
	switch o := r.Header.Get("Origin"); o {
	case "":
	case "null":
		return site == "same-origin"
	default:
		u, err := url.Parse(o)
		return err == nil && u.Host == r.Host
	}
	switch site {
	case "", "same-origin", "none":
		return true
	}
	return false
}

// limiter allows each client n actions per minute (n ≤ 0: any number).
type limiter struct {
	n      int
	mu     sync.Mutex
	window time.Time
	counts map[string]int
	now    func() time.Time
}

func newLimiter(n int) *limiter {
	return &limiter{n: n, counts: map[string]int{}, now: time.Now}
}

func (l *limiter) allow(key string) bool {
	if l.n <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now := l.now(); now.Sub(l.window) >= time.Minute {
		// A fixed window: the whole map goes each minute, so it never
		// holds more than a minute of clients.
		l.window, l.counts = now, map[string]int{}
	}
	l.counts[key]++
	return l.counts[key] <= l.n
}

// expireTeams deletes expired teams now and then every interval until ctx
// is done.
func (s *Server) expireTeams(ctx context.Context, interval time.Duration) {
	for {
		dctx, cancel := context.WithTimeout(ctx, time.Minute)
		if n, err := s.cfg.Teams.DeleteExpired(dctx); err != nil {
			if ctx.Err() == nil {
				s.log.Printf("team: deleting expired teams: %v", err)
			}
		} else if n > 0 {
			s.log.Printf("team: deleted %d expired teams with their results", n)
		}
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

func orDefault(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// renderFresh prerenders u for r without the page cache, for pages that
// show stored data.
func (s *Server) renderFresh(w http.ResponseWriter, r *http.Request, u *url.URL, status int, bare bool) {
	header, body, ok := s.prerender(w, r, u, bare)
	if !ok {
		return
	}
	header.Set("Cache-Control", "no-store")
	s.writePage(w, r, &renderedPage{status: status, header: header, body: body})
}
