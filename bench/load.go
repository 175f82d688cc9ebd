package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"time"

	"cxquiz/internal/load"
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
	client := load.NewClient(c.conns)
	defer client.CloseIdleConnections()
	page, err := load.QuestionURL(ctx, client, srv.url, 7)
	if err != nil {
		return nil, err
	}
	assetPath, err := staticAsset(ctx, srv.url)
	if err != nil {
		return nil, err
	}
	before, err := load.ReadProc(srv.cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	progress("load: answering questions 1–6 every way (4⁶ codes) for distinct question-7 URLs")
	distinct, err := load.AllQuestionURLs(ctx, client, srv.url, 7, c.conns)
	if err != nil {
		return nil, err
	}
	res := &loadResults{conns: c.conns, duration: c.duration, startRSSKB: before.RSSKB}
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
	after, err := load.ReadProc(srv.cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	res.hwmKB, res.rssKB = after.HWMKB, after.RSSKB
	return res, nil
}

func loadTest(ctx context.Context, client *http.Client, srv *server, c config, name string, paths []string, enc string) (loadResult, error) {
	r := loadResult{name: name, path: paths[0], urls: len(paths), encoding: enc}
	// Check once that the first URL answers 200.
	if _, _, err := fetch(ctx, srv.url+paths[0], enc); err != nil {
		return r, err
	}
	t := &load.Target{Name: name, Paths: paths, Header: http.Header{"Accept-Encoding": {enc}, "Accept": {"text/html,*/*"}}}
	pid := srv.cmd.Process.Pid
	client.CloseIdleConnections() // each test opens its own connections
	load.Run(ctx, client, srv.url, t, c.conns, c.warmup)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	cpu0, err := load.CPUTime(pid)
	if err != nil {
		return r, err
	}
	self0, _ := load.CPUTime(os.Getpid())
	sys0, _ := load.SystemBusy()
	res := load.Run(ctx, client, srv.url, t, c.conns, c.duration)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	cpu1, err := load.CPUTime(pid)
	if err != nil {
		return r, err
	}
	self1, _ := load.CPUTime(os.Getpid())
	sys1, _ := load.SystemBusy()
	r.requests = len(res.Latencies)
	r.errors = res.Errors + res.Non2xx
	r.firstErr = res.FirstErr
	r.bodyBytes = res.Bytes
	r.elapsed = res.Elapsed
	r.p50, r.p99, r.mx = res.Percentile(50), res.Percentile(99), res.Percentile(100)
	r.serverCPU, r.benchCPU = cpu1-cpu0, self1-self0
	r.otherCPU = max(0, sys1-sys0-r.serverCPU-r.benchCPU)
	return r, nil
}
