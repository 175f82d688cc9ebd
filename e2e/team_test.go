package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"cxquiz/quiz"
)

// teamEnv is a quiz server that stores team check-ins (the default SQLite
// file in a temporary directory, as launch starts it) and lets one host
// origin embed it, and that host, serving a page that embeds the quiz for
// a team through embed.js.
type teamEnv struct {
	quiz    *server
	host    *httptest.Server
	browser *browser // the suite's Chromium, with this server as base

	mu   sync.Mutex
	page string // the host page, set once the team exists
}

func (e *teamEnv) quizOrigin() string { return e.quiz.url.Scheme + "://" + e.quiz.url.Host }

func startTeamEnv(t *testing.T, s *suite) *teamEnv {
	t.Helper()
	e := &teamEnv{}
	e.host = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		page := e.page
		e.mu.Unlock()
		if r.URL.Path != "/" || page == "" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	t.Cleanup(e.host.Close)
	srv, err := startServer(os.Getenv("CXQUIZ_BIN"), "-embed-origins", e.host.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.stop(); err != nil {
			t.Errorf("stopping the team server: %v", err)
		}
		srv.saveLogAs("server-team.log")
	})
	e.quiz = srv
	b := *s.browser
	b.base = srv.url
	e.browser = &b
	return e
}

// member is one person who takes the check for the team in a browser
// context of their own (like a private window: no shared storage).
type member struct {
	name    string
	answers quiz.Answers
	embed   bool
	keep    string // the member page's link to keep, for withdrawing later
}

