//go:build !wasm

package server

import (
	"bufio"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"cxquiz/app/route/routetest"
)

// fuzzSeeds are the route's seeds and what only the server sees: files,
// paths out of the tree and bytes no link holds.
func fuzzSeeds() []string {
	return append(routetest.Seeds(bank), "/web/app.wasm", "/web/../main.go", "/%ff%fe", "/%22%3E%3Cscript%3E", "/sitemap.xml")
}

var scriptTag = regexp.MustCompile(`<script[^>]*>`)

// FuzzServeHTTP sends arbitrary request targets through the whole
// handler, as the server parses them: never a 5xx, never a panic, and
// no markup from the URL on a page.
func FuzzServeHTTP(f *testing.F) {
	s, _ := testServer(f)
	logs := &syncBuffer{}
	s.log = log.New(logs, "", 0)
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + target + " HTTP/1.1\r\nHost: quiz.test\r\n\r\n")))
		if err != nil {
			return // net/http answers 400 before the handler sees it
		}
		logs.Reset()
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if l := logs.String(); strings.Contains(l, "panic") {
			t.Fatalf("GET %q: %s", target, l)
		}
		if w.Code >= 500 {
			t.Fatalf("GET %q: status %d", target, w.Code)
		}
		if loc := w.Header().Get("Location"); loc != "" {
			if err := routetest.CheckNext(loc); err != nil {
				t.Fatal(err)
			}
		}
		body := w.Body.String()
		if strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			for _, tag := range scriptTag.FindAllString(body, -1) {
				if !strings.Contains(tag, ` src="/`) {
					t.Fatalf("GET %q: a script from the URL: %s", target, tag)
				}
			}
			if strings.Contains(body, `\"`) {
				i := strings.Index(body, `\"`)
				t.Fatalf("GET %q: an attribute broken by a quote: …%s…", target, body[max(0, i-60):min(len(body), i+60)])
			}
			if w.Code >= 400 && !strings.Contains(body, `id="start-over"`) && !strings.Contains(body, `id="screen-heading"`) {
				t.Fatalf("GET %q: the %d page offers no way on", target, w.Code)
			}
		}
	})
}
