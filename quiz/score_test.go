package quiz

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func TestScoreExtremes(t *testing.T) {
	for name, b := range banks(t) {
		top := len(b.Levels) - 1
		for _, tc := range []struct {
			rank, score int
			level       string
		}{
			{0, 0, b.Levels[0].ID},
			{top, 100, b.Levels[top].ID},
		} {
			a := b.NewAnswers()
			for i, q := range b.Questions() {
				a[i] = optionAt(b, q, tc.rank)
			}
			res, err := b.Score(a)
			if err != nil {
				t.Fatalf("%s: Score: %v", name, err)
			}
			if res.Overall != tc.score || res.Level.ID != tc.level {
				t.Errorf("%s: all options at rank %d: overall %d level %s, want %d %s", name, tc.rank, res.Overall, res.Level.ID, tc.score, tc.level)
			}
			for _, d := range res.Dimensions {
				if d.Score != tc.score || d.Level.ID != tc.level {
					t.Errorf("%s: dimension %s: %d %s, want %d %s", name, d.Dimension.ID, d.Score, d.Level.ID, tc.score, tc.level)
				}
			}
		}
	}
}

func TestScoreTable(t *testing.T) {
	b := mustParse(t, fixture(1))
	// d0 has 3 questions, d1 has 4, d2 has 3.
	set := func(ranks ...int) Answers {
		a := b.NewAnswers()
		for i, q := range b.Questions() {
			a[i] = optionAt(b, q, ranks[i])
		}
		return a
	}
	tests := []struct {
		name    string
		ranks   []int
		dims    []int
		overall int
		level   string
	}{
		{"all second level", []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, []int{33, 33, 33}, 33, "focused"},
		{"all third level", []int{2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, []int{67, 67, 67}, 67, "aligned"},
		{"one dimension top", []int{3, 3, 3, 0, 0, 0, 0, 0, 0, 0}, []int{100, 0, 0}, 33, "focused"},
		// d1: (100+100+0+0)/4 = 50; overall (0+50+100)/3 = 50.
		{"uneven dimensions weigh the same", []int{0, 0, 0, 3, 3, 0, 0, 3, 3, 3}, []int{0, 50, 100}, 50, "aligned"},
		// d0: (0+33.3+33.3)/3 = 22.2 → 22; d2: (66.7*3)/3 → 67; d1: 25.
		{"rounding", []int{0, 1, 1, 0, 0, 0, 3, 2, 2, 2}, []int{22, 25, 67}, 38, "focused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := b.Score(set(tt.ranks...))
			if err != nil {
				t.Fatal(err)
			}
			var dims []int
			for _, d := range res.Dimensions {
				dims = append(dims, d.Score)
			}
			if !reflect.DeepEqual(dims, tt.dims) || res.Overall != tt.overall || res.Level.ID != tt.level {
				t.Errorf("got dims %v overall %d %s, want %v %d %s", dims, res.Overall, res.Level.ID, tt.dims, tt.overall, tt.level)
			}
		})
	}
}

func TestStrongestWeakest(t *testing.T) {
	b := mustParse(t, fixture(1))
	a := b.NewAnswers()
	ranks := []int{1, 1, 1, 3, 3, 3, 3, 0, 0, 0} // d0 33, d1 100, d2 0
	for i, q := range b.Questions() {
		a[i] = optionAt(b, q, ranks[i])
	}
	res, err := b.Score(a)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(ds []DimensionScore) (s []string) {
		for _, d := range ds {
			s = append(s, d.Dimension.ID)
		}
		return s
	}
	if got := ids(res.Strongest(1)); !reflect.DeepEqual(got, []string{"d1"}) {
		t.Errorf("Strongest(1) = %v", got)
	}
	if got := ids(res.Weakest(2)); !reflect.DeepEqual(got, []string{"d2", "d0"}) {
		t.Errorf("Weakest(2) = %v", got)
	}
	if got := ids(res.Weakest(10)); len(got) != 3 {
		t.Errorf("Weakest(10) = %v, want all 3", got)
	}
	if got := res.Weakest(-1); len(got) != 0 {
		t.Errorf("Weakest(-1) = %v", got)
	}
	if got := res.Weakest(1)[0].Steps(); !reflect.DeepEqual(got, []string{"Do service one.", "Do service two."}) {
		t.Errorf("Steps of weakest = %v", got)
	}
	// Ties keep bank order.
	for i, q := range b.Questions() {
		a[i] = optionAt(b, q, 2)
	}
	res, _ = b.Score(a)
	if got := ids(res.Strongest(3)); !reflect.DeepEqual(got, []string{"d0", "d1", "d2"}) {
		t.Errorf("tied Strongest = %v", got)
	}
	if got := ids(res.Weakest(3)); !reflect.DeepEqual(got, []string{"d0", "d1", "d2"}) {
		t.Errorf("tied Weakest = %v", got)
	}
}

