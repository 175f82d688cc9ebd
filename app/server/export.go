//go:build !wasm

package server

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Export writes a static site into dir: every screen prerendered, go-app's
// scripts, and the assets with their compressed variants. A static host
// cannot read the answers in a URL, so there the wasm does it all.
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
	if err := app.GenerateStaticWebsite(dir, s.app, pages...); err != nil {
		return err
	}
	if err := pageDirs(dir, pages); err != nil {
		return err
	}
	if err := s.fixLinkPreviews(dir); err != nil {
		return err
	}
	// go-app wrote its own app.js: use the one adapted to iframes, and put
	// the embed script where the snippet expects it.
	if err := os.WriteFile(filepath.Join(dir, "app.js"), s.appJS, 0o644); err != nil {
		return err
	}
	// And the service worker that opens any page offline.
	if err := os.WriteFile(filepath.Join(dir, "app-worker.js"), s.workerJS, 0o644); err != nil {
		return err
	}
	embed, err := fs.ReadFile(s.cfg.Files, "embed.js")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "embed.js"), embed, 0o644); err != nil {
		return err
	}
	return fs.WalkDir(s.cfg.Files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".go") {
			return err
		}
		data, err := fs.ReadFile(s.cfg.Files, name)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, "web", name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", dst, err)
		}
		return nil
	})
}

// fixLinkPreviews applies linkPreviews to the exported pages.
func (s *Server) fixLinkPreviews(dir string) error {
	return filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		page, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		return os.WriteFile(name, s.linkPreviews(page), 0o644)
	})
}

// pageDirs writes each page that go-app wrote as /x.html as /x/index.html
// too. The quiz links to /x?…: hosts that map /x to /x.html (Netlify,
// GitHub Pages) serve that file; a plain file server (python3 -m
// http.server, Go's http.FileServer, a bucket without rewrites) finds the
// directory /x and redirects to /x/?…, query kept, which serves its
// index.html. route.Parse reads /x/ as /x, so the wasm shows the page.
func pageDirs(dir string, pages []string) error {
	for _, p := range pages {
		if p == "/" || p == "/404" {
			continue
		}
		src := filepath.Join(dir, filepath.FromSlash(p)+".html")
		page, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p), "index.html")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, page, 0o644); err != nil {
			return err
		}
	}
	return nil
}
