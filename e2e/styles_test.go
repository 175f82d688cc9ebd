package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
)

// styleDiffJS compares every element's computed style with the snapshot
// takeStyleJS made: the properties that changed, for the first elements.
const (
	takeStyleJS = `(() => {
	const snap = (el) => { const cs = getComputedStyle(el); let s = []; for (let i = 0; i < cs.length; i++) s.push(cs[i] + ": " + cs.getPropertyValue(cs[i])); return s; };
	window.__styles = [document.documentElement, ...document.querySelectorAll("body, body *")].map(snap);
	window.__snap = snap;
	return window.__styles.length;
})()`
	styleDiffJS = `(() => {
	const els = [document.documentElement, ...document.querySelectorAll("body, body *")];
	const out = [];
	if (els.length !== window.__styles.length) return ["the page changed: " + els.length + " elements, were " + window.__styles.length];
	els.forEach((el, i) => {
		const now = window.__snap(el), was = window.__styles[i];
		const diff = now.filter((p, j) => p !== was[j]);
		if (diff.length && out.length < 8) {
			const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "");
			out.push(name + ": " + diff.slice(0, 4).join("; ") + " (inline: " + was.filter((p, j) => p !== now[j]).slice(0, 4).join("; ") + ")");
		}
	});
	return out;
})()`
	// linkAllStylesJS adds the whole quiz.css, the versioned file next to
	// quiz.js, as quiz.js does.
	linkAllStylesJS = `(() => {
	const js = document.querySelector('script[src*="/web/quiz.js"]');
	const link = document.createElement("link");
	link.rel = "stylesheet";
	link.href = js.src.replace("/web/quiz.js", "/web/quiz.css");
	link.id = "all-styles";
	document.head.appendChild(link);
	return link.href;
})()`
)

// TestInlineStyles: a page carries inline only the rules of quiz.css its
// own elements use (app/server/styles.go), and they are all it needs:
// without JavaScript, which would link the whole stylesheet, every
// element of every screen, embedded in a host's colours or not, on a
// phone and a desktop, looks exactly as it does with all of quiz.css.
func TestInlineStyles(t *testing.T) {
	t.Parallel()
	s := setup(t)
	// Which rules a page keeps does not depend on the screen's size: the
	// size shows the rules of its media queries. So a phone sees the
	// plain and the embedded pages, a desktop the embedded ones. An
	// embedded page loads once for both: compared on the phone, it drops
	// quiz.css again and is compared on the desktop.
	for _, run := range []struct {
		name  string
		vps   []viewport
		embed bool
	}{{"phone", []viewport{phone}, false}, {"embedded-de", []viewport{phone, desktop}, true}} {
		t.Run(run.name, func(t *testing.T) {
			t.Parallel()
			screens := append(append(s.screens(), s.compareScreens()...), s.teamScreens(t)...)
			tb := s.browser.screensTab(t, len(screens))
			tb.noScript = true
			tb.run("turning JavaScript off", emulation.SetScriptExecutionDisabled(true))
			for _, sc := range screens {
				path := sc.path
				if run.embed {
					path = withParam(withEmbed(withLang(path, "de")), "accent=%23aa0077")
				}
				if sc.status >= 400 {
					tb.expectStatus(path)
				}
				tb.emulate(run.vps[0])
				tb.open(path)
				tb.loaded()
				tb.waitFor("the "+sc.name+" screen", fmt.Sprintf(`!!document.querySelector(%s)`, js(sc.sel)))
				var n int
				tb.eval(`document.querySelectorAll('link[rel="stylesheet"], style').length`, &n)
				if n != 1 {
					t.Errorf("%s: %d style elements and stylesheets, want the one inline", path, n)
				}
				tb.eval(`document.querySelectorAll("details").forEach(d => d.open = true)`, nil)
				for i, vp := range run.vps {
					if i > 0 {
						tb.eval(`document.getElementById("all-styles").remove()`, nil)
						tb.emulate(vp)
					}
					tb.eval(takeStyleJS, &n)
					tb.eval(linkAllStylesJS, nil)
					tb.waitFor("quiz.css", `(() => { const l = document.getElementById("all-styles"); return !!(l && l.sheet && l.sheet.cssRules.length > 0); })()`)
					var diff []string
					tb.eval(styleDiffJS, &diff)
					if len(diff) > 0 {
						t.Errorf("%s (%s, %s): the page's inline styles are not all it needs; with all of quiz.css:\n\t%s", sc.name, vp.name, path, strings.Join(diff, "\n\t"))
					}
				}
			}
		})
	}
}

// styledJS checks what only quiz.css's rules for a screen give it: the
// options' frames on a question, the result's scale, cards and charts.
const styledJS = `(() => {
	const cs = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e) : null; };
	const out = [];
	const want = (sel, prop, ok) => { const c = cs(sel); if (!c) out.push(sel + " is missing"); else if (!ok(c[prop])) out.push(sel + " " + prop + " is " + c[prop]); };
	if (document.querySelector("form#answer")) {
		want(".option", "borderTopStyle", (v) => v === "solid");
		want(".option", "borderTopLeftRadius", (v) => v !== "0px");
		want(".nav", "display", (v) => v === "flex");
		want("progress", "height", (v) => parseFloat(v) < 12);
	}
	if (document.querySelector("section.result")) {
		want(".scale", "display", (v) => v === "grid");
		want(".card", "borderTopStyle", (v) => v === "solid");
		want(".cards", "display", (v) => v === "grid");
		want(".chart .track", "fill", (v) => v !== "rgb(0, 0, 0)");
	}
	return out;
})()`

// allStylesLoadedJS: the whole quiz.css has come, as quiz.js links it.
const allStylesLoadedJS = `[...document.styleSheets].some((s) => s.href && s.href.includes("/web/quiz.css?v=") && s.cssRules.length > 0)`

// TestWasmScreensStyled: a page carries inline only its own screen's
// rules, yet the screens the wasm draws after it without a reload, from
// the intro to a question and from the last question to the result, are
// styled as they are drawn: quiz.js has linked the whole stylesheet by
// the time the wasm runs.
func TestWasmScreensStyled(t *testing.T) {
	t.Parallel()
	s := setup(t)
	for _, vp := range []viewport{phone, desktop} {
		t.Run(vp.name, func(t *testing.T) {
			t.Parallel()
			tb := s.browser.journey(t)
			tb.emulate(vp)
			styled := func(screen string) {
				t.Helper()
				var bad []string
				tb.eval(styledJS, &bad)
				if len(bad) > 0 {
					t.Errorf("%s, drawn by the wasm: not styled:\n\t%s", screen, strings.Join(bad, "\n\t"))
				}
				tb.screenshot("wasm-styled-" + screen + "-" + vp.name)
			}
			tb.open("/")
			tb.waitWasm()
			tb.waitFor("the whole stylesheet", allStylesLoadedJS)
			tb.screenshot("wasm-styled-intro-" + vp.name)
			tb.click("#start")
			tb.waitQuestion(1)
			styled("question")

			a := s.answers(3)
			n := tb.questions()
			tb.open(fmt.Sprintf("/q/%d?a=%s", n, tb.bank.Encode(upTo(a, n-1))))
			tb.waitWasm()
			tb.waitFor("the whole stylesheet", allStylesLoadedJS)
			tb.answerWithMouse(n, a[n-1])
			tb.assertResult(a)
			styled("result")
			if d := tb.documents(); d != 2 {
				t.Errorf("%d documents loaded, want 2: the wasm should draw the question and the result in-page", d)
			}
		})
	}
}
