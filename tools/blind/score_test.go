package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"cxquiz/quiz"
)

// personaFixtures names the persona fixtures of quiz's tests by bank
// version.
var personaFixtures = map[int]string{2: "personas.json", 3: "personas-v3.json", 4: "personas-v4.json", 5: "personas-v5.json"}

// answerSets returns answer sets of bank b to score: the persona fixtures
// of quiz's tests (from version 2 on), every answer at one level, and
// random sets.
func answerSets(t *testing.T, b *quiz.Bank) map[string]quiz.Answers {
	t.Helper()
	sets := map[string]quiz.Answers{}
	if name, ok := personaFixtures[b.Version]; ok {
		data, err := os.ReadFile(filepath.Join("..", "..", "quiz", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		var personas []struct {
			ID      string            `json:"id"`
			Answers map[string]string `json:"answers"`
		}
		if err := json.Unmarshal(data, &personas); err != nil {
			t.Fatal(err)
		}
		for _, p := range personas {
			a := b.NewAnswers()
			for i, q := range b.Questions() {
				a[i] = slices.IndexFunc(q.Options, func(o quiz.Option) bool { return o.ID == p.Answers[q.ID] })
			}
			sets[p.ID] = a
		}
	}
	for _, l := range b.Levels {
		a := b.NewAnswers()
		for i, q := range b.Questions() {
			a[i] = slices.IndexFunc(q.Options, func(o quiz.Option) bool { return o.Level == l.ID })
		}
		sets["all-"+l.ID] = a
	}
	r := rand.New(rand.NewPCG(3, 3))
	for n := range 20 {
		a := b.NewAnswers()
		for i, q := range b.Questions() {
			a[i] = r.IntN(len(q.Options))
		}
		sets[fmt.Sprint("random-", n)] = a
	}
	return sets
}

// A sheet of picks scores exactly as the quiz scores the same answers:
// score, level, every dimension, the top-answer count behind the result
// page's note, and the result code.
func TestPicksScoreAsTheQuiz(t *testing.T) {
	for _, v := range []int{1, 2, 3, 4, 5} {
		b := bank(t, v)
		_, k := packet(t, b, "de", 11)
		sets := answerSets(t, b)
		// One sheet with a section per answer set, as a persona answerer
		// writes it.
		var sheet strings.Builder
		sheet.WriteString("Answers in character.\n\n")
		for _, name := range slices.Sorted(maps.Keys(sets)) {
			fmt.Fprintf(&sheet, "## %s\n%s\n", name, pickLines(t, b, k, sets[name]))
		}
		sheet.WriteString("## Notes\ncafe Q2: no option fits; D is the nearest.\n")
		secs := sections(t, k, sheet.String())
		if len(secs) != len(sets) {
			t.Fatalf("v%d: %d sections, want %d", v, len(secs), len(sets))
		}
		for _, s := range secs {
			a := sets[s.Name]
			want, err := b.Score(a)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ScorePicks(b, k, s)
			if err != nil {
				t.Fatalf("v%d %s: %v", v, s.Name, err)
			}
			if !slices.Equal(got.Answers, a) || !reflect.DeepEqual(got.Result, want) {
				t.Errorf("v%d %s: scored %d %% %s, the quiz %d %% %s", v, s.Name, got.Result.Overall, got.Result.Level.ID, want.Overall, want.Level.ID)
			}
			if got.Code(b) != b.Encode(a) {
				t.Errorf("v%d %s: code %s, want %s", v, s.Name, got.Code(b), b.Encode(a))
			}
			byLevel := make([]int, len(b.Levels))
			for i, q := range b.Questions() {
				byLevel[slices.IndexFunc(b.Levels, func(l quiz.Level) bool { return l.ID == q.Options[a[i]].Level })]++
			}
			if !slices.Equal(got.ByLevel, byLevel) {
				t.Errorf("v%d %s: answers per level %v, want %v", v, s.Name, got.ByLevel, byLevel)
			}
			if top, _ := got.Result.TopAnswers(); top != byLevel[len(byLevel)-1] {
				t.Errorf("v%d %s: %d top answers, %d at the top level", v, s.Name, top, byLevel[len(byLevel)-1])
			}
		}
	}
}

// ranking returns a ranking sheet of the key's packet that orders each
// question's options by the level ranks order returns.
func ranking(t *testing.T, b *quiz.Bank, k *Key, order func(q *quiz.Question) []int) string {
	t.Helper()
	lines := make([]string, len(k.Questions))
	for _, q := range b.Questions() {
		var n int
		var letters []string
		for _, i := range order(q) {
			var l string
			n, l = letterOf(t, k, q, i)
			letters = append(letters, l)
		}
		lines[n-1] = fmt.Sprintf("Q%d: %s", n, strings.Join(letters, " < "))
	}
	return strings.Join(lines, "\n") + "\n## Cues\nThe longest option.\n"
}

// byLevel returns the indices of q's options from the lowest level up.
func byLevel(b *quiz.Bank) func(q *quiz.Question) []int {
	return func(q *quiz.Question) []int {
		idx := []int{0, 1, 2, 3}
		slices.SortFunc(idx, func(i, j int) int {
			return levelRank(b, q.Options[i].Level) - levelRank(b, q.Options[j].Level)
		})
		return idx
	}
}

func TestRankingScore(t *testing.T) {
	b := bank(t, 2)
	_, k := packet(t, b, "en", 13)
	n := len(b.Questions())
	for _, tc := range []struct {
		name       string
		order      func(q *quiz.Question) []int
		top, whole int
	}{
		{"level order", byLevel(b), n, n},
		{"reversed", func(q *quiz.Question) []int {
			idx := byLevel(b)(q)
			slices.Reverse(idx)
			return idx
		}, 0, 0},
		{"bottom two swapped", func(q *quiz.Question) []int {
			idx := byLevel(b)(q)
			idx[0], idx[1] = idx[1], idx[0]
			return idx
		}, n, 0},
		{"top two swapped in the first three questions", func(q *quiz.Question) []int {
			idx := byLevel(b)(q)
			if q.Number <= 3 {
				idx[2], idx[3] = idx[3], idx[2]
			}
			return idx
		}, n - 3, n - 3},
	} {
		s := sections(t, k, ranking(t, b, k, tc.order))[0]
		r := ScoreRanking(b, k, s)
		if len(r.TopRight) != tc.top || len(r.OrderRight) != tc.whole || r.Questions != n {
			t.Errorf("%s: top pick %d, whole order %d of %d; want %d, %d of %d", tc.name, len(r.TopRight), len(r.OrderRight), r.Questions, tc.top, tc.whole, n)
		}
		if tc.top == n-3 && slices.Contains(r.TopRight, b.Question(1).ID) {
			t.Errorf("%s: %s counted right", tc.name, b.Question(1).ID)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct{ n, of, want int }{
		{24, 24, 100}, {0, 24, 0}, {21, 24, 88}, {15, 24, 62}, {17, 24, 71}, {58, 72, 81}, {0, 0, 0},
	} {
		if got := percent(tc.n, tc.of); got != tc.want {
			t.Errorf("percent(%d, %d) = %d, want %d", tc.n, tc.of, got, tc.want)
		}
	}
}
