//go:build !wasm

package team

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"cxquiz/internal/pgtest"
)

// logSink collects what a store logs.
type logSink struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logSink) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.b, format+"\n", args...)
}

func (l *logSink) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// waitFor polls cond for up to 20 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// forward accepts connections on ln and passes them on to addr.
func forward(ln net.Listener, addr string) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			u, err := net.Dial("tcp", addr)
			if err != nil {
				return
			}
			defer u.Close()
			go io.Copy(u, c)
			io.Copy(c, u)
		}()
	}
}

// TestPostgresUnreachableAtStart opens a PostgreSQL store while nothing
// listens at its address: Open succeeds, every call fails with an error
// that means "try again later" (none of the sentinels), and once the
// database answers at that address, the store migrates it and works.
func TestPostgresUnreachableAtStart(t *testing.T) {
	t.Parallel()
	// The database that will come up, if PostgreSQL is installed.
	var real *url.URL
	pgOnce.Do(func() { pgCluster, pgErr = pgtest.Start() })
	if pgErr == nil {
		dsn, err := pgCluster.NewDatabase()
		must(t, err)
		real, err = url.Parse(dsn)
		must(t, err)
	} else if os.Getenv("CI") != "" {
		t.Fatal(pgErr)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	addr := ln.Addr().String()
	ln.Close() // connections to addr are refused from now on
	dsn := "postgres://postgres@" + addr + "/cxquiz?sslmode=disable"
	if real != nil {
		dsn = "postgres://postgres@" + addr + real.Path + "?sslmode=disable"
	}
	logs := &logSink{}
	start := time.Now()
	s, err := Open(ctx, dsn, Config{Logf: logs.printf, retryMin: 20 * time.Millisecond})
	if err != nil {
		t.Fatalf("Open with the database down: %v; want a store that connects later", err)
	}
	defer s.Shutdown()
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Open took %s", took)
	}
	_, err = s.Team(ctx, newID())
	_, _, cerr := s.Create(ctx, "")
	for _, err := range []error{err, cerr, s.Ping(ctx)} {
		if err == nil || errors.Is(err, ErrNotFound) || errors.Is(err, ErrExpired) || errors.Is(err, ErrDeleted) {
			t.Fatalf("call with the database down: %v, want an error that is none of the sentinels", err)
		}
	}
	waitFor(t, "a retry", func() bool { return strings.Contains(logs.String(), "still not reachable") })
	if l := logs.String(); !strings.Contains(l, "not reachable at start-up") || !strings.Contains(l, "503") {
		t.Errorf("the log does not say what happens:\n%s", l)
	}
	if real == nil {
		t.Skip("the database coming back needs PostgreSQL:", pgErr)
	}

	ln, err = net.Listen("tcp", addr)
	if err != nil {
		t.Skip("the port was taken meanwhile:", err)
	}
	defer ln.Close()
	go forward(ln, real.Host)
	waitFor(t, "the store to connect", func() bool { return s.Ping(ctx) == nil })
	tm, admin, err := s.Create(ctx, "after the outage")
	must(t, err)
	must(t, s.Add(ctx, tm.ID, NewToken(), "code"))
	if got, err := s.Admin(ctx, tm.ID, admin); err != nil || got.Name != "after the outage" {
		t.Fatalf("read back %+v, %v", got, err)
	}
	if !strings.Contains(logs.String(), "team check-ins are available") {
		t.Errorf("the log does not say the database was reached:\n%s", logs)
	}
}

// TestPostgresRefusesAtStart: a database that answers but refuses us (no
// such database, no TLS where it is required) stops the start, as a
// configuration error.
func TestPostgresRefusesAtStart(t *testing.T) {
	t.Parallel()
	pgOnce.Do(func() { pgCluster, pgErr = pgtest.Start() })
	if pgErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(pgErr)
		}
		t.Skip(pgErr)
	}
	dsn, err := pgCluster.NewDatabase()
	must(t, err)
	u, err := url.Parse(dsn)
	must(t, err)
	noDB := *u
	noDB.Path = "/no_such_database"
	noTLS := *u // the test cluster has no TLS
	noTLS.RawQuery = "sslmode=require"
	for _, tt := range []struct{ dsn, say string }{
		{noDB.String(), "no_such_database"},
		{noTLS.String(), "TLS"},
	} {
		s, err := Open(ctx, tt.dsn, Config{})
		if err == nil {
			s.Shutdown()
			t.Errorf("%s: opened", tt.dsn)
		} else if !strings.Contains(err.Error(), tt.say) {
			t.Errorf("%s: error %v, want it to say %q", tt.dsn, err, tt.say)
		}
	}
}
