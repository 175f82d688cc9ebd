package quiz

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// groupOf returns n complete results of the latest bank with random
// answers.
func groupOf(t *testing.T, b *Bank, r *rand.Rand, n int) ([]Answers, []Result) {
	t.Helper()
	var as []Answers
	var rs []Result
	for range n {
		a := randomAnswers(b, r, 1)
		res, err := b.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		as, rs = append(as, a), append(rs, res)
	}
	return as, rs
}

// figures collects every number a group summary shows except counts: the
// number of results and the counts per level.
func figures(v reflect.Value, out *[]int) {
	switch v.Kind() {
	case reflect.Pointer:
		// Levels and dimensions of the bank: names, not figures of
		// the group.
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Name == "N" || f.Name == "Levels" {
				continue
			}
			figures(v.Field(i), out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			figures(v.Index(i), out)
		}
	case reflect.Int:
		*out = append(*out, int(v.Int()))
	}
}

func TestSummariseGroupNeedsMin(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 5))
	// The team view's promise: figures from 5 results on, not before.
	_, rs := groupOf(t, b, r, 5)
	for n := range 5 {
		g := b.SummariseGroup(rs[:n])
		if g.N != n || g.Shown() || !reflect.DeepEqual(g, GroupSummary{N: n}) {
			t.Errorf("%d results: %+v, want only their number", n, g)
		}
	}
	g := b.SummariseGroup(rs)
	if !g.Shown() || g.Overall.Level == nil || len(g.Dimensions) != len(b.Dimensions) || len(g.Weakest) == 0 {
		t.Errorf("5 results: %+v, want figures", g)
	}
	for _, d := range g.Dimensions {
		if !d.Shown() || d.N != 5 || len(d.Steps()) == 0 {
			t.Errorf("%s: %+v, want figures and steps", d.Dimension.ID, d.GroupStat)
		}
	}
	if (GroupDimension{}).Steps() != nil {
		t.Error("a dimension without figures has steps")
	}
}

// TestSummariseGroupCannotBeInverted checks, on random groups of GroupMin
// and GroupMin+1 results, that the summary shows no exact figure (every
// mean a multiple of GroupStep, no lowest or highest score) and that it
// does not pin down any member's scores: for each member another answer
// set with other scores gives the very same summary. With GroupMin+1 that
// is the summary after one more member added: the difference of the two
// views does not give that member's scores either.
func TestSummariseGroupCannotBeInverted(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		n := GroupMin + trial%2
		as, rs := groupOf(t, b, r, n)
		exact := b.Summarise(rs)
		g := b.SummariseGroup(rs)
		if !g.Shown() || g.N != n {
			t.Fatalf("trial %d: %d results, no figures", trial, n)
		}
		var nums []int
		figures(reflect.ValueOf(g), &nums)
		for _, x := range nums {
			if x%GroupStep != 0 {
				t.Errorf("trial %d: the summary shows %d, not a multiple of %d", trial, x, GroupStep)
			}
		}
		stats := append([]Stat{exact.Overall}, func() (s []Stat) {
			for _, d := range exact.Dimensions {
				s = append(s, d.Stat)
			}
			return s
		}()...)
		for i, st := range stats {
			for _, x := range nums {
				if (x == st.Min && st.Min%GroupStep != 0) || (x == st.Max && st.Max%GroupStep != 0) {
					t.Errorf("trial %d: stat %d: the summary shows %d, the lowest or highest score (%d, %d)", trial, i, x, st.Min, st.Max)
				}
			}
			if i > 0 {
				gs := g.Dimensions[i-1].GroupStat
				if d := float64(gs.Mean) - st.mean; d > GroupStep/2.0 || d < -GroupStep/2.0 || !reflect.DeepEqual(gs.Levels, st.Levels) {
					t.Errorf("trial %d: %s: mean %d levels %v for %.2f %v", trial, g.Dimensions[i-1].Dimension.ID, gs.Mean, gs.Levels, st.mean, st.Levels)
				}
			}
		}
		for m := range rs {
			if !otherAnswersSameSummary(b, as, rs, m, g) {
				t.Errorf("trial %d: %d results: no other answers of member %d give the same summary: it gives away their scores", trial, n, m+1)
			}
		}
	}
}

// otherAnswersSameSummary reports whether member m could have answered
// one question otherwise, with other scores, and left summary g as it is.
func otherAnswersSameSummary(b *Bank, as []Answers, rs []Result, m int, g GroupSummary) bool {
	for qi, q := range b.Questions() {
		for o := range q.Options {
			if o == as[m][qi] {
				continue
			}
			alt := as[m].With(q.Number, o)
			res, err := b.Score(alt)
			if err != nil || reflect.DeepEqual(scoresOf(res), scoresOf(rs[m])) {
				continue
			}
			other := append([]Result(nil), rs...)
			other[m] = res
			if reflect.DeepEqual(b.SummariseGroup(other), g) {
				return true
			}
		}
	}
	return false
}

func scoresOf(r Result) []int {
	s := []int{r.Overall}
	for _, d := range r.Dimensions {
		s = append(s, d.Score)
	}
	return s
}

func TestSummariseGroupLevels(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	score := func(rank func(q *Question) int) Result {
		a := b.NewAnswers()
		for _, q := range b.Questions() {
			a = a.With(q.Number, optionAt(b, q, rank(q)))
		}
		r, err := b.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	low := score(func(*Question) int { return 0 })
	high := score(func(*Question) int { return len(b.Levels) - 1 })
	g := b.SummariseGroup([]Result{low, low, low, high, high})
	top := &b.Levels[len(b.Levels)-1]
	if g.Overall.Lowest != &b.Levels[0] || g.Overall.Highest != top || g.Overall.Mean != 40 || g.Overall.Level != b.LevelFor(40) {
		t.Errorf("overall %+v, want the lowest to the highest level and mean 40", g.Overall)
	}
	if len(g.Disagree) == 0 || len(g.Weakest) != 3 {
		t.Errorf("disagree %d, weakest %d; want every dimension apart and three weakest (all tie)", len(g.Disagree), len(g.Weakest))
	}
	same := b.SummariseGroup([]Result{high, high, high, high, high})
	if len(same.Disagree) != 0 || same.Overall.Lowest != top || same.Overall.Highest != top || same.Overall.Mean != 100 {
		t.Errorf("all at the top: %+v", same.Overall)
	}
	if d := g.dimension(&Dimension{}); d.Shown() {
		t.Error("an unknown dimension has figures")
	}
}
