//go:build !wasm

package team

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cxquiz/internal/pgtest"
)

// clock is a settable time source shared by a store and its test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// engine opens a fresh, empty database, returning its DSN.
type engine func(t *testing.T) string

func TestSQLite(t *testing.T) {
	t.Parallel()
	runSuite(t, func(t *testing.T) string {
		return filepath.Join(t.TempDir(), "sub", "teams.db")
	})
}

var (
	pgOnce    sync.Once
	pgCluster *pgtest.Cluster
	pgErr     error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if pgCluster != nil {
		pgCluster.Stop()
	}
	os.Exit(code)
}

func TestPostgres(t *testing.T) {
	t.Parallel()
	pgOnce.Do(func() { pgCluster, pgErr = pgtest.Start() })
	if pgErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(pgErr)
		}
		t.Skip(pgErr)
	}
	runSuite(t, func(t *testing.T) string {
		dsn, err := pgCluster.NewDatabase()
		if err != nil {
			t.Fatal(err)
		}
		return dsn
	})
}

func open(t *testing.T, dsn string, c *clock) *sqlStore {
	t.Helper()
	return openFor(t, dsn, c, 48*time.Hour)
}

// openFor opens the store with a retention of its own.
func openFor(t *testing.T, dsn string, c *clock, retention time.Duration) *sqlStore {
	t.Helper()
	s, err := Open(context.Background(), dsn, Config{Retention: retention, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown() })
	return s.(*sqlStore)
}

func runSuite(t *testing.T, fresh engine) {
	for _, tc := range []struct {
		name string
		f    func(t *testing.T, s *sqlStore, c *clock, dsn string)
	}{
		{"Create", testCreate},
		{"AddReplaceWithdraw", testAddReplaceWithdraw},
		{"Close", testClose},
		{"Delete", testDelete},
		{"Expire", testExpire},
		{"RetentionChanged", testRetentionChanged},
		{"Concurrent", testConcurrent},
		{"Reopen", testReopen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dsn := fresh(t)
			c := &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
			tc.f(t, open(t, dsn, c), c, dsn)
		})
	}
}

var ctx = context.Background()

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, got, want error) {
	t.Helper()
	if !errors.Is(got, want) {
		t.Fatalf("error %v, want %v", got, want)
	}
}

func testCreate(t *testing.T, s *sqlStore, c *clock, _ string) {
	a, adminA, err := s.Create(ctx, "  Leadership team ")
	must(t, err)
	b, adminB, err := s.Create(ctx, "")
	must(t, err)
	if !ValidID(a.ID) || !ValidID(b.ID) || a.ID == b.ID || !ValidToken(adminA) || adminA == adminB {
		t.Fatalf("ids %q %q, tokens %q %q", a.ID, b.ID, adminA, adminB)
	}
	if a.Name != "Leadership team" || !a.Created.Equal(c.Now()) || !a.Expires.Equal(c.Now().Add(48*time.Hour)) || !a.Open() {
		t.Fatalf("created %+v", a)
	}
	got, err := s.Team(ctx, a.ID)
	must(t, err)
	if got != a {
		t.Fatalf("read %+v, created %+v", got, a)
	}
	if _, err := s.Admin(ctx, a.ID, adminA); err != nil {
		t.Fatal(err)
	}
	_, err = s.Admin(ctx, a.ID, adminB)
	wantErr(t, err, ErrForbidden)
	_, err = s.Admin(ctx, a.ID, "")
	wantErr(t, err, ErrForbidden)
	for _, id := range []string{"", "nope", NewToken(), newID(), "'; DROP TABLE teams; --"} {
		_, err := s.Team(ctx, id)
		wantErr(t, err, ErrNotFound)
	}
	_, _, err = s.Create(ctx, strings.Repeat("x", MaxName+1))
	wantErr(t, err, ErrBadName)
	_, _, err = s.Create(ctx, "not \xff UTF-8")
	wantErr(t, err, ErrBadName)
	// Pasted with a line break: one line (CleanName).
	two, _, err := s.Create(ctx, "two\nlines")
	if err != nil || two.Name != "two lines" {
		t.Fatalf("create %q: %q, %v; want the name on one line", "two\nlines", two.Name, err)
	}
	n, err := s.Count(ctx, a.ID)
	if err != nil || n != 0 {
		t.Fatalf("count %d, %v", n, err)
	}
}

