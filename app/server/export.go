//go:build !wasm

package server

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cxquiz/app/screens"
)

// Export writes a static site into dir: every screen prerendered, go-app's
// scripts, and the assets with their compressed variants. A static host
// cannot read the answers in a URL, so there the wasm does it all: the
// pages of questions, results and comparisons show that they are loading
// until it has read them (screens.ExportParam).
func (s *Server) Export(dir string) error {
	pages := []string{"/", "/result", "/compare", "/404"}
	// Question pages up to the longest version: a static host must serve
	// /q/N of an older version's link too; the wasm reads its code.
	n := 0
	for _, b := range s.banks.All() {
		n = max(n, len(b.Questions()))
	}
	for i := 1; i <= n; i++ {
		pages = append(pages, "/q/"+strconv.Itoa(i))
	}
	for _, p := range pages {
		page, err := s.exportPage(p)
		if err != nil {
			return err
		}
		for _, name := range pageFiles(p) {
			if err := writeFile(dir, name, page); err != nil {
				return err
			}
		}
	}
	// go-app's own files; its app.js adapted to iframes, and the service
	// worker that opens any page offline.
	for _, p := range []string{"/app.css", "/manifest.webmanifest", "/wasm_exec.js"} {
		if err := writeFile(dir, p, s.goappFile(p)); err != nil {
			return err
		}
	}
	if err := writeFile(dir, "/app.js", s.appJS); err != nil {
		return err
	}
	if err := writeFile(dir, "/app-worker.js", s.workerJS); err != nil {
		return err
	}
	// The embed script where the snippet expects it.
	embed, err := fs.ReadFile(s.cfg.Files, "embed.js")
	if err != nil {
		return fmt.Errorf("reading embed.js: %w", err)
	}
	if err := writeFile(dir, "/embed.js", embed); err != nil {
		return err
	}
	return fs.WalkDir(s.cfg.Files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".go") {
			return err
		}
		data, err := fs.ReadFile(s.cfg.Files, name)
		if err != nil {
			return fmt.Errorf("reading web/%s: %w", name, err)
		}
		return writeFile(dir, "/web/"+name, data)
	})
}

// exportPage renders the page of path p for the export.
func (s *Server) exportPage(p string) ([]byte, error) {
	rec := httptest.NewRecorder()
	s.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p+"?"+screens.ExportParam+"=1", nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("rendering the page %s: status %d", p, rec.Code)
	}
	return s.linkPreviews(rec.Body.Bytes()), nil
}

// pageFiles are the files the page of path p is written to. The quiz
// links to /x?…: hosts that map /x to /x.html (Netlify, GitHub Pages)
// serve x.html; a plain file server (python3 -m http.server, Go's
// http.FileServer, a bucket without rewrites) finds the directory /x and
// redirects to /x/?…, query kept, which serves x/index.html. route.Parse
// reads /x/ as /x, so the wasm shows the page.
func pageFiles(p string) []string {
	switch p {
	case "/":
		return []string{"/index.html"}
	case "/404":
		return []string{"/404.html"}
	}
	return []string{p + ".html", p + "/index.html"}
}

// writeFile writes data as the file of the site path name under dir.
func writeFile(dir, name string, data []byte) error {
	dst := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("making the directory of %s: %w", dst, err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", dst, err)
	}
	return nil
}
