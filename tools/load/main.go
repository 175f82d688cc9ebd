// Command load puts the built server under load on loopback and reports
// how it holds up: it starts the binary on 127.0.0.1 on a free port, sends
// requests over a fixed number of connections for a fixed time to a
// question page, a result page and the brotli app.wasm (each with its own
// share of the connections), and prints per URL the rate, the latency
// (p50, p99), errors and non-2xx answers as a markdown table. Then it asks
// for many distinct result URLs, junk parameters included, and prints the
// server's resident memory before and after: the page cache is bounded by
// bytes. It exits non-zero on any error, 5xx or server panic.
// Then the team scenario (team.go) adds results to one team, on SQLite and
// on a throwaway PostgreSQL cluster.
//
//	go run ./tools/load -bin bin/cxquiz -duration 60s -c 64 -distinct 20000
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"cxquiz/internal/load"
)

func main() {
	bin := flag.String("bin", "bin/cxquiz", "server `binary` to start (make build)")
	duration := flag.Duration("duration", 60*time.Second, "how long to send requests")
	conns := flag.Int("c", 64, "concurrent `connections`")
	distinct := flag.Int("distinct", 20000, "distinct result URLs asked for afterwards, for the memory figure")
	pages := flag.Bool("pages", true, "the page scenario: a question, a result and app.wasm")
	teams := flag.String("team", "sqlite,postgres", "the team scenario on these `engines` (comma-separated; empty: none)")
	flag.Parse()
	if *conns < 1 || *duration <= 0 || *duration > 10*time.Minute || *distinct < 0 {
		fmt.Fprintln(os.Stderr, "load: -c must be at least 1, -duration between 0 and 10m, -distinct not negative")
		os.Exit(2)
	}
	if *pages {
		if err := run(*bin, *duration, *conns, *distinct); err != nil {
			fmt.Fprintln(os.Stderr, "load:", err)
			os.Exit(1)
		}
	}
	for _, engine := range strings.FieldsFunc(*teams, func(r rune) bool { return r == ',' }) {
		if err := runTeam(*bin, engine, *duration, *conns); err != nil {
			fmt.Fprintln(os.Stderr, "load:", err)
			os.Exit(1)
		}
	}
}

