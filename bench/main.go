// Command bench measures the quiz as a visitor and an operator see it:
// bytes per resource in each encoding, browser timings without throttling
// and on "slow 4G + CPU×4", the wasm size against a minimal go-app client,
// and the server's throughput on prerendered pages. It prints a markdown
// report and writes it to bench/out/report.md.
//
// Usage (make bench builds first):
//
//	go run ./bench -bin bin/cxquiz [-runs 5] [-duration 10s] [-skip browser,load,wasm]
//
// See bench/README.md for how to read the report.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

type config struct {
	bin           string
	runs          int
	duration      time.Duration
	warmup        time.Duration
	conns         int
	chromium      string
	out           string
	skip          map[string]bool
	visitTimeout  time.Duration
	explainInputs bool // print where each slow input of the take-over waited
	// traceDir, if set, gets each take-over run's DevTools trace, with
	// V8's wasm and compile categories, for chrome://tracing or Perfetto.
	traceDir string
	// takeoverPage is the page whose take-over is measured: a path, or
	// "result" or "compare" for the pages the Lighthouse part uses. Inputs
	// are sent only on a question page (they tap its options).
	takeoverPage string
	// lighthouseRuns caps the Lighthouse runs per page (each takes a
	// minute or two): the report shows their median.
	lighthouseRuns int
	// lighthouseDevtools runs every page a second time with Lighthouse's
	// devtools throttling (the page's requests over a throttled link, a
	// real CPU×4 slowdown) and reports it next to the preset's
	// simulation; the goal stays on the preset.
	lighthouseDevtools bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		os.Exit(1)
	}
}

func parseFlags(args []string) (config, error) {
	var c config
	var skip string
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.StringVar(&c.bin, "bin", "bin/cxquiz", "the server `binary` to measure (built by make build)")
	fs.IntVar(&c.runs, "runs", 5, "runs per metric; the report shows medians")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "length of each load test")
	fs.DurationVar(&c.warmup, "warmup", time.Second, "unmeasured load before each load test")
	fs.IntVar(&c.conns, "conns", 32, "connections (and workers) of the load generator")
	fs.StringVar(&c.chromium, "chromium", "", "Chromium `path` (default: chromium on PATH)")
	fs.StringVar(&c.out, "out", "", "report `file` (default: bench/out/report.md in the module)")
	fs.StringVar(&skip, "skip", "", "comma-separated parts to leave out: sizes, browser, takeover, lighthouse, load, wasm")
	fs.IntVar(&c.lighthouseRuns, "lighthouse-runs", 1, "Lighthouse runs per page, at most -runs")
	fs.BoolVar(&c.lighthouseDevtools, "lighthouse-devtools", false, "also run Lighthouse with --throttling-method=devtools (the page's requests throttled to slow 4G, not the service worker's; a real CPU×4) and report it next to the mobile preset's simulation, which the goal keeps")
	fs.BoolVar(&c.explainInputs, "explain-inputs", false, "print, for each input of the take-over answered in over 100 ms, where its time went (wait, handler, paint) and the tasks and marks around it")
	fs.StringVar(&c.traceDir, "trace-dir", "", "write each take-over run's DevTools trace (with V8's wasm and compile categories) to `dir`/takeover-N.json")
	fs.StringVar(&c.takeoverPage, "takeover-page", "/q/1", "the `page` whose take-over is measured: a path, or result or compare (a finished result, two compared); inputs are sent only where there are options to tap")
	fs.DurationVar(&c.visitTimeout, "visit-timeout", 3*time.Minute, "give up on one browser visit after this long")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if c.runs < 1 || c.conns < 1 || c.duration <= 0 {
		return c, errors.New("-runs, -conns and -duration must be positive")
	}
	c.skip = map[string]bool{}
	for _, s := range strings.FieldsFunc(skip, func(r rune) bool { return r == ',' || r == ' ' }) {
		switch s {
		case "sizes", "browser", "takeover", "lighthouse", "load", "wasm":
			c.skip[s] = true
		default:
			return c, fmt.Errorf("-skip: unknown part %q", s)
		}
	}
	return c, nil
}

