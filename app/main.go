//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

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

// config is what the flags and their environment variables set.
type config struct {
	addr         string
	export       string
	embedOrigins string
	tlsCert      string
	tlsKey       string
	domain       string
	drain        time.Duration
	// readHeaderTimeout overrides the server's, for tests; 0 keeps 5s.
	readHeaderTimeout time.Duration
}

func parseFlags(args []string, out io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("cxquiz", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&c.addr, "addr", env("CXQUIZ_ADDR", "localhost:8080"), "`host:port` to listen on (env CXQUIZ_ADDR)")
	fs.StringVar(&c.export, "export", env("CXQUIZ_EXPORT", ""), "write a static site for any static host or CDN into `dir` and exit (env CXQUIZ_EXPORT)")
	fs.StringVar(&c.embedOrigins, "embed-origins", env("CXQUIZ_EMBED_ORIGINS", ""), "comma-separated `origins` allowed to embed the quiz in an iframe, or * for any; default: this site only (env CXQUIZ_EMBED_ORIGINS)")
	fs.StringVar(&c.tlsCert, "tls-cert", env("CXQUIZ_TLS_CERT", ""), "serve HTTPS with this certificate `file` (env CXQUIZ_TLS_CERT)")
	fs.StringVar(&c.tlsKey, "tls-key", env("CXQUIZ_TLS_KEY", ""), "and this key `file` (env CXQUIZ_TLS_KEY)")
	fs.StringVar(&c.domain, "domain", env("CXQUIZ_DOMAIN", ""), "public `host` name, for the link previews (og:url, og:image) of shared pages (env CXQUIZ_DOMAIN)")
	fs.DurationVar(&c.drain, "drain", 10*time.Second, "how long in-flight requests may take to finish on shutdown")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: cxquiz [flags]\n\nServes the customer-centricity quiz, or exports it as a static site.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q (see -help)", fs.Arg(0))
	}
	if (c.tlsCert == "") != (c.tlsKey == "") {
		return c, errors.New("-tls-cert and -tls-key go together")
	}
	return c, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func run(ctx context.Context, args []string, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if bank, err = quiz.Load(); err != nil {
		return fmt.Errorf("loading the question bank: %w", err)
	}
	registerRoutes()
	logger := log.New(stderr, "", log.LstdFlags|log.LUTC)
	s, err := newServer(c, logger, web.Files)
	if err != nil {
		return err
	}
	if c.export != "" {
		if err := s.export(c.export); err != nil {
			return fmt.Errorf("exporting the static site: %w", err)
		}
		logger.Printf("static site written to %s", c.export)
		return nil
	}
	return s.listenAndServe(ctx)
}

// listenAndServe serves until ctx is done, then lets in-flight requests
// finish within the drain time.
func (s *server) listenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if s.cfg.tlsCert != "" {
		scheme = "https"
	}
	s.log.Printf("serving the quiz on %s://%s (version %s)", scheme, ln.Addr(), s.version)
	srv := s.httpServer()
	errc := make(chan error, 1)
	go func() {
		if s.cfg.tlsCert != "" {
			errc <- srv.ServeTLS(ln, s.cfg.tlsCert, s.cfg.tlsKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Printf("shutting down, draining for up to %s", s.cfg.drain)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.drain)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	s.log.Printf("stopped")
	return nil
}

func (s *server) httpServer() *http.Server {
	readHeader := 5 * time.Second
	if s.cfg.readHeaderTimeout > 0 {
		readHeader = s.cfg.readHeaderTimeout
	}
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeader,
		ReadTimeout:       10 * time.Second,
		// A phone on a slow network needs a while for app.wasm.
		WriteTimeout:   2 * time.Minute,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 16 << 10,
		ErrorLog:       s.log,
	}
}
