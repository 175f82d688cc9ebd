//go:build !wasm

package startup

// Yield does nothing outside the browser.
func Yield() {}

// Mark does nothing outside the browser.
func Mark(string) {}
