package e2e

import (
	"net/http"
	"net/http/httptest"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestStaticExportOnAPlainHost exports the site and serves it as a host
// without rewrites does (Go's http.FileServer): a shared result link and
// a reloaded question redirect to the page's directory form (/result/?a=…)
// and, once the wasm runs, show the address's screen, not a 404.
func TestStaticExportOnAPlainHost(t *testing.T) {
	s := setup(t)
	dir := t.TempDir()
	if out, err := exec.Command(needBin(t), "-export", dir).CombinedOutput(); err != nil {
		t.Fatalf("exporting: %v\n%s", err, out)
	}
	host := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer host.Close()
	tb := s.browser.journey(t)
	tb.allowOrigin(host.URL)
	a := s.answers(9)
	code := s.bank.Encode(a)

	tb.openURL(host.URL + "/result?a=" + code + "&shared=1")
	tb.waitWasm()
	tb.waitFor("the shared result", `location.pathname === "/result/" && !!document.querySelector('section.result[data-code="`+code+`"]')`)

	tb.openURL(host.URL + "/q/3?a=" + s.bank.Encode(upTo(a, 2)))
	tb.waitWasm()
	tb.waitFor("question 3 with the answers so far", `location.pathname === "/q/3/" && document.title.startsWith("Question 3 of") && !!document.querySelector('#answer input[name="a"][value="`+s.bank.Encode(upTo(a, 2))+`"]')`)
	tb.run("reloading", chromedp.Reload())
	tb.waitWasm()
	tb.waitFor("question 3 again", `location.pathname === "/q/3/" && document.title.startsWith("Question 3 of")`)
}
