//go:build !wasm

package quiz

// checkGenerated: outside the browser the generated banks are checked at
// start-up as the JSON files are (see check_wasm.go).
const checkGenerated = true
