// Package team stores team check-ins: a team that one person creates, and
// the anonymous results its members add to it.
//
// Per team it keeps an identifier, an optional name, when it was created,
// closed and expires, and a hash of the admin token. Per result it keeps the
// result code, when it was added, and a hash of the member's token (which
// lets the same browser replace or withdraw its result). Nothing else: no IP
// address, no user agent, no names of members. Tokens are stored only as
// SHA-256 hashes and never logged.
//
// [Store] is the one interface the server uses; [Open] returns the SQLite or
// the PostgreSQL implementation of it.
package team

import (
	"context"
	"errors"
	"time"
)

// Errors a [Store] returns for what the person asked; any other error means
// the database could not answer (down, full, timed out) and the request can
// be tried again later.
var (
	ErrNotFound  = errors.New("team: no such team")
	ErrDeleted   = errors.New("team: the team was deleted")
	ErrExpired   = errors.New("team: the team expired and was deleted")
	ErrClosed    = errors.New("team: the team is closed")
	ErrForbidden = errors.New("team: wrong admin token")
	ErrNoResult  = errors.New("team: no result for this member token")
	ErrBadToken  = errors.New("team: malformed token")
	ErrBadName   = errors.New("team: name too long or not plain text")
)

// Gone reports whether err says the team existed and is no more: its pages
// answer 410 Gone.
func Gone(err error) bool {
	return errors.Is(err, ErrDeleted) || errors.Is(err, ErrExpired)
}

// Team is a team check-in as its pages show it.
type Team struct {
	ID      string
	Name    string
	Created time.Time
	Expires time.Time
	Closed  time.Time // zero while members can add results
}

// Open reports whether members can still add results.
func (t Team) Open() bool { return t.Closed.IsZero() }

// Result is one member's result as stored: the code and when it was added.
type Result struct {
	Code  string
	Added time.Time
}

// Store keeps teams and their results. Implementations are safe for
// concurrent use, also by several processes sharing one database.
type Store interface {
	// Create stores a new team with the given name (see [CleanName]) and
	// returns it with its admin token, which is shown once and kept only
	// as a hash.
	Create(ctx context.Context, name string) (Team, string, error)
	// Team returns the team with the given id, or ErrNotFound, ErrDeleted
	// or ErrExpired.
	Team(ctx context.Context, id string) (Team, error)
	// Admin returns the team if adminToken is its admin token, else
	// ErrForbidden (or what Team returns).
	Admin(ctx context.Context, id, adminToken string) (Team, error)
	// Add stores code as the result of the member holding memberToken,
	// replacing the member's earlier result in this team. It returns
	// ErrClosed once the team is closed.
	Add(ctx context.Context, id, memberToken, code string) error
	// Withdraw deletes the member's result, or returns ErrNoResult.
	Withdraw(ctx context.Context, id, memberToken string) error
	// Results returns the team's results, oldest first.
	Results(ctx context.Context, id string) ([]Result, error)
	// Count returns how many results the team has.
	Count(ctx context.Context, id string) (int, error)
	// Close stops the team taking results; its view stays.
	Close(ctx context.Context, id, adminToken string) error
	// Delete removes the team and its results from the database at once.
	Delete(ctx context.Context, id, adminToken string) error
	// DeleteExpired removes every team past its expiry with its results and
	// returns how many teams it removed.
	DeleteExpired(ctx context.Context) (int, error)
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Shutdown closes the database; committed writes are already durable.
	Shutdown() error
}

// Config is what every engine shares.
type Config struct {
	// Retention is how long a team lives after it is created; 0 means
	// DefaultRetention. A team created under a longer retention expires
	// by this one too; one created under a shorter one keeps its expiry.
	Retention time.Duration
	// Now returns the current time; nil means time.Now. Tests set it.
	Now func() time.Time
	// Logf gets what the store has to tell the operator (a database not
	// reachable at start-up, and when it is); nil: nothing.
	Logf func(format string, args ...any)

	retryMin time.Duration // first wait before retrying to connect; 0: retryMin
}

// retryMin is the first wait before trying to reach the database again
// (pending.go). Here, not beside retryMax, because Config, which the wasm
// build compiles too, defaults to it.
const retryMin = time.Second

// DefaultRetention is how long teams live unless configured otherwise.
const DefaultRetention = 90 * 24 * time.Hour

func (c Config) withDefaults() Config {
	if c.Retention <= 0 {
		c.Retention = DefaultRetention
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.retryMin <= 0 {
		c.retryMin = retryMin
	}
	return c
}

func (c Config) logf(format string, args ...any) {
	if c.Logf != nil {
		c.Logf(format, args...)
	}
}
