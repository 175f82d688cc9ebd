package screens

import (
	"encoding/json"
	"regexp"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

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
		func() { _, _ = p.title(T(p.lang())), p.Render() },
		func() {
			// go-app's first navigation decodes its internal URLs, prints
			// the address and matches it against the route.
			var urls []string
			_ = json.Unmarshal([]byte(app.Getenv("GOAPP_INTERNAL_URLS")), &urls)
			u := app.Window().URL()
			_ = u.String()
			_ = regexp.MustCompile(everyPath).MatchString(u.Path)
		},
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
