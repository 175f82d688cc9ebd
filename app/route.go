package main

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"cxquiz/quiz"
)

// screen is what a URL shows.
type screen int

const (
	screenIntro screen = iota
	screenQuestion
	screenResult
	screenNotFound
	screenDamaged  // the result code cannot be read
	screenOutdated // the result code comes from an older question bank
	screenCompare
)

// route is the state a URL describes: the URL is the state, so the server
// and the wasm client both derive everything they show from it.
type route struct {
	screen  screen
	number  int          // question number, on screenQuestion
	answers quiz.Answers // never nil for a readable code
	prefs   prefs
	// next is where a submitted answer (?pick=N) leads; the server
	// redirects there, the client replaces the URL.
	next string
	// missingPick is set when the answer form came back without a choice.
	missingPick bool
	// shared marks a result opened from a share link.
	shared bool
	// compare holds the result codes on the compare screen.
	compare []string
}

var questionPath = regexp.MustCompile(`^/q/([1-9][0-9]?)$`)

// parseRoute reads the URL of a request. It never fails: whatever cannot
// be read becomes a screen that explains what happened.
func parseRoute(b *quiz.Bank, u *url.URL) route {
	q := u.Query()
	r := route{prefs: parsePrefs(b, q)}
	switch u.Path {
	case "/", "/index.html":
		r.screen = screenIntro
	case "/result":
		r.screen = screenResult
		r.shared = q.Get("shared") == "1"
	case "/compare":
		r.screen = screenCompare
		r.compare, r.next = parseCompare(r.prefs, q)
		return r
	default:
		m := questionPath.FindStringSubmatch(u.Path)
		if m == nil {
			r.screen = screenNotFound
			return r
		}
		r.number, _ = strconv.Atoi(m[1])
		if b.Question(r.number) == nil {
			r.screen = screenNotFound
			return r
		}
		r.screen = screenQuestion
	}
	a, err := b.Decode(strings.TrimSpace(q.Get("a")))
	switch {
	case errors.Is(err, quiz.ErrOutdated):
		r.screen = screenOutdated
		return r
	case err != nil:
		r.screen = screenDamaged
		return r
	}
	r.answers = a
	if r.screen == screenQuestion && q.Has("pick") {
		pick, err := strconv.Atoi(q.Get("pick"))
		if err != nil || pick < 1 || pick > quiz.OptionsPerQuestion {
			r.missingPick = true
			return r
		}
		r.answers = a.With(r.number, pick-1)
		r.next = r.after(b)
	}
	return r
}

// after returns the URL that follows answering the current question: the
// next question, the first one still open, or the result.
func (r route) after(b *quiz.Bank) string {
	switch {
	case r.number < len(b.Questions()):
		return r.questionURL(r.number + 1)
	case r.answers.Complete():
		return r.resultURL()
	default:
		return r.questionURL(r.answers.FirstUnanswered())
	}
}

func (r route) questionURL(n int) string {
	return r.prefs.link("/q/"+strconv.Itoa(n), bank.Encode(r.answers))
}

func (r route) resultURL() string { return r.prefs.link("/result", bank.Encode(r.answers)) }

// shareURL is the result link to pass on: the answers and the language,
// not the host's display options.
func (r route) shareURL() string {
	return prefs{Lang: r.prefs.Lang}.link("/result", bank.Encode(r.answers)) + "&shared=1"
}

func (r route) introURL() string { return r.prefs.link("/", "") }

// startURL is where "Start" leads: the first open question.
func (r route) startURL() string {
	if r.answers == nil {
		return r.prefs.link("/q/1", "")
	}
	n := r.answers.FirstUnanswered()
	if n == 0 {
		return r.resultURL()
	}
	return r.questionURL(n)
}
