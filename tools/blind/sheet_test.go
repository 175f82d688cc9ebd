package main

import (
	"fmt"
	"strings"
	"testing"
)

// picks returns a sheet that picks letter l for Q1 to Qn.
func picks(n int, l string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "Q%d: %s\n", i, l)
	}
	return b.String()
}

// rankings returns a sheet that ranks every question of Q1 to Qn alike.
func rankings(n int, order string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "Q%d: %s\n", i, order)
	}
	return b.String()
}

// Readers add notes, cues and lists of doubts; only answer lines count.
func TestReadSheetIgnoresNotes(t *testing.T) {
	sheet := "# My answers\n\n" + picks(3, "B") + `
## Cues
I took the option with the most teams in it. Q1: B looked right.

## Unsure
- Q1: B vs C (cross-team vs usage data)
Q2 (A vs D)
Q3: A or C
`
	secs, err := ReadSheet(strings.NewReader(sheet))
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) != 1 || secs[0].Name != "My answers" || len(secs[0].Answers) != 3 {
		t.Fatalf("got %d sections, first %q with %d answers; want 1, \"My answers\", 3", len(secs), secs[0].Name, len(secs[0].Answers))
	}
	if err := secs[0].Check(3, 4); err != nil {
		t.Error(err)
	}

	personas := "## P1\n" + picks(3, "A") + "\n## P2\n" + picks(3, "D") + "## Notes\nP1 Q2: no option fits.\n"
	secs, err = ReadSheet(strings.NewReader(personas))
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) != 2 || secs[0].Name != "P1" || secs[1].Name != "P2" || secs[1].Answers[3].Letters[0] != "D" {
		t.Errorf("persona sheet read as %+v", secs)
	}
}

func TestMalformedSheets(t *testing.T) {
	const n = 4
	for _, tc := range []struct {
		name, sheet, want string
	}{
		{"missing questions", strings.Replace(strings.Replace(picks(n, "A"), "Q2: A\n", "", 1), "Q4: A\n", "", 1), "no answer to Q2, Q4"},
		{"persona missing a question", "## P1\n" + picks(n, "A") + "## P2\n" + picks(n-1, "B"), `section "P2": no answer to Q4`},
		{"a letter twice", rankings(n, "B < D < B < C"), "line 1: Q1 names B twice"},
		{"a pick twice", picks(n, "A") + "Q3: C\n", "line 5: Q3 answered twice (also at line 3)"},
		{"a letter outside the packet", strings.Replace(picks(n, "A"), "Q3: A", "Q3: E", 1), "line 3: Q3: letter E, the options are A–D"},
		{"a question outside the packet", picks(n+1, "A"), "line 5: Q5, but the packet has Q1–Q4"},
		{"a ranking too short", strings.Replace(rankings(n, "A < B < C < D"), "Q2: A < B < C < D", "Q2: A < B < C", 1), "line 2: Q2 ranks 3 options, the packet has 4"},
		{"picks and rankings mixed", strings.Replace(picks(n, "A"), "Q3: A", "Q3: A < B < C < D", 1), "Q3 is a ranking, Q1 a pick"},
		{"no answers", "## Cues\nThe longest one.\n", "no answers"},
		{"a section twice", "## P1\n" + picks(n, "A") + "## P1\n" + picks(n, "B"), `a second section "P1"`},
	} {
		secs, err := ReadSheet(strings.NewReader(tc.sheet))
		for i := 0; err == nil && i < len(secs); i++ {
			err = secs[i].Check(n, 4)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}
