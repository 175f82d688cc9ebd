//go:build !wasm

package screens

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
)

func TestMain(m *testing.M) {
	Register(banks)
	os.Exit(m.Run())
}

// render prerenders a URL as the server does.
func render(t *testing.T, h *app.Handler, target string) string {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	if w.Code != http.StatusOK {
		t.Fatalf("%s: status %d", target, w.Code)
	}
	return w.Body.String()
}

// TestStandIn checks the contract of StandIn: the page rendered with the
// stand-in code, the stand-in replaced by the real code, is the page of
// the real URL.
func TestStandIn(t *testing.T) {
	t.Parallel()
	h := &app.Handler{}
	a := bank.NewAnswers().With(1, 2).With(2, 0).With(3, 3)
	for _, target := range []string{
		"/q/2?a=" + bank.Encode(a),
		"/q/4?a=" + bank.Encode(a) + "&lang=de&embed=1&accent=%23ff0000",
		"/q/3?a=" + bank.Encode(a.With(24, 1)),
		"/q/24?a=" + bank.Encode(a),
	} {
		u, _ := url.Parse(target)
		r := route.Parse(banks, u)
		standIn, code, ok := StandIn(r)
		if !ok || code != bank.Encode(r.Answers) || standIn == code {
			t.Fatalf("%s: StandIn %q %q %v", target, standIn, code, ok)
		}
		q := u.Query()
		real := u.Path + "?" + q.Encode()
		q.Set("a", standIn)
		got := strings.ReplaceAll(render(t, h, u.Path+"?"+q.Encode()), standIn, code)
		if want := render(t, h, real); normalize(got) != normalize(want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: the page with the stand-in differs from the real one: …%s… and …%s…", target, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
	for _, target := range []string{"/", "/q/1", "/result?a=" + bank.Encode(a), "/q/2?a=zz", "/q/2?a=" + bank.Encode(a) + "&pick=9"} {
		u, _ := url.Parse(target)
		if _, _, ok := StandIn(route.Parse(banks, u)); ok {
			t.Errorf("%s: a stand-in for a page that has none", target)
		}
	}
}
