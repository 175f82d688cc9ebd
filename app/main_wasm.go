//go:build wasm

package main

import (
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/screens"
	"cxquiz/quiz"
)

// main takes over the prerendered page in steps, giving the browser back
// its main thread between them, so that a slow phone answers a tap or a
// key while the wasm starts instead of freezing for the whole start-up.
// The marks (User Timing) let make bench tell the steps apart.
func main() {
	mark("cxquiz:main") // the Go runtime and every package are initialised
	yield()
	b, err := quiz.Load()
	if err != nil {
		app.Log(err)
		return
	}
	screens.Register(b)
	mark("cxquiz:loaded")
	yield()
	// go-app builds the screen of the address and puts it in place of the
	// prerendered one; screens.restorePrerendered marks cxquiz:mounted.
	app.RunWhenOnBrowser()
}

// yield lets the browser handle what waits (input, a frame) before the
// program goes on: while main waits, Go's scheduler returns to JavaScript.
// It waits for an idle moment, at most 200 ms.
func yield() {
	done := make(chan struct{})
	f := js.FuncOf(func(js.Value, []js.Value) any {
		close(done)
		return nil
	})
	defer f.Release()
	w := js.Global()
	if ric := w.Get("requestIdleCallback"); ric.Truthy() {
		opts := js.Global().Get("Object").New()
		opts.Set("timeout", 200)
		w.Call("requestIdleCallback", f, opts)
	} else {
		w.Call("setTimeout", f, 0)
	}
	<-done
}

func mark(name string) { js.Global().Get("performance").Call("mark", name) }
