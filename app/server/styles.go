//go:build !wasm

package server

import (
	"sort"
	"strings"
	"sync"
)

// A page carries, inline, only the rules of quiz.css that can apply to
// the elements it holds: on a slow phone every rule is parsed and matched
// before the first paint, and most of quiz.css styles other screens (a
// question page needed 5 KB of its 17). The wasm may later draw any
// screen without a reload, so quiz.js links the whole stylesheet (the
// versioned file the service worker keeps) once the page is up; without
// JavaScript each page is a page of its own, complete with its rules.

// scriptClasses are the classes quiz.js sets on a page before the whole
// stylesheet has arrived: their rules stay inline (TestScriptClassesKept).
var scriptClasses = []string{"in-frame"}

// stylesheet is quiz.css as rules, each with what a page must hold for
// it to apply, and the inline styles made from it, by what they kept.
type stylesheet struct {
	rules []cssRule
	// known are the classes, ids and element names any rule needs: a
	// page's other ones do not change its styles.
	known map[string]bool

	mu    sync.Mutex
	byKey map[string]*pageStyle
}

// cssRule is a rule, or a block of rules (@media, @supports), as written.
type cssRule struct {
	prelude string // selectors, or the block's at-rule
	body    string // declarations; empty for a block
	block   []cssRule
	// needs has, per selector of a rule, the classes (".x"), ids ("#x")
	// and element names it names: the rule applies to a page only where
	// one selector's are all on the page. nil: always kept (an at-rule
	// such as @page, or a selector naming none, like :root).
	needs   [][]string
	isBlock bool
}

// pageStyle is the style element of the pages that keep the same rules,
// with its Content-Security-Policy.
type pageStyle struct {
	element []byte // <style>…</style>\n
	css     string
	csp     string
}

// maxStyleVariants bounds the style elements kept: pages keep a few
// dozen different sets of rules at most.
const maxStyleVariants = 512

func parseStylesheet(css string) *stylesheet {
	s := &stylesheet{known: map[string]bool{}, byKey: map[string]*pageStyle{}}
	s.rules, _ = parseRules(css, 0)
	var walk func([]cssRule)
	walk = func(rs []cssRule) {
		for _, r := range rs {
			walk(r.block)
			for _, n := range r.needs {
				for _, t := range n {
					s.known[t] = true
				}
			}
		}
	}
	walk(s.rules)
	return s
}

// parseRules reads rules from css[i:] until a closing brace or the end,
// and returns them with the index after that brace.
func parseRules(css string, i int) ([]cssRule, int) {
	var rules []cssRule
	for i < len(css) {
		for i < len(css) && css[i] == ' ' {
			i++
		}
		if i >= len(css) {
			break
		}
		if css[i] == '}' {
			return rules, i + 1
		}
		open := scanTo(css, i, '{')
		if open < 0 {
			break // a stray end: nothing more to apply
		}
		prelude := strings.TrimSpace(css[i:open])
		if isGroupingRule(prelude) {
			block, next := parseRules(css, open+1)
			rules = append(rules, cssRule{prelude: prelude, block: block, isBlock: true})
			i = next
			continue
		}
		end := scanTo(css, open+1, '}')
		if end < 0 {
			end = len(css)
		}
		r := cssRule{prelude: prelude, body: strings.TrimSpace(css[open+1 : end])}
		if !strings.HasPrefix(prelude, "@") {
			r.needs = selectorNeeds(prelude)
		}
		rules = append(rules, r)
		i = end + 1
	}
	return rules, len(css)
}

// isGroupingRule tells the at-rules that hold rules from those that hold
// declarations (@page, @font-face).
func isGroupingRule(prelude string) bool {
	for _, at := range []string{"@media", "@supports", "@layer", "@container"} {
		if strings.HasPrefix(prelude, at) {
			return true
		}
	}
	return false
}

// scanTo finds c in css from i on, outside strings.
func scanTo(css string, i int, c byte) int {
	var quote byte
	for ; i < len(css); i++ {
		switch {
		case quote != 0:
			if css[i] == '\\' {
				i++
			} else if css[i] == quote {
				quote = 0
			}
		case css[i] == '"' || css[i] == '\'':
			quote = css[i]
		case css[i] == c:
			return i
		}
	}
	return -1
}

// selectorNeeds returns, per selector of a list, the classes, ids and
// element names it names outside brackets and the arguments of pseudo
// classes (:has(), :not(), … may match without them). A selector that
// names none applies to every page: the whole rule is kept (nil).
func selectorNeeds(list string) [][]string {
	var out [][]string
	for _, sel := range splitTop(list) {
		needs := selectorTokens(sel)
		if len(needs) == 0 {
			return nil
		}
		out = append(out, needs)
	}
	return out
}

