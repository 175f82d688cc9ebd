package screens

import (
	"encoding/json"
	"net/url"
	"regexp"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/quiz"
)

// Rehearsal returns the steps of a rehearsal of the wasm's first screen,
// for the browser only: what go-app's first navigation will do is done
// once before, in steps, and thrown away.
//
// The browser compiles each WebAssembly function the first time it runs,
// on the main thread, and that compilation, not the work itself, is most
// of go-app's first mount on a slow phone: one task of half a second or
// more in which the page answers no tap or key. Run in steps with the
// browser let in between (see package startup), the rehearsal compiles
// that code in shorter tasks and leaves the real mount little to compile.
// A step that fails is logged and skipped.
func Rehearsal(banks *quiz.Banks) []func() {
	var p *page
	served := servedLang()
	doc := app.Window().Get("document")
	steps := []func(){
		func() { p = newPage(banks, served) },
		func() { rehearseRender(p) },
		func() { rehearseNavigation(app.Window().URL()) },
		// The frame of the page alone, then the whole page: each mount
		// compiles what the one before did not need.
		rehearseMount(doc, func() app.Composer {
			f := newPage(banks, served)
			f.frame = true
			return f
		}),
		rehearseMount(doc, func() app.Composer { return newPage(banks, served) }),
	}
	for i, step := range steps {
		steps[i] = func() {
			defer func() {
				if err := recover(); err != nil {
					app.Log("rehearsal:", err)
				}
			}()
			step()
		}
	}
	return steps
}

// rehearseMount mounts the component root makes with a go-app engine of
// its own and takes the result out of the document in the same task, so
// it is never painted. The engine's window event handlers are replaced by
// the real engine's, which starts after the rehearsal.
//
//go:noinline
func rehearseMount(doc app.Value, root func() app.Composer) func() {
	return func() {
		// A go-app engine mounts its root in place of the body's first
		// element: here a hidden spare one put before the prerendered
		// page. Whatever happens, what comes before the page goes.
		body := doc.Get("body")
		content := body.Get("firstElementChild")
		if !content.Truthy() {
			return
		}
		spare := doc.Call("createElement", "div")
		spare.Set("hidden", true)
		body.Call("prepend", spare)
		defer func() {
			for e := content.Get("previousElementSibling"); e.Truthy(); e = content.Get("previousElementSibling") {
				e.Call("remove")
			}
		}()
		if err := app.NewTestEngine().Load(root()); err != nil {
			app.Log("rehearsal:", err)
		}
	}
}

// RehearseInWorker builds, in the worker that compiles app.wasm (see
// startup.InWorker), the screen of address as the page's first render
// will, without a page: the route, the title and the component tree, and
// go-app's decoding and matching of the address. The compiled code is the
// module's, shared with the page's instance, so the page's rehearsal and
// mount find those functions compiled instead of compiling them in its
// own tasks. lang is the language the server chose for the page. Nothing
// it does can reach the page; a failure is logged and ends it. It tells
// whether it got to the end.
func RehearseInWorker(banks *quiz.Banks, address, lang string) (ok bool) {
	defer func() {
		if err := recover(); err != nil {
			app.Log("rehearsal in the worker:", err)
			ok = false
		}
	}()
	u, err := url.Parse(address)
	if err != nil {
		return false
	}
	app.RouteWithRegexp(everyPath, func() app.Composer { return newPage(banks, lang) })
	p := &page{banks: banks, served: lang}
	p.setRoute(route.Parse(banks, u))
	rehearseRender(p)
	rehearseNavigation(u)
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
