package load

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

func TestEachAndRun(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.RequestURI()]++
		mu.Unlock()
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/broken":
			http.Error(w, "x", http.StatusInternalServerError)
		default:
			w.Write([]byte("hello"))
		}
	}))
	defer ts.Close()
	client := NewClient(4)
	tg := &Target{Name: "pages", Paths: []string{"/a", "/b", "/c", "/missing", "/broken"}}
	r := Each(context.Background(), client, ts.URL, tg, 3)
	if r.Requests != 5 || len(r.Latencies) != 5 || r.Non2xx != 2 || r.Status5xx != 1 || r.Failed() != 1 || r.Bytes < 15 {
		t.Errorf("Each: %+v", r)
	}
	for _, p := range tg.Paths {
		if seen[p] != 1 {
			t.Errorf("%s asked for %d times, want once", p, seen[p])
		}
	}
	ok := &Target{Name: "one", Paths: []string{"/a"}, Check: func(*http.Response) error { return nil }}
	r = Run(context.Background(), client, ts.URL, ok, 2, 200*time.Millisecond)
	if r.Failed() != 0 || len(r.Latencies) == 0 || r.RPS() <= 0 || r.Elapsed < 200*time.Millisecond {
		t.Errorf("Run: %d requests, %d failed, elapsed %s", len(r.Latencies), r.Failed(), r.Elapsed)
	}
}

func TestPercentile(t *testing.T) {
	r := Result{Latencies: []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}
	for p, want := range map[float64]time.Duration{50: 5, 99: 10, 100: 10, 10: 1, 0: 1} {
		if got := r.Percentile(p); got != want {
			t.Errorf("p%g = %d, want %d", p, got, want)
		}
	}
	if (Result{}).Percentile(50) != 0 {
		t.Error("no latencies")
	}
}

// TestForm: form posts are POSTs of the form, judged by the status
// wanted, and the end of a run cuts none short: every one the server
// answered is counted.
func TestForm(t *testing.T) {
	var mu sync.Mutex
	var posts int
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || r.PostFormValue("m") == "" {
			http.Error(w, "not the form", http.StatusBadRequest)
			return
		}
		time.Sleep(20 * time.Millisecond) // some are under way when the run ends
		mu.Lock()
		posts++
		mu.Unlock()
		if r.URL.Path == "/ok" {
			w.WriteHeader(http.StatusOK)
			return
		}
		http.Redirect(w, r, "/done", http.StatusSeeOther)
	}))
	defer ts.Close()
	client := NewClient(4)
	form := func() url.Values { return url.Values{"m": {"x"}} }
	r := Run(context.Background(), client, ts.URL, &Target{Name: "add", Paths: []string{"/add"}, Form: form, Want: http.StatusSeeOther}, 4, 100*time.Millisecond)
	mu.Lock()
	n := posts
	mu.Unlock()
	if r.OK() == 0 || r.OK() != n || r.Failed() != 0 || r.Non2xx != 0 {
		t.Errorf("%d posts answered, counted %d OK, %d failed, %d non-303 (first: %s)", n, r.OK(), r.Failed(), r.Non2xx, r.FirstErr)
	}
	r = Each(context.Background(), client, ts.URL, &Target{Name: "ok", Paths: []string{"/ok"}, Form: form, Want: http.StatusSeeOther}, 1)
	if r.OK() != 0 || r.Non2xx != 1 {
		t.Errorf("a 200 where 303 is wanted: %d OK, %d non-303", r.OK(), r.Non2xx)
	}
}
