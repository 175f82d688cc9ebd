//go:build !wasm

package startup

// Yield does nothing outside the browser.
func Yield() {}

// Mark does nothing outside the browser.
func Mark(string) {}

// InWorker is false outside the browser.
func InWorker() bool { return false }
