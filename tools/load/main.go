// Command load puts the built server under load on loopback and reports
// how it holds up: it starts the binary on 127.0.0.1 on a free port, sends
// requests over a fixed number of connections for a fixed time to a
// question page, a result page and the brotli app.wasm, and prints per URL
// the rate, the latency (p50, p99), errors and non-2xx answers as a
// markdown table. It exits non-zero on any error, 5xx or server panic.
//
//	go run ./tools/load -bin bin/cxquiz -duration 60s -c 64
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"cxquiz/internal/launch"
)

func main() {
	bin := flag.String("bin", "bin/cxquiz", "server `binary` to start (make build)")
	duration := flag.Duration("duration", 60*time.Second, "how long to send requests")
	conns := flag.Int("c", 64, "concurrent `connections`")
	flag.Parse()
	if *conns < 1 || *duration <= 0 || *duration > 10*time.Minute {
		fmt.Fprintln(os.Stderr, "load: -c must be at least 1 and -duration between 0 and 10m")
		os.Exit(2)
	}
	if err := run(*bin, *duration, *conns); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// server is the binary under test.
type server struct {
	*launch.Server
	cmd     *exec.Cmd
	addr    string
	version string
	panics  atomic.Int64
	lines   atomic.Int64
}

// start runs the binary on a free loopback port; its log is counted and
// dropped, but for lines that speak of a panic.
func start(bin string) (*server, error) {
	s := &server{}
	p, err := launch.Start(bin, nil, func(line string) {
		s.lines.Add(1)
		if strings.Contains(line, "panic") {
			s.panics.Add(1)
			fmt.Fprintln(os.Stderr, "server:", line)
		}
	})
	if err != nil {
		return nil, err
	}
	s.Server, s.cmd, s.addr, s.version = p, p.Cmd, p.Addr, p.Version
	return s, nil
}

// stop sends SIGTERM and waits for a clean exit.
func (s *server) stop() error {
	if err := s.Stop(20 * time.Second); err != nil {
		return fmt.Errorf("the server exited with %v", err)
	}
	return nil
}

// target is one URL under load.
type target struct {
	name, path string
	header     http.Header
	want       string                     // in the body, checked before the load
	check      func(*http.Response) error // on every answer
}

// stats are one worker's results for one target.
type stats struct {
	latencies []time.Duration
	errors    int
	non2xx    int
	status5xx int
	bytes     int64
	firstErr  string
}

func run(bin string, duration time.Duration, conns int) error {
	s, err := start(bin)
	if err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			s.cmd.Process.Kill()
		}
	}()
	if host, _, _ := net.SplitHostPort(s.addr); host != "127.0.0.1" {
		return fmt.Errorf("the server listens on %s, not loopback", s.addr)
	}
	base := "http://" + s.addr
	fmt.Fprintf(os.Stderr, "load: %s serving on %s (version %s)\n", bin, s.addr, s.version)

	tr := &http.Transport{
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		DisableCompression:  true, // the brotli bytes as they are
		IdleConnTimeout:     time.Minute,
	}
	client := &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	partial, full, err := codes(client, base)
	if err != nil {
		return err
	}
	targets := []target{
		{name: "question page", path: "/q/7?a=" + partial, want: "Question 7 of", check: isHTML},
		{name: "result page", path: "/result?a=" + full, want: `data-level="`, check: isHTML},
		{name: "app.wasm (br)", path: "/web/app.wasm?v=" + s.version, header: http.Header{"Accept-Encoding": {"br"}},
			check: func(res *http.Response) error {
				if res.Header.Get("Content-Encoding") != "br" {
					return fmt.Errorf("Content-Encoding %q", res.Header.Get("Content-Encoding"))
				}
				return nil
			}},
	}
	for _, t := range targets {
		if err := preflight(client, base, t); err != nil {
			return fmt.Errorf("%s %s before the load: %w", t.name, t.path, err)
		}
	}

	fmt.Fprintf(os.Stderr, "load: %d connections for %s\n", conns, duration)
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	results := make([][]stats, conns)
	var wg sync.WaitGroup
	began := time.Now()
	for w := range conns {
		results[w] = make([]stats, len(targets))
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each URL has its own share of the connections, so each
			// rate is its own.
			for k := w % len(targets); ctx.Err() == nil; {
				do(ctx, client, base, targets[k], &results[w][k])
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	tr.CloseIdleConnections()
	stopErr := s.stop()
	stopped = true

	fmt.Printf("\nLoad: %d connections for %s against %s (%s, version %s), %d log lines.\n\n",
		conns, elapsed.Round(time.Millisecond), bin, s.addr, s.version, s.lines.Load())
	fmt.Println("| URL | conns | requests | req/s | MB/s | p50 | p99 | max | errors | non-2xx | 5xx |")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	var bad int
	var problems []string
	for k, t := range targets {
		var all stats
		for w := range results {
			r := results[w][k]
			all.latencies = append(all.latencies, r.latencies...)
			all.errors += r.errors
			all.non2xx += r.non2xx
			all.status5xx += r.status5xx
			all.bytes += r.bytes
			if all.firstErr == "" {
				all.firstErr = r.firstErr
			}
		}
		sort.Slice(all.latencies, func(i, j int) bool { return all.latencies[i] < all.latencies[j] })
		n := len(all.latencies)
		fmt.Printf("| %s `%s` | %d | %d | %.0f | %.1f | %s | %s | %s | %d | %d | %d |\n",
			t.name, clip(t.path, 40), (conns-k+len(targets)-1)/len(targets), n, float64(n)/elapsed.Seconds(), float64(all.bytes)/elapsed.Seconds()/1e6,
			pct(all.latencies, 50), pct(all.latencies, 99), pct(all.latencies, 100),
			all.errors, all.non2xx, all.status5xx)
		bad += all.errors + all.status5xx
		if all.firstErr != "" {
			problems = append(problems, t.name+": "+all.firstErr)
		}
	}
	fmt.Println()
	for _, p := range problems {
		fmt.Println("- first problem,", p)
	}
	switch {
	case bad > 0:
		return fmt.Errorf("%d errors or 5xx answers", bad)
	case s.panics.Load() > 0:
		return fmt.Errorf("the server logged %d panics", s.panics.Load())
	case stopErr != nil:
		return stopErr
	}
	fmt.Fprintln(os.Stderr, "load: no errors, no 5xx; the server shut down cleanly")
	return nil
}

// do sends one request and records the outcome. Requests cut short by
// the end of the run are not counted.
func do(ctx context.Context, client *http.Client, base string, t target, st *stats) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+t.path, nil)
	if err != nil {
		panic(err)
	}
	for k, v := range t.header {
		req.Header[k] = v
	}
	began := time.Now()
	res, err := client.Do(req)
	if err == nil {
		var n int64
		n, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		st.bytes += n
		if err == nil && res.ContentLength >= 0 && n != res.ContentLength {
			err = fmt.Errorf("%d of %d bytes", n, res.ContentLength)
		}
	}
	took := time.Since(began)
	if ctx.Err() != nil {
		return
	}
	fail := func(msg string) {
		if st.firstErr == "" {
			st.firstErr = msg
		}
	}
	switch {
	case err != nil:
		st.errors++
		fail(err.Error())
		return
	case res.StatusCode >= 500:
		st.status5xx++
		st.non2xx++
		fail(res.Status)
	case res.StatusCode < 200 || res.StatusCode > 299:
		st.non2xx++
		fail(res.Status)
	default:
		if err := t.check(res); err != nil {
			st.errors++
			fail(err.Error())
		}
	}
	st.latencies = append(st.latencies, took)
}

