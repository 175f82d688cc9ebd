//go:build !wasm

package server

import (
	"compress/gzip"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// Pages go brotli-compressed to clients that take it, gzipped to those
// that take only gzip, and as they are to the rest; all three the same.
func TestPageEncodings(t *testing.T) {
	_, ts := testServer(t)
	var bodies []string
	for _, tc := range []struct{ accept, want string }{
		{"gzip, deflate, br, zstd", "br"},
		{"gzip", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"identity", ""},
	} {
		res, body := get(t, ts, "/q/2", "Accept-Encoding", tc.accept)
		if got := res.Header.Get("Content-Encoding"); got != tc.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tc.accept, got, tc.want)
			continue
		}
		if vary := strings.Join(res.Header.Values("Vary"), ", "); !strings.Contains(vary, "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q", tc.accept, vary)
		}
		var r io.Reader = strings.NewReader(body)
		switch tc.want {
		case "br":
			r = brotli.NewReader(r)
		case "gzip":
			zr, err := gzip.NewReader(r)
			if err != nil {
				t.Fatal(err)
			}
			r = zr
		}
		plain, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("Accept-Encoding %q: %v", tc.accept, err)
		}
		bodies = append(bodies, string(plain))
	}
	for i, b := range bodies {
		if b != bodies[0] {
			t.Errorf("page %d differs from the first", i)
		}
	}
	if !strings.Contains(bodies[0], `id="answer"`) {
		t.Errorf("not the question page: %.300s", bodies[0])
	}
}

// A page carries only the quiz's styles: none of go-app's loader styles,
// and the loading note shows the icon, still, loaded lazily: the note is
// hidden but when a page is opened offline, and a hidden image that is
// not lazy is fetched all the same, while the page renders.
func TestPageTrimmed(t *testing.T) {
	_, ts := testServer(t)
	res, body := get(t, ts, "/q/1")
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, unwanted := range []string{"goapp-spin", "goapp-notfound-title", `href="/app.css"`, `<meta name="author">`, "icon-192.png"} {
		if strings.Contains(body, unwanted) {
			t.Errorf("the page has %q", unwanted)
		}
	}
	for _, wanted := range []string{`id="app-wasm-loader"`, `class="goapp-logo"`, `loading="lazy" src="/web/icon.svg?v=`, "<style>body{}</style>"} {
		if !strings.Contains(body, wanted) {
			t.Errorf("the page lacks %q", wanted)
		}
	}
	if n := strings.Count(body, `src="/web/icon.svg?v=`); n != 1 {
		t.Errorf("the icon file is shown %d times, want 1 (the loading note; the header draws it inline)", n)
	}
}

// go-app's app.js, as served: app.wasm is compiled in a worker (the
// versioned script the service worker keeps) or else streams straight
// into the compiler, the program starts when the page is idle, and the
// loader is left for the wasm to remove once it has mounted.
func TestAppJSStartsWhenIdle(t *testing.T) {
	s, ts := testServer(t)
	_, js := get(t, ts, "/app.js")
	for _, want := range []string{
		`await cxquizInstantiate("/web/app.wasm?v=` + s.version + `", "/web/compile-worker.js?v=` + s.version + `", go.importObject, instantiateStreaming);`,
		"new Worker(workerURL)", "return await instantiateStreaming(fetch(wasmURL), importObject);",
		"requestIdleCallback(resolve", "\n    go.run(wasm.instance);\n  } catch",
	} {
		if !strings.Contains(js, want) {
			t.Errorf("app.js lacks %q", want)
		}
	}
	if strings.Contains(js, `fetchWithProgress("`) {
		t.Error("app.js still counts app.wasm's progress in JavaScript")
	}
	_, sw := get(t, ts, "/app-worker.js")
	if !strings.Contains(sw, `"/web/compile-worker.js?v=`+s.version+`"`) {
		t.Error("the service worker does not keep the compile worker's script: offline, app.js would compile app.wasm on the main thread")
	}
}

// Question pages made per URL from a stand-in rendering compress only
// what follows its shared head (compress.go): each encoding still
// decodes to the page sent uncompressed, with a valid gzip trailer and no
// bytes after the end of the brotli stream.
func TestPagesFromStandInEncodings(t *testing.T) {
	s, ts := testServer(t)
	s.styles = parseStylesheet(strings.Repeat("main p{margin:0 auto}", 400)) // a head as large as the real one
	for _, path := range []string{"/q/2?a=", "/q/7?a=", "/q/24?a=", "/q/3?lang=de&a="} {
		n, _ := strconv.Atoi(strings.TrimPrefix(path[:strings.Index(path, "?")], "/q/"))
		for first := range 4 {
			a := bank.NewAnswers()
			for i := 0; i < n-1; i++ {
				a[i] = (first + i) % 4
			}
			a[n-1] = first // the option shown as chosen
			u := path + bank.Encode(a)
			_, plain := get(t, ts, u, "Accept-Encoding", "identity")
			if !strings.Contains(plain, bank.Encode(a)) {
				t.Fatalf("%s: the page does not hold its code", u)
			}
			for _, enc := range []string{"br", "gzip"} {
				res, body := get(t, ts, u, "Accept-Encoding", enc)
				if got := res.Header.Get("Content-Encoding"); got != enc {
					t.Fatalf("%s: Content-Encoding %q, want %q", u, got, enc)
				}
				var r io.Reader
				in := strings.NewReader(body)
				if enc == "br" {
					r = brotli.NewReader(in)
				} else {
					zr, err := gzip.NewReader(in)
					if err != nil {
						t.Fatal(err)
					}
					zr.Multistream(false)
					r = zr
				}
				got, err := io.ReadAll(r)
				if err != nil {
					t.Fatalf("%s %s: %v", u, enc, err)
				}
				if string(got) != plain {
					t.Errorf("%s %s: decodes to another page (%d bytes, want %d)", u, enc, len(got), len(plain))
				}
				if enc == "br" && body[len(body)-1] == 0 {
					t.Errorf("%s br: ends with a zero byte after the stream", u)
				}
				if enc == "gzip" && in.Len() != 0 {
					t.Errorf("%s gzip: %d bytes after the stream", u, in.Len())
				}
			}
		}
	}
}
