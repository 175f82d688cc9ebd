// Package load is the quiz's load generator, shared by `make load`
// (tools/load) and `make bench` (bench): it answers the quiz through its
// own forms to get real result codes, and sends requests over a fixed
// number of keep-alive connections for a fixed time.
package load

import (
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// NewClient is a client for conns connections to one host that does not
// follow redirects and leaves bodies as sent.
func NewClient(conns int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        2 * conns,
			MaxIdleConnsPerHost: 2 * conns,
			MaxConnsPerHost:     conns,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true, // bodies are counted as sent
		},
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Target is a set of URL paths asked for in turn.
type Target struct {
	Name  string
	Paths []string
	// Header goes with every request (Accept-Encoding, say).
	Header http.Header
	// Form, if set, makes the requests POSTs of the form it returns, as a
	// page's form sends them. They change what the server stores, so the
	// end of a run never cuts one short: every request sent is counted.
	Form func() url.Values
	// Want is the status every answer should have; 0 for any 2xx.
	Want int
	// Check, if set, judges every answer with the status wanted by its
	// headers.
	Check func(*http.Response) error
}

// Result is one run against one target.
type Result struct {
	Target    *Target
	Requests  int // answered, errors included
	Errors    int // transport errors and failed checks
	Non2xx    int // answers without the status wanted (Target.Want, else 2xx)
	Status5xx int
	FirstErr  string
	Bytes     int64
	Elapsed   time.Duration
	Latencies []time.Duration // of the answered requests, sorted
}

// RPS is the rate of answered requests.
func (r Result) RPS() float64 { return float64(len(r.Latencies)) / r.Elapsed.Seconds() }

// Percentile of the latencies, nearest rank; 0 for none.
func (r Result) Percentile(p float64) time.Duration {
	s := r.Latencies
	if len(s) == 0 {
		return 0
	}
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// Failed counts errors and 5xx answers: what a healthy server never gives.
func (r Result) Failed() int { return r.Errors + r.Status5xx }

// OK counts the answers with the status wanted that passed the check.
func (r Result) OK() int { return r.Requests - r.Errors - r.Non2xx }

// Run sends requests to base+t.Paths in turn over conns workers, each
// sending its next request as soon as the last one is answered, for d.
// Requests cut short by the end of the run are not counted (form posts
// are not cut short).
func Run(ctx context.Context, client *http.Client, base string, t *Target, conns int, d time.Duration) Result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return run(ctx, client, base, t, conns, false)
}

// Each asks for every path of t once, over conns workers.
func Each(ctx context.Context, client *http.Client, base string, t *Target, conns int) Result {
	return run(ctx, client, base, t, conns, true)
}

func run(ctx context.Context, client *http.Client, base string, t *Target, conns int, once bool) Result {
	var turn atomic.Uint64
	ws := make([]Result, conns)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range ws {
		w := &ws[i]
		w.Latencies = make([]time.Duration, 0, 1<<12)
		wg.Go(func() {
			for ctx.Err() == nil {
				i := turn.Add(1) - 1
				if once && i >= uint64(len(t.Paths)) {
					return
				}
				w.do(ctx, client, base+t.Paths[i%uint64(len(t.Paths))], t)
			}
		})
	}
	wg.Wait()
	r := Result{Target: t, Elapsed: time.Since(start)}
	for _, w := range ws {
		r.Requests += w.Requests
		r.Errors += w.Errors
		r.Non2xx += w.Non2xx
		r.Status5xx += w.Status5xx
		r.Bytes += w.Bytes
		r.Latencies = append(r.Latencies, w.Latencies...)
		if r.FirstErr == "" {
			r.FirstErr = w.FirstErr
		}
	}
	slices.Sort(r.Latencies)
	return r
}

func (w *Result) do(ctx context.Context, client *http.Client, target string, t *Target) {
	method, body := http.MethodGet, io.Reader(nil)
	if t.Form != nil {
		// Sent means counted: the end of the run does not cancel it.
		method, body, ctx = http.MethodPost, strings.NewReader(t.Form().Encode()), context.WithoutCancel(ctx)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		panic(err) // the paths are the caller's own
	}
	for k, v := range t.Header {
		req.Header[k] = v
	}
	if t.Form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	began := time.Now()
	res, err := client.Do(req)
	if err == nil {
		var n int64
		n, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		w.Bytes += n
		if err == nil && res.ContentLength >= 0 && n != res.ContentLength {
			err = fmt.Errorf("%d of %d bytes", n, res.ContentLength)
		}
	}
	took := time.Since(began)
	if ctx.Err() != nil {
		return
	}
	fail := func(msg string) {
		if w.FirstErr == "" {
			w.FirstErr = msg
		}
	}
	w.Requests++
	switch {
	case err != nil:
		w.Errors++
		fail(err.Error())
		return
	case res.StatusCode >= 500:
		w.Status5xx++
		w.Non2xx++
		fail(res.Status)
	case t.Want != 0 && res.StatusCode != t.Want, t.Want == 0 && (res.StatusCode < 200 || res.StatusCode > 299):
		w.Non2xx++
		fail(res.Status)
	case t.Check != nil:
		if err := t.Check(res); err != nil {
			w.Errors++
			fail(err.Error())
		}
	}
	w.Latencies = append(w.Latencies, took)
}

// Answer submits option pick (1–4) on the question page at path through
// its form, as a browser without JavaScript does, and returns where the
// server redirects.
func Answer(ctx context.Context, client *http.Client, base, path string, pick int) (string, error) {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	u := fmt.Sprintf("%s%s%spick=%d", base, path, sep, pick)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	res, err := client.Do(req)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("answering %s: %s, not a redirect", path, res.Status)
	}
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.Path, "/") || loc.Host != "" {
		return "", fmt.Errorf("answering %s: redirect to %q", path, res.Header.Get("Location"))
	}
	return loc.RequestURI(), nil
}

