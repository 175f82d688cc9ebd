// Package route reads and writes the quiz's URLs: the URL is the state,
// so the server and the wasm client both derive everything they show from
// a Route, and every link the quiz writes comes from here. It does not
// import go-app.
//
//	/                    the intro
//	/q/N?a=CODE          question N, with the answers so far
//	/q/N?a=CODE&pick=K   an answer submitted by the form: leads to Next
//	/result?a=CODE       the result (&shared=1: opened from a share link)
//	/compare?r=CODE&…    results side by side (&links=…: pasted links)
//	/team/…              team check-ins (team.go)
//
// Every page also carries the display options of Prefs.
package route

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"cxquiz/quiz"
)

// Screen is what a URL shows.
type Screen int

const (
	Intro Screen = iota
	Question
	Result
	NotFound
	Damaged  // the result code cannot be read
	Outdated // the result code comes from a bank version this program does not hold
	Compare
	TeamNew       // start a team check-in
	TeamJoin      // a team's join link
	TeamView      // a team's results
	TeamAdmin     // a team's admin view
	TeamMember    // a member's page: added, withdraw
	TeamWithdrawn // after withdrawing
	TeamError     // a team action failed: TeamWhy says why
)

// Route is the state a URL describes.
type Route struct {
	Screen  Screen
	Number  int          // question number, on Question
	Answers quiz.Answers // never nil for a readable code
	Prefs   Prefs
	// Next is where a submitted answer (?pick=N) or pasted links lead; the
	// server redirects there, the client replaces the URL.
	Next string
	// MissingPick is set when the answer form came back without a choice.
	MissingPick bool
	// Shared marks a result opened from a share link.
	Shared bool
	// Codes holds the result codes on the compare screen, as given;
	// Skipped counts the lines of pasted text that held none.
	Codes   []string
	Skipped int
	// TeamID is the team of a /team/ page; TeamKey its admin token
	// (admin view), Member a member's token (member page); TeamCreated and
	// TeamAdded mark the pages right after creating and adding.
	TeamID, TeamKey, Member string
	TeamCreated, TeamAdded  bool
	// TeamConfirm asks the admin to confirm deleting the team.
	TeamConfirm bool
	// TeamWhy is why a team action failed, TeamCode the member's result
	// code on that page.
	TeamWhy, TeamCode string

	bank   *quiz.Bank // the version the answers were made with
	banks  *quiz.Banks
	path   string // as requested
	code   string // the a parameter as given, trimmed
	status int    // WithStatus's, in place of the screen's
}

var questionPath = regexp.MustCompile(`^/q/([1-9][0-9]?)$`)

// Parse reads the URL of a request. It never fails: whatever cannot be
// read becomes a screen that explains what happened. A code is read with
// the bank version it was made with, so a link made with an earlier
// version keeps working; new quizzes use the latest.
func Parse(banks *quiz.Banks, u *url.URL) Route {
	q, _ := url.ParseQuery(trimPunctuation(u.RawQuery))
	latest := banks.Latest()
	// A static host keeps each page as a directory's index.html too
	// (/result/index.html), and one without rewrites answers /result with
	// a redirect to /result/, query kept: the page is the same.
	path := u.Path
	if len(path) > 1 && strings.HasSuffix(path, "/") && !strings.HasSuffix(path, "//") {
		path = path[:len(path)-1]
	}
	r := Route{Prefs: parsePrefs(latest, q), bank: latest, banks: banks, path: path, code: strings.TrimSpace(q.Get("a"))}
	switch path {
	case "/", "/index.html":
		r.Screen = Intro
	case "/result":
		r.Screen = Result
		r.Shared = q.Get("shared") == "1"
	case "/compare":
		r.Screen = Compare
		r.Codes, r.Skipped, r.Next = parseCompare(r.Prefs, q)
		return r
	default:
		if parseTeam(&r, path, q) {
			return r
		}
		m := questionPath.FindStringSubmatch(path)
		if m == nil {
			r.Screen = NotFound
			return r
		}
		r.Number, _ = strconv.Atoi(m[1])
		r.Screen = Question
	}
	b, a, err := banks.Decode(r.code)
	switch {
	case errors.Is(err, quiz.ErrOutdated):
		r.Screen = Outdated
		return r
	case err != nil:
		r.Screen = Damaged
		return r
	}
	if r.Screen == Question && b.Question(r.Number) == nil {
		r.Screen = NotFound
		return r
	}
	r.bank, r.Answers = b, a
	if r.Screen == Question && q.Has("pick") {
		pick, err := strconv.Atoi(firstPick(q["pick"]))
		if err != nil || pick < 1 || pick > quiz.OptionsPerQuestion {
			r.MissingPick = true
			return r
		}
		r.Answers = a.With(r.Number, pick-1)
		r.Next = r.After()
	}
	return r
}

