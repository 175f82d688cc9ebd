//go:build !wasm

// Command cxquiz serves the customer-centricity quiz, or exports it as a
// static site. The same package built for GOOS=js GOARCH=wasm is the
// browser side (main_wasm.go); the screens, the URL state and the server
// live in the packages beneath.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"cxquiz/app/screens"
	"cxquiz/app/server"
	"cxquiz/app/team"
	"cxquiz/quiz"
	"cxquiz/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first signal, a second one ends the drain at once.
		<-ctx.Done()
		stop()
	}()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "cxquiz:", err)
		}
		os.Exit(1)
	}
}

// minRetention is the shortest -team-retention: a team check-in must
// outlast the workshop it is made for. Tests that need teams to expire
// sooner set team.Config.Retention directly.
const minRetention = time.Hour

// options are what the flags and their environment variables set.
type options struct {
	server.Config
	export    string
	database  string
	retention time.Duration
}

func parseFlags(args []string, out io.Writer) (options, error) {
	var o options
	c := &o.Config
	fs := flag.NewFlagSet("cxquiz", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&c.Addr, "addr", env("CXQUIZ_ADDR", "localhost:8080"), "`host:port` to listen on (env CXQUIZ_ADDR)")
	fs.StringVar(&o.export, "export", env("CXQUIZ_EXPORT", ""), "write a static site for any static host or CDN into `dir` and exit (env CXQUIZ_EXPORT)")
	fs.StringVar(&c.EmbedOrigins, "embed-origins", env("CXQUIZ_EMBED_ORIGINS", ""), "comma-separated `origins` allowed to embed the quiz in an iframe, or * for any; default: this site only (env CXQUIZ_EMBED_ORIGINS)")
	fs.StringVar(&c.TLSCert, "tls-cert", env("CXQUIZ_TLS_CERT", ""), "serve HTTPS with this certificate `file` (env CXQUIZ_TLS_CERT)")
	fs.StringVar(&c.TLSKey, "tls-key", env("CXQUIZ_TLS_KEY", ""), "and this key `file` (env CXQUIZ_TLS_KEY)")
	fs.StringVar(&c.Domain, "domain", env("CXQUIZ_DOMAIN", ""), "public `host` name, for the link previews (og:url, og:image) of shared pages and the share links of pages without JavaScript (env CXQUIZ_DOMAIN)")
	fs.DurationVar(&c.Drain, "drain", server.DefaultDrain, "how long in-flight responses may take to finish on shutdown; then their connections are closed (default: the write timeout, so none that could finish is cut)")
	fs.StringVar(&o.database, "database", env("CXQUIZ_DATABASE", "data/cxquiz.db"), "where team check-ins are stored: a SQLite `file` (created on first use) or a postgres:// URL (env CXQUIZ_DATABASE)")
	fs.IntVar(&c.TeamCreateLimit, "team-create-limit", 0, "team check-ins one client may create per minute; 0: 10, negative: no limit")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("CXQUIZ_TRUSTED_PROXIES", ""), "comma-separated `addresses or CIDRs` of the reverse proxies or load balancers in front of the server: from them the client's address (for the per-client limits) is read from X-Forwarded-For; default: none, the header is ignored (env CXQUIZ_TRUSTED_PROXIES)")
	fs.IntVar(&c.TeamAddLimit, "team-add-limit", 0, "results one client may add per minute; 0: 30, negative: no limit (load tests)")
	retention := env("CXQUIZ_TEAM_RETENTION", "90d")
	fs.Func("team-retention", "how long a team check-in is kept after it is created, e.g. 90d or 720h, at least 1h; then it is deleted with its results. Lowering it shortens existing teams too; raising it lengthens only new ones (env CXQUIZ_TEAM_RETENTION; default 90d)", func(v string) error {
		retention = v
		return nil
	})
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: cxquiz [flags]\n\nServes the customer-centricity quiz, or exports it as a static site.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	err := fs.Parse(args)
	if err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (see -help)", fs.Arg(0))
	}
	if o.export == "" && strings.TrimSpace(c.Addr) == "" {
		return o, errors.New("-addr is empty: give host:port to listen on, e.g. localhost:8080 or :8080 for every interface")
	}
	if c.Drain < 0 {
		return o, fmt.Errorf("-drain %s is negative", c.Drain)
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return o, errors.New("-tls-cert and -tls-key go together")
	}
	if o.retention, err = parseDays(retention); err != nil {
		return o, fmt.Errorf("-team-retention: %q is not a duration like 90d or 720h", retention)
	}
	if o.retention < minRetention {
		// 1ns or 3m (meant as three months) would delete every team at
		// once or within minutes.
		return o, fmt.Errorf("-team-retention: %q is %s, less than the minimum of %s (days are written 90d)", retention, o.retention, minRetention)
	}
	if o.database == "" {
		return o, errors.New("-database: give a SQLite file or a postgres:// URL")
	}
	if err := team.CheckDSN(o.database); err != nil {
		return o, fmt.Errorf("-database: %w", err)
	}
	return o, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func run(ctx context.Context, args []string, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	var ln net.Listener
	if o.export == "" {
		// Listening comes first: an address in use stops the start before
		// the team database is created or migrated.
		if ln, err = net.Listen("tcp", o.Addr); err != nil {
			return err
		}
		defer ln.Close()
	}
	if o.Banks, err = quiz.LoadAll(); err != nil {
		return fmt.Errorf("loading the question banks: %w", err)
	}
	screens.Register(o.Banks)
	o.Files = web.Files
	o.Log = log.New(stderr, "", log.LstdFlags|log.LUTC)
	if o.export == "" {
		// The static export has no server to store teams: it leaves them out.
		o.Log.Printf("team check-ins stored in %s, each kept %s after it is created", team.Describe(o.database), days(o.retention))
		store, err := team.Open(ctx, o.database, team.Config{Retention: o.retention, Logf: o.Log.Printf})
		if err != nil {
			return fmt.Errorf("opening the team database: %w", err)
		}
		defer store.Shutdown()
		o.Teams = store
	}
	s, err := server.New(o.Config)
	if err != nil {
		return err
	}
	if o.export != "" {
		if err := s.Export(o.export); err != nil {
			return fmt.Errorf("exporting the static site: %w", err)
		}
		o.Log.Printf("static site written to %s", o.export)
		return nil
	}
	return s.Serve(ctx, ln)
}

// days writes a duration as parseDays reads it: whole days as "90d".
func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
	return d.String()
}

// parseDays reads a duration in Go's syntax or as whole days ("90d").
func parseDays(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil {
			return 0, err
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}
