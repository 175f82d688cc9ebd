package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"

	"cxquiz/app/team"
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

// teamScreens are team views with 5 results (the fewest it shows figures
// for) and 200, stored on the suite's server once per run. (12 looks like
// either; the admin page, the same view under its links, TestTeamJourney
// checks at 390 and 1280.)
func (s *suite) teamScreens(t *testing.T) []screen {
	t.Helper()
	s.teamsOnce.Do(func() { s.teams, s.teamsErr = s.fillTeams() })
	if s.teamsErr != nil {
		t.Fatal(s.teamsErr)
	}
	return s.teams
}

func (s *suite) fillTeams() ([]screen, error) {
	base := strings.TrimSuffix(s.srv.url.String(), "/")
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) (*url.URL, error) {
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		res, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			return nil, fmt.Errorf("POST %s: %s", path, res.Status)
		}
		return url.Parse(res.Header.Get("Location"))
	}
	var out []screen
	for _, n := range []int{5, 200} {
		loc, err := post("/team/new", url.Values{"name": {fmt.Sprintf("Regional leadership team with %d results", n)}})
		if err != nil {
			return nil, err
		}
		id := strings.Split(loc.Path, "/")[2]
		for i := range n {
			if _, err := post("/team/"+id+"/add", url.Values{"a": {s.bank.Encode(s.answers(uint64(1000*n + i)))}, "m": {team.NewToken()}}); err != nil {
				return nil, err
			}
		}
		out = append(out, screen{fmt.Sprintf("team-%d", n), "/team/" + id, 200, "section.team-view .team-dim"})
	}
	return out, nil
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
// quick; each loads once, and is checked on a phone and a desktop in
// turn (see bothSizes). It saves screenshots of the compare
// screens and of the embedded intro, question, result and result with the
// note to artifacts/ (TestAccessibility has the others).
func TestLayout(t *testing.T) {
	t.Parallel()
	s := setup(t)
	for _, lang := range s.bank.Languages() {
		for _, embed := range []bool{false, true} {
			name := lang
			if embed {
				name += "-embedded"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				screens := append(append(s.screens(), s.compareScreens()...), s.teamScreens(t)...)
				tb := s.browser.screensTab(t, len(screens))
				tb.lang = lang
				for i, sc := range screens {
					path := withLang(sc.path, lang)
					if embed {
						path = withEmbed(path)
					}
					path = withParam(path, "wasm=false")
					if sc.status >= 400 {
						tb.expectStatus(path)
					}
					// The smallest phone in use (320 px) last, checked for
					// fit only: German's long level names must wrap there too.
					for j, vp := range append(bothSizes(i), smallPhone) {
						tb.emulate(vp)
						if j == 0 {
							tb.open(path)
							tb.loaded()
							tb.waitFor("the "+sc.name+" screen", fmt.Sprintf(`!!document.querySelector(%s) && document.documentElement.lang === %s`, js(sc.sel), js(lang)))
							// What a person can open is checked open.
							tb.eval(`document.querySelectorAll("details").forEach(d => d.open = true)`, nil)
						}
						tb.settle()
						screen := sc.name + " (" + vp.name + ")"
						tb.assertWords(screen)
						tb.assertFits(screen, vp)
						if vp == smallPhone {
							continue
						}
						// Of the team screens (checked above all the same),
						// only the fullest is kept as a picture: full-page
						// shots of long pages are the costliest step here.
						if !strings.HasPrefix(sc.name, "compare") && sc.name != "team-200" && !(embed && (sc.name == "intro" || sc.name == "question" || sc.name == "result" || sc.name == "result-high")) {
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
						if sc.name == "team-200" && vp == desktop && !embed {
							tb.assertPrint(sc.name, shot)
						}
					}
				}
			})
		}
	}
}

// bothSizes returns the phone and the desktop, in the order the ith
// screen of a test is checked at. A test that checks every screen at both
// sizes loads it once, at the first, and resizes the tab for the second:
// the media queries follow the new size as they would on a page loaded at
// it, and nothing in app/ reads the window's size. Taking them in turns,
// the tab keeps its size from one screen's last check to the next
// screen's load: each resize lays out and paints the page anew, at three
// device pixels per CSS pixel on the phone.
func bothSizes(i int) []viewport {
	if i%2 == 0 {
		return []viewport{phone, desktop}
	}
	return []viewport{desktop, phone}
}

// smallPhone is the narrowest phone still in use (an iPhone SE's 320 px).
var smallPhone = viewport{"small phone", 320, 568, 2, true}

// a4 is the width of an A4 page's printable area at 96 dpi (210 mm less
// the 13 mm margins quiz.css sets at each side; 297 mm less 12 and 14).
var a4 = viewport{"A4 page", 695, 1024, 1, false}

// assertPrint lays the page out as print media on an A4 page's width:
// no word broken inside, nothing wider than the page. It saves a
// screenshot as shot-print, and leaves the tab as it was.
func (tb *tab) assertPrint(screen, shot string) {
	tb.t.Helper()
	tb.run("emulating print on A4", emulation.SetEmulatedMedia().WithMedia("print"),
		emulation.SetDeviceMetricsOverride(a4.width, a4.height, a4.scale, a4.mobile))
	tb.settle()
	tb.assertWords(screen + " printed")
	tb.assertFits(screen+" printed", a4)
	tb.screenshot(shot + "-print")
	tb.run("emulating the screen again", emulation.SetEmulatedMedia().WithMedia(""))
	tb.emulate(desktop)
}