func TestScoreRejects(t *testing.T) {
	b := mustParse(t, fixture(1))
	a := b.NewAnswers()
	if _, err := b.Score(a); !errors.Is(err, ErrIncomplete) {
		t.Errorf("empty set: %v, want ErrIncomplete", err)
	}
	for i := range a {
		a[i] = 0
	}
	a[4] = Unanswered
	if _, err := b.Score(a); !errors.Is(err, ErrIncomplete) {
		t.Errorf("one open: %v, want ErrIncomplete", err)
	}
	a[4] = 4
	if _, err := b.Score(a); !errors.Is(err, ErrInvalidAnswers) {
		t.Errorf("option 4: %v, want ErrInvalidAnswers", err)
	}
	if _, err := b.Score(a[:3]); !errors.Is(err, ErrInvalidAnswers) {
		t.Errorf("short set: %v, want ErrInvalidAnswers", err)
	}
}

// Raising any one answer to a higher level never lowers any score.
func TestScoreMonotonic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for name, b := range banks(t) {
		for range 300 {
			a := randomAnswers(b, r, 1)
			before, err := b.Score(a)
			if err != nil {
				t.Fatal(err)
			}
			i := r.IntN(len(a))
			q := b.Questions()[i]
			rank := b.levelRank[q.Options[a[i]].Level]
			if rank == len(b.Levels)-1 {
				continue
			}
			raised := a.With(i+1, optionAt(b, q, rank+1+r.IntN(len(b.Levels)-1-rank)))
			after, err := b.Score(raised)
			if err != nil {
				t.Fatal(err)
			}
			if after.Overall < before.Overall {
				t.Fatalf("%s: raising question %d lowered overall %d → %d", name, i+1, before.Overall, after.Overall)
			}
			for d := range after.Dimensions {
				if after.Dimensions[d].Score < before.Dimensions[d].Score {
					t.Fatalf("%s: raising question %d lowered %s", name, i+1, after.Dimensions[d].Dimension.ID)
				}
			}
			if b.levelRank[after.Level.ID] < b.levelRank[before.Level.ID] {
				t.Fatalf("%s: raising question %d lowered the level", name, i+1)
			}
		}
	}
}

// The order in which questions are answered does not change the result.
func TestScoreOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for name, b := range banks(t) {
		for range 50 {
			want := randomAnswers(b, r, 1)
			wantRes, _ := b.Score(want)
			got := b.NewAnswers()
			for _, i := range r.Perm(len(want)) {
				got = got.With(i+1, want[i])
			}
			gotRes, err := b.Score(got)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotRes, wantRes) {
				t.Fatalf("%s: answering in another order changed the result", name)
			}
		}
	}
}

func TestAnswers(t *testing.T) {
	b := mustParse(t, fixture(1))
	a := b.NewAnswers()
	if a.Answered() != 0 || a.Complete() || a.FirstUnanswered() != 1 {
		t.Errorf("new answers: %d answered, complete %v, first open %d", a.Answered(), a.Complete(), a.FirstUnanswered())
	}
	a2 := a.With(1, 2).With(2, 0)
	if a.Get(1) != Unanswered {
		t.Error("With changed the original")
	}
	if a2.Get(1) != 2 || a2.Get(2) != 0 || a2.Answered() != 2 || a2.FirstUnanswered() != 3 {
		t.Errorf("after two answers: %v", a2)
	}
	if a2.Get(0) != Unanswered || a2.Get(99) != Unanswered {
		t.Error("Get out of range should be Unanswered")
	}
	if got := a2.With(99, 1); !reflect.DeepEqual(got, a2) {
		t.Error("With out of range changed the set")
	}
	full := a
	for i := range full {
		full = full.With(i+1, 1)
	}
	if !full.Complete() || full.FirstUnanswered() != 0 {
		t.Errorf("full set: complete %v, first open %d", full.Complete(), full.FirstUnanswered())
	}
	if (Answers{}).Complete() {
		t.Error("an empty slice is not complete")
	}
}

