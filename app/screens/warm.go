package screens

import (
	"encoding/json"
	"net/url"
	"regexp"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/quiz"
)

// RehearseInWorker does, in the worker that compiles app.wasm (see
// startup.InWorker), what the page's take-over will: it builds the screen
// of address (the route, the title, the component tree, go-app's decoding
// and matching of the address), then lets go-app take over a stand-in of
// the page (takeOverInWorker). The browser compiles each WebAssembly
// function the first time it runs, on the thread that runs it, and that
// compilation, not the work itself, was most of go-app's first mount on a
// slow phone: one task of half a second or more in which the page answered
// no tap or key, later a rehearsal of the mount on the page in shorter
// tasks. The compiled code is the module's, shared with the page's
// instance, so the page's take-over finds it compiled. lang is the
// language the server chose for the page. Nothing it does can reach the
// page; a failure is logged and ends it. It tells whether it built the
// screen and whether go-app took over the stand-in.
func RehearseInWorker(banks *quiz.Banks, address, lang string) (built, mounted bool) {
	defer func() {
		if err := recover(); err != nil {
			app.Log("rehearsal in the worker:", err)
			mounted = false
		}
	}()
	u, err := url.Parse(address)
	if err != nil {
		return false, false
	}
	inPlace := make(chan struct{})
	t := register(banks, lang, func() { close(inPlace) })
	p := &page{banks: banks, served: lang, takeOver: t}
	p.setRoute(route.Parse(banks, u))
	rehearseRender(p)
	rehearseNavigation(u)
	built = true
	return built, takeOverInWorker(t, inPlace)
}

// takeOverInWorker lets go-app take over a stand-in of the page in the
// worker (web/compile-worker.js's stagePage), as it will the page itself:
// the same engine, navigation, mount (in steps where the page's is, see
// TakeOver.Stage) and first update. It returns once the screen is in
// place (t.mounted closes inPlace); the worker is closed if that never
// comes.
func takeOverInWorker(t *TakeOver, inPlace <-chan struct{}) bool {
	if !app.Window().Get("cxquizPage").Call("stage").Truthy() {
		return false
	}
	t.Stage()
	go app.RunWhenOnBrowser()
	<-inPlace
	return true
}

// rehearseRender builds the page's title and component tree.
func rehearseRender(p *page) { _, _ = p.title(T(p.lang())), p.Render() }

// rehearseNavigation does what go-app's first navigation does with the
// address: it decodes its internal URLs, prints the address and matches
// it against the route.
func rehearseNavigation(u *url.URL) {
	var urls []string
	_ = json.Unmarshal([]byte(app.Getenv("GOAPP_INTERNAL_URLS")), &urls)
	_ = u.String()
	_ = regexp.MustCompile(everyPath).MatchString(u.Path)
}
