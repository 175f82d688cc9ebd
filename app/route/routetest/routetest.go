// Package routetest holds what the tests of the route and the server
// share: the published question banks, URLs worth starting a fuzz target
// from, and the check that a redirect stays on the site.
package routetest

import (
	"fmt"
	"net/url"
	"strings"

	"cxquiz/quiz"
)

// Banks returns every published bank version. They are Go data checked
// when they were generated, so it panics if they do not load.
func Banks() *quiz.Banks {
	b, err := quiz.LoadAll()
	if err != nil {
		panic(err)
	}
	return b
}

// Seeds are URLs worth starting from with bank b: every screen, answers
// and display options, and kinds of damage.
func Seeds(b *quiz.Bank) []string {
	full := b.NewAnswers()
	for i := range full {
		full[i] = i % 4
	}
	code := b.Encode(full)
	partial := b.Encode(b.NewAnswers().With(1, 2))
	return []string{
		"/", "/index.html", "/q/1", "/q/24?a=" + partial + "&pick=4", "/q/1?pick=2&lang=de&embed=1&accent=%23ff0000&compact=1&share=0",
		"/result?a=" + code, "/result?a=" + code + "&shared=1", "/result?a=" + partial, "/result?a=" + code[:9],
		"/compare?r=" + code + "&r=" + partial, "/compare?links=https%3A%2F%2Fx%2Fresult%3Fa%3D" + code + "%0A" + partial,
		"/q/1?pick=", "/q/0", "/nope", "/?a=%zz", "/?a;b", "/?lang=%3Cscript%3E", "/compare?r=%22%3E%3Cimg%20src%3Dx%3E",
	}
}

// CheckNext returns an error unless next, where a submitted form or a
// redirect leads, is an escaped path on this site.
func CheckNext(next string) error {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) {
		return fmt.Errorf("next %q is not a path on this site", next)
	}
	u, err := url.Parse(next)
	if err != nil {
		return fmt.Errorf("next %q: %w", next, err)
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil {
		return fmt.Errorf("next %q leaves the site", next)
	}
	if strings.ContainsAny(next, "\x00\r\n\t \"'<>\\") {
		return fmt.Errorf("next %q is not escaped", next)
	}
	return nil
}
