package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"cxquiz/quiz"
)

// axNode is what a screen reader is told about one element of the page.
type axNode struct {
	Role, Name, Description string
	// Props holds the node's properties (invalid, focused, level, …) as
	// text.
	Props map[string]string
}

// axTree returns the nodes of the page's accessibility tree that are not
// ignored, as Chromium computes them for assistive technology. The
// command's answer is read here, not by cdproto's types, which refuse the
// property names newer Chromiums send.
func (tb *tab) axTree() []axNode {
	tb.t.Helper()
	type value struct {
		Value json.RawMessage `json:"value"`
	}
	var res struct {
		Nodes []struct {
			Ignored     bool   `json:"ignored"`
			Role        *value `json:"role"`
			Name        *value `json:"name"`
			Description *value `json:"description"`
			Properties  []struct {
				Name  string `json:"name"`
				Value *value `json:"value"`
			} `json:"properties"`
		} `json:"nodes"`
	}
	tb.run("reading the accessibility tree", chromedp.ActionFunc(func(ctx context.Context) error {
		return cdp.Execute(ctx, accessibility.CommandGetFullAXTree, nil, &res)
	}))
	text := func(v *value) string {
		if v == nil || len(v.Value) == 0 {
			return ""
		}
		var x any
		if err := json.Unmarshal(v.Value, &x); err != nil {
			return string(v.Value)
		}
		return fmt.Sprint(x)
	}
	var out []axNode
	for _, n := range res.Nodes {
		if n.Ignored {
			continue
		}
		a := axNode{Role: text(n.Role), Name: text(n.Name), Description: text(n.Description), Props: map[string]string{}}
		for _, p := range n.Properties {
			a.Props[p.Name] = text(p.Value)
		}
		out = append(out, a)
	}
	return out
}

// axRole returns the nodes of a role.
func axRole(nodes []axNode, role string) []axNode {
	var out []axNode
	for _, n := range nodes {
		if n.Role == role {
			out = append(out, n)
		}
	}
	return out
}

// assertRadiosValid checks that the question's four options are exposed
// as radios, none of them invalid (want false) or all of them (want true).
func (tb *tab) assertRadiosInvalid(when string, want bool) {
	tb.t.Helper()
	radios := axRole(tb.axTree(), "radio")
	if len(radios) != quiz.OptionsPerQuestion {
		tb.t.Fatalf("%s: %d radios in the accessibility tree, want %d", when, len(radios), quiz.OptionsPerQuestion)
	}
	for _, r := range radios {
		if got := r.Props["invalid"] == "true"; got != want {
			tb.t.Errorf("%s: the option %q is exposed with invalid=%q, want invalid %v", when, r.Name, r.Props["invalid"], want)
		}
	}
}

// assertHeadingSaysWhere checks that the question's heading, where focus
// lands at each step, is described by the question's place in the check,
// and that this is said once: not in the heading's name too.
func (tb *tab) assertHeadingSaysWhere(n int, wantFocus bool) {
	tb.t.Helper()
	q := tb.bank.In(tb.lang).Question(n)
	where := uiFormat(uiTexts(tb.t, tb.lang)["question.count"], "n", n, "total", tb.questions())
	var heading *axNode
	for _, h := range axRole(tb.axTree(), "heading") {
		if h.Props["level"] == "1" {
			heading = &h
			break
		}
	}
	switch {
	case heading == nil:
		tb.t.Fatalf("question %d: no level-1 heading in the accessibility tree", n)
	case heading.Name != q.Text || heading.Description != where:
		tb.t.Errorf("question %d: the heading is announced as %q, described as %q; want %q described as %q", n, heading.Name, heading.Description, q.Text, where)
	case wantFocus && heading.Props["focused"] != "true":
		tb.t.Errorf("question %d: the heading is not focused (%v)", n, heading.Props)
	}
}

// TestQuestionAnnounced reads what a screen reader is told on a question:
// no option is invalid before a choice was asked for, the heading where
// focus lands says which question of how many it is, and going on without
// a choice, without JavaScript, gets the server's request to choose (the
// browser does not stop the form: the radios are not required).
func TestQuestionAnnounced(t *testing.T) {
	t.Parallel()
	s := setup(t)
	want := uiTexts(t, "en")["question.pick"]

	t.Run("no-script", func(t *testing.T) {
		t.Parallel()
		tb := s.browser.journey(t)
		tb.noScript = true
		tb.run("turning JavaScript off", emulation.SetScriptExecutionDisabled(true))
		tb.open("/q/1")
		tb.loaded()
		tb.assertRadiosInvalid("question 1, nothing chosen", false)
		tb.assertHeadingSaysWhere(1, false)
		tb.expectStatus("/q/1?pick=")
		tb.click("#next")
		tb.waitFor("the request to choose", `location.pathname === "/q/1" && document.readyState === "complete" && !!document.getElementById("pick-error")`)
		var got string
		tb.eval(`document.getElementById("pick-error").textContent`, &got)
		if got != want {
			t.Errorf("going on without a choice: the page says %q, want %q", got, want)
		}
		if d := tb.lastDocument(); d.status != 400 {
			t.Errorf("going on without a choice: status %d, want 400", d.status)
		}
		tb.assertRadiosInvalid("question 1 after going on without a choice", true)
		tb.pickWithMouse(1)
		tb.click("#next")
		// Not tb.advanced: this page already shows the request to choose,
		// which advanced would read as the new page's until the browser
		// has left it (it failed so under load in .ci/run).
		tb.waitFor("question 2 after choosing", `location.pathname === "/q/2" && document.readyState === "complete"`)
		tb.waitQuestion(2)
		tb.assertRadiosInvalid("question 2, nothing chosen", false)
	})

	t.Run("wasm", func(t *testing.T) {
		t.Parallel()
		tb := s.browser.journey(t)
		tb.open("/q/1")
		tb.waitWasm()
		tb.waitQuestion(1)
		tb.assertRadiosInvalid("question 1, nothing chosen", false)
		tb.assertHeadingSaysWhere(1, true)
		for n := 1; n <= 3; n++ {
			tb.press(strconv.Itoa(n))
			tb.waitChosen(n - 1)
			tb.press(kb.Enter)
			tb.advanced(n)
			tb.waitQuestion(n + 1)
			tb.settle()
			tb.assertRadiosInvalid(fmt.Sprintf("question %d, nothing chosen", n+1), false)
			tb.assertHeadingSaysWhere(n+1, true)
		}
		// Going on without a choice: asked to choose, the options invalid
		// until one is chosen.
		tb.press(kb.Enter)
		tb.waitFor("the request to choose", `!!document.getElementById("pick-error")`)
		tb.settle()
		tb.assertRadiosInvalid("question 4 after going on without a choice", true)
		tb.press("2")
		tb.waitChosen(1)
		tb.settle()
		tb.assertRadiosInvalid("question 4 once chosen", false)
	})
}
