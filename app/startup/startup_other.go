//go:build !wasm

package startup

// Yield does nothing outside the browser.
func Yield() {}

// Mark does nothing outside the browser.
func Mark(string) {}

// InWorker is false outside the browser.
func InWorker() bool { return false }

// WorkerPage has no page outside the browser.
func WorkerPage() (address, lang string) { return "", "" }

// TellWorker does nothing outside the browser.
func TellWorker(string) {}
