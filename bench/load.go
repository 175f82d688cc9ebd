package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// loadResult is one load test: conns workers, each sending a request as
// soon as its last one was answered, for a fixed duration.
type loadResult struct {
	name, path   string
	urls         int // distinct URLs, taken in turn
	encoding     string
	requests     int
	errors       int
	firstErr     string
	elapsed      time.Duration
	p50, p99, mx time.Duration
	bodyBytes    int64
	serverCPU    time.Duration // the server process's CPU time during the test
	benchCPU     time.Duration // the load generator's own
	otherCPU     time.Duration // everything else on the machine
}

func (l loadResult) rps() float64 { return float64(l.requests) / l.elapsed.Seconds() }

// loadTarget is one URL set, measured runs times.
type loadTarget struct {
	name, path, encoding string
	urls                 int
	runs                 []loadResult
}

type loadResults struct {
	conns        int
	duration     time.Duration
	startRSSKB   int64
	hwmKB, rssKB int64 // after all tests
	targets      []*loadTarget
}

// stat returns the median and the range of f over the runs.
func (t *loadTarget) stat(f func(loadResult) float64) (med, lo, hi float64) {
	var xs []float64
	for _, r := range t.runs {
		xs = append(xs, f(r))
	}
	lo, hi = spread(xs)
	return median(xs), lo, hi
}

// quiet returns the runs in which other processes took less than a tenth
// of the machine's CPU time.
func (t *loadTarget) quiet() *loadTarget {
	q := &loadTarget{name: t.name, path: t.path, encoding: t.encoding, urls: t.urls}
	for _, r := range t.runs {
		if r.otherCPU < time.Duration(float64(r.elapsed)*float64(runtime.NumCPU())/10) {
			q.runs = append(q.runs, r)
		}
	}
	return q
}

func (t *loadTarget) errors() (n int, first string) {
	for _, r := range t.runs {
		n += r.errors
		if first == "" {
			first = r.firstErr
		}
	}
	return n, first
}

