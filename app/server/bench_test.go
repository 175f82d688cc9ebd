//go:build !wasm

package server

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
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
