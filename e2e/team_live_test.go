package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"

	"cxquiz/app/team"
	"cxquiz/quiz"
)

// TestTeamLive keeps a team view open in one browser context while a
// member adds a result in another: the view, a page of the server's that
// runs no wasm, shows the new count and figures by itself (quiz.js),
// without a navigation or a page load, keeps focus and scroll, and says
// so once in the live region. Then the admin deletes the team with
// JavaScript turned off: the confirmation step is a plain link and a
// plain form; the open view says that the team was deleted.
func TestTeamLive(t *testing.T) {
	t.Parallel()
	s := setup(t)
	e := startTeamEnv(t, s)
	tc := newTeamClient(t, e.quiz)
	loc, err := url.Parse(tc.post("/team/new", url.Values{"name": {"Live"}}).Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	id, key := strings.Split(loc.Path, "/")[2], loc.Query().Get("k")
	var answers []quiz.Answers
	add := func(a quiz.Answers) { answers = append(answers, a) }
	for seed := range uint64(5) {
		a := s.answers(161 + seed)
		add(a)
		tc.post("/team/"+id+"/add", url.Values{"a": {s.bank.Encode(a)}, "m": {team.NewToken()}})
	}
	summary := func() quiz.GroupSummary {
		var rs []quiz.Result
		for _, a := range answers {
			r, err := s.bank.Score(a)
			if err != nil {
				t.Fatal(err)
			}
			rs = append(rs, r)
		}
		return s.bank.SummariseGroup(rs)
	}

	view := e.browser.journey(t)
	view.emulate(desktop)
	viewPath := "/team/" + id
	view.open(viewPath)
	view.serverPage()
	assertTeamSummary(view, "team-view", summary())
	// A mark that a page load would wipe out; focus on a button down the
	// page, scrolled to; and every text the live region is given.
	view.eval(`window.cxquizStayed = true;
		document.getElementById("print").focus();
		window.scrollTo(0, 400);
		window.cxquizSaid = [];
		new MutationObserver(() => { const s = document.getElementById("note").textContent; if (s) window.cxquizSaid.push(s); })
			.observe(document.getElementById("note"), {childList: true, characterData: true, subtree: true})`, nil)
	docs := view.documents()
	var before string
	var scrolled float64
	view.eval(`document.getElementById("team-n").textContent`, &before)
	view.eval(`window.scrollY`, &scrolled)

	// A sixth member adds their result on their own result page, in
	// another browser context. The count changes, whatever the figures
	// do.
	sixth := s.answers(171)
	add(sixth)
	m := e.browser.journey(t)
	m.open("/result?team=" + id + "&a=" + s.bank.Encode(sixth))
	m.waitWasm()
	m.waitFor("the button to add the result", `!!document.getElementById("team-add-button")`)
	m.click("#team-add-button")
	m.waitFor("the member page", fmt.Sprintf(`location.pathname === %s && !!document.getElementById("withdraw")`, js("/team/"+id+"/member")))
	var first string
	m.eval(`new URLSearchParams(location.search).get("m")`, &first)
	// Adding again from the same browser replaces the result: the
	// browser sends the member token it kept.
	m.open("/result?team=" + id + "&a=" + s.bank.Encode(sixth))
	m.waitWasm()
	m.waitFor("the button to add the result", `!!document.getElementById("team-add-button")`)
	m.click("#team-add-button")
	m.waitFor("the member page again", fmt.Sprintf(`location.pathname === %s && !!document.getElementById("withdraw")`, js("/team/"+id+"/member")))
	var second string
	m.eval(`new URLSearchParams(location.search).get("m")`, &second)
	if first == "" || second != first {
		t.Errorf("adding twice from one browser used the member tokens %q and %q, want the same", first, second)
	}
	if v := tc.view(id); v.N != 6 {
		t.Errorf("after one member added twice: n = %d, want 6", v.N)
	}

	// The open view catches up within one refresh (5 s).
	view.waitFor("the team view to show 6 results by itself", `(document.querySelector("section.team-view") || {dataset: {}}).dataset.n === "6"`)
	want := summary()
	assertTeamSummary(view, "team-view after a new result", want)
	var after string
	var stayed bool
	view.eval(`document.getElementById("team-n").textContent`, &after)
	view.eval(`window.cxquizStayed === true && location.pathname === `+js(viewPath), &stayed)
	if after == before || !strings.Contains(after, "6") {
		t.Errorf("the count read %q and then %q, want it to show 6", before, after)
	}
	if !stayed || view.documents() != docs {
		t.Errorf("the view updated through a page load (%d documents before, %d after; still the same page: %v), want it in place", docs, view.documents(), stayed)
	}
	view.waitFor("the live region to say the new count", `window.cxquizSaid.length > 0`)
	var kept struct {
		Focus   string
		ScrollY float64
		Said    []string
	}
	view.eval(`({focus: document.activeElement.id, scrollY: window.scrollY, said: window.cxquizSaid})`, &kept)
	if kept.Focus != "print" || kept.ScrollY < scrolled-1 || kept.ScrollY > scrolled+1 {
		t.Errorf("after the update focus is on %q at %.0f px, want it kept on #print at %.0f px", kept.Focus, kept.ScrollY, scrolled)
	}
	if len(kept.Said) != 1 || kept.Said[0] != after {
		t.Errorf("the live region said %q, want %q once", kept.Said, after)
	}
	var polled int
	view.eval(`performance.getEntriesByType("resource").filter(e => e.name.includes("/view.json")).length`, &polled)
	if n := view.wasmLoading(); n != 0 {
		t.Errorf("the team view asked for app.wasm or the scripts that load it %d times, want none", n)
	}

	// The admin deletes the team without JavaScript: the admin page
	// links to the confirmation, whose form deletes.
	admin := e.browser.journey(t)
	admin.noScript = true
	admin.run("turning JavaScript off", emulation.SetScriptExecutionDisabled(true))
	admin.emulate(phone)
	adminPath := "/team/" + id + "/admin?k=" + key
	admin.open(adminPath)
	admin.loaded()
	admin.click("#delete")
	admin.waitFor("the page that asks to confirm", `document.readyState === "complete" && new URLSearchParams(location.search).get("confirm") === "delete" && !!document.getElementById("delete-confirm")`)
	var what string
	admin.eval(`document.getElementById("delete-what").textContent`, &what)
	if !strings.Contains(what, "6") {
		t.Errorf("the confirmation says %q, want it to say how many results (6) go", what)
	}
	admin.assertFits("team-delete-confirm", phone)
	admin.screenshot("team-delete-confirm-phone-noscript")
	if v := tc.view(id); v.State != team.StateOK || v.N != 6 {
		t.Fatalf("before confirming: state %q, n = %d; want the team kept", v.State, v.N)
	}
	joinPath := "/team/" + id + "/join"
	admin.expectStatus(joinPath)
	// The view still open said the count once, though it has asked
	// again since.
	view.waitFor("the view to ask again", fmt.Sprintf(`performance.getEntriesByType("resource").filter(e => e.name.includes("/view.json")).length > %d`, polled))
	var said []string
	view.eval(`window.cxquizSaid`, &said)
	if len(said) != 1 {
		t.Errorf("the live region said %q, want the new count once", said)
	}
	// The view still open asks on: it will hear 410, load its page (410
	// too) and say so.
	view.expectStatus("/team/" + id + "/view.json")
	view.expectStatus(viewPath)
	admin.click("#delete-confirm")
	admin.waitFor("the deleted page", fmt.Sprintf(`location.pathname === %s && document.readyState === "complete" &&
		(document.querySelector("section.team.problem") || {dataset: {}}).dataset.state === "deleted"`, js(joinPath)))
	admin.assertStatus(joinPath, http.StatusGone)
	if v := tc.view(id); v.State != team.StateDeleted {
		t.Errorf("after confirming: state %q, want deleted", v.State)
	}
	view.waitFor("the open view to say the team was deleted", `(document.querySelector("section.team.problem") || {dataset: {}}).dataset.state === "deleted"`)
}
