package e2e

import (
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestOffline is a repeat visit: a respondent who opened the quiz once
// comes back, first online, then without a network (a train, a plane, a
// basement meeting room). The server is stopped, so nothing can come from
// it: go-app's service worker serves the intro and the wasm from its
// cache, and the wasm draws every other page from its address.
func TestOffline(t *testing.T) {
	t.Parallel()
	s := setup(t)
	srv, err := startServer(needBin(t))
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			srv.stop()
		}
		srv.saveLogAs("server-offline.log")
	})
	b := *s.browser
	b.base = srv.url
	tb := b.journey(t)
	a := s.answers(40)

	// Every response for app.wasm the page got: whether the service
	// worker answered it. The page asks a worker to fetch and compile
	// app.wasm (the service worker's client too), and the page's own
	// requests are for where that fails.
	var mu sync.Mutex
	var wasm []bool
	chromedp.ListenTarget(tb.ctx, func(ev any) {
		if ev, ok := ev.(*network.EventResponseReceived); ok && strings.HasPrefix(ev.Response.URL, tb.url("/web/app.wasm")) {
			mu.Lock()
			wasm = append(wasm, ev.Response.FromServiceWorker)
			mu.Unlock()
		}
	})
	// assertWasmFromWorker checks that app.wasm came once more, from the
	// service worker, to the worker that compiles it off the page's main
	// thread.
	seen := 0
	assertWasmFromWorker := func(visit string) {
		t.Helper()
		mu.Lock()
		got := append([]bool(nil), wasm[seen:]...)
		seen = len(wasm)
		mu.Unlock()
		var path compilePath
		tb.eval(compilePathJS, &path)
		if len(got) != 0 || !path.Worker || !path.WorkerFromServiceWorker {
			t.Errorf("%s: app.wasm compiled in the worker %v, the worker's from the service worker %v, the page's own responses (true: from the service worker) %v; want true, true, []",
				visit, path.Worker, path.WorkerFromServiceWorker, got)
		}
	}
	serverWasm := func() int { return strings.Count(srv.Log(), `GET "/web/app.wasm"`) }

	// First visit: the intro, then a question, answered.
	tb.open("/")
	tb.waitWasm()
	tb.click("#start")
	tb.answerWithMouse(1, a[0])
	tb.waitQuestion(2)
	tb.waitFor("the service worker to control the page and to have cached the intro, the wasm and its compile worker", `(async () =>
		!!navigator.serviceWorker.controller &&
		!!(await caches.match("/web/app.wasm?v=" + goappGetenv("GOAPP_VERSION"))) &&
		!!(await caches.match("/web/compile-worker.js?v=" + goappGetenv("GOAPP_VERSION"))) &&
		!!(await caches.match("/", {ignoreVary: true})))()`)
	mu.Lock()
	seen = len(wasm)
	mu.Unlock()

	// Repeat visit, online: no byte of the wasm over the network. The
	// intro offers to continue.
	before := serverWasm()
	tb.open("/")
	tb.waitWasm()
	assertWasmFromWorker("repeat visit online")
	if n := serverWasm() - before; n != 0 {
		t.Errorf("repeat visit online: the server sent app.wasm %d times, want 0", n)
	}
	tb.click("#resume-link")
	tb.waitQuestion(2)

	// The network goes.
	if err := srv.stop(); err != nil {
		t.Fatal(err)
	}
	stopped = true

	// A reload of the question the respondent is on: the question opens,
	// an answer can be chosen, the next question comes.
	tb.run("reloading question 2", page.Reload())
	tb.waitWasm()
	assertWasmFromWorker("question 2 reloaded offline")
	tb.answerWithMouse(2, a[1])
	tb.waitQuestion(3)
	tb.assertCode(3, upTo(a, 2))

	// A navigation: a link to a later question, kept from before.
	tb.open("/q/3?a=" + tb.bank.Encode(upTo(a, 2)) + "&lang=de")
	tb.lang = "de"
	tb.waitWasm()
	assertWasmFromWorker("question 3 opened offline")
	tb.answerQuestionsWithMouse(a, 3, 4)
	// A link to the last question, kept from before, opened offline too.
	tb.skipToLast(5, a)
	assertWasmFromWorker("the last question opened offline")
	tb.assertResult(a)

	// The result reloaded: scored again, by the same quiz code.
	tb.run("reloading the result", page.Reload())
	tb.waitWasm()
	assertWasmFromWorker("result reloaded offline")
	tb.assertResult(a)
	var lang string
	tb.eval(`document.documentElement.lang`, &lang)
	if lang != "de" {
		t.Errorf("the result opened offline is in %q, want de as its address says", lang)
	}

	// A team page, which only the server renders: offline the wasm says
	// that team check-ins cannot be reached, and the check alone goes on.
	tb.open("/team/AAAAAAAAAAAAAAAAAAAAAA?lang=de")
	tb.waitWasm()
	assertWasmFromWorker("team page opened offline")
	tb.waitFor("the team page's offline stand-in", `(document.querySelector("section.team.problem") || {dataset: {}}).dataset.state === "unavailable" &&
		!!document.getElementById("screen-heading").textContent && !!document.getElementById("start-over")`)
	tb.click("#start-over")
	tb.waitFor("the intro", `location.pathname === "/" && !!document.getElementById("start")`)
}

// TestOfflineCover checks the cover an offline page wears until the wasm
// has drawn it: the service worker sends the cached intro for any page,
// marked data-offline, and quiz.css hides it under go-app's loader while
// the loader is there.
func TestOfflineCover(t *testing.T) {
	t.Parallel()
	s := setup(t)
	tb := s.browser.journey(t)
	tb.open("/?wasm=false")
	tb.loaded()
	var got struct{ Online, Covered, Uncovered string }
	tb.eval(`(() => {
		// ?wasm=false removes go-app's loader: put one back.
		const loader = document.createElement("aside");
		loader.id = "app-wasm-loader";
		document.body.append(loader);
		const page = document.querySelector(".page");
		const seen = () => getComputedStyle(page).visibility + "/" + (document.getElementById("app-wasm-loader") ? getComputedStyle(loader).display : "gone");
		const r = {online: seen()};
		document.documentElement.setAttribute("data-offline", "");
		r.covered = seen();
		document.getElementById("app-wasm-loader").remove();
		r.uncovered = seen();
		return r;
	})()`, &got)
	if got.Online != "visible/none" || got.Covered != "hidden/flex" || got.Uncovered != "visible/gone" {
		t.Errorf("page visibility / loader display: online %s, offline with the loader %s, offline once the loader is gone %s; want visible/none, hidden/flex, visible/gone",
			got.Online, got.Covered, got.Uncovered)
	}
}
