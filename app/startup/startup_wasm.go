//go:build wasm

package startup

import "syscall/js"

// Yield lets the browser handle what waits (input, a frame) before the
// program goes on: while the program waits, Go's scheduler returns to
// JavaScript. It waits for an idle moment, at most 200 ms.
func Yield() {
	done := make(chan struct{})
	f := js.FuncOf(func(js.Value, []js.Value) any {
		close(done)
		return nil
	})
	defer f.Release()
	w := js.Global()
	if w.Get("requestIdleCallback").Truthy() {
		opts := w.Get("Object").New()
		opts.Set("timeout", 200)
		w.Call("requestIdleCallback", f, opts)
	} else {
		w.Call("setTimeout", f, 0)
	}
	<-done
}

// InWorker reports whether the program runs in a worker, where there is
// no page: web/compile-worker.js runs it there, up to the point where it
// would need one, so that the browser compiles the code of the runtime's
// start and of the packages' initialisation off the page's main thread
// (see main).
func InWorker() bool { return js.Global().Get("document").IsUndefined() }

// Mark records a User Timing mark: make bench tells the steps of the
// start-up apart by them.
func Mark(name string) {
	if p := js.Global().Get("performance"); p.Truthy() {
		p.Call("mark", name)
	}
}

// WorkerPage returns the address and language of the page that started the
// worker (web/compile-worker.js passes them on), or empty strings.
func WorkerPage() (address, lang string) {
	p := js.Global().Get("cxquizPage")
	if !p.Truthy() {
		return "", ""
	}
	str := func(k string) string {
		if v := p.Get(k); v.Type() == js.TypeString {
			return v.String()
		}
		return ""
	}
	return str("url"), str("lang")
}

// TellWorker sets a flag for web/compile-worker.js, which passes it on to
// the page.
func TellWorker(flag string) { js.Global().Set(flag, true) }
