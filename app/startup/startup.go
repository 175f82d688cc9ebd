// Package startup lets the browser in while the wasm client starts: a slow
// phone would otherwise freeze for the whole of Go's start-up (runtime,
// package initialisation, loading, go-app's first render), one task that
// no tap or key press can interrupt.
//
// Importing it splits the runtime's start from the other packages'
// initialisation: Go initialises packages in the order of their import
// paths among those whose imports are ready, and this one needs only
// syscall/js, so its init runs before the heavy ones (net, go-app, the
// screens) and yields there. Yield splits the rest.
//
// Outside the browser both do nothing.
package startup

func init() {
	Mark("cxquiz:runtime")
	Yield()
}