func run(bin string, duration time.Duration, conns, distinct int) error {
	s, err := load.Start(bin, nil, nil)
	if err != nil {
		return err
	}
	defer s.Cmd.Process.Kill() // if anything below fails; harmless once stopped
	if host, _, _ := net.SplitHostPort(s.Addr); host != "127.0.0.1" {
		return fmt.Errorf("the server listens on %s, not loopback", s.Addr)
	}
	base := s.URL
	fmt.Fprintf(os.Stderr, "load: %s serving on %s (version %s)\n", bin, s.Addr, s.Version)

	ctx := context.Background()
	client := load.NewClient(conns)
	question, err := load.QuestionURL(ctx, client, base, 7)
	if err != nil {
		return err
	}
	result, err := load.ResultURL(ctx, client, base)
	if err != nil {
		return err
	}
	targets := []struct {
		load.Target
		want string // in the body, checked before the load
	}{
		{load.Target{Name: "question page", Paths: []string{question}, Check: isHTML}, "Question 7 of"},
		{load.Target{Name: "result page", Paths: []string{result}, Check: isHTML}, `data-level="`},
		{load.Target{Name: "app.wasm (br)", Paths: []string{"/web/app.wasm?v=" + s.Version}, Header: http.Header{"Accept-Encoding": {"br"}},
			Check: func(res *http.Response) error {
				if res.Header.Get("Content-Encoding") != "br" {
					return fmt.Errorf("Content-Encoding %q", res.Header.Get("Content-Encoding"))
				}
				return nil
			}}, ""},
	}
	for _, t := range targets {
		if err := preflight(client, base, &t.Target, t.want); err != nil {
			return fmt.Errorf("%s %s before the load: %w", t.Name, t.Paths[0], err)
		}
	}

	fmt.Fprintf(os.Stderr, "load: %d connections for %s\n", conns, duration)
	results := make([]load.Result, len(targets))
	var wg sync.WaitGroup
	for k := range targets {
		// Each URL has its own share of the connections, so each rate is
		// its own.
		n := (conns - k + len(targets) - 1) / len(targets)
		wg.Go(func() { results[k] = load.Run(ctx, client, base, &targets[k].Target, max(1, n), duration) })
	}
	wg.Wait()

	mem, err := memory(ctx, client, s, result, distinct)
	if err != nil {
		return err
	}
	client.CloseIdleConnections()
	stopErr := s.Stop(20 * time.Second)

	fmt.Printf("\nLoad: %d connections for %s against %s (%s, version %s), %d log lines.\n\n",
		conns, duration, bin, s.Addr, s.Version, s.Lines())
	fmt.Println("| URL | conns | requests | req/s | MB/s | p50 | p99 | max | errors | non-2xx | 5xx |")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	var bad int
	var problems []string
	for k, r := range results {
		t := r.Target
		fmt.Printf("| %s `%s` | %d | %d | %.0f | %.1f | %s | %s | %s | %d | %d | %d |\n",
			t.Name, clip(t.Paths[0], 40), (conns-k+len(targets)-1)/len(targets), len(r.Latencies), r.RPS(), float64(r.Bytes)/r.Elapsed.Seconds()/1e6,
			ms(r.Percentile(50)), ms(r.Percentile(99)), ms(r.Percentile(100)), r.Errors, r.Non2xx, r.Status5xx)
		bad += r.Failed()
		if r.FirstErr != "" {
			problems = append(problems, t.Name+": "+r.FirstErr)
		}
	}
	fmt.Println()
	for _, p := range problems {
		fmt.Println("- first problem,", p)
	}
	fmt.Println(mem)
	switch {
	case bad > 0:
		return fmt.Errorf("%d errors or 5xx answers", bad)
	case s.Panics() > 0:
		return fmt.Errorf("the server logged %d panics", s.Panics())
	case stopErr != nil:
		return fmt.Errorf("the server exited with %v", stopErr)
	}
	fmt.Fprintln(os.Stderr, "load: no errors, no 5xx; the server shut down cleanly")
	return nil
}

// memory asks for n distinct URLs of the result page (the same result,
// each with its own junk parameter, and gzipped as browsers ask), and
// reports the server's resident memory before and after.
func memory(ctx context.Context, client *http.Client, s *load.Server, result string, n int) (string, error) {
	if n == 0 {
		return "", nil
	}
	before, err := load.ReadProc(s.Cmd.Process.Pid)
	if err != nil {
		return "", err
	}
	paths := make([]string, n)
	for i := range paths {
		paths[i] = result + "&x=" + strconv.Itoa(i)
	}
	t := &load.Target{Name: "distinct result URLs", Paths: paths, Header: http.Header{"Accept-Encoding": {"gzip"}}}
	r := load.Each(ctx, client, s.URL, t, 8)
	after, err := load.ReadProc(s.Cmd.Process.Pid)
	if err != nil {
		return "", err
	}
	if r.Failed() > 0 {
		return "", fmt.Errorf("%s: %d errors or 5xx, first %s", t.Name, r.Failed(), r.FirstErr)
	}
	return fmt.Sprintf("Memory: %d distinct result URLs in %s; server resident memory %.0f MB before, %.0f MB after (peak %.0f MB).",
		len(r.Latencies), r.Elapsed.Round(time.Millisecond), float64(before.RSSKB)/1024, float64(after.RSSKB)/1024, float64(after.HWMKB)/1024), nil
}

// isHTML checks a page by its headers; the body is read but not kept.
func isHTML(res *http.Response) error {
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		return fmt.Errorf("Content-Type %q", ct)
	}
	return nil
}

// preflight fetches a target once and checks the whole answer.
func preflight(client *http.Client, base string, t *load.Target, want string) error {
	req, err := http.NewRequest(http.MethodGet, base+t.Paths[0], nil)
	if err != nil {
		return err
	}
	for k, v := range t.Header {
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
	case !strings.Contains(string(body), want):
		return fmt.Errorf("the answer lacks %q", want)
	}
	return t.Check(res)
}

func ms(d time.Duration) string {
	if d == 0 {
		return "–"
	}
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
