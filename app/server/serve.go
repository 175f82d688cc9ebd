//go:build !wasm

package server

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

// WriteTimeout is the longest a response may take: a phone on a slow
// network needs a while for app.wasm.
const WriteTimeout = 2 * time.Minute

// DefaultDrain is how long in-flight responses get on shutdown by
// default: as long as the write timeout lets any response take, so none
// that could still finish is cut.
const DefaultDrain = WriteTimeout

// Version identifies the build: it changes with every web asset.
func (s *Server) Version() string { return s.version }

// ListenAndServe listens on the configured address and serves there (see
// Serve).
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done, then lets in-flight requests
// finish within the drain time. Connections still busy when it is up are
// closed, counted in the log, and the server stops without an error: the
// shutdown went as configured. It closes ln.
//
// The command listens before it opens the team database (so a port in
// use does not leave a new database behind), then serves here.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	var certs []tls.Certificate
	if s.cfg.TLSCert != "" {
		// Loaded before serving, so a bad pair stops the start instead
		// of following the "serving" line.
		cert, err := tls.LoadX509KeyPair(s.cfg.TLSCert, s.cfg.TLSKey)
		if err != nil {
			ln.Close()
			return fmt.Errorf("loading the TLS certificate and key: %w", err)
		}
		certs = append(certs, cert)
	}
	scheme := "http"
	if certs != nil {
		scheme = "https"
	}
	srv := s.httpServer()
	if s.cfg.Teams != nil {
		ectx, cancel := context.WithCancel(ctx)
		defer cancel()
		go s.expireTeams(ectx, time.Hour)
	}
	conns := &connTracker{state: map[net.Conn]http.ConnState{}}
	srv.ConnState = conns.track
	handshakes := &handshakeLog{log: s.log}
	srv.ErrorLog = log.New(handshakes, "", 0)
	s.log.Printf("serving the quiz on %s://%s (version %s)", scheme, ln.Addr(), s.version)
	errc := make(chan error, 1)
	go func() {
		if certs != nil {
			srv.TLSConfig = &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12}
			errc <- srv.ServeTLS(ln, "", "")
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Printf("shutting down, draining for up to %s", s.cfg.Drain)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.Drain)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		if !errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("shutdown: %w", err)
		}
		n := conns.busy()
		srv.Close()
		s.log.Printf("drain time (%s) up: closed %d connection(s) with a response still in flight", s.cfg.Drain, n)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	handshakes.flush()
	s.log.Printf("stopped")
	return nil
}

func (s *Server) httpServer() *http.Server {
	readHeader := 5 * time.Second
	if s.cfg.ReadHeaderTimeout > 0 {
		readHeader = s.cfg.ReadHeaderTimeout
	}
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeader,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          s.log,
	}
}

// connTracker knows which connections are busy with a request.
type connTracker struct {
	mu    sync.Mutex
	state map[net.Conn]http.ConnState
}

func (c *connTracker) track(conn net.Conn, st http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st == http.StateClosed || st == http.StateHijacked {
		delete(c.state, conn)
		return
	}
	c.state[conn] = st
}

func (c *connTracker) busy() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, st := range c.state {
		if st == http.StateActive {
			n++
		}
	}
	return n
}

// handshakeLog is net/http's error log with failed TLS handshakes (one
// line each, with the client's address, as scanners cause by the
// thousand) folded into at most one line a minute, without addresses.
type handshakeLog struct {
	log *log.Logger

	mu     sync.Mutex
	failed int       // since the last report
	last   time.Time // of the last report
}

var handshakeError = []byte("TLS handshake error")

func (h *handshakeLog) Write(p []byte) (int, error) {
	if !bytes.Contains(p, handshakeError) {
		h.log.Print(string(p))
		return len(p), nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failed++
	if time.Since(h.last) >= time.Minute {
		h.report()
	}
	return len(p), nil
}

func (h *handshakeLog) report() {
	h.log.Printf("TLS handshakes failed: %d since the last report (client addresses not logged)", h.failed)
	h.failed, h.last = 0, time.Now()
}

// flush reports what is left, on shutdown.
func (h *handshakeLog) flush() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.failed > 0 {
		h.report()
	}
}
