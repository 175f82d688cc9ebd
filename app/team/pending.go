//go:build !wasm

package team

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
)

// How long an attempt to reach PostgreSQL may take, and how long the
// retries wait: from retryMin (team.go), doubling to retryMax.
const (
	attemptTimeout = 15 * time.Second
	retryMax       = time.Minute
)

// unreachable reports whether err says the database could not be reached
// (down, restarting, not yet in DNS, full of connections, not answering),
// which time may mend, rather than that it refused us (wrong password,
// no such database, TLS refused), which needs the operator.
func unreachable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "57P01", "57P02", "57P03", // shutting down, crashed, starting up
			"53300": // too many connections
			return true
		}
		return len(pgErr.Code) == 5 && pgErr.Code[:2] == "08" // connection exception
	}
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &opErr) || errors.As(err, &dnsErr) || pgconn.Timeout(err) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET)
}

// reach connects to the database, giving up after attemptTimeout (a
// database that does not answer at all would otherwise hold the start
// for the system's TCP timeout), then migrates it for as long as that
// takes: a replica may wait for another's migration lock.
func reach(ctx context.Context, db *sql.DB, dialect goose.Dialect, opts []goose.ProviderOption) error {
	pctx, cancel := context.WithTimeout(ctx, attemptTimeout)
	err := db.PingContext(pctx)
	cancel()
	if err != nil {
		return fmt.Errorf("team: connect: %w", err)
	}
	return migrate(ctx, db, dialect, opts)
}

// pending is the PostgreSQL store while its database has not been
// reached since start-up: every call fails with an error that is none of
// the package's sentinels (the pages answer 503), while a goroutine tries
// to connect and migrate, with backoff, until it can; from then on calls
// go to the store.
type pending struct {
	store   *sqlStore
	ready   atomic.Bool
	lastErr atomic.Pointer[error]
	stop    context.CancelFunc
	done    chan struct{}
	once    sync.Once
}

// retryLater returns the store for db, ready once a retry has migrated it.
func retryLater(db *sql.DB, store *sqlStore, dialect goose.Dialect, opts []goose.ProviderOption, first error) *pending {
	ctx, stop := context.WithCancel(context.Background())
	p := &pending{store: store, stop: stop, done: make(chan struct{})}
	p.lastErr.Store(&first)
	go p.retry(ctx, db, dialect, opts)
	return p
}

func (p *pending) retry(ctx context.Context, db *sql.DB, dialect goose.Dialect, opts []goose.ProviderOption) {
	defer close(p.done)
	cfg := p.store.cfg
	wait := cfg.retryMin
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		err := reach(ctx, db, dialect, opts)
		if err == nil {
			p.ready.Store(true)
			cfg.logf("team: PostgreSQL reached, schema up to date: team check-ins are available")
			return
		}
		if ctx.Err() != nil {
			return
		}
		p.lastErr.Store(&err)
		wait = min(2*wait, retryMax)
		cfg.logf("team: PostgreSQL still not reachable (%v); team check-ins answer 503; next try in %s", err, wait)
	}
}

// get returns the store once it is ready.
func (p *pending) get() (*sqlStore, error) {
	if p.ready.Load() {
		return p.store, nil
	}
	return nil, fmt.Errorf("team: the database has not been reached since start-up: %w", *p.lastErr.Load())
}

func (p *pending) Create(ctx context.Context, name string) (Team, string, error) {
	s, err := p.get()
	if err != nil {
		return Team{}, "", err
	}
	return s.Create(ctx, name)
}

func (p *pending) Team(ctx context.Context, id string) (Team, error) {
	s, err := p.get()
	if err != nil {
		return Team{}, err
	}
	return s.Team(ctx, id)
}

func (p *pending) Admin(ctx context.Context, id, adminToken string) (Team, error) {
	s, err := p.get()
	if err != nil {
		return Team{}, err
	}
	return s.Admin(ctx, id, adminToken)
}

func (p *pending) Add(ctx context.Context, id, memberToken, code string) error {
	s, err := p.get()
	if err != nil {
		return err
	}
	return s.Add(ctx, id, memberToken, code)
}

func (p *pending) Withdraw(ctx context.Context, id, memberToken string) error {
	s, err := p.get()
	if err != nil {
		return err
	}
	return s.Withdraw(ctx, id, memberToken)
}

func (p *pending) Results(ctx context.Context, id string) ([]Result, error) {
	s, err := p.get()
	if err != nil {
		return nil, err
	}
	return s.Results(ctx, id)
}

func (p *pending) Count(ctx context.Context, id string) (int, error) {
	s, err := p.get()
	if err != nil {
		return 0, err
	}
	return s.Count(ctx, id)
}

func (p *pending) Close(ctx context.Context, id, adminToken string) error {
	s, err := p.get()
	if err != nil {
		return err
	}
	return s.Close(ctx, id, adminToken)
}

func (p *pending) Delete(ctx context.Context, id, adminToken string) error {
	s, err := p.get()
	if err != nil {
		return err
	}
	return s.Delete(ctx, id, adminToken)
}

func (p *pending) DeleteExpired(ctx context.Context) (int, error) {
	s, err := p.get()
	if err != nil {
		return 0, err
	}
	return s.DeleteExpired(ctx)
}

func (p *pending) Ping(ctx context.Context) error {
	s, err := p.get()
	if err != nil {
		return err
	}
	return s.Ping(ctx)
}

// Shutdown stops the retries, then closes the database.
func (p *pending) Shutdown() error {
	p.stop()
	<-p.done
	var err error
	p.once.Do(func() { err = p.store.Shutdown() })
	return err
}
