//go:build !wasm

package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExport(t *testing.T) {
	t.Parallel()
	s, _ := testServer(t)
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "q/1.html", "q/26.html", "result.html", "compare.html", "404.html",
		"app.js", "wasm_exec.js", "app-worker.js", "manifest.webmanifest", "embed.js", "web/app.wasm", "web/app.wasm.br", "web/quiz.css", "web/compile-worker.js"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("export lacks %s", f)
		}
	}
	js, _ := os.ReadFile(filepath.Join(dir, "app.js"))
	if !strings.Contains(string(js), "window.self === window.top") {
		t.Error("exported app.js is not the one adapted to iframes")
	}
	q, _ := os.ReadFile(filepath.Join(dir, "q", "7.html"))
	if !strings.Contains(string(q), "Question 7 of 24") {
		t.Error("q/7.html is not the seventh question")
	}
	if _, err := os.Stat(filepath.Join(dir, "web", "web.go")); err == nil {
		t.Error("export copied Go source")
	}
}

// TestExportOnAPlainFileServer serves the export as a host without
// rewrites does (Go's http.FileServer, like python3 -m http.server): a
// deep link, a reload and a shared result link must reach their page, the
// answers still in the address for the wasm to read.
func TestExportOnAPlainFileServer(t *testing.T) {
	t.Parallel()
	s, _ := testServer(t)
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	host := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer host.Close()
	_, code := fullCode(t, func(i int) int { return i % 4 })
	partial := bank.Encode(bank.NewAnswers().With(1, 2))
	for _, tt := range []struct{ link, path, page string }{
		{"/q/2?a=" + partial, "/q/2/", "q/2.html"},
		{"/q/1", "/q/1/", "q/1.html"},
		{"/result?a=" + code + "&shared=1", "/result/", "result.html"},
		{"/compare?r=" + code, "/compare/", "compare.html"},
	} {
		res, err := host.Client().Get(host.URL + tt.link)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", tt.link, res.StatusCode)
			continue
		}
		_, query, _ := strings.Cut(tt.link, "?")
		if res.Request.URL.Path != tt.path || res.Request.URL.RawQuery != query {
			t.Errorf("%s: ended at %s, want %s?%s", tt.link, res.Request.URL.RequestURI(), tt.path, query)
		}
		// The screen the export made for the link's page; the wasm shows
		// the answers of the address it was redirected to.
		if want, err := os.ReadFile(filepath.Join(dir, tt.page)); err != nil || string(body) != string(want) {
			t.Errorf("%s: the page is not the export's %s (%v)", tt.link, tt.page, err)
		}
	}
}
