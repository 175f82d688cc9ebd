//go:build !wasm

package server

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"testing"

	"cxquiz/app/team"
)

// TestPostgresDownAtStart serves with a PostgreSQL store opened while
// nothing answers at its address: the quiz is served, and the team pages
// and actions answer 503 (the store keeps trying to connect).
func TestPostgresDownAtStart(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	store, err := team.Open(context.Background(), "postgres://cxquiz:secret@"+addr+"/cxquiz?sslmode=disable", team.Config{})
	if err != nil {
		t.Fatalf("opening PostgreSQL while it is down: %v", err)
	}
	t.Cleanup(func() { store.Shutdown() })
	ts, _ := teamServer(t, store, nil)
	_, code := fullCode(t, func(q int) int { return q % 4 })
	for _, p := range []string{"/", "/q/1", "/result?a=" + code} {
		res, _ := get(t, ts, p)
		wantStatus(t, res, http.StatusOK, p)
	}
	id := "AAAAAAAAAAAAAAAAAAAAAA"
	for _, p := range []string{"/team/" + id + "/join", "/team/" + id, "/team/" + id + "/view.json"} {
		res, _ := get(t, ts, p)
		wantStatus(t, res, http.StatusServiceUnavailable, p)
	}
	res, _ := post(t, ts, "/team/new", url.Values{"name": {"x"}})
	wantStatus(t, res, http.StatusServiceUnavailable, "create")
	res, _ = post(t, ts, "/team/"+id+"/add", url.Values{"a": {code}, "m": {team.NewToken()}})
	wantStatus(t, res, http.StatusServiceUnavailable, "add")
}
