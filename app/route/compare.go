package route

import (
	"net/url"
	"regexp"
	"strings"
)

// MaxCompare is how many results the compare screen puts side by side.
const MaxCompare = 12

// CompareURL is the compare screen of the given result codes.
func CompareURL(p Prefs, codes ...string) string {
	q := p.Query()
	for _, c := range codes {
		q.Add("r", c)
	}
	return "/compare?" + q.Encode()
}

// linkCode finds result codes in pasted text: whole result links or bare
// codes, separated by anything that cannot be part of a code.
var linkCode = regexp.MustCompile(`(?:[?&](?:a|r)=)?([A-Za-z0-9_-]{8,64})`)

// PasteLinks adds the result codes found in pasted text (links or bare
// codes) to codes, and returns them with the canonical compare URL of the
// first MaxCompare.
func PasteLinks(p Prefs, codes []string, pasted string) (all []string, next string) {
	for _, line := range strings.FieldsFunc(pasted, func(r rune) bool { return r == '\n' || r == ' ' || r == ',' || r == '\r' || r == '\t' }) {
		if u, err := url.Parse(line); err == nil && u.Query().Has("a") {
			codes = append(codes, u.Query().Get("a"))
			continue
		}
		if m := linkCode.FindStringSubmatch(line); m != nil {
			codes = append(codes, m[1])
		}
	}
	return codes, CompareURL(p, codes[:min(len(codes), MaxCompare)]...)
}

// parseCompare reads the codes of a compare URL. Pasted links (?links=)
// are added to them and lead to the canonical URL in next.
func parseCompare(p Prefs, q url.Values) (codes []string, next string) {
	codes = q["r"]
	if q.Has("links") {
		codes, next = PasteLinks(p, codes, q.Get("links"))
	}
	return codes, next
}
