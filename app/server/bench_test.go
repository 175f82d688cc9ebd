//go:build !wasm

package server

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"testing/fstest"
)

// BenchmarkQuestionPage measures one prerendered question page through
// the whole handler, as the server answers it.
func BenchmarkQuestionPage(b *testing.B) {
	s, _ := testServer(b)
	s.log = log.New(io.Discard, "", 0)
	code := bank.Encode(bank.NewAnswers().With(1, 1).With(2, 2).With(3, 0))
	req := httptest.NewRequest(http.MethodGet, "/q/4?a="+code, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkQuestionPagesDistinct asks for 4,096 different question URLs
// in turn, gzipped, as a crowd of respondents would.
func BenchmarkQuestionPagesDistinct(b *testing.B) {
	s, _ := testServer(b)
	s.log = log.New(io.Discard, "", 0)
	var reqs []*http.Request
	for i := 0; len(reqs) < 4096; i++ {
		a := bank.NewAnswers()
		for q := range 6 {
			a[q] = (i >> (2 * q)) & 3
		}
		req := httptest.NewRequest(http.MethodGet, "/q/"+strconv.Itoa(1+i%24)+"?a="+bank.Encode(a), nil)
		req.Header.Set("Accept-Encoding", "gzip, br")
		reqs = append(reqs, req)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, reqs[i%len(reqs)])
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
		i++
	}
}

// realServer is a test server with the real web/ styles and scripts, so
// pages are as large as the ones the binary sends.
func realServer(b testing.TB) *Server {
	s, _ := realTestServer(b)
	return s
}

// realTestServer is realServer with its test server.
func realTestServer(b testing.TB) (*Server, *httptest.Server) {
	files := fstest.MapFS{"app.wasm": {Data: []byte("wasm")}}
	for _, name := range []string{"quiz.css", "quiz.js", "embed.js", "icon.svg", "compile-worker.js"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "web", name))
		if err != nil {
			b.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	return startTest(b, Config{Banks: pageBanks, Files: files})
}

// distinctQuestions are n question-7 URLs, each with its own answers to
// questions 1–6, as the bench's server part asks for them.
func distinctQuestions(n int, enc string) []*http.Request {
	var reqs []*http.Request
	for i := 0; len(reqs) < n; i++ {
		a := bank.NewAnswers()
		for q := range 6 {
			a[q] = (i >> (2 * q)) & 3
		}
		req := httptest.NewRequest(http.MethodGet, "/q/7?a="+bank.Encode(a), nil)
		req.Header.Set("Accept-Encoding", enc)
		reqs = append(reqs, req)
	}
	return reqs
}

// BenchmarkQuestionMiss asks for 4,096 distinct question-7 URLs with the
// real styles inlined, more than the page cache keeps: every request is
// a miss, the normal case (a URL holds one respondent's answers).
func BenchmarkQuestionMiss(b *testing.B) {
	for _, enc := range []string{"br", "gzip", "identity"} {
		b.Run(enc, func(b *testing.B) {
			s := realServer(b)
			s.log = log.New(io.Discard, "", 0)
			reqs := distinctQuestions(4096, enc)
			b.ReportAllocs()
			i, size := 0, 0
			for b.Loop() {
				w := httptest.NewRecorder()
				s.ServeHTTP(w, reqs[i%len(reqs)])
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
				size = w.Body.Len()
				i++
			}
			b.ReportMetric(float64(size), "B/page")
		})
	}
}
