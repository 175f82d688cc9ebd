//go:build !wasm

package team

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenRefusesOtherURLs checks that a database URL of another kind (a
// mistyped postgres://, MySQL) is refused and leaves no SQLite file
// behind, and that the error does not carry the password.
func TestOpenRefusesOtherURLs(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, dsn := range []string{
		"postgress://cxquiz:S3cret@db.internal:5432/cxquiz",
		"mysql://cxquiz:S3cret@db.internal/cxquiz",
		"sqlite3://S3cret/x.db",
		"file://S3cret/x.db",
		"Postgres://cxquiz:S3cret@db.internal/cxquiz",
	} {
		s, err := Open(ctx, dsn, Config{})
		if err == nil {
			s.Shutdown()
			t.Errorf("%s: opened", dsn)
			continue
		}
		if scheme, _, _ := strings.Cut(dsn, "://"); !strings.Contains(err.Error(), scheme+"://") || strings.Contains(err.Error(), "S3cret") {
			t.Errorf("%s: error %q should name the scheme and not the rest", dsn, err)
		}
	}
	if entries, _ := os.ReadDir("."); len(entries) > 0 {
		t.Errorf("refused URLs left files: %v", entries)
	}
	// Not opened above: let through, it would be an absolute path.
	if err := CheckDSN("sqlite:///var/lib/x.db"); err == nil {
		t.Error("sqlite:/// accepted")
	}
	for _, dsn := range []string{"data/x.db", "sqlite:x.db", "./a:b.db", "postgres://u@h/db", "postgresql://u@h/db"} {
		if err := CheckDSN(dsn); err != nil {
			t.Errorf("%s: %v", dsn, err)
		}
	}
}

func TestDescribe(t *testing.T) {
	t.Parallel()
	for dsn, want := range map[string]string{
		"postgres://cxquiz:S3cret@db.internal:5432/cxquiz?sslmode=require": "PostgreSQL database cxquiz on db.internal:5432",
		"postgresql://cxquiz:S3cret@/cxquiz?host=/run/postgresql":          "PostgreSQL database cxquiz on /run/postgresql",
		"postgres://cxquiz:S3cret@db.internal":                             "PostgreSQL database (the user's default) on db.internal",
		"/var/lib/cxquiz/teams.db":                                         "SQLite file /var/lib/cxquiz/teams.db",
	} {
		if got := Describe(dsn); got != want {
			t.Errorf("Describe(%q) = %q, want %q", dsn, got, want)
		}
	}
	if got := Describe("data/cxquiz.db"); !strings.HasPrefix(got, "SQLite file /") || !strings.HasSuffix(got, "/data/cxquiz.db") {
		t.Errorf("a relative path is described as %q, want it absolute", got)
	}
}

// TestSQLiteErrorNamesFile: a SQLite file that cannot be opened (here a
// directory) is named in the error.
func TestSQLiteErrorNamesFile(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "adir")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, dir, Config{})
	if err == nil {
		s.Shutdown()
		t.Fatal("opened a directory as a database")
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("error %q does not name %s", err, dir)
	}
}