func measureLoad(ctx context.Context, c config, srv *server) (*loadResults, error) {
	client := loadClient(c.conns)
	defer client.CloseIdleConnections()
	page, err := partialAnswerURL(ctx, client, srv.url, 7)
	if err != nil {
		return nil, err
	}
	assetPath, err := staticAsset(ctx, srv.url)
	if err != nil {
		return nil, err
	}
	before, err := readProc(srv.cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	progress("load: answering questions 1–6 every way (4⁶ codes) for distinct question-7 URLs")
	distinct, err := allAnswerURLs(ctx, client, srv.url, 7, c.conns)
	if err != nil {
		return nil, err
	}
	res := &loadResults{conns: c.conns, duration: c.duration, startRSSKB: before.rssKB}
	const browserEncodings = "gzip, deflate, br"
	targets := []struct {
		name string
		urls []string
		enc  string
	}{
		{"prerendered question page, one URL", []string{page}, browserEncodings},
		{fmt.Sprintf("prerendered question pages, %d URLs in turn", len(distinct)), distinct, browserEncodings},
		{"static file (ceiling)", []string{assetPath}, "br"},
	}
	for _, t := range targets {
		res.targets = append(res.targets, &loadTarget{name: t.name, path: t.urls[0], encoding: t.enc, urls: len(t.urls)})
	}
	// Runs take the targets in turn, so a busy moment on the machine
	// does not land on one target only.
	for i := range c.runs {
		for j, t := range targets {
			progress("load run %d/%d: %s (%s…), %d connections, %s (+%s warm-up)", i+1, c.runs, t.name, short(t.urls[0]), c.conns, c.duration, c.warmup)
			r, err := loadTest(ctx, client, srv, c, t.name, t.urls, t.enc)
			if err != nil {
				return nil, err
			}
			progress("  %.0f req/s, p50 %s, p99 %s, %d errors; CPU: server %.1fs, bench %.1fs, other processes %.1fs",
				r.rps(), dur(r.p50), dur(r.p99), r.errors, r.serverCPU.Seconds(), r.benchCPU.Seconds(), r.otherCPU.Seconds())
			res.targets[j].runs = append(res.targets[j].runs, r)
		}
	}
	after, err := readProc(srv.cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	res.hwmKB, res.rssKB = after.hwmKB, after.rssKB
	return res, nil
}

func loadClient(conns int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy: nil,
			DialContext: (&net.Dialer{
				Timeout:   5 * time.Second,
				KeepAlive: 30 * time.Second,
			}).DialContext,
			MaxIdleConns:        2 * conns,
			MaxIdleConnsPerHost: 2 * conns,
			MaxConnsPerHost:     conns,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true, // bodies are counted as sent
			ForceAttemptHTTP2:   false,
		},
		Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// partialAnswerURL answers questions 1 to n-1 through the server's own
// answer form (?pick=N, a redirect to the next question) and returns the
// URL of question n with the answers so far: a valid partial code.
func partialAnswerURL(ctx context.Context, client *http.Client, base string, n int) (string, error) {
	next := "/q/1"
	want := regexp.MustCompile(fmt.Sprintf(`^/q/%d\?`, n))
	for i := 1; i < n; i++ {
		u := next + sep(next) + fmt.Sprintf("pick=%d", i%4+1)
		loc, err := redirect(ctx, client, base+u)
		if err != nil {
			return "", err
		}
		next = loc
	}
	if !want.MatchString(next) {
		return "", fmt.Errorf("answering %d questions led to %s, not question %d", n-1, next, n)
	}
	return next, nil
}

// allAnswerURLs answers questions 1 to n-1 in every way (option 1 to 4
// each) through the server's answer form, level by level, and returns the
// 4^(n-1) URLs of question n: pages that all differ.
func allAnswerURLs(ctx context.Context, client *http.Client, base string, n, workers int) ([]string, error) {
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
					u := level[i/4] + sep(level[i/4]) + fmt.Sprintf("pick=%d", i%4+1)
					loc, err := redirect(ctx, client, base+u)
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

// redirect GETs u and returns where it redirects to.
func redirect(ctx context.Context, client *http.Client, u string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		return "", fmt.Errorf("answering %s: %s, not a redirect", u, resp.Status)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	return loc.RequestURI(), nil
}

func sep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}

func loadTest(ctx context.Context, client *http.Client, srv *server, c config, name string, paths []string, enc string) (loadResult, error) {
	r := loadResult{name: name, path: paths[0], urls: len(paths), encoding: enc}
	targets := make([]string, len(paths))
	for i, p := range paths {
		targets[i] = srv.url + p
	}
	// Check once that the first URL answers 200.
	if _, _, err := fetch(ctx, targets[0], enc); err != nil {
		return r, err
	}
	var turn atomic.Uint64
	pid := srv.cmd.Process.Pid
	client.CloseIdleConnections() // each test opens its own connections

	type worker struct {
		lat      []time.Duration
		errs     int
		firstErr string
		bytes    int64
	}
	shoot := func(ctx context.Context, until time.Time, record bool) ([]*worker, time.Duration) {
		ws := make([]*worker, c.conns)
		var wg sync.WaitGroup
		start := time.Now()
		for i := range ws {
			w := &worker{lat: make([]time.Duration, 0, 1<<14)}
			ws[i] = w
			wg.Go(func() {
				for ctx.Err() == nil && time.Now().Before(until) {
					target := targets[(turn.Add(1)-1)%uint64(len(targets))]
					t0 := time.Now()
					n, err := get(ctx, client, target, enc)
					d := time.Since(t0)
					if !record {
						continue
					}
					if err != nil {
						if ctx.Err() != nil {
							return
						}
						w.errs++
						if w.firstErr == "" {
							w.firstErr = err.Error()
						}
						continue
					}
					w.lat = append(w.lat, d)
					w.bytes += n
				}
			})
		}
		wg.Wait()
		return ws, time.Since(start)
	}
	shoot(ctx, time.Now().Add(c.warmup), false)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	cpu0, err := cpuTime(pid)
	if err != nil {
		return r, err
	}
	self0, _ := cpuTime(os.Getpid())
	sys0, _ := systemBusy()
	ws, elapsed := shoot(ctx, time.Now().Add(c.duration), true)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	cpu1, err := cpuTime(pid)
	if err != nil {
		return r, err
	}
	self1, _ := cpuTime(os.Getpid())
	sys1, _ := systemBusy()
	var all []time.Duration
	for _, w := range ws {
		all = append(all, w.lat...)
		r.errors += w.errs
		r.bodyBytes += w.bytes
		if r.firstErr == "" {
			r.firstErr = w.firstErr
		}
	}
	slices.Sort(all)
	r.requests = len(all)
	r.elapsed = elapsed
	r.p50, r.p99 = percentile(all, 50), percentile(all, 99)
	if len(all) > 0 {
		r.mx = all[len(all)-1]
	}
	r.serverCPU, r.benchCPU = cpu1-cpu0, self1-self0
	r.otherCPU = max(0, sys1-sys0-r.serverCPU-r.benchCPU)
	return r, nil
}

var errStatus = errors.New("unexpected status")

// get requests target and reads the whole body, as a browser would.
func get(ctx context.Context, client *http.Client, target, enc string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", enc)
	req.Header.Set("Accept", "text/html,*/*")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return n, err
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("%w %s", errStatus, resp.Status)
	}
	return n, nil
}