func run(ctx context.Context, args []string) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if c.out == "" {
		c.out = filepath.Join(root, "bench", "out", "report.md")
	}
	if c.bin, err = filepath.Abs(c.bin); err != nil {
		return err
	}
	if _, err := os.Stat(c.bin); err != nil {
		return fmt.Errorf("%w (run `make build` first, or use `make bench`)", err)
	}
	if !(c.skip["browser"] && c.skip["takeover"] && c.skip["lighthouse"]) && c.chromium == "" {
		if c.chromium, err = exec.LookPath("chromium"); err != nil {
			return errors.New("chromium not found on PATH: install it (scripts/setup), set -chromium, or -skip browser")
		}
	}

	start := time.Now()
	r := &report{started: start, cfg: c}
	r.env = describeEnv(root, c.bin, c.chromium)
	r.loads = append(r.loads, "start "+loadAvg())

	srv, err := startServer(ctx, c.bin)
	if err != nil {
		return err
	}
	defer srv.stop()
	progress("server %s (version %s, pid %d)", srv.url, srv.version, srv.cmd.Process.Pid)
	r.version = srv.version
	// The wasm part measures the app.wasm this server sends (web/ may be
	// rebuilt meanwhile); it runs last, when the server has stopped.
	var wasm *servedWasm
	if !c.skip["wasm"] {
		if wasm, err = fetchWasm(ctx, srv.url); err != nil {
			return fmt.Errorf("fetching app.wasm: %w", err)
		}
	}

	if !c.skip["sizes"] {
		progress("resource sizes (%d runs)", c.runs)
		if r.sizes, err = measureSizes(ctx, srv.url, c.runs); err != nil {
			return fmt.Errorf("sizes: %w", err)
		}
	}
	if !c.skip["browser"] {
		if r.browser, err = measureBrowser(ctx, c, srv); err != nil {
			return fmt.Errorf("browser: %w", err)
		}
		r.loads = append(r.loads, "after the browser runs "+loadAvg())
	}
	if !c.skip["takeover"] {
		if r.takeover, err = measureTakeover(ctx, c, srv); err != nil {
			return fmt.Errorf("take-over: %w", err)
		}
		r.loads = append(r.loads, "after the take-over runs "+loadAvg())
	}
	if !c.skip["lighthouse"] {
		if r.lighthouse, err = measureLighthouse(ctx, c, root, srv); err != nil {
			return fmt.Errorf("lighthouse: %w", err)
		}
		r.loads = append(r.loads, "after Lighthouse "+loadAvg())
	}
	if !c.skip["load"] {
		r.loads = append(r.loads, "before the load tests "+loadAvg())
		if r.load, err = measureLoad(ctx, c, srv); err != nil {
			return fmt.Errorf("load: %w", err)
		}
	}
	srv.stop()
	if !c.skip["wasm"] {
		progress("wasm size: building a minimal go-app client and compressing both")
		if r.wasm, err = measureWasm(ctx, root, wasm); err != nil {
			return fmt.Errorf("wasm: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	r.took = time.Since(start)
	md := r.markdown()
	fmt.Print(md)
	if err := os.MkdirAll(filepath.Dir(c.out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(c.out, []byte(md), 0o644); err != nil {
		return err
	}
	progress("report written to %s (took %s)", c.out, r.took.Round(time.Second))
	return nil
}

var began = time.Now()

// progress notes what the bench is doing on stderr.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench %6.1fs  %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, args...))
}

// moduleRoot finds the directory of the cxquiz go.mod, from the working
// directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(strings.TrimSpace(string(b)), "module cxquiz") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the bench inside the cxquiz module (go run ./bench)")
		}
		dir = parent
	}
}
