package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	want := []byte(strings.Repeat("console.log('customer at the centre');\n", 200))
	files := map[string][]byte{
		"app.js":     want,
		"logo.png":   []byte("not compressible"),
		"old.js.br":  []byte("stale"),
		"old.js.gz":  []byte("stale"),
		"sub.js":     nil, // a directory with a listed extension
		"README.txt": []byte("hello"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if data == nil {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var log bytes.Buffer
	if err := run(dir, &log); err != nil {
		t.Fatal(err)
	}

	if got := decode(t, filepath.Join(dir, "app.js.br"), func(r io.Reader) (io.Reader, error) {
		return brotli.NewReader(r), nil
	}); !bytes.Equal(got, want) {
		t.Errorf("app.js.br decodes to %d bytes, want %d", len(got), len(want))
	}
	if got := decode(t, filepath.Join(dir, "app.js.gz"), func(r io.Reader) (io.Reader, error) {
		return gzip.NewReader(r)
	}); !bytes.Equal(got, want) {
		t.Errorf("app.js.gz decodes to %d bytes, want %d", len(got), len(want))
	}

	for _, name := range []string{
		"logo.png.br", "logo.png.gz", // extension not listed
		"old.js.br.br", "old.js.br.gz", "old.js.gz.br", "old.js.gz.gz", // already compressed
		"sub.js.br", "sub.js.gz", // directory
	} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s was created, want skipped", name)
		}
	}
	if n := strings.Count(log.String(), "\n"); n != 2 {
		t.Errorf("log has %d lines, want 2 (app.js, README.txt):\n%s", n, log.String())
	}
	if !strings.Contains(log.String(), "compress: app.js 7.8 kB → br ") {
		t.Errorf("unexpected log format:\n%s", log.String())
	}
}

func TestRunSkipsUpToDate(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.css")
	if err := os.WriteFile(src, []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(dir, io.Discard); err != nil {
		t.Fatal(err)
	}
	// Make the outputs clearly newer and mark them, then rerun.
	future := time.Now().Add(time.Hour)
	for _, ext := range []string{".br", ".gz"} {
		p := src + ext
		if err := os.WriteFile(p, []byte("marker"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, future, future); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(dir, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".br", ".gz"} {
		if b, _ := os.ReadFile(src + ext); string(b) != "marker" {
			t.Errorf("a.css%s was rewritten although up to date", ext)
		}
	}
}

func decode(t *testing.T, path string, newReader func(io.Reader) (io.Reader, error)) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := newReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return b
}

// TestRunWasmWindow checks that WebAssembly is compressed with the large
// window (read from the stream header, RFC 7932 section 9.1) and other
// files with the default one, and that both decode.
func TestRunWasmWindow(t *testing.T) {
	dir := t.TempDir()
	want := []byte(strings.Repeat("\x00asm customer lifetime value\n", 300))
	for _, name := range []string{"app.wasm", "app.js"} {
		if err := os.WriteFile(filepath.Join(dir, name), want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(dir, io.Discard); err != nil {
		t.Fatal(err)
	}
	for name, lgwin := range map[string]int{"app.wasm.br": wasmWindow, "app.js.br": 22} {
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := window(b); got != lgwin {
			t.Errorf("%s: window 2^%d, want 2^%d", name, got, lgwin)
		}
		if got := decode(t, p, func(r io.Reader) (io.Reader, error) {
			return brotli.NewReader(r), nil
		}); !bytes.Equal(got, want) {
			t.Errorf("%s decodes to %d bytes, want %d", name, len(got), len(want))
		}
	}
}

// window reads WBITS, the log2 window size, from a brotli stream's first
// bits (for windows of 16 to 24, the ones this tool writes).
func window(b []byte) int {
	if len(b) == 0 || b[0]&1 == 0 {
		return 16
	}
	if n := int(b[0]>>1) & 7; n != 0 {
		return 17 + n
	}
	return 0 // 10 to 15 or 17: not written here
}
