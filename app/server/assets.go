//go:build !wasm

package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

// asset is one static file with its precompressed variants.
type asset struct {
	raw, br, gz []byte
	ctype       string
	etag        string
}

// assets are the files under /web/, read once at start-up.
type assets struct {
	files   map[string]*asset
	version string // hash of every file: changes with every build
}

func loadAssets(files fs.FS) (*assets, error) {
	a := &assets{files: map[string]*asset{}}
	names, err := fs.Glob(files, "*")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	all := sha256.New()
	for _, name := range names {
		if strings.HasSuffix(name, ".go") || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			continue
		}
		raw, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, fmt.Errorf("reading asset %s: %w", name, err)
		}
		sum := sha256.Sum256(raw)
		x := &asset{raw: raw, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: contentType(name)}
		// A variant is used only where it saves bytes.
		if br, _ := fs.ReadFile(files, name+".br"); len(br) < len(raw) {
			x.br = br
		}
		if gz, _ := fs.ReadFile(files, name+".gz"); len(gz) < len(raw) {
			x.gz = gz
		}
		a.files[name] = x
		fmt.Fprintf(all, "%s %x\n", name, sum)
	}
	a.version = hex.EncodeToString(all.Sum(nil)[:6])
	return a, nil
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".js":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// serve writes the named asset in the best encoding the client accepts.
// Versioned requests (?v=VERSION, as the page links them) may be cached
// for good; others are revalidated with the ETag.
func (a *assets) serve(w http.ResponseWriter, r *http.Request, name string) {
	x, ok := a.files[name]
	if !ok {
		http.Error(w, "404 not found: no such file", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", x.ctype)
	etag := x.etag
	if r.URL.Query().Get("v") == a.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	body := x.raw
	if len(x.br) > 0 || len(x.gz) > 0 {
		h.Add("Vary", "Accept-Encoding")
		switch enc := acceptedEncodings(r.Header.Get("Accept-Encoding")); {
		case len(x.br) > 0 && enc["br"]:
			body, etag = x.br, strings.TrimSuffix(x.etag, `"`)+`-br"`
			h.Set("Content-Encoding", "br")
		case len(x.gz) > 0 && enc["gzip"]:
			body, etag = x.gz, strings.TrimSuffix(x.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// acceptedEncodings parses Accept-Encoding, leaving out codings with q=0.
func acceptedEncodings(header string) map[string]bool {
	m := map[string]bool{}
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := strings.ReplaceAll(params, " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			continue
		}
		m[strings.ToLower(strings.TrimSpace(name))] = true
	}
	return m
}

// add registers a file made at start-up (go-app's scripts) under name,
// compressed once.
func (a *assets) add(name, ctype string, raw []byte) {
	sum := sha256.Sum256(raw)
	x := &asset{raw: raw, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	var gz, br bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	bw.Write(raw)
	bw.Close()
	if gz.Len() < len(raw) {
		x.gz = gz.Bytes()
	}
	if br.Len() < len(raw) {
		x.br = br.Bytes()
	}
	a.files[name] = x
}
