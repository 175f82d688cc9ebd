//go:build wasm

package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/screens"
	"cxquiz/app/startup"
	_ "cxquiz/app/startup/split/crypto"
	_ "cxquiz/app/startup/split/http"
	_ "cxquiz/app/startup/split/netip"
	"cxquiz/quiz"
)

// main takes over the prerendered page in steps, giving the browser back
// its main thread between them (see package startup, whose init splits
// the runtime's start from the packages'), so that a slow phone answers a
// tap or a key while the wasm starts instead of freezing for the whole
// start-up. The marks tell make bench the steps apart.
func main() {
	startup.Mark("cxquiz:main") // every package is initialised
	startup.Yield()
	b, err := quiz.LoadAll()
	if err != nil {
		app.Log(err)
		return
	}
	if startup.InWorker() {
		// The worker that compiled app.wasm runs it this far while the
		// page starts its own copy: the browser compiles each function the
		// first time it runs, in whichever thread, and the page's instance
		// shares the compiled code. What follows needs the page: go-app
		// takes over a stand-in of it here.
		if address, lang := startup.WorkerPage(); address != "" {
			built, mounted := screens.RehearseInWorker(b, address, lang)
			if built {
				startup.TellWorker("cxquizRehearsed")
			}
			if mounted {
				startup.TellWorker("cxquizMounted")
			}
		}
		return
	}
	startup.Yield()
	takeOver := screens.Register(b)
	startup.Mark("cxquiz:loaded")
	// The worker that compiled app.wasm has let go-app take over a stand-in
	// of this page (screens.RehearseInWorker): the code of the take-over is
	// compiled. The mark keeps make bench's phases as they were (this was
	// the end of a rehearsal on the page).
	startup.Mark("cxquiz:rehearsed")
	startup.Yield()
	// go-app builds the screen of the address and puts it in place of the
	// prerendered one, a long one in steps; screens.restorePrerendered
	// marks cxquiz:mounted.
	takeOver.Stage()
	app.RunWhenOnBrowser()
}
