package route

import (
	"net/url"
	"strings"
	"testing"
)

// fuzzSeeds are URLs worth starting from: every screen, answers and
// display options, and kinds of damage.
func fuzzSeeds() []string {
	full := bank.NewAnswers()
	for i := range full {
		full[i] = i % 4
	}
	code := bank.Encode(full)
	partial := bank.Encode(bank.NewAnswers().With(1, 2))
	return []string{
		"/", "/index.html", "/q/1", "/q/24?a=" + partial + "&pick=4", "/q/1?pick=2&lang=de&embed=1&accent=%23ff0000&compact=1&share=0",
		"/result?a=" + code, "/result?a=" + code + "&shared=1", "/result?a=" + partial, "/result?a=" + code[:9],
		"/compare?r=" + code + "&r=" + partial, "/compare?links=https%3A%2F%2Fx%2Fresult%3Fa%3D" + code + "%0A" + partial,
		"/q/1?pick=", "/q/0", "/nope", "/?a=%zz", "/?a;b", "/?lang=%3Cscript%3E", "/compare?r=%22%3E%3Cimg%20src%3Dx%3E",
	}
}

// FuzzParseRoute checks that Parse never panics, and that where a
// submitted answer or pasted links lead is a path on this site that
// needs no further redirect.
func FuzzParseRoute(f *testing.F) {
	for _, s := range fuzzSeeds() {
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
				(rt.Screen == Result && again.Shared != rt.Shared) || len(again.Codes) != len(rt.Codes) || again.Canonical().String() != c.String() {
				t.Fatalf("%s?%s: canonical %s shows another page", path, query, c)
			}
			return
		}
		checkNext(t, rt.Next)
		again := Parse(banks, mustParse(t, rt.Next))
		if again.Next != "" {
			t.Fatalf("%s?%s leads to %s, which leads on to %s", path, query, rt.Next, again.Next)
		}
		if rt.Screen == Question && again.Screen != Question && again.Screen != Result {
			t.Fatalf("an answer to %s?%s leads to %s, screen %d", path, query, rt.Next, again.Screen)
		}
	})
}

func checkNext(t *testing.T, next string) {
	t.Helper()
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) {
		t.Fatalf("next %q is not a path on this site", next)
	}
	u := mustParse(t, next)
	if u.Scheme != "" || u.Host != "" || u.User != nil {
		t.Fatalf("next %q leaves the site", next)
	}
	if strings.ContainsAny(next, "\x00\r\n\t \"'<>\\") {
		t.Fatalf("next %q is not escaped", next)
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return u
}
