//go:build !wasm

package main

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
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
