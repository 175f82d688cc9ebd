//go:build !wasm

package server

import (
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"cxquiz/app/team"
	"cxquiz/quiz"
)

// What the tests of this package share: test servers, requests to them,
// result codes and a log sink.

// testServer is a server with a few web files (compressed variants, and
// files it must not serve, among them) and no team store.
func testServer(t testing.TB) (*Server, *httptest.Server) {
	t.Helper()
	files := fstest.MapFS{
		"app.wasm":          {Data: bytes.Repeat([]byte("wasm"), 1000)},
		"app.wasm.br":       {Data: []byte("brotli-bytes")},
		"app.wasm.gz":       {Data: []byte("gzip-bytes")},
		"quiz.css":          {Data: []byte("body{}")},
		"quiz.js":           {Data: []byte("//js")},
		"compile-worker.js": {Data: []byte("//worker")},
		"embed.js":          {Data: []byte("//embed")},
		"icon.svg":          {Data: []byte("<svg/>")},
		"icon-192.png":      {Data: []byte("png")},
		"icon-512.png":      {Data: []byte("png")},
		"robots.txt":        {Data: []byte("User-agent: *\n")},
		"web.go":            {Data: []byte("package web")},
		"robots.txt.br":     {Data: []byte("longer than the original file")},
		"quiz.css.gz":       {Data: []byte("gz")},
		"unrelated.json":    {Data: []byte("{}")},
	}
	return startTest(t, Config{Banks: pageBanks, Files: files})
}

// teamServer is a test server with a SQLite team store (or the given one)
// and a log the test can read; edit, if set, changes its Config first.
func teamServer(t testing.TB, store team.Store, edit func(*Config)) (*httptest.Server, *syncBuffer) {
	t.Helper()
	if store == nil {
		var err error
		store, err = team.Open(context.Background(), filepath.Join(t.TempDir(), "teams.db"), team.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Shutdown() })
	}
	logs := &syncBuffer{}
	c := Config{Banks: pageBanks, Files: fstest.MapFS{
		"app.wasm": {Data: []byte("wasm")}, "compile-worker.js": {Data: []byte("//worker")}, "quiz.css": {Data: []byte("body{}")}, "quiz.js": {Data: []byte("//js")},
		"embed.js": {Data: []byte("//embed")}, "icon.svg": {Data: []byte("<svg/>")},
	}, Teams: store, Log: log.New(logs, "", 0)}
	if edit != nil {
		edit(&c)
	}
	_, ts := startTest(t, c)
	return ts, logs
}

// startTest serves a Server made from c on a test server, closed when the
// test ends.
func startTest(t testing.TB, c Config) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// get fetches path without following redirects; header holds name/value
// pairs.
func get(t testing.TB, ts *httptest.Server, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return send(t, ts, req, header...)
}

// post submits a form as a page of ts would.
func post(t testing.TB, ts *httptest.Server, path string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", ts.URL)
	return send(t, ts, req, header...)
}

// send sets the name/value pairs of header on req, sends it without
// following redirects, and reads the response.
func send(t testing.TB, ts *httptest.Server, req *http.Request, header ...string) (*http.Response, string) {
	t.Helper()
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func wantStatus(t testing.TB, res *http.Response, want int, what string) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s: status %d, want %d", what, res.StatusCode, want)
	}
}

// fullCode answers every question i with option(i).
func fullCode(t testing.TB, option func(i int) int) (quiz.Answers, string) {
	a := bank.NewAnswers()
	for i := range a {
		a[i] = option(i)
	}
	return a, bank.Encode(a)
}

// syncBuffer is a log sink the server's goroutines can share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
