package screens

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/app/startup"
	"cxquiz/quiz"
)

// The wasm takes over a long screen (a result, a comparison) in steps.
// go-app builds a screen's whole DOM in one task, through a call into
// JavaScript per element, attribute and child: at CPU×4 the result
// screen's ~300 elements held the main thread for over 100 ms, on top of
// the layout that follows. So go-app mounts the screen's first part in
// place of a spare element put before the server's page, the page takes it
// out of the document in the same task, and each later part (see held) is
// added by an update of its own, with the browser let in between
// (startup.Yield).
// Meanwhile the server's page stays in place and usable; once the wasm's
// screen is complete, it takes that page's place in one step, and quiz.js
// puts back focus and an unsent choice (restorePrerendered), as when go-app
// replaced the page itself.

// takeOver is what StageTakeOver prepared for the page go-app makes first.
var takeOver struct {
	pending     bool      // the next page made takes over in steps
	prerendered app.Value // the server's page, in the document until then
}

// StageTakeOver prepares the take-over of the address's screen in steps,
// if it is long enough to gain from it; call it just before
// app.RunWhenOnBrowser.
func StageTakeOver(banks *quiz.Banks) {
	switch route.Parse(banks, app.Window().URL()).Screen {
	case route.Result, route.Compare:
	default:
		return
	}
	doc := app.Window().Get("document")
	body := doc.Get("body")
	page := body.Get("firstElementChild")
	if !page.Truthy() {
		return
	}
	// go-app mounts its screen in place of the body's first element.
	spare := doc.Call("createElement", "div")
	spare.Set("hidden", true)
	body.Call("prepend", spare)
	takeOver.pending, takeOver.prerendered = true, page
}

// held tells whether part n (1, 2, …) of a screen that takes over in
// steps is still held back; part 0 comes first.
func (p *page) held(n int) bool {
	if !p.staged {
		return false
	}
	p.parts = max(p.parts, n)
	return n > p.shown
}

// inParts joins a screen's parts (see held) in order, each part held back
// standing as an empty text per element, so that adding it leaves the
// others where they are.
func (p *page) inParts(parts ...[]app.UI) []app.UI {
	var all []app.UI
	for n, part := range parts {
		held := p.held(n)
		for _, e := range part {
			if held {
				e = app.Text("")
			}
			all = append(all, e)
		}
	}
	return all
}

// stageIn takes the screen go-app has just mounted (its first part) out of
// the document, in the task of the mount, adds its parts one by one and
// then puts it in the place of the server's page.
func (p *page) stageIn(ctx app.Context) {
	root := p.JSValue()
	root.Call("remove")
	ctx.Async(func() {
		for done := false; !done; {
			startup.Yield()
			step := make(chan bool, 1)
			ctx.Dispatch(func(ctx app.Context) {
				p.shown++
				ctx.Defer(func(app.Context) { step <- p.shown >= p.parts })
			})
			done = <-step
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.staged = false
			ctx.Defer(func(app.Context) {
				takeOver.prerendered.Call("replaceWith", root)
				takeOver.prerendered = nil
				restorePrerendered()
			})
		})
	})
}
