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
	"os"
	"os/signal"
	"strings"
	"syscall"

	"cxquiz/app/screens"
	"cxquiz/app/server"
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

// options are what the flags and their environment variables set.
type options struct {
	server.Config
	export string
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
	fs.StringVar(&c.Domain, "domain", env("CXQUIZ_DOMAIN", ""), "public `host` name, for the link previews (og:url, og:image) of shared pages (env CXQUIZ_DOMAIN)")
	fs.DurationVar(&c.Drain, "drain", server.DefaultDrain, "how long in-flight responses may take to finish on shutdown; then their connections are closed (default: the write timeout, so none that could finish is cut)")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: cxquiz [flags]\n\nServes the customer-centricity quiz, or exports it as a static site.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
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
	if o.Banks, err = quiz.LoadAll(); err != nil {
		return fmt.Errorf("loading the question banks: %w", err)
	}
	screens.Register(o.Banks)
	o.Files = web.Files
	o.Log = log.New(stderr, "", log.LstdFlags|log.LUTC)
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
	return s.ListenAndServe(ctx)
}
