package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"cxquiz/app/team"
	"cxquiz/internal/pgtest"
	"cxquiz/quiz"
)

// teamClient talks to one server process as a browser's forms would.
type teamClient struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newTeamClient(t *testing.T, s *server) *teamClient {
	return &teamClient{t: t, base: strings.TrimSuffix(s.url.String(), "/"), c: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (tc *teamClient) post(path string, form url.Values) *http.Response {
	tc.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, tc.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", tc.base)
	res, err := tc.c.Do(req)
	if err != nil {
		tc.t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		tc.t.Fatalf("POST %s: %s", path, res.Status)
	}
	return res
}

func (tc *teamClient) create() string {
	tc.t.Helper()
	loc, _ := url.Parse(tc.post("/team/new", url.Values{"name": {"Replicas"}}).Header.Get("Location"))
	return strings.Split(loc.Path, "/")[2]
}

func (tc *teamClient) view(id string) team.View {
	tc.t.Helper()
	res, err := tc.c.Get(tc.base + "/team/" + id + "/view.json")
	if err != nil {
		tc.t.Fatal(err)
	}
	defer res.Body.Close()
	var v team.View
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		tc.t.Fatal(err)
	}
	return v
}

func teamCode(t *testing.T, b *quiz.Bank, option int) string {
	a := b.NewAnswers()
	for _, q := range b.Questions() {
		a = a.With(q.Number, (q.Number+option)%len(q.Options))
	}
	return b.Encode(a)
}

// TestTeamReplicas runs two server processes on one real PostgreSQL: a
// result added through one appears in the other's team view.
func TestTeamReplicas(t *testing.T) {
	t.Parallel()
	bin := needBin(t)
	cluster, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cluster.Stop() })
	dsn, err := cluster.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	var clients []*teamClient
	for range 2 {
		s, err := startServer(bin, "-database", dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.stop() })
		clients = append(clients, newTeamClient(t, s))
	}
	b, err := quiz.Load()
	if err != nil {
		t.Fatal(err)
	}
	a, c := clients[0], clients[1]
	id := a.create()
	if v := c.view(id); v.State != team.StateOK || v.Name != "Replicas" || v.N != 0 {
		t.Fatalf("the other replica sees %+v", v)
	}
	a.post("/team/"+id+"/add", url.Values{"a": {teamCode(t, b, 0)}, "m": {team.NewToken()}})
	if v := c.view(id); v.N != 1 {
		t.Fatalf("a result added through one replica: the other sees n = %d", v.N)
	}
	for option := 1; option < team.MinResults; option++ {
		c.post("/team/"+id+"/add", url.Values{"a": {teamCode(t, b, option)}, "m": {team.NewToken()}})
	}
	if v := a.view(id); v.N != team.MinResults || v.Summary == nil {
		t.Fatalf("after %d adds, one replica sees n = %d, summary %v", team.MinResults, v.N, v.Summary != nil)
	}
}

// TestTeamSurvivesRestart adds results, stops the server with SIGTERM and
// starts it again on the same SQLite file: everything acknowledged is
// there.
func TestTeamSurvivesRestart(t *testing.T) {
	t.Parallel()
	bin := needBin(t)
	db := filepath.Join(t.TempDir(), "teams.db")
	b, err := quiz.Load()
	if err != nil {
		t.Fatal(err)
	}
	s, err := startServer(bin, "-database", db)
	if err != nil {
		t.Fatal(err)
	}
	tc := newTeamClient(t, s)
	id := tc.create()
	for i := range 5 {
		tc.post("/team/"+id+"/add", url.Values{"a": {teamCode(t, b, i)}, "m": {team.NewToken()}})
	}
	if err := s.stop(); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	s, err = startServer(bin, "-database", db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.stop() })
	if v := newTeamClient(t, s).view(id); v.N != 5 {
		t.Fatalf("after a restart: n = %d, want 5", v.N)
	}
	// Killed without warning, too: what was acknowledged is on disk.
	tc = newTeamClient(t, s)
	tc.post("/team/"+id+"/add", url.Values{"a": {teamCode(t, b, 6)}, "m": {team.NewToken()}})
	s.Cmd.Process.Kill()
	<-s.Exited()
	s, err = startServer(bin, "-database", db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.stop() })
	if v := newTeamClient(t, s).view(id); v.N != 6 {
		t.Fatalf("after a kill: n = %d, want 6", v.N)
	}
}