// QuestionURL answers questions 1 to n-1 (option i%4+1 for question i)
// and returns the URL of question n with the answers so far.
func QuestionURL(ctx context.Context, client *http.Client, base string, n int) (string, error) {
	path := "/q/1"
	for i := 1; i < n; i++ {
		var err error
		if path, err = Answer(ctx, client, base, path, i%4+1); err != nil {
			return "", err
		}
	}
	if !strings.HasPrefix(path, fmt.Sprintf("/q/%d?", n)) && n > 1 {
		return "", fmt.Errorf("answering %d questions led to %s, not question %d", n-1, path, n)
	}
	return path, nil
}

// ResultURL answers every question (option i%4+1 for question i) and
// returns the URL of the result.
func ResultURL(ctx context.Context, client *http.Client, base string) (string, error) {
	path := "/q/1"
	for i := 1; i < 100 && !strings.HasPrefix(path, "/result"); i++ {
		var err error
		if path, err = Answer(ctx, client, base, path, i%4+1); err != nil {
			return "", err
		}
	}
	if !strings.HasPrefix(path, "/result?a=") {
		return "", fmt.Errorf("answering every question led to %q", path)
	}
	return path, nil
}

// AllQuestionURLs answers questions 1 to n-1 in every way, level by level
// over workers connections, and returns the 4^(n-1) URLs of question n:
// pages that all differ.
func AllQuestionURLs(ctx context.Context, client *http.Client, base string, n, workers int) ([]string, error) {
	level := []string{"/q/1"}
	for q := 1; q < n; q++ {
		next := make([]string, len(level)*4)
		var firstErr error
		var mu sync.Mutex
		jobs := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := range jobs {
					loc, err := Answer(ctx, client, base, level[i/4], i%4+1)
					mu.Lock()
					if err != nil && firstErr == nil {
						firstErr = err
					}
					next[i] = loc
					mu.Unlock()
				}
			})
		}
		for i := range next {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		if firstErr != nil {
			return nil, firstErr
		}
		level = next
	}
	return level, nil
}
