//go:build !wasm

package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
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

// TestExportPagesAreTrimmed: the export's pages carry the rules of
// quiz.css they use inline, as the binary's do, instead of linking
// go-app's app.css and the whole quiz.css before the first paint.
func TestExportPagesAreTrimmed(t *testing.T) {
	t.Parallel()
	s, ts := testServer(t)
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	_, served := get(t, ts, "/")
	for _, f := range []string{"index.html", "result.html", "q/3/index.html", "404.html"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if styleLinks.MatchString(page) || strings.Contains(page, `href="/app.css"`) {
			t.Errorf("%s links a stylesheet", f)
		}
		if !strings.Contains(page, "<style>") || strings.Contains(page, `<meta name="author">`) {
			t.Errorf("%s is not trimmed as the binary's pages are", f)
		}
		// go-app writes attributes in any order: the styles must agree.
		if style := regexp.MustCompile(`<style>[^<]*</style>`); f == "index.html" && style.FindString(page) != style.FindString(served) {
			t.Error("the exported intro's styles are not the binary's")
		}
	}
}

// TestExportAgain: exporting into the directory of an earlier export
// leaves none of its files that the new one lacks, and keeps the
// operator's own; a directory that holds anything else is refused, and
// errors name the file.
func TestExportAgain(t *testing.T) {
	t.Parallel()
	s, _ := testServer(t)
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	// What an export of a longer bank would have left, and a host's file.
	for name, data := range map[string]string{"q/99.html": "old", "q/99/index.html": "old", "web/old.css": "old", "CNAME": "quiz.example.com"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := os.ReadFile(filepath.Join(dir, exportList))
	os.WriteFile(filepath.Join(dir, exportList), append(list, "/q/99.html\n/q/99/index.html\n/web/old.css\n/../outside\n"...), 0o644)
	outside := filepath.Join(filepath.Dir(dir), "outside")
	os.WriteFile(outside, nil, 0o644)
	defer os.Remove(outside)
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"q/99.html", "q/99", "web/old.css"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s of the earlier export is still there", name)
		}
	}
	for _, name := range []string{"CNAME", "q/2/index.html", "result.html", "web/quiz.css", exportList} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s is missing after exporting again", name)
		}
	}
	if _, err := os.Stat(outside); err != nil {
		t.Error("a path in the list removed a file outside the export")
	}

	// Not an export: refused, and left as it was.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	err := s.Export(other)
	if err == nil || !strings.Contains(err.Error(), other) || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("export into a directory of other files: %v", err)
	}
	if entries, _ := os.ReadDir(other); len(entries) != 1 {
		t.Errorf("the refused directory holds %d files", len(entries))
	}

	// A file in the way: an error that names it, not go-app's JSON.
	file := filepath.Join(t.TempDir(), "afile")
	os.WriteFile(file, nil, 0o644)
	if err := s.Export(file); err == nil || !strings.Contains(err.Error(), file) || strings.Contains(err.Error(), "{") {
		t.Errorf("export into a file: %v", err)
	}
	blocked := t.TempDir()
	os.Mkdir(filepath.Join(blocked, "q"), 0o755)
	os.WriteFile(filepath.Join(blocked, exportList), []byte("/q/1.html\n"), 0o644)
	os.WriteFile(filepath.Join(blocked, "q", "1"), []byte("a file where a page's directory goes"), 0o644)
	if err := s.Export(blocked); err == nil || !strings.Contains(err.Error(), filepath.Join(blocked, "q", "1")) || strings.Contains(err.Error(), "{") {
		t.Errorf("export with a file in the way: %v", err)
	}
}
