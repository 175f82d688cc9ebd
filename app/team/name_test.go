package team

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"  Board  ":                  "Board",
		"Équipe de direction":        "Équipe de direction",
		strings.Repeat("ä", MaxName): strings.Repeat("ä", MaxName),
		// Pasted from a spreadsheet or a chat: tabs and line breaks
		// become a space, invisible controls and direction marks go.
		"Team\tNord":                     "Team Nord",
		"Team\r\n\tNord\n":               "Team Nord",
		"a\u2028b\u2029c":                "a b c",
		"\u202eTeam\u202c Süd":           "Team Süd",
		"\u2067فريق\u2069 \u200e1":       "فريق 1",
		"a\x00b\x7f\u0085c":              "ab c",
		"Équipe\u00a0:  direction":       "Équipe\u00a0: direction",
		strings.Repeat("ä\t", MaxName/2): strings.TrimSpace(strings.Repeat("ä ", MaxName/2)),
	} {
		got, err := CleanName(in)
		if err != nil || got != want {
			t.Errorf("CleanName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{strings.Repeat("a", MaxName+1), strings.Repeat("ä\t", MaxName/2+1), "\xff", "a\xffb"} {
		if _, err := CleanName(in); !errors.Is(err, ErrBadName) {
			t.Errorf("CleanName(%q) error %v, want ErrBadName", in, err)
		}
	}
}

func TestTokens(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id, tok := newID(), NewToken()
		if !ValidID(id) || !ValidToken(tok) || ValidID(tok) || ValidToken(id) || seen[id] || seen[tok] {
			t.Fatalf("id %q token %q", id, tok)
		}
		seen[id], seen[tok] = true, true
	}
	for _, bad := range []string{"", "AAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAA+A", strings.Repeat("A", 23)} {
		if ValidID(bad) {
			t.Errorf("ValidID(%q)", bad)
		}
	}
	if hash("a") == hash("b") || len(hash("a")) != 64 {
		t.Fatal("hash")
	}
}
