// Package split and the packages beneath it only yield to the browser
// (startup.Yield) during package initialisation, each right after a heavy
// standard package (go-app's server side brings net/http and crypto into
// the wasm, and their initialisation runs there too). Go initialises
// packages in import-path order among those whose imports are ready, so
// one that imports a heavy package runs as soon as it is initialised,
// before the next heavy one. The wasm's main package imports them.
package split