// TestTeamJourney runs a team check-in from start to end in the browser:
// a coordinator creates it, three members in browser contexts of their
// own (one through embed.js on another origin) add their results, two
// more add theirs by a plain form POST, the team view shows what package
// quiz summarises for the five (rounded means and counts per level, no
// member's score), one member withdraws through the link they kept, and
// the coordinator deletes the team after confirming.
//
// Every tab is opened when its person starts, never ahead: a tab's
// journey deadline runs from its opening. (The members once ran as
// parallel subtests: the test then waited for the whole suite's queue,
// twice, and the coordinator's tab, opened first, timed out idle.)
func TestTeamJourney(t *testing.T) {
	t.Parallel()
	s := setup(t)
	src := loadAxe(t)
	e := startTeamEnv(t, s)

	// The coordinator creates the team.
	coord := e.browser.journey(t)
	coord.emulate(desktop)
	coord.open("/team/new")
	coord.serverPage()
	coord.waitFor("the form to start a team", `!!document.getElementById("team-name") && !!document.getElementById("team-create")`)
	const teamName = "Leadership team"
	coord.eval(fmt.Sprintf(`document.getElementById("team-name").value = %s`, js(teamName)), nil)
	coord.click("#team-create")
	coord.waitFor("the admin page of the new team", `/^\/team\/[A-Za-z0-9_-]{22}\/admin$/.test(location.pathname) &&
		new URLSearchParams(location.search).has("k") && !!document.getElementById("join-link") && document.readyState === "complete"`)
	var created struct {
		Path, Join, Admin, Heading string
		wasm                       int // app.wasm or its loaders asked for in the tab
	}
	coord.eval(`({path: location.pathname, join: document.getElementById("join-link").value,
		admin: document.getElementById("admin-link").value,
		heading: (document.getElementById("screen-heading") || {}).textContent})`, &created)
	id := strings.Split(created.Path, "/")[2]
	joinPath := "/team/" + id + "/join"
	if created.Join != e.quizOrigin()+joinPath {
		t.Fatalf("the admin page offers the join link %q, want %s", created.Join, e.quizOrigin()+joinPath)
	}
	adminURL, err := url.Parse(created.Admin)
	if err != nil || adminURL.Path != created.Path || adminURL.Query().Get("k") == "" {
		t.Fatalf("the admin page offers the admin link %q, want %s?k=…", created.Admin, created.Path)
	}
	adminPath := adminURL.Path + "?" + adminURL.RawQuery
	if !strings.Contains(created.Heading, teamName) {
		t.Errorf("the admin page's heading is %q, want it to name %q", created.Heading, teamName)
	}

	e.mu.Lock()
	e.page = hostPage(t, e.quizOrigin(), `data-lang="en" data-accent="`+hostAccent+`" data-team="`+created.Join+`"`)
	e.mu.Unlock()

	// Three members, each in a browser context of their own, take the
	// check with different answers, one after the other (in parallel
	// subtests they would wait for the whole suite and then this test
	// for its turn again); one on the host's page.
	members := []*member{
		{name: "phone", answers: s.answers(151)},
		{name: "desktop", answers: s.answers(152)},
		{name: "embedded", answers: s.answers(153), embed: true},
	}
	t.Run("members", func(t *testing.T) {
		for _, m := range members {
			t.Run(m.name, func(t *testing.T) {
				tb := e.browser.journey(t)
				if m.embed {
					m.keep = e.joinEmbedded(tb, id, m.answers)
				} else {
					m.keep = e.join(tb, id, m.answers)
				}
			})
		}
	})
	if t.Failed() {
		t.FailNow()
	}

	// Two more members add their results without a browser: the team
	// view shows figures from five results on.
	tc := newTeamClient(t, e.quiz)
	added := []quiz.Answers{s.answers(154), s.answers(155)}
	for _, a := range added {
		tc.post("/team/"+id+"/add", url.Values{"a": {s.bank.Encode(a)}})
	}

	// The team view and the admin page show what package quiz summarises
	// for the five results. The coordinator comes back to them later, in
	// a new tab of the same browser context.
	var results []quiz.Result
	for _, m := range members {
		added = append(added, m.answers)
	}
	for _, a := range added {
		r, err := s.bank.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	want := s.bank.SummariseGroup(results)
	viewPath := "/team/" + id
	// The tab the team was created in is done: closed, so that it asks
	// nothing of the team later (TestTeamLive checks a view left open).
	created.wasm = coord.wasmLoading()
	coord.close()
	coord = e.browser.sibling(coord)
	for _, vp := range []viewport{phone, desktop} {
		coord.emulate(vp)
		for _, pg := range []struct{ name, path string }{{"team-view", viewPath}, {"team-admin", adminPath}} {
			coord.open(pg.path)
			coord.assertStatus(pg.path, 200)
			coord.serverPage()
			assertTeamSummary(coord, pg.name, want)
			coord.assertAxe(src, pg.name+"-"+vp.name)
			coord.assertFits(pg.name, vp)
			coord.screenshot(pg.name + "-" + vp.name)
		}
	}

	// The first member withdraws with the link they kept, opened later in
	// another browser: four remain, too few to show.
	keep, err := url.Parse(members[0].keep)
	if err != nil || keep.Path != "/team/"+id+"/member" || keep.Query().Get("m") == "" {
		t.Fatalf("the member page offers %q to keep, want %s/team/%s/member?m=…", members[0].keep, e.quizOrigin(), id)
	}
	w := e.browser.journey(t)
	w.openURL(members[0].keep)
	w.serverPage()
	w.waitFor("the member page", `!!document.getElementById("withdraw")`)
	w.click("#withdraw")
	w.waitFor("the withdrawn page", fmt.Sprintf(`location.pathname === %s && document.readyState === "complete" && !!document.getElementById("team-view")`, js("/team/"+id+"/withdrawn")))
	coord.open(viewPath)
	coord.serverPage()
	coord.waitFor("the team view with 4 results and no summary", `(document.querySelector("section.team-view") || {dataset: {}}).dataset.n === "4" &&
		!!document.getElementById("team-wait") && !document.querySelector(".team-dim") && !document.getElementById("team-mean")`)

	// The coordinator deletes the team after confirming: its join link
	// says so, with 410.
	coord.open(adminPath)
	coord.serverPage()
	coord.waitFor("the admin page's delete button", `!!document.getElementById("delete")`)
	coord.click("#delete")
	coord.waitFor("the page that asks to confirm", `new URLSearchParams(location.search).get("confirm") === "delete" && !!document.getElementById("delete-confirm")`)
	coord.assertAxe(src, "team-delete-confirm")
	coord.screenshot("team-delete-confirm-desktop")
	coord.expectStatus(joinPath)
	coord.click("#delete-confirm")
	coord.waitFor("the deleted page", fmt.Sprintf(`location.pathname === %s && document.readyState === "complete" &&
		(document.querySelector("section.team.problem") || {dataset: {}}).dataset.state === "deleted"`, js(joinPath)))
	coord.assertStatus(joinPath, http.StatusGone)
	// A member who opens the join link now gets the same page.
	late := e.browser.journey(t)
	late.expectStatus(joinPath)
	late.open(joinPath)
	late.assertStatus(joinPath, http.StatusGone)
	late.serverPage()
	late.waitFor("the deleted page", `(document.querySelector("section.team.problem") || {dataset: {}}).dataset.state === "deleted" && !!document.getElementById("start-over")`)
	late.screenshot("team-deleted")

	// The coordinator, who only ever opened team pages, never loaded the
	// wasm: not for a page, not for a service worker to cache it.
	var workers int
	coord.run("counting service workers", chromedp.Evaluate(`navigator.serviceWorker.getRegistrations().then(r => r.length)`, &workers, awaitPromise))
	if n := created.wasm + coord.wasmLoading(); n != 0 || workers != 0 {
		t.Errorf("the coordinator's team pages asked for app.wasm or the scripts that load it %d times and registered %d service workers, want none", n, workers)
	}
}

// join takes the check for the team from its join link, adds the result
// and returns the member page's link to keep.
func (e *teamEnv) join(tb *tab, id string, a quiz.Answers) string {
	tb.t.Helper()
	tb.open("/team/" + id + "/join")
	tb.serverPage()
	tb.waitFor("the join page", `!!document.getElementById("team-start")`)
	tb.click("#team-start")
	// The join page is the server's, without the wasm; the quiz's first
	// page loads it (see joinEmbedded).
	tb.waitForWithin("the first question with the wasm", `location.pathname === "/q/1" && document.readyState === "complete" && !document.getElementById("app-wasm-loader")`, wasmTimeout)
	tb.answerQuestionsWithMouse(a, 1, 2)
	tb.skipToLast(3, a)
	tb.assertResult(a)
	tb.waitFor("the button to add the result", `!!document.getElementById("team-add-button")`)
	tb.click("#team-add-button")
	tb.waitFor("the member page", fmt.Sprintf(`location.pathname === %s && document.readyState === "complete" &&
		!!document.getElementById("withdraw") && new URLSearchParams(location.search).has("m")`, js("/team/"+id+"/member")))
	var keep string
	tb.eval(`document.getElementById("member-link").value`, &keep)
	// Back on the join page, the member is told that they added from
	// this browser, with a link to their member page and the team view.
	tb.open("/team/" + id + "/join")
	tb.serverPage()
	tb.waitFor("the join page saying the result is in", `document.readyState === "complete" && !!document.getElementById("team-returning") && !document.getElementById("team-returning").hidden`)
	var back struct{ Member, View string }
	tb.eval(`({member: document.getElementById("team-returning-member").href, view: document.getElementById("team-returning-view").href})`, &back)
	if k, err := url.Parse(keep); err != nil || back.Member != tb.url("/team/"+id+"/member?m="+k.Query().Get("m")) || back.View != tb.url("/team/"+id) {
		tb.t.Errorf("the join page after adding links to %q and %q, want the member page %s and the team view", back.Member, back.View, keep)
	}
	return keep
}

// joinEmbedded takes the check for the team inside the iframe embed.js
// puts on the host's page, adds the result there and returns the member
// page's link to keep.
func (e *teamEnv) joinEmbedded(tb *tab, id string, a quiz.Answers) string {
	t := tb.t
	t.Helper()
	tb.allowOrigin(e.host.URL)
	tb.emulate(phone)
	fr := newFrame(tb)
	f := hostFrame(tb, e.host.URL+"/")
	src, err := url.Parse(f.Src)
	if err != nil || src.Scheme+"://"+src.Host != e.quizOrigin() || src.Path != "/team/"+id+"/join" || src.Query().Get("embed") != "1" {
		t.Errorf("with data-team the iframe's src is %q, want %s/team/%s/join?embed=1…", f.Src, e.quizOrigin(), id)
	}
	fr.attach()
	fr.waitForWithin("the join page in the iframe", `document.readyState === "complete" && !document.getElementById("app-wasm-loader") && !!document.getElementById("team-start")`, wasmTimeout)
	fr.click("#team-start")
	// The join page is the server's, without the wasm; the quiz's first
	// page loads it. (Answered before it arrives, the next page load
	// would abort its download, which go-app reports as an error.)
	fr.waitForWithin("the first question with the wasm in the iframe", `location.pathname === "/q/1" && document.readyState === "complete" && !document.getElementById("app-wasm-loader")`, wasmTimeout)
	last := tb.questions()
	answer := func(n int) {
		fr.waitQuestion(n)
		i := a[n-1]
		fr.click("#" + optID(i))
		fr.waitFor(optID(i)+" checked", fmt.Sprintf(`document.getElementById(%s).checked`, js(optID(i))))
		fr.settle()
		fr.click("#next")
	}
	answer(1)
	answer(2)
	// On to the last question by its address, in the iframe, as
	// tab.skipToLast does: the answers the page holds, the team and the
	// embedding parameters it carries.
	fr.waitQuestion(3)
	var at struct{ Code, Search string }
	fr.eval(`({code: (document.querySelector("#answer input[name=a]") || {value: ""}).value, search: location.search})`, &at)
	kept, err := tb.bank.Decode(at.Code)
	if err != nil {
		t.Fatalf("question 3 in the iframe: the form carries the code %q: %v", at.Code, err)
	}
	for i := 2; i < last-1; i++ {
		kept[i] = a[i]
	}
	kept[last-1] = quiz.Unanswered
	q, err := url.ParseQuery(strings.TrimPrefix(at.Search, "?"))
	if err != nil {
		t.Fatalf("question 3 in the iframe: the address's query %q: %v", at.Search, err)
	}
	q.Set("a", tb.bank.Encode(kept))
	fr.eval(fmt.Sprintf(`location.assign(%s)`, js("/q/"+strconv.Itoa(last)+"?"+q.Encode())), nil)
	fr.waitForWithin("the last question with the wasm in the iframe", fmt.Sprintf(`location.pathname === %s && document.readyState === "complete" && !document.getElementById("app-wasm-loader")`, js("/q/"+strconv.Itoa(last))), wasmTimeout)
	answer(last)
	fr.waitFor("the result in the iframe", fmt.Sprintf(`location.pathname === "/result" && !!document.querySelector("section.result") &&
		document.querySelector("section.result").dataset.code === %s && !!document.getElementById("team-add-button")`, js(tb.bank.Encode(a))))
	tb.screenshot("team-embed-result")
	fr.click("#team-add-button")
	fr.waitFor("the member page in the iframe", fmt.Sprintf(`location.pathname === %s && document.readyState === "complete" &&
		!!document.getElementById("withdraw") && document.documentElement.classList.contains("in-frame")`, js("/team/"+id+"/member")))
	tb.screenshot("team-embed-added")
	var keep string
	fr.eval(`document.getElementById("member-link").value`, &keep)
	return keep
}

// assertTeamSummary checks that the team page shows the number of
// results, the overall mean and level counts and every dimension's mean as
// package quiz summarises them for a group, and that every percentage it
// shows is such a rounded mean: no member's score, not even the lowest or
// the highest.
func assertTeamSummary(tb *tab, name string, want quiz.GroupSummary) {
	tb.t.Helper()
	tb.waitFor(name+" with its summary", `!!document.querySelector("section.team-view .team-dim") && !!document.getElementById("team-mean")`)
	var got struct {
		N       string
		Mean    string
		Overall []struct{ Level, Count string }
		Dims    []struct{ ID, Mean string }
		Pcts    []string
	}
	tb.eval(`(() => {
		const v = document.querySelector("section.team-view");
		return {
			n: v.dataset.n,
			mean: document.getElementById("team-mean").textContent,
			overall: [...v.querySelectorAll('[data-dist="overall"] li[data-level]')].map(l => ({level: l.dataset.level, count: l.dataset.count})),
			dims: [...v.querySelectorAll(".team-dim[data-dimension]")].map(d => ({id: d.dataset.dimension, mean: d.dataset.mean})),
			pcts: [...v.innerText.matchAll(/(\d+)\s?%/g)].map(m => m[1]),
		};
	})()`, &got)
	if got.N != strconv.Itoa(want.N) {
		tb.t.Errorf("%s: n = %s, want %d", name, got.N, want.N)
	}
	if !strings.Contains(got.Mean, strconv.Itoa(want.Overall.Mean)) {
		tb.t.Errorf("%s: the overall mean reads %q, want %d", name, got.Mean, want.Overall.Mean)
	}
	if len(got.Overall) != len(want.Overall.Levels) {
		tb.t.Errorf("%s: the overall distribution has %d levels, want %d", name, len(got.Overall), len(want.Overall.Levels))
	}
	for i, l := range got.Overall {
		if i < len(want.Overall.Levels) && l.Count != strconv.Itoa(want.Overall.Levels[i]) {
			tb.t.Errorf("%s: %s results at level %s, want %d", name, l.Count, l.Level, want.Overall.Levels[i])
		}
	}
	if len(got.Dims) != len(want.Dimensions) {
		tb.t.Errorf("%s: %d dimensions shown, want %d", name, len(got.Dims), len(want.Dimensions))
	}
	if len(got.Pcts) < 1+len(want.Dimensions) {
		tb.t.Errorf("%s: %d percentages shown, want at least the overall mean and each dimension's", name, len(got.Pcts))
	}
	for _, p := range got.Pcts {
		if n, _ := strconv.Atoi(p); n%quiz.GroupStep != 0 {
			tb.t.Errorf("%s: shows %s%%, not a mean rounded to %d: one member's score?", name, p, quiz.GroupStep)
		}
	}
	for i, d := range want.Dimensions {
		if i >= len(got.Dims) {
			break
		}
		if g := got.Dims[i]; g.ID != d.Dimension.ID || g.Mean != strconv.Itoa(d.Mean) {
			tb.t.Errorf("%s: dimension %d is %s with mean %s, want %s with mean %d", name, i+1, g.ID, g.Mean, d.Dimension.ID, d.Mean)
		}
	}
}

// TestTeamLinkFromResult follows the team links of a result the wasm drew
// after the last answer: each loads the server's page, a new document
// that starts no wasm, not a screen go-app draws in place. Back returns to
// the result, Forward and reload to the team page.
func TestTeamLinkFromResult(t *testing.T) {
	t.Parallel()
	s := setup(t)
	e := startTeamEnv(t, s)
	tb := e.browser.journey(t)
	tb.emulate(phone)
	// Top answers: the result's note offers a team check-in too.
	a := s.nearlyTop()
	last := tb.questions()
	resultPath := "/result?a=" + s.bank.Encode(a)
	for _, link := range []string{"#team-new", "#check-team"} {
		tb.open(fmt.Sprintf("/q/%d?a=%s", last, s.bank.Encode(upTo(a, last-1))))
		tb.waitWasm()
		tb.markPage()
		docs := tb.documents()
		tb.answerWithMouse(last, a[last-1])
		tb.assertResult(a)
		tb.assertSamePage() // the wasm drew the result
		if tb.documents() != docs {
			t.Fatalf("the result came as a page load, want it drawn by the wasm")
		}
		loads := tb.wasmLoading()
		tb.click(link)
		tb.waitFor("the server's page to start a team", `location.pathname === "/team/new" && document.readyState === "complete" && !!document.getElementById("team-create")`)
		tb.serverPage()
		if d := tb.lastDocument(); tb.documents() != docs+1 || d.url != tb.url("/team/new") || d.status != 200 {
			t.Errorf("%s: %d documents after %d, the last %s (%d); want /team/new loaded from the server", link, tb.documents(), docs, d.url, d.status)
		}
		if n := tb.wasmLoading() - loads; n != 0 {
			t.Errorf("%s: /team/new asked for app.wasm or the scripts that load it %d times, want none", link, n)
		}
		var marked int
		tb.eval(`window.__e2eMarker || 0`, &marked)
		if marked != 0 {
			t.Errorf("%s: /team/new is drawn in the result's page, want a page load", link)
		}
		// history.back, not chromedp's: the browser may bring the
		// result back from its back/forward cache, with no load event.
		tb.eval(`history.back()`, nil)
		tb.waitFor("the result again", fmt.Sprintf(`location.pathname + location.search === %s && !!document.querySelector("section.result") && !!document.querySelector(%s)`, js(resultPath), js(link)))
		tb.eval(`history.forward()`, nil)
		tb.waitFor("the team page again", `location.pathname === "/team/new" && document.readyState === "complete" && !!document.getElementById("team-create")`)
		tb.run("reloading", chromedp.Reload())
		tb.waitFor("the team page reloaded", `location.pathname === "/team/new" && document.readyState === "complete" && !!document.getElementById("team-create")`)
		tb.serverPage()
	}
}
