//go:build !wasm

package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Version identifies the build: it changes with every web asset.
func (s *Server) Version() string { return s.version }

// ListenAndServe serves until ctx is done, then lets in-flight requests
// finish within the drain time.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if s.cfg.TLSCert != "" {
		scheme = "https"
	}
	s.log.Printf("serving the quiz on %s://%s (version %s)", scheme, ln.Addr(), s.version)
	srv := s.httpServer()
	errc := make(chan error, 1)
	go func() {
		if s.cfg.TLSCert != "" {
			errc <- srv.ServeTLS(ln, s.cfg.TLSCert, s.cfg.TLSKey)
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
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
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
		// A phone on a slow network needs a while for app.wasm.
		WriteTimeout:   2 * time.Minute,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 16 << 10,
		ErrorLog:       s.log,
	}
}
