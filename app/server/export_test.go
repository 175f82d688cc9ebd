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

	"cxquiz/app/screens"
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
	if !strings.Contains(string(q), "Loading the question") {
		t.Error("q/7.html is not a question's page")
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

// TestExportPagesClaimNoAnswers: a static host sends the export's page of
// a question, result or comparison whatever answers the address holds.
// Until the wasm has read them, the page must say it is loading (and,
// without JavaScript, that it needs it), not claim what the answers are
// or offer links and forms that would lose them. The binary, which reads
// the answers, shows its screens as before.
func TestExportPagesClaimNoAnswers(t *testing.T) {
	t.Parallel()
	s, ts := testServer(t)
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ file, want string }{
		{"result.html", "Loading your result"},
		{"result/index.html", "Loading your result"},
		{"compare.html", "Loading the comparison"},
		{"q/1.html", "Loading the question"},
		{"q/2/index.html", "Loading the question"},
		{"q/26.html", "Loading the question"}, // an older version's last
	} {
		b, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if !strings.Contains(page, tt.want) || !strings.Contains(page, "<title>"+tt.want) {
			t.Errorf("%s: heading or title is not %q", tt.file, tt.want)
		}
		if !strings.Contains(page, "<noscript>") || !strings.Contains(page, "needs JavaScript") {
			t.Errorf("%s: says nothing without JavaScript", tt.file)
		}
		for _, bad := range []string{"Not finished yet", "0 of 24", `id="answer"`, `href="/q/`, "?lang=", "Page not found", screens.ExportParam} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: has %q", tt.file, bad)
			}
		}
	}
	intro, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(intro), "Start the check") {
		t.Error("index.html is not the intro")
	}
	// The parameter in a request to the binary changes nothing.
	if _, body := get(t, ts, "/result?"+screens.ExportParam+"=1"); !strings.Contains(body, "Not finished yet") || strings.Contains(body, "Loading") {
		t.Error("the binary's /result is not its own")
	}
	_, code := fullCode(t, func(i int) int { return i % 4 })
	if _, body := get(t, ts, "/result?a="+code+"&"+screens.ExportParam+"=1"); !strings.Contains(body, `class="result`) {
		t.Error("the binary's result with the parameter is not the result")
	}
}
