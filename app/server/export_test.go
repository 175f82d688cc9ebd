//go:build !wasm

package server

import (
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