// firstPick is the option a form sent: the answer form sends an empty
// pick after the radios' (so that a form sent without a choice says so),
// "" for none.
func firstPick(picks []string) string {
	for _, p := range picks {
		if p != "" {
			return p
		}
	}
	return ""
}

// WithLang is r shown in lang where its URL names no language: lang is
// the one the server chose from the request's Accept-Language (in the
// browser, the one it chose for the page it sent; see app/screens/lang.go).
// A language the URL names stays, and the default is left unnamed, so the
// route's links name a language exactly when the page is not in the
// default one.
func (r Route) WithLang(lang string) Route {
	if r.Prefs.Lang == "" && lang != quiz.DefaultLang && r.banks != nil && HasLang(r.banks.Latest(), lang) {
		r.Prefs.Lang = lang
	}
	return r
}

// Bank is the question bank version of the route's answers: the one
// their code was made with, or the latest for a new quiz.
func (r Route) Bank() *quiz.Bank { return r.bank }

// Banks holds every bank version the route could have been read with.
func (r Route) Banks() *quiz.Banks { return r.banks }

// Older reports whether the answers were made with an earlier version of
// the bank than the one new quizzes use.
func (r Route) Older() bool { return r.bank != r.banks.Latest() }

// trailingPunctuation is what a link pasted at the end of a sentence, or
// in brackets or quotes, may bring along (as typed or as the browser
// escaped it). No code or parameter value the quiz makes ends in it.
var trailingPunctuation = []string{".", ",", ";", ":", "!", "?", ")", "]", "}", "'", `"`, ">",
	"%22", "%27", "%29", "%3E", "%3e", "%5D", "%5d", "%7D", "%7d", "%C2%BB", "%c2%bb", "%E2%80%9D", "%e2%80%9d"}

// trimPunctuation drops trailingPunctuation from the end of a query that
// ends in a value the quiz could have made ("a=ABC12." but not "a=!!").
func trimPunctuation(query string) string {
	trimmed := query
	for {
		t := trimmed
		for _, p := range trailingPunctuation {
			t = strings.TrimSuffix(t, p)
		}
		if t == trimmed {
			break
		}
		trimmed = t
	}
	if trimmed == "" {
		return query
	}
	switch c := trimmed[len(trimmed)-1]; {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
		return trimmed
	}
	return query
}

// WithStatus is r answered with the HTTP status code in place of its
// screen's: a request the server refused before reading it (an address
// too long to be a link the quiz made) gets a page that explains it.
func (r Route) WithStatus(code int) Route {
	r.status = code
	return r
}

// Status is the HTTP status of the route's page.
func (r Route) Status() int {
	switch {
	case r.status != 0:
		return r.status
	case r.Screen == NotFound:
		return http.StatusNotFound
	case r.Screen == Damaged, r.MissingPick:
		return http.StatusBadRequest
	case r.Screen == Outdated:
		return http.StatusGone
	case r.Screen == TeamError:
		return teamErrorStatus(r.TeamWhy)
	}
	// A stored team's page has the status of what the database says
	// (the server's to set).
	return http.StatusOK
}

// Code is the result code of the answers, "" for none.
func (r Route) Code() string { return r.bank.Encode(r.Answers) }