func testAddReplaceWithdraw(t *testing.T, s *sqlStore, c *clock, _ string) {
	tm, _, err := s.Create(ctx, "t")
	must(t, err)
	m1, m2, m3 := NewToken(), NewToken(), NewToken()
	must(t, s.Add(ctx, tm.ID, m1, "code-1"))
	c.add(time.Second)
	must(t, s.Add(ctx, tm.ID, m2, "code-2"))
	c.add(time.Second)
	must(t, s.Add(ctx, tm.ID, m3, "code-3"))
	c.add(time.Second)
	// The same member again: replaced, not added.
	must(t, s.Add(ctx, tm.ID, m1, "code-1b"))
	rs, err := s.Results(ctx, tm.ID)
	must(t, err)
	var codes []string
	for _, r := range rs {
		codes = append(codes, r.Code)
	}
	if got := strings.Join(codes, " "); got != "code-2 code-3 code-1b" {
		t.Fatalf("results %q", got)
	}
	if !rs[2].Added.Equal(c.Now()) {
		t.Fatalf("added %v, want %v", rs[2].Added, c.Now())
	}
	wantErr(t, s.Add(ctx, tm.ID, "short", "code"), ErrBadToken)
	wantErr(t, s.Add(ctx, newID(), NewToken(), "code"), ErrNotFound)

	must(t, s.Withdraw(ctx, tm.ID, m2))
	wantErr(t, s.Withdraw(ctx, tm.ID, m2), ErrNoResult)
	wantErr(t, s.Withdraw(ctx, tm.ID, NewToken()), ErrNoResult)
	n, err := s.Count(ctx, tm.ID)
	if err != nil || n != 2 {
		t.Fatalf("count %d, %v; want 2", n, err)
	}
	// A member's token works only in its own team.
	other, _, err := s.Create(ctx, "")
	must(t, err)
	wantErr(t, s.Withdraw(ctx, other.ID, m1), ErrNoResult)
}

func testClose(t *testing.T, s *sqlStore, _ *clock, _ string) {
	tm, admin, err := s.Create(ctx, "")
	must(t, err)
	m := NewToken()
	must(t, s.Add(ctx, tm.ID, m, "code"))
	wantErr(t, s.Close(ctx, tm.ID, NewToken()), ErrForbidden)
	must(t, s.Close(ctx, tm.ID, admin))
	must(t, s.Close(ctx, tm.ID, admin)) // closing twice is fine
	got, err := s.Team(ctx, tm.ID)
	must(t, err)
	if got.Open() {
		t.Fatal("closed team still open")
	}
	wantErr(t, s.Add(ctx, tm.ID, NewToken(), "code"), ErrClosed)
	wantErr(t, s.Add(ctx, tm.ID, m, "code2"), ErrClosed)
	// Members can still take their result back, and the view stays.
	must(t, s.Withdraw(ctx, tm.ID, m))
	if rs, err := s.Results(ctx, tm.ID); err != nil || len(rs) != 0 {
		t.Fatalf("results %v, %v", rs, err)
	}
}

// rows counts what the database still holds for a team.
func rows(t *testing.T, s *sqlStore, id string) (teams, results int) {
	t.Helper()
	must(t, s.db.QueryRow(s.q(`SELECT COUNT(*) FROM teams WHERE id = ?`), id).Scan(&teams))
	must(t, s.db.QueryRow(s.q(`SELECT COUNT(*) FROM results WHERE team_id = ?`), id).Scan(&results))
	return
}

// dump returns every stored value as text.
func dump(t *testing.T, s *sqlStore) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"teams", "results", "gone"} {
		r, err := s.db.Query("SELECT * FROM " + table)
		must(t, err)
		cols, _ := r.Columns()
		for r.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, r.Scan(ptrs...))
			fmt.Fprintln(&b, table, vals)
		}
		r.Close()
	}
	return b.String()
}

func testDelete(t *testing.T, s *sqlStore, _ *clock, _ string) {
	tm, admin, err := s.Create(ctx, "Board")
	must(t, err)
	keep, _, err := s.Create(ctx, "")
	must(t, err)
	m := NewToken()
	must(t, s.Add(ctx, tm.ID, m, "code-a"))
	must(t, s.Add(ctx, keep.ID, NewToken(), "code-b"))
	if d := dump(t, s); strings.Contains(d, admin) || strings.Contains(d, m) {
		t.Fatalf("a token is stored in clear:\n%s", d)
	}
	wantErr(t, s.Delete(ctx, tm.ID, NewToken()), ErrForbidden)
	must(t, s.Delete(ctx, tm.ID, admin))
	if teams, results := rows(t, s, tm.ID); teams != 0 || results != 0 {
		t.Fatalf("after delete: %d teams, %d results", teams, results)
	}
	if d := dump(t, s); strings.Contains(d, tm.ID) || strings.Contains(d, "Board") || strings.Contains(d, "code-a") {
		t.Fatalf("deleted team still in the database:\n%s", d)
	}
	_, err = s.Team(ctx, tm.ID)
	wantErr(t, err, ErrDeleted)
	if !Gone(err) {
		t.Fatal("deleted team not Gone")
	}
	wantErr(t, s.Add(ctx, tm.ID, m, "code"), ErrDeleted)
	wantErr(t, s.Delete(ctx, tm.ID, admin), ErrDeleted)
	if n, err := s.Count(ctx, keep.ID); err != nil || n != 1 {
		t.Fatalf("other team: %d, %v", n, err)
	}
}

