package screens

import (
	"regexp"
	"testing"
)

func TestDotPlotNumbersEveryDot(t *testing.T) {
	t.Parallel()
	svg := dotPlot(bank.Levels, []int{50, 52, 90, 10}, []int{1, 3, 4, 7}, []string{"#1: 50 %", "#3: 52 %", "#4: 90 %", "#7: 10 %"}, 50, "label")
	dot := regexp.MustCompile(`<title>([^<]*)</title><circle class="dot" cx="(\d+)%" cy="(\d+)" r="\d+"/><text class="n" x="(\d+)%" y="(\d+)" text-anchor="middle">(\d+)</text>`)
	m := dot.FindAllStringSubmatch(svg, -1)
	if len(m) != 4 {
		t.Fatalf("want 4 numbered dots, found %d in %s", len(m), svg)
	}
	cy := map[string]string{}
	for i, want := range []struct{ title, x, n string }{{"#1: 50 %", "50", "1"}, {"#3: 52 %", "52", "3"}, {"#4: 90 %", "90", "4"}, {"#7: 10 %", "10", "7"}} {
		if g := m[i]; g[1] != want.title || g[2] != want.x || g[4] != want.x || g[6] != want.n {
			t.Errorf("dot %d: title %q at %s%%, number %q at %s%%; want %q at %s%% numbered %s", i, g[1], g[2], g[6], g[4], want.title, want.x, want.n)
		}
		cy[m[i][6]] = m[i][3]
	}
	// 50 and 52 would overlap: the second stacks above the first; 90 and
	// 10 stay on the track.
	if cy["1"] == cy["3"] || cy["4"] != cy["1"] || cy["7"] != cy["1"] {
		t.Errorf("heights %v: want #3 lifted above #1, #4 and #7 on the track", cy)
	}
}

func TestCompareCaptionCounts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 result, scores per dimension"},
		{"en", 4, "4 results, scores per dimension"},
		{"de", 1, "1 Ergebnis, Werte je Dimension"},
		{"de", 4, "4 Ergebnisse, Werte je Dimension"},
	} {
		if got := caption(T(tc.lang), tc.n); got != tc.want {
			t.Errorf("caption(%s, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestSkippedNote(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "One line of what you pasted held no result link and was left out."},
		{"en", 3, "3 lines of what you pasted held no result link and were left out."},
		{"de", 1, "Eine eingefügte Zeile enthielt keinen Ergebnislink und wurde weggelassen."},
		{"de", 3, "3 eingefügte Zeilen enthielten keinen Ergebnislink und wurden weggelassen."},
	} {
		if got := skippedNote(T(tc.lang), tc.n); got != tc.want {
			t.Errorf("skippedNote(%s, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}
