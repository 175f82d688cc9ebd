// The tests' view of go-app's HTML, on the server and in the wasm build alike.

package screens

import (
	"regexp"
	"sort"
	"strings"
)

var (
	tag  = regexp.MustCompile(`<[a-z][a-z0-9-]*(\s[^<>]*)?>`)
	attr = regexp.MustCompile(`\s[^\s=<>"]+(="[^"]*")?`)
)

// normalize sorts the attributes of every tag: go-app writes them in map
// order.
func normalize(page string) string {
	return tag.ReplaceAllStringFunc(page, func(t string) string {
		attrs := attr.FindAllString(t, -1)
		sort.Strings(attrs)
		name, _, _ := strings.Cut(strings.TrimSuffix(t[1:], ">"), " ")
		return "<" + name + strings.Join(attrs, "") + ">"
	})
}