func testExpire(t *testing.T, s *sqlStore, c *clock, _ string) {
	old, _, err := s.Create(ctx, "")
	must(t, err)
	must(t, s.Add(ctx, old.ID, NewToken(), "code"))
	c.add(24 * time.Hour)
	young, _, err := s.Create(ctx, "")
	must(t, err)
	c.add(24 * time.Hour) // old is exactly 48 h old: expired
	_, err = s.Team(ctx, old.ID)
	wantErr(t, err, ErrExpired)
	wantErr(t, s.Add(ctx, old.ID, NewToken(), "code"), ErrExpired)
	n, err := s.DeleteExpired(ctx)
	if err != nil || n != 1 {
		t.Fatalf("DeleteExpired = %d, %v", n, err)
	}
	if teams, results := rows(t, s, old.ID); teams != 0 || results != 0 {
		t.Fatalf("expired team kept: %d teams, %d results", teams, results)
	}
	_, err = s.Team(ctx, old.ID)
	wantErr(t, err, ErrExpired)
	if _, err := s.Team(ctx, young.ID); err != nil {
		t.Fatal(err)
	}
	// One retention period later, even the trace is gone.
	c.add(48 * time.Hour)
	n, err = s.DeleteExpired(ctx)
	if err != nil || n != 1 {
		t.Fatalf("DeleteExpired = %d, %v", n, err)
	}
	_, err = s.Team(ctx, old.ID)
	wantErr(t, err, ErrNotFound)
	_, err = s.Team(ctx, young.ID)
	wantErr(t, err, ErrExpired)
}

// testRetentionChanged restarts with a shorter retention: teams older
// than it are expired (reads, adds, the sweep) though they were created
// to live longer; the others expire sooner. A longer retention does not
// lengthen the life of teams created before.
func testRetentionChanged(t *testing.T, s *sqlStore, c *clock, dsn string) {
	old, admin, err := s.Create(ctx, "old") // 48 h
	must(t, err)
	member := NewToken()
	must(t, s.Add(ctx, old.ID, member, "code"))
	c.add(3 * time.Hour)
	young, _, err := s.Create(ctx, "young")
	must(t, err)
	c.add(time.Hour) // old is 4 h old, young 1 h
	must(t, s.Shutdown())

	short := openFor(t, dsn, c, 2*time.Hour)
	_, err = short.Team(ctx, old.ID)
	wantErr(t, err, ErrExpired)
	_, err = short.Admin(ctx, old.ID, admin)
	wantErr(t, err, ErrExpired)
	wantErr(t, short.Add(ctx, old.ID, member, "code2"), ErrExpired)
	wantErr(t, short.Add(ctx, old.ID, NewToken(), "code2"), ErrExpired)
	got, err := short.Team(ctx, young.ID)
	must(t, err)
	if want := young.Created.Add(2 * time.Hour); !got.Expires.Equal(want) {
		t.Errorf("young team expires %v, want %v (created + the current retention)", got.Expires, want)
	}
	n, err := short.DeleteExpired(ctx)
	if err != nil || n != 1 {
		t.Fatalf("DeleteExpired = %d, %v; want the old team", n, err)
	}
	if teams, results := rows(t, short, old.ID); teams != 0 || results != 0 {
		t.Fatalf("team older than the retention kept: %d teams, %d results", teams, results)
	}
	c.add(time.Hour) // young is 2 h old
	_, err = short.Team(ctx, young.ID)
	wantErr(t, err, ErrExpired)
	must(t, short.Shutdown())

	long := openFor(t, dsn, c, 96*time.Hour)
	if _, err := long.Team(ctx, young.ID); err != nil {
		t.Fatalf("young team under a longer retention: %v", err)
	}
	c.add(46 * time.Hour) // young is 48 h old: the end of the retention it was created with
	_, err = long.Team(ctx, young.ID)
	wantErr(t, err, ErrExpired)
}

func testConcurrent(t *testing.T, s *sqlStore, _ *clock, _ string) {
	tm, _, err := s.Create(ctx, "")
	must(t, err)
	const workers, each = 16, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Go(func() {
			m := NewToken()
			for i := range each {
				// Every other add replaces this worker's previous result.
				if i%2 == 0 {
					m = NewToken()
				}
				if err := s.Add(ctx, tm.ID, m, "code"); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n, err := s.Count(ctx, tm.ID); err != nil || n != workers*each/2 {
		t.Fatalf("count %d, %v; want %d", n, err, workers*each/2)
	}
}

func testReopen(t *testing.T, s *sqlStore, c *clock, dsn string) {
	tm, admin, err := s.Create(ctx, "kept")
	must(t, err)
	must(t, s.Add(ctx, tm.ID, NewToken(), "code"))
	must(t, s.Shutdown())
	s2 := open(t, dsn, c) // migrations run again: nothing to do
	got, err := s2.Admin(ctx, tm.ID, admin)
	must(t, err)
	if got.Name != "kept" {
		t.Fatalf("reopened %+v", got)
	}
	if n, err := s2.Count(ctx, tm.ID); err != nil || n != 1 {
		t.Fatalf("count %d, %v", n, err)
	}
}
