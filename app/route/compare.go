package route

import (
	"net/url"
	"regexp"
	"strconv"
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
// first MaxCompare. Lines that hold no code are counted in that URL
// (skipped), so the page can say that something pasted was left out.
func PasteLinks(p Prefs, codes []string, pasted string) (all []string, next string) {
	skipped := 0
	for _, line := range strings.FieldsFunc(pasted, func(r rune) bool { return r == '\n' || r == '\r' }) {
		found := false
		for _, piece := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
			if u, err := url.Parse(piece); err == nil && u.Query().Has("a") {
				codes, found = append(codes, u.Query().Get("a")), true
				continue
			}
			if m := linkCode.FindStringSubmatch(piece); m != nil {
				codes, found = append(codes, m[1]), true
			}
		}
		if !found && strings.TrimSpace(line) != "" {
			skipped++
		}
	}
	next = CompareURL(p, codes[:min(len(codes), MaxCompare)]...)
	if skipped > 0 {
		next += "&skipped=" + strconv.Itoa(min(skipped, maxSkipped))
	}
	return codes, next
}

// maxSkipped bounds the count of pasted lines left out that a compare
// URL carries.
const maxSkipped = 99

// parseCompare reads the codes of a compare URL and the count of pasted
// lines left out. Pasted links (?links=) are added to them and lead to
// the canonical URL in next.
func parseCompare(p Prefs, q url.Values) (codes []string, skipped int, next string) {
	codes = q["r"]
	if n, err := strconv.Atoi(q.Get("skipped")); err == nil && n > 0 {
		skipped = min(n, maxSkipped)
	}
	if q.Has("links") {
		codes, next = PasteLinks(p, codes, q.Get("links"))
		skipped = 0 // the URL it leads to says
	}
	return codes, skipped, next
}
