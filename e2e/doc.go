// Package e2e holds the end-to-end and accessibility tests of the quiz: they
// start the real server binary (CXQUIZ_BIN, set by `make test`) on a free
// loopback port and drive Debian's Chromium through it with chromedp, from
// the intro to the result, with the mouse, the keyboard, without the wasm
// and with the wasm arriving late, and run axe-core on every screen.
//
// The tests are skipped when CXQUIZ_BIN is not set and under -short.
// Screenshots of every screen go to e2e/artifacts/, with the server log.
package e2e
