//go:build wasm

package quiz

// checkGenerated is false in the browser: the generated banks were
// checked when they were made (tools/bankgen parses the JSON files) and
// every other build checks them again at start-up (the server, the
// tests), so the wasm client only indexes them, which spares a slow phone
// the checks while the wasm takes over and spares app.wasm their code.
const checkGenerated = false