// isHTML checks a page by its headers; the body is read but not kept.
func isHTML(res *http.Response) error {
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		return fmt.Errorf("Content-Type %q", ct)
	}
	return nil
}

// preflight fetches a target once and checks the whole answer.
func preflight(client *http.Client, base string, t target) error {
	req, err := http.NewRequest(http.MethodGet, base+t.path, nil)
	if err != nil {
		return err
	}
	for k, v := range t.header {
		req.Header[k] = v
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	switch {
	case err != nil:
		return err
	case res.StatusCode != http.StatusOK:
		return errors.New(res.Status)
	case !strings.Contains(string(body), t.want):
		return fmt.Errorf("the answer lacks %q", t.want)
	}
	return t.check(res)
}

// codes answers the quiz through its forms, as a browser without
// JavaScript does: a partial code after one answer, a full one after all.
func codes(client *http.Client, base string) (partial, full string, err error) {
	next := func(path string, pick int) (string, error) {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		res, err := client.Get(base + path + sep + "pick=" + strconv.Itoa(pick))
		if err != nil {
			return "", err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/") {
			return "", fmt.Errorf("answering at %s: %s, Location %q", path, res.Status, loc)
		}
		return loc, nil
	}
	code := func(loc string) string {
		u, err := url.Parse(loc)
		if err != nil {
			return ""
		}
		return u.Query().Get("a")
	}
	loc, err := next("/q/1", 2)
	if err != nil {
		return "", "", err
	}
	if partial = code(loc); partial == "" {
		return "", "", fmt.Errorf("/q/1?pick=2 led to %q, without a code", loc)
	}
	path := "/q/1"
	for i := 0; i < 100 && !strings.HasPrefix(path, "/result"); i++ {
		if path, err = next(path, i%4+1); err != nil {
			return "", "", err
		}
	}
	if full = code(path); !strings.HasPrefix(path, "/result?") || full == "" {
		return "", "", fmt.Errorf("answering every question led to %q", path)
	}
	return partial, full, nil
}

func pct(sorted []time.Duration, p int) string {
	if len(sorted) == 0 {
		return "–"
	}
	d := sorted[min(len(sorted)-1, len(sorted)*p/100)]
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
