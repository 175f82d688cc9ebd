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
// replaced the page itself. The parts are numbered from 0 in the order
// they are added; a screen's render holds back those not yet shown (held),
// and stageIn adds one a step up to the screen's last (lastPart).

// TakeOver is how the wasm's first page takes the place of the server's
// page: made by Register, shared by the pages its route makes, of which
// only the first takes over. It is handed to the route's factory rather
// than kept in package variables: go-app's route table is process-wide,
// but the state of one take-over belongs to the program that registered
// it (the page's, or the worker's rehearsal, warm.go).
type TakeOver struct {
	banks *quiz.Banks
	// pending: the next page made takes over in steps (Stage).
	pending bool
	// prerendered is the server's page, in the document until the
	// wasm's screen takes its place.
	prerendered app.Value
	// mounted, in the worker that rehearses the take-over (warm.go), is
	// called in place of restorePrerendered once the first screen is in
	// place; nil on the page.
	mounted func()
}

// Stage prepares the take-over of the address's screen in steps, if it
// is long enough to gain from it; call it just before
// app.RunWhenOnBrowser.
func (t *TakeOver) Stage() {
	switch route.Parse(t.banks, app.Window().URL()).Screen {
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
	t.pending, t.prerendered = true, page
}

// takeStaged tells whether the page made now takes over in steps: the
// first page made after Stage, and no other.
func (t *TakeOver) takeStaged() bool {
	staged := t.pending
	t.pending = false
	return staged
}

// everyPart is a value of page.shown beyond any screen's last part: every
// part shown, as for a screen navigated to before the take-over ended,
// which comes whole. Not math.MaxInt: stageIn's steps still add to it.
const everyPart = 1 << 20

// resultLastPart is the number of the last of the parts renderResult
// passes to inParts (TestLastPart checks it).
const resultLastPart = 5

// comparePart is the part of the comparison that holds dimension d, three
// dimensions a part; the overall figure, after them, is d = the number of
// dimensions.
func comparePart(d int) int { return 1 + d/3 }

// lastPart is the number of the current screen's last part (see held), 0
// for a screen that comes whole. It follows the screen's render: a result
// has parts only where it is scored, the comparison only where one of its
// results scores.
func (p *page) lastPart() int {
	switch p.r.Screen {
	case route.Result:
		if _, err := p.bank().Score(p.r.Answers); err == nil {
			return resultLastPart
		}
	case route.Compare:
		for _, e := range compareEntries(p.banks, p.lang(), p.r.Codes) {
			if e.err == nil {
				return comparePart(len(p.banks.Latest().Dimensions))
			}
		}
	}
	return 0
}

// held tells whether part n (1, 2, …) of a screen that takes over in
// steps is still held back; part 0 comes first.
func (p *page) held(n int) bool {
	return p.staged && n > p.shown
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
	// The screen stays the one just mounted while it comes in (a
	// navigation meanwhile shows every part, load), so its last part is
	// known now: no need to score its answers again at every step.
	last := p.lastPart()
	ctx.Async(func() {
		for done := false; !done; {
			startup.Yield()
			step := make(chan bool, 1)
			ctx.Dispatch(func(ctx app.Context) {
				p.shown++
				ctx.Defer(func(app.Context) { step <- p.shown >= last })
			})
			done = <-step
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.staged = false
			ctx.Defer(func(app.Context) {
				p.takeOver.prerendered.Call("replaceWith", root)
				p.takeOver.prerendered = nil
				p.takeOver.restorePrerendered()
			})
		})
	})
}
