package route

import (
	"net/url"
	"testing"

	"cxquiz/app/route/routetest"
)

// FuzzParseRoute checks that Parse never panics, and that where a
// submitted answer or pasted links lead is a path on this site that
// needs no further redirect.
func FuzzParseRoute(f *testing.F) {
	for _, s := range routetest.Seeds(bank) {
		u, err := url.Parse(s)
		if err != nil {
			u = &url.URL{Path: s}
		}
		f.Add(u.Path, u.RawQuery)
	}
	f.Add("/q/5", "pick=1&a=%ff")
	f.Add("/compare", "links=//evil.example/?a=x&r=")
	f.Fuzz(func(t *testing.T, path, query string) {
		rt := Parse(banks, &url.URL{Path: path, RawQuery: query})
		if rt.Next == "" {
			// The canonical URL shows the same page, and is its own.
			c := rt.Canonical()
			again := Parse(banks, c)
			if again.Screen != rt.Screen || again.Status() != rt.Status() || again.Prefs != rt.Prefs || again.Code() != rt.Code() ||
				(rt.Screen == Result && again.Shared != rt.Shared) || again.TeamConfirm != rt.TeamConfirm || len(again.Codes) != len(rt.Codes) || again.Canonical().String() != c.String() {
				t.Fatalf("%s?%s: canonical %s shows another page", path, query, c)
			}
			return
		}
		if err := routetest.CheckNext(rt.Next); err != nil {
			t.Fatal(err)
		}
		again := Parse(banks, mustParse(t, rt.Next))
		if again.Next != "" {
			t.Fatalf("%s?%s leads to %s, which leads on to %s", path, query, rt.Next, again.Next)
		}
		if rt.Screen == Question && again.Screen != Question && again.Screen != Result {
			t.Fatalf("an answer to %s?%s leads to %s, screen %d", path, query, rt.Next, again.Screen)
		}
	})
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return u
}
