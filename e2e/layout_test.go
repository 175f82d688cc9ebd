package e2e

import (
	"fmt"
	"strings"
	"testing"

	"cxquiz/quiz"
)

// brokenWordsJS lists the words the page breaks inside: a word whose
// letters the browser put on more than one line (a hyphen, a dash, a slash
// or a soft hyphen may end a line), and a word that sticks out of its table
// cell (a cell narrower than its longest word). SVG text does not wrap and
// is left out, and so is what is not shown, visually hidden text for
// screen readers (clipped to a pixel) included.
const brokenWordsJS = `(() => {
	const out = [];
	const words = /[^\s\-\u2010\u2013\u2014\/\u00ad\u200b]+[\-\u2010\u2013\u2014\/\u00ad]?/g;
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	const range = document.createRange();
	const where = el => {
		const parts = [];
		for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
			const cls = typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "";
			parts.unshift(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + cls);
		}
		return parts.join(" > ");
	};
	const clipped = new Map();
	const hidden = el => {
		if (!el || el === document.body) return false;
		if (!clipped.has(el)) {
			const cs = getComputedStyle(el), r = el.getBoundingClientRect();
			clipped.set(el, cs.clip !== "auto" || (cs.overflow === "hidden" && (r.width <= 1 || r.height <= 1)) || hidden(el.parentElement));
		}
		return clipped.get(el);
	};
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const el = n.parentElement;
		if (!el || el.closest("svg, script, style, noscript, title") || !el.getClientRects().length || hidden(el)) continue;
		const cell = el.closest("td, th");
		const box = cell && cell.getBoundingClientRect();
		for (const m of n.data.matchAll(words)) {
			range.setStart(n, m.index);
			range.setEnd(n, m.index + m[0].length);
			const rects = [...range.getClientRects()].filter(r => r.width > 0);
			if (!rects.length) continue;
			const lines = new Set(rects.map(r => Math.round(r.top)));
			if (lines.size > 1) {
				out.push(where(el) + ": \"" + m[0] + "\" is broken over " + lines.size + " lines");
			} else if (box && (rects[0].left < box.left - 1 || rects[rects.length - 1].right > box.right + 1)) {
				out.push(where(el) + ": \"" + m[0] + "\" (" + Math.round(rects[0].width) + "px) sticks out of its " + Math.round(box.width) + "px cell");
			}
			if (out.length >= 12) return out;
		}
	}
	return out;
})()`

// assertWords fails the test for every word the page breaks inside (see
// brokenWordsJS): a squeezed table or column shows at once.
func (tb *tab) assertWords(screen string) {
	tb.t.Helper()
	var broken []string
	tb.eval(brokenWordsJS, &broken)
	if len(broken) > 0 {
		tb.t.Errorf("%s: words broken inside (a squeezed layout):\n\t%s", screen, strings.Join(broken, "\n\t"))
	}
}

// compareScreens are the compare screen with 4 and with 12 results.
func (s *suite) compareScreens() []screen {
	link := func(n int) string {
		p := "/compare?"
		for i := range n {
			if i > 0 {
				p += "&"
			}
			p += "r=" + s.bank.Encode(s.answers(uint64(100+i)))
		}
		return p
	}
	return []screen{
		{"compare-4", link(4), 200, ".comparison"},
		{"compare-12", link(12), 200, ".comparison"},
	}
}

// withParam adds a query parameter ("name=value") to a path.
func withParam(path, param string) string {
	if strings.Contains(path, "?") {
		return path + "&" + param
	}
	return path + "?" + param
}

// withEmbed adds ?embed=1, the iframe's address, to a path.
func withEmbed(path string) string { return withParam(path, "embed=1") }

// TestLayout opens every kind of screen, compare with 4 and 12 results
// included, on a phone and a desktop, in every language, as a page and
// as the embedded quiz: no word is broken inside and nothing sticks out
// sideways. The wasm renders the same markup as the server (and
// TestAccessibility checks its screens the same way), so the pages are
// checked as the server sends them (?wasm=false), which keeps the test
// quick. It saves screenshots of the compare screens and of the embedded
// intro and result to artifacts/ (TestAccessibility has the others).
func TestLayout(t *testing.T) {
	t.Parallel()
	s := setup(t)
	for _, lang := range s.bank.Languages() {
		for _, vp := range []viewport{phone, desktop} {
			for _, embed := range []bool{false, true} {
				name := lang + "-" + vp.name
				if embed {
					name += "-embedded"
				}
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					tb := s.browser.journey(t)
					tb.lang = lang
					tb.emulate(vp)
					for _, sc := range append(s.screens(), s.compareScreens()...) {
						path := withLang(sc.path, lang)
						if embed {
							path = withEmbed(path)
						}
						path = withParam(path, "wasm=false")
						if sc.status >= 400 {
							tb.expectStatus(path)
						}
						tb.open(path)
						tb.loaded()
						tb.waitFor("the "+sc.name+" screen", fmt.Sprintf(`!!document.querySelector(%s) && document.documentElement.lang === %s`, js(sc.sel), js(lang)))
						// What a person can open is checked open.
						tb.eval(`document.querySelectorAll("details").forEach(d => d.open = true)`, nil)
						tb.settle()
						tb.assertWords(sc.name)
						tb.assertFits(sc.name, vp)
						if !strings.HasPrefix(sc.name, "compare") && !(embed && (sc.name == "intro" || sc.name == "result")) {
							continue
						}
						shot := "layout-" + sc.name
						if lang != quiz.DefaultLang {
							shot += "-" + lang
						}
						if embed {
							shot += "-embedded"
						}
						tb.screenshot(shot + "-" + vp.name)
					}
				})
			}
		}
	}
}
