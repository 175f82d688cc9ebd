//go:build !wasm

package server

import (
	"regexp"
	"strings"
	"testing"
)

// TestStyleHash: the CSP allows exactly the style element the pages
// carry, so a browser applies it, and nothing else inline.
func TestStyleHash(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	for _, path := range []string{"/", "/q/1", "/result?a=BAD", "/compare?accent=%23aa0077&embed=1"} {
		res, body := get(t, ts, path)
		elems := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(body, -1)
		if len(elems) != 1 {
			t.Fatalf("%s: %d style elements, want 1", path, len(elems))
		}
		csp := res.Header.Get("Content-Security-Policy")
		if want := "style-src 'self' " + styleHash(elems[0][1]) + ";"; !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %q", path, csp, want)
		}
		if strings.Contains(body, " style=") {
			t.Errorf("%s: the page has an inline style attribute, which the CSP blocks", path)
		}
		if strings.Contains(path, "accent") && !strings.Contains(body, `data-accent="#aa0077"`) {
			t.Errorf("%s: the host's accent is not on the page for quiz.css and quiz.js", path)
		}
	}
}
