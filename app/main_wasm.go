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
		// shares the compiled code. What follows needs the page, but the
		// page's first screen can be built without one.
		if address, lang := startup.WorkerPage(); address != "" && screens.RehearseInWorker(b, address, lang) {
			startup.TellWorker("cxquizRehearsed")
		}
		return
	}
	startup.Yield()
	screens.Register(b)
	startup.Mark("cxquiz:loaded")
	for _, step := range screens.Rehearsal(b) {
		startup.Yield()
		step()
	}
	startup.Mark("cxquiz:rehearsed")
	startup.Yield()
	// go-app builds the screen of the address and puts it in place of the
	// prerendered one; screens.restorePrerendered marks cxquiz:mounted.
	app.RunWhenOnBrowser()
}
