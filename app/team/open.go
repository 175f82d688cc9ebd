//go:build !wasm

package team

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // SQLite driver "sqlite", pure Go: no cgo
)

//go:embed migrations/*.sql
var migrations embed.FS

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// urlScheme is the start of anything that looks like a URL.
var urlScheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)://`)

// CheckDSN refuses a dsn that looks like a URL of another kind than
// PostgreSQL's: a mistyped "postgress://" or a "mysql://" would otherwise
// be taken for a SQLite path, and make a local file (each replica its own)
// whose path holds the password. The error names the scheme only, never
// the rest.
func CheckDSN(dsn string) error {
	if m := urlScheme.FindStringSubmatch(dsn); m != nil && !IsPostgres(dsn) {
		return fmt.Errorf("%s:// URLs are not supported: give a postgres:// (or postgresql://) URL, or the path of a SQLite file", m[1])
	}
	return nil
}

// Describe says which storage dsn names, for the log, without
// credentials: "SQLite file /abs/path" or "PostgreSQL database db on
// host:port".
func Describe(dsn string) string {
	if !IsPostgres(dsn) {
		path := strings.TrimPrefix(dsn, "sqlite:")
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		return "SQLite file " + path
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "PostgreSQL (the URL cannot be read)"
	}
	db, host := strings.TrimPrefix(u.Path, "/"), u.Host
	if db == "" {
		db = "(the user's default)"
	}
	if h := u.Query().Get("host"); host == "" && h != "" {
		host = h
	}
	if host == "" {
		host = "the default host"
	}
	return "PostgreSQL database " + db + " on " + host
}

// Open opens the database dsn names and brings its schema up to date:
// a postgres:// or postgresql:// URL selects PostgreSQL, anything else is
// the path of a SQLite file, created with its directory on first use.
func Open(ctx context.Context, dsn string, cfg Config) (Store, error) {
	if err := CheckDSN(dsn); err != nil {
		return nil, fmt.Errorf("team: %w", err)
	}
	cfg = cfg.withDefaults()
	var (
		db      *sql.DB
		dialect goose.Dialect
		opts    []goose.ProviderOption
		err     error
	)
	if IsPostgres(dsn) {
		dialect = goose.DialectPostgres
		db, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("team: open PostgreSQL: %w", err)
		}
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
		// Replicas starting together take turns migrating.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("team: migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	} else {
		dialect = goose.DialectSQLite3
		db, err = openSQLite(dsn)
		if err != nil {
			return nil, err
		}
	}
	store := &sqlStore{db: db, cfg: cfg, dollar: dialect == goose.DialectPostgres}
	if dialect != goose.DialectPostgres {
		if err := migrate(ctx, db, dialect, opts); err != nil {
			db.Close()
			// SQLite's own messages ("unable to open database file
			// (14)") do not say which file.
			return nil, fmt.Errorf("team: SQLite file %s: %w", strings.TrimPrefix(dsn, "sqlite:"), err)
		}
		return store, nil
	}
	// A PostgreSQL that cannot be reached now may be back in a moment
	// (a deploy, a restart, a failover): the quiz goes on without team
	// check-ins meanwhile, and the store connects when it can. One that
	// refuses us (password, database name, TLS) stops the start: the
	// operator has to mend the configuration.
	err = reach(ctx, db, dialect, opts)
	switch {
	case err == nil:
		return store, nil
	case ctx.Err() != nil || !unreachable(err):
		db.Close()
		return nil, err
	}
	cfg.logf("team: PostgreSQL not reachable at start-up (%v): serving the quiz, team check-ins answer 503 until it is; retrying", err)
	return retryLater(db, store, dialect, opts, err), nil
}

func openSQLite(path string) (*sql.DB, error) {
	path = strings.TrimPrefix(path, "sqlite:")
	if path == "" {
		return nil, fmt.Errorf("team: empty database path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("team: database directory: %w", err)
		}
	}
	// WAL lets readers go on while one writes; synchronous=FULL makes every
	// commit durable before it is acknowledged; writers wait for each other
	// (busy_timeout, BEGIN IMMEDIATE) instead of failing.
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(10000)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("team: open SQLite %s: %w", path, err)
	}
	// One connection: SQLite writes one transaction at a time anyway, and
	// a queue in database/sql is fairer than writers sleeping in SQLite's
	// busy handler (which made the p99 of the team load scenario seconds).
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

func migrate(ctx context.Context, db *sql.DB, dialect goose.Dialect, opts []goose.ProviderOption) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(dialect, db, sub, append(opts, goose.WithDisableGlobalRegistry(true))...)
	if err != nil {
		return fmt.Errorf("team: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("team: migrate: %w", err)
	}
	return nil
}
