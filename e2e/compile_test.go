package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// compilePathJS tells how the page got its wasm module: from the worker
// that compiles app.wasm off the main thread (web/compile-worker.js), or
// by fetching and compiling app.wasm itself.
// The worker's download is not the page's: app.js marks whether the
// service worker answered it.
const compilePathJS = `({
	worker: performance.getEntriesByName("cxquiz:compiled-in-worker").length > 0,
	warmed: performance.getEntriesByName("cxquiz:warmed-in-worker").length > 0,
	rehearsed: performance.getEntriesByName("cxquiz:rehearsed-in-worker").length > 0,
	pageFetched: performance.getEntriesByType("resource").some((r) => r.name.includes("/web/app.wasm")),
	workerFromServiceWorker: ((performance.getEntriesByName("cxquiz:wasm-received")[0] || {}).detail || {}).serviceWorker === true,
})`

type compilePath struct {
	Worker, Warmed, Rehearsed, PageFetched, WorkerFromServiceWorker bool
}

// takesOver checks that the wasm runs the page: a question answered with
// the mouse leads to the next without a page load.
func (tb *tab) takesOver() {
	tb.t.Helper()
	tb.markPage()
	tb.pickWithMouse(1)
	tb.click("#next")
	tb.advanced(1)
	tb.waitQuestion(2)
	tb.assertSamePage()
}

// TestCompileInWorker: app.wasm is compiled by the worker, which runs the
// program's start there (up to where main needs the page) and builds the
// page's first screen without a page (screens.RehearseInWorker), and the page
// never fetches it itself; the page's main thread only instantiates it.
func TestCompileInWorker(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	tb.open("/q/1")
	tb.waitWasm()
	var got compilePath
	tb.eval(compilePathJS, &got)
	if !got.Worker || !got.Warmed || !got.Rehearsed || got.PageFetched {
		t.Errorf("compiled in the worker %v, the program's start run there %v, the first screen built there %v, app.wasm fetched by the page %v; want true, true, true, false", got.Worker, got.Warmed, got.Rehearsed, got.PageFetched)
	}
	if n := tb.wasmRequested(); n != 0 {
		t.Errorf("the page asked for app.wasm %d times, want none: the worker fetches it", n)
	}
	tb.takesOver()

	// A result and a comparison take over in steps (screens/staged.go);
	// the worker goes through those steps on its stand-in of the page, so
	// that the page finds their code compiled: a step the stand-in cannot
	// take stops the worker's program there.
	a, b := s.bank.Encode(s.answers(34)), s.bank.Encode(s.answers(12))
	for _, path := range []string{"/result?a=" + a, "/compare?r=" + a + "&r=" + b} {
		tb.open(path)
		tb.waitWasm()
		var mounted bool
		tb.eval(`performance.getEntriesByName("cxquiz:mounted-in-worker").length > 0`, &mounted)
		if !mounted {
			t.Errorf("%s: the worker did not take over its stand-in of the page (no cxquiz:mounted-in-worker mark)", path)
		}
	}
}

// TestCompileFallback: where a worker cannot be made, or its script does
// not load, the page compiles app.wasm itself, says so in a warning (not
// an error), and the wasm takes over all the same.
func TestCompileFallback(t *testing.T) {
	t.Parallel()
	s := setup(t)
	for _, c := range []struct {
		name  string
		setup func(tb *tab)
	}{
		{"no workers", func(tb *tab) {
			tb.run("taking Worker away", chromedp.ActionFunc(func(ctx context.Context) error {
				_, err := page.AddScriptToEvaluateOnNewDocument(`window.Worker = function () { throw new Error("no workers in this browser"); };`).Do(ctx)
				return err
			}))
		}},
		{"worker script fails", func(tb *tab) {
			tb.mu.Lock()
			tb.onPaused = func(ev *fetch.EventRequestPaused) {
				go chromedp.Run(tb.ctx, fetch.FailRequest(ev.RequestID, network.ErrorReasonFailed))
			}
			tb.expectError = func(text string) bool {
				return strings.Contains(text, "compile-worker.js") || strings.Contains(text, "net::ERR_FAILED")
			}
			tb.mu.Unlock()
			tb.run("failing the compile worker's script", fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/web/compile-worker.js*", RequestStage: fetch.RequestStageRequest}}))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := s.browser.journey(t)
			warnings := consoleWarnings(tb)
			c.setup(tb)
			tb.open("/q/1")
			tb.waitWasm()
			var got compilePath
			tb.eval(compilePathJS, &got)
			if got.Worker || !got.PageFetched {
				t.Errorf("compiled in the worker %v, app.wasm fetched by the page %v; want false, true", got.Worker, got.PageFetched)
			}
			if !warnings.has("compiling app.wasm in a worker failed") {
				t.Errorf("no warning that the worker failed; warnings: %q", warnings.all())
			}
			tb.takesOver()
		})
	}
}