func TestStrengthsAndStartingPointsAreHonestAboutTies(t *testing.T) {
	b := mustLoadAll(t).Latest()
	// answersAt answers each dimension's questions at the given option
	// ranks (0 = lowest level), one rank per question, cycling.
	answersAt := func(ranks map[string][]int) Answers {
		a := b.NewAnswers()
		seen := map[string]int{}
		for _, q := range b.Questions() {
			r := ranks[q.Dimension.ID]
			want := b.Levels[r[seen[q.Dimension.ID]%len(r)]].ID
			seen[q.Dimension.ID]++
			for i, o := range q.Options {
				if o.Level == want {
					a[q.Number-1] = i
				}
			}
		}
		return a
	}
	all := func(r ...int) map[string][]int {
		m := map[string][]int{}
		for _, d := range b.Dimensions {
			m[d.ID] = r
		}
		return m
	}

	// Every dimension the same: no strongest, all are starting points.
	res, err := b.Score(answersAt(all(1)))
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Strengths(); len(s) != 0 {
		t.Errorf("all tied: strengths %v", dimIDs(s))
	}
	if s := res.StartingPoints(2); len(s) != len(b.Dimensions) {
		t.Errorf("all tied: %d starting points, want all %d", len(s), len(b.Dimensions))
	}
	for _, d := range res.Dimensions {
		if d.Keep() != "" || d.Uneven {
			t.Errorf("%s at %s: keep %q, uneven %v", d.Dimension.ID, d.Level.ID, d.Keep(), d.Uneven)
		}
	}

	// Two dimensions tied at the top, three tied at the bottom.
	m := all(1)
	m["strategy"], m["metrics"] = []int{3}, []int{3}
	m["scope"], m["change"], m["frontline"] = []int{0}, []int{0}, []int{0}
	res, err = b.Score(answersAt(m))
	if err != nil {
		t.Fatal(err)
	}
	if got := dimIDs(res.Strengths()); !slices.Equal(got, []string{"strategy", "metrics"}) {
		t.Errorf("strengths %v", got)
	}
	if got := dimIDs(res.StartingPoints(2)); !slices.Equal(got, []string{"scope", "change", "frontline"}) {
		t.Errorf("starting points %v: a tie at the cut must not be broken", got)
	}
	if got := len(res.StartingPoints(5)); got != 3 {
		t.Errorf("StartingPoints(5): %d, want the 3 lowest only: the 3 tied above them do not fit", got)
	}
	if got := len(res.StartingPoints(6)); got != 6 {
		t.Errorf("StartingPoints(6): %d, want the 3 lowest and the 3 tied above them", got)
	}
	if got := res.StartingPoints(0); len(got) != 0 {
		t.Errorf("StartingPoints(0): %v", dimIDs(got))
	}
	for _, d := range res.Dimensions {
		if (d.Keep() != "") != (d.Level.ID == "centric") {
			t.Errorf("%s at %s: keep %q", d.Dimension.ID, d.Level.ID, d.Keep())
		}
	}

	// A dimension whose answers span bottom to top is uneven; one that
	// spans three neighbouring levels is not.
	m = all(1)
	m["leadership"] = []int{0, 3, 1}
	m["listening"] = []int{0, 2, 1}
	res, err = b.Score(answersAt(m))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Dimensions {
		if d.Uneven != (d.Dimension.ID == "leadership") {
			t.Errorf("%s: uneven %v", d.Dimension.ID, d.Uneven)
		}
	}
	if s := res.Strengths(); len(s) != 1 || s[0].Dimension.ID != "leadership" {
		t.Errorf("strengths %v", dimIDs(s))
	}
	for _, d := range res.StartingPoints(8) {
		if d.Dimension.ID == "leadership" {
			t.Error("leadership is both a strength and a starting point")
		}
	}
	if (Result{}).Strengths() != nil {
		t.Error("an empty result has strengths")
	}
}
