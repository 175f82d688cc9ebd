//go:build !wasm

package server

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"cxquiz/app/screens"
	"cxquiz/quiz"
)

// betweenTags is the white space between two tags, which the rendering
// may indent.
var betweenTags = regexp.MustCompile(`>\s+<`)

// nearlyTop answers the first k questions of b with the highest level and
// the rest with the level below it.
func nearlyTop(b *quiz.Bank, k int) quiz.Answers {
	_, high := b.Poles()
	below := b.Levels[len(b.Levels)-2].ID
	return answersAt(b, func(q *quiz.Question) string {
		if q.Number <= k {
			return high.ID
		}
		return below
	})
}

// TestCheckNoteAndEvidence: a result with nearly every answer at the
// highest level carries the note, and every result names one question per
// dimension that reached the highest level; an ordinary result has
// neither. Both change nothing in the score, in any version or language.
func TestCheckNoteAndEvidence(t *testing.T) {
	t.Parallel()
	_, plain := testServer(t) // no team check-ins, as the static export
	teams, _ := teamServer(t, nil, nil)
	n := len(bank.Questions())
	line := (9*n + 9) / 10 // nine in ten, rounded up: 22 of 24
	cases := []struct {
		name     string
		b        *quiz.Bank
		a        quiz.Answers
		note     bool
		evidence bool
	}{
		{"all top", bank, nearlyTop(bank, n), true, true},
		{"at the line", bank, nearlyTop(bank, line), true, true},
		{"one below the line", bank, nearlyTop(bank, line-1), false, true},
		{"ordinary", bank, answersAt(bank, func(*quiz.Question) string { return "focused" }), false, false},
		{"all one below the top", bank, nearlyTop(bank, 0), false, false},
		{"version 1, all top", banks.Version(1), nearlyTop(banks.Version(1), len(banks.Version(1).Questions())), true, true},
		{"version 2, all top", banks.Version(2), nearlyTop(banks.Version(2), len(banks.Version(2).Questions())), true, true},
		{"version 2, one below the line", banks.Version(2), nearlyTop(banks.Version(2), 21), false, true},
		{"version 3, at the line", banks.Version(3), nearlyTop(banks.Version(3), 22), true, true},
		{"version 3, one below the line", banks.Version(3), nearlyTop(banks.Version(3), 21), false, true},
		{"version 4, at the line", banks.Version(4), nearlyTop(banks.Version(4), 22), true, true},
		{"version 4, one below the line", banks.Version(4), nearlyTop(banks.Version(4), 21), false, true},
	}
	for _, tc := range cases {
		res, err := tc.b.Score(tc.a)
		if err != nil {
			t.Fatal(err)
		}
		if res.NearlyAllTop() != tc.note || (len(res.TopDimensions()) > 0) != tc.evidence {
			t.Fatalf("%s: the answers do not make the case (%d top dimensions)", tc.name, len(res.TopDimensions()))
		}
		code := tc.b.Encode(tc.a)
		for _, srv := range []struct {
			name  string
			ts    *httptest.Server
			teams bool
		}{{"without teams", plain, false}, {"with teams", teams, true}} {
			for _, lang := range []string{"en", "de"} {
				name := fmt.Sprintf("%s, %s, %s", tc.name, srv.name, lang)
				tx := screens.T(lang)
				r, raw := get(t, srv.ts, "/result?a="+code+"&lang="+lang)
				if r.StatusCode != http.StatusOK {
					t.Fatalf("%s: status %d", name, r.StatusCode)
				}
				body := html.UnescapeString(betweenTags.ReplaceAllString(raw, "><"))
				// The score is the one the quiz gives, note or not.
				if !strings.Contains(body, fmt.Sprintf(`data-overall="%d"`, res.Overall)) || !strings.Contains(body, `data-level="`+res.Level.ID+`"`) {
					t.Errorf("%s: score or level differ from the quiz's %d %s", name, res.Overall, res.Level.ID)
				}
				has := func(s string) bool { return strings.Contains(body, s) }
				if got := has(`id="check"`) && has(tx.S("result.check.title")) && has(tx.S("result.check.text")); got != tc.note {
					t.Errorf("%s: note shown %v, want %v", name, got, tc.note)
				}
				if tc.note {
					team := has(`id="check-team"`) && has(tx.S("result.check.team"))
					compare := has(`id="check-compare"`) && has(tx.S("result.check.compare"))
					if team != srv.teams || compare == srv.teams {
						t.Errorf("%s: the note links to a team check-in %v, to compare %v", name, team, compare)
					}
				}
				if got := has(`id="evidence"`); got != tc.evidence {
					t.Errorf("%s: evidence shown %v, want %v", name, got, tc.evidence)
				}
				b := tc.b.In(lang)
				for _, d := range res.Dimensions {
					q := tx.S("evidence." + d.Dimension.ID)
					if got := has(q); got != d.Top() {
						t.Errorf("%s: %s at %s, its evidence question shown %v", name, d.Dimension.ID, d.Level.ID, got)
					}
					if d.Top() && !has(`data-dimension="`+d.Dimension.ID+`"><dt>`+b.Dimension(d.Dimension.ID).Name+`</dt><dd>`+q+`</dd>`) {
						t.Errorf("%s: %s's evidence question is not under its name", name, d.Dimension.ID)
					}
				}
			}
		}
	}
	// A member of a team check-in has the team's form below the note, not
	// a link to start another team.
	tc := cases[0]
	_, body := get(t, teams, "/result?a="+tc.b.Encode(tc.a)+"&team=AAAAAAAAAAAAAAAAAAAAAA")
	if !strings.Contains(body, `id="check"`) || strings.Contains(body, `id="check-team"`) {
		t.Error("inside a team check-in, the note is missing or links to a new team")
	}
}