// splitTop splits a selector list at its commas outside brackets.
func splitTop(list string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(list); i++ {
		switch list[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, list[start:i])
				start = i + 1
			}
		}
	}
	return append(out, list[start:])
}

func selectorTokens(sel string) []string {
	var out []string
	depth := 0
	pseudo := false // in a pseudo class or element's name
	for i := 0; i < len(sel); {
		c := sel[i]
		switch {
		case c == '(' || c == '[':
			depth++
			i++
			continue
		case c == ')' || c == ']':
			depth--
			i++
			continue
		case depth > 0:
			i++
			continue
		case c == ':':
			pseudo = true
			i++
			continue
		}
		if c == '.' || c == '#' || isNameStart(c) {
			j := i
			if c == '.' || c == '#' {
				j++
			}
			for j < len(sel) && isNameChar(sel[j]) {
				j++
			}
			if name := sel[i:j]; !pseudo && (isNameStart(c) || j > i+1) {
				if isNameStart(c) {
					name = strings.ToLower(name)
				}
				out = append(out, name)
			}
			pseudo = false
			i = j
			continue
		}
		pseudo = false
		i++
	}
	return out
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-'
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

// pageTokens returns the classes (".x"), ids ("#x") and element names on
// a rendered page that some rule names. It reads start tags with one
// pass over the page: the quiz's markup is go-app's, attribute values in
// double quotes.
func (s *stylesheet) pageTokens(page []byte) map[string]bool {
	has := map[string]bool{}
	for _, c := range scriptClasses {
		has["."+c] = true
	}
	add := func(t string) {
		if s.known[t] {
			has[t] = true
		}
	}
	for i := 0; i < len(page); i++ {
		if page[i] != '<' || i+1 >= len(page) || !isNameStart(page[i+1]) {
			continue
		}
		j := i + 1
		for j < len(page) && isNameChar(page[j]) {
			j++
		}
		add(strings.ToLower(string(page[i+1 : j])))
		// The tag's attributes, to its end.
		var quote byte
		for ; j < len(page); j++ {
			c := page[j]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				continue
			}
			if c == '"' || c == '\'' {
				quote = c
				continue
			}
			if c == '>' {
				break
			}
			for _, a := range [...]struct {
				name, prefix string
			}{{` class="`, "."}, {` id="`, "#"}} {
				if j+len(a.name) <= len(page) && string(page[j:j+len(a.name)]) == a.name {
					v := j + len(a.name)
					e := v
					for e < len(page) && page[e] != '"' {
						e++
					}
					if a.prefix == "#" {
						add("#" + string(page[v:e]))
					} else {
						for _, c := range strings.Fields(string(page[v:e])) {
							add("." + c)
						}
					}
					j = e
					break
				}
			}
		}
		i = j
	}
	return has
}

// forPage returns the style element for a page holding has, made once per
// set of tokens; csp makes the page's Content-Security-Policy from its
// style's hash source.
func (s *stylesheet) forPage(has map[string]bool, csp func(hash string) string) *pageStyle {
	keys := make([]string, 0, len(has))
	for k := range has {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	key := strings.Join(keys, " ")
	s.mu.Lock()
	p, ok := s.byKey[key]
	s.mu.Unlock()
	if ok {
		return p
	}
	var b strings.Builder
	writeRules(&b, s.rules, has)
	css := b.String()
	p = &pageStyle{element: []byte("<style>" + css + "</style>\n"), css: css, csp: csp(styleHash(css))}
	s.mu.Lock()
	if len(s.byKey) < maxStyleVariants {
		s.byKey[key] = p
	}
	s.mu.Unlock()
	return p
}

// writeRules writes the rules that may apply to a page holding has, in
// their order; a block only if some of its rules are kept.
func writeRules(b *strings.Builder, rules []cssRule, has map[string]bool) {
	for _, r := range rules {
		if r.isBlock {
			var inner strings.Builder
			writeRules(&inner, r.block, has)
			if inner.Len() > 0 {
				b.WriteString(r.prelude + "{" + inner.String() + "}")
			}
			continue
		}
		if !applies(r.needs, has) {
			continue
		}
		b.WriteString(r.prelude + "{" + r.body + "}")
	}
}

func applies(needs [][]string, has map[string]bool) bool {
	if needs == nil {
		return true
	}
	for _, sel := range needs {
		all := true
		for _, t := range sel {
			if !has[t] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
