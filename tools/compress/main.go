// Command compress writes brotli (.br) and gzip (.gz) siblings for the static
// assets in a directory.
//
// The server serves precompressed assets and never compresses on the fly, so
// every compressible file must have its .br and .gz counterparts on disk.
// Outputs that are newer than their source are left alone, which keeps
// repeated make runs quick.
//
// Usage:
//
//	go run ./tools/compress DIR
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
)

// compressible lists the extensions worth compressing.
var compressible = map[string]bool{
	".wasm": true, ".js": true, ".css": true, ".svg": true, ".json": true,
	".webmanifest": true, ".html": true, ".txt": true, ".xml": true,
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: compress DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "compress:", err)
		os.Exit(1)
	}
}

// run compresses every eligible regular file directly in dir, logging one
// line per source file to log.
func run(dir string, log io.Writer) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !compressible[strings.ToLower(filepath.Ext(name))] {
			continue // also skips .br and .gz, which are not listed
		}
		if err := compressFile(filepath.Join(dir, name), log); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// wasmWindow is the brotli window (log2 bytes) for WebAssembly files: 16 MB,
// the largest RFC 7932 allows and browsers decode, against the default 4 MB.
// It takes ~17 kB off app.wasm.br; the price is the decoder's window, ~12 MB
// more memory while the browser decompresses app.wasm.
const wasmWindow = 24

// encoders maps an output suffix to a function wrapping w, the encoding of
// the file named name.
var encoders = []struct {
	ext string
	new func(w io.Writer, name string) io.WriteCloser
}{
	{".br", func(w io.Writer, name string) io.WriteCloser {
		opt := brotli.WriterOptions{Quality: brotli.BestCompression}
		if strings.EqualFold(filepath.Ext(name), ".wasm") {
			opt.LGWin = wasmWindow
		}
		return brotli.NewWriterOptions(w, opt)
	}},
	{".gz", func(w io.Writer, name string) io.WriteCloser {
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // level is valid
		return zw
	}},
}

func compressFile(path string, log io.Writer) error {
	src, err := os.Stat(path)
	if err != nil {
		return err
	}
	var data []byte
	sizes := make([]int64, len(encoders))
	for i, enc := range encoders {
		out := path + enc.ext
		if fi, err := os.Stat(out); err == nil && fi.ModTime().After(src.ModTime()) {
			sizes[i] = fi.Size()
			continue
		}
		if data == nil {
			if data, err = os.ReadFile(path); err != nil {
				return err
			}
		}
		var buf bytes.Buffer
		w := enc.new(&buf, path)
		if _, err := w.Write(data); err != nil {
			return fmt.Errorf("encode %s: %w", enc.ext, err)
		}
		if err := w.Close(); err != nil {
			return fmt.Errorf("encode %s: %w", enc.ext, err)
		}
		if err := writeAtomic(out, buf.Bytes()); err != nil {
			return err
		}
		sizes[i] = int64(buf.Len())
	}
	fmt.Fprintf(log, "compress: %s %s → br %s, gz %s\n",
		filepath.Base(path), human(src.Size()), human(sizes[0]), human(sizes[1]))
	return nil
}

// writeAtomic writes data to a temporary file next to path and renames it
// into place, so readers never see a partial file.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// human formats n bytes as B, kB or MB (decimal units).
func human(n int64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	default:
		return fmt.Sprintf("%d B", n)
	}
}