// After returns the URL that follows answering the current question: the
// next question, the first one still open, or the result.
func (r Route) After() string {
	switch {
	case r.Number < len(r.bank.Questions()):
		return r.QuestionURL(r.Number + 1)
	case r.Answers.Complete():
		return r.ResultURL()
	default:
		return r.QuestionURL(r.Answers.FirstUnanswered())
	}
}

// QuestionURL is question n with the answers and prefs.
func (r Route) QuestionURL(n int) string {
	return r.Prefs.Link("/q/"+strconv.Itoa(n), r.Code())
}

// ResultURL is the result of the answers, with the prefs.
func (r Route) ResultURL() string { return r.Prefs.Link("/result", r.Code()) }

// ShareURL is the result link to pass on: the answers and the language,
// not the host's display options.
func (r Route) ShareURL() string { return SharedResultURL(r.Prefs.Lang, r.Code()) }

// SharedResultURL is the shared result of a code in a language ("" for
// the reader's own).
func SharedResultURL(lang, code string) string {
	return Prefs{Lang: lang}.Link("/result", code) + "&shared=1"
}

// IntroURL is the intro with the prefs.
func (r Route) IntroURL() string { return r.Prefs.Link("/", "") }

// FirstQuestionURL starts afresh: question 1 without answers.
func (r Route) FirstQuestionURL() string { return r.Prefs.Link("/q/1", "") }

// StartURL is where "Start" leads: the first open question.
func (r Route) StartURL() string {
	if r.Answers == nil {
		return r.FirstQuestionURL()
	}
	n := r.Answers.FirstUnanswered()
	if n == 0 {
		return r.ResultURL()
	}
	return r.QuestionURL(n)
}

// InLang is the same screen in another language, keeping the answers;
// screens without a language switch lead to the intro.
func (r Route) InLang(lang string) string {
	r.Prefs.Lang = lang
	switch r.Screen {
	case Question:
		// The question on screen, with the answers so far; one being sent
		// without a choice is simply shown again.
		return r.QuestionURL(r.Number)
	case Result:
		if r.Shared {
			return r.ResultURL() + "&shared=1"
		}
		return r.ResultURL()
	case Compare:
		return CompareURL(r.Prefs, r.Codes...)
	case TeamNew:
		return TeamNewURL(r.Prefs)
	case TeamJoin:
		return TeamURL(r.Prefs, r.TeamID, "join")
	case TeamView:
		return TeamURL(r.Prefs, r.TeamID, "")
	case TeamAdmin:
		return TeamURL(r.Prefs, r.TeamID, "admin", "k", r.TeamKey)
	case TeamMember:
		return TeamURL(r.Prefs, r.TeamID, "member", "m", r.Member)
	case TeamWithdrawn:
		return TeamURL(r.Prefs, r.TeamID, "withdrawn")
	case TeamError:
		return TeamURL(r.Prefs, r.TeamID, "error", "why", r.TeamWhy, "a", r.TeamCode)
	}
	return r.IntroURL()
}

// Canonical is the URL of the page r shows with only what changes that
// page: the display options and the state the screen reads, each written
// one way. Parameters the page ignores (junk such as &x=1, a submitted
// pick once it led on) are left out, so a server can key rendered pages
// by it; parsing it gives the same page again.
func (r Route) Canonical() *url.URL {
	q := r.Prefs.Query()
	u := &url.URL{Path: r.path}
	switch r.Screen {
	case Intro, Question, Result:
		if code := r.Code(); code != "" {
			q.Set("a", code)
		}
		if r.MissingPick {
			q.Set("pick", "")
		}
		if r.Shared {
			q.Set("shared", "1")
		}
	case Compare:
		if len(r.Codes) > 0 {
			q["r"] = r.Codes
		}
		if r.Skipped > 0 {
			q.Set("skipped", strconv.Itoa(r.Skipped))
		}
	case TeamNew, TeamJoin, TeamView, TeamAdmin, TeamMember, TeamWithdrawn, TeamError:
		return teamCanonical(r)
	case NotFound:
		u.Path = "/404"
	case Damaged:
		q.Set("a", "!")
	case Outdated:
		q.Set("a", r.code)
	}
	u.RawQuery = q.Encode()
	return u
}
