//go:build !wasm

package server

import (
	"bufio"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// fuzzSeeds are URLs worth starting from: every screen, answers and
// display options, and the kinds of damage TestBadInput tries.
func fuzzSeeds() []string {
	full := bank.NewAnswers()
	for i := range full {
		full[i] = i % 4
	}
	code := bank.Encode(full)
	partial := bank.Encode(bank.NewAnswers().With(1, 2))
	return []string{
		"/", "/index.html", "/q/1", "/q/24?a=" + partial + "&pick=4", "/q/1?pick=2&lang=de&embed=1&accent=%23ff0000&compact=1&share=0",
		"/result?a=" + code, "/result?a=" + code + "&shared=1", "/result?a=" + partial, "/result?a=" + code[:9],
		"/compare?r=" + code + "&r=" + partial, "/compare?links=https%3A%2F%2Fx%2Fresult%3Fa%3D" + code + "%0A" + partial,
		"/q/1?pick=", "/q/0", "/nope", "/web/app.wasm", "/web/../main.go", "/%ff%fe", "/?a=%zz", "/?a;b",
		"/?lang=%3Cscript%3E", "/compare?r=%22%3E%3Cimg%20src%3Dx%3E", "/%22%3E%3Cscript%3E", "/sitemap.xml",
	}
}

func checkNext(t *testing.T, next string) {
	t.Helper()
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) {
		t.Fatalf("next %q is not a path on this site", next)
	}
	u, err := url.Parse(next)
	if err != nil {
		t.Fatalf("%q: %v", next, err)
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil {
		t.Fatalf("next %q leaves the site", next)
	}
	if strings.ContainsAny(next, "\x00\r\n\t \"'<>\\") {
		t.Fatalf("next %q is not escaped", next)
	}
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
			checkNext(t, loc)
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
