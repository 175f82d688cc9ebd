//go:build !wasm

package server

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"cxquiz/app/screens"
)

// Export writes a static site into dir: every screen prerendered, go-app's
// scripts, and the assets with their compressed variants. A static host
// cannot read the answers in a URL, so there the wasm does it all: the
// pages of questions, results and comparisons show that they are loading
// until it has read them (screens.ExportParam).
func (s *Server) Export(dir string) (err error) {
	if err := clearExport(dir); err != nil {
		return err
	}
	// What this export writes, for the next one to clear (exportList),
	// listed even if it fails half-way.
	var written []string
	write := func(name string, data []byte) error {
		written = append(written, name)
		return writeFile(dir, name, data)
	}
	defer func() {
		if len(written) == 0 {
			return
		}
		if werr := writeFile(dir, "/"+exportList, []byte(strings.Join(written, "\n")+"\n")); err == nil {
			err = werr
		}
	}()
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
			if err := write(name, page); err != nil {
				return err
			}
		}
	}
	// go-app's own files; its app.js adapted to iframes, and the service
	// worker that opens any page offline.
	for _, p := range []string{"/app.css", "/manifest.webmanifest", "/wasm_exec.js"} {
		if err := write(p, s.goappFile(p)); err != nil {
			return err
		}
	}
	if err := write("/app.js", s.appJS); err != nil {
		return err
	}
	if err := write("/app-worker.js", s.workerJS); err != nil {
		return err
	}
	// The embed script where the snippet expects it.
	embed, err := fs.ReadFile(s.cfg.Files, "embed.js")
	if err != nil {
		return fmt.Errorf("reading embed.js: %w", err)
	}
	if err := write("/embed.js", embed); err != nil {
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
		return write("/web/"+name, data)
	})
}

// exportPage renders the page of path p for the export, trimmed as the
// binary's pages are (trimPage): the rules of quiz.css it uses inline, no
// link to go-app's app.css or the whole quiz.css in the way of the first
// paint. The binary allows that style element by its hash in the page's
// Content-Security-Policy header; the export writes no headers, so a host
// that sends a policy of its own must allow it (README).
func (s *Server) exportPage(p string) ([]byte, error) {
	rec := httptest.NewRecorder()
	s.app.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p+"?"+screens.ExportParam+"=1", nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("rendering the page %s: status %d", p, rec.Code)
	}
	page, _ := s.trimPage(ariaTrue(rec.Body.Bytes()), false)
	return page, nil
}

// exportList names, in an export's directory, the files it wrote, one
// site path a line.
const exportList = ".cxquiz-export"

// clearExport makes dir ready for an export: it creates it, or removes
// the files a previous export listed in exportList (and the directories
// they leave empty), so a page or asset the new one lacks is not left
// behind; files it did not write (a host's CNAME or _headers) stay. It
// refuses a directory that holds anything else, whose files an export
// cannot tell from the operator's.
func clearExport(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("making %s: %w", dir, err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("the export directory: %w", err)
	case len(entries) == 0:
		return nil
	}
	list, err := os.ReadFile(filepath.Join(dir, exportList))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is not empty and holds no earlier export (no %s): export into an empty or new directory", dir, exportList)
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", filepath.Join(dir, exportList), err)
	}
	dirs := map[string]bool{}
	for _, name := range strings.Split(string(list), "\n") {
		// Only paths an export writes: nothing outside dir.
		name = path.Clean("/" + strings.TrimSpace(name))
		if name == "/" {
			continue
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing the earlier export's %s: %w", name, err)
		}
		for d := path.Dir(name); d != "/"; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first; a directory with files of the operator's stays.
	sorted := make([]string, 0, len(dirs))
	for d := range dirs {
		sorted = append(sorted, d)
	}
	sort.Slice(sorted, func(i, j int) bool { return strings.Count(sorted[i], "/") > strings.Count(sorted[j], "/") })
	for _, d := range sorted {
		if entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(d))); err == nil && len(entries) == 0 {
			os.Remove(filepath.Join(dir, filepath.FromSlash(d)))
		}
	}
	return os.Remove(filepath.Join(dir, exportList))
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
