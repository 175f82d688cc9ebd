package quiz

import (
	"testing"
)

func TestSummarise(t *testing.T) {
	banks, err := LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	latest := banks.Latest()
	// Three results: everyone lowest, everyone highest, and a mix; one of
	// them from the oldest bank version.
	var results []Result
	for i, pick := range []func(b *Bank, q *Question) int{
		func(b *Bank, q *Question) int { return optionAt(b, q, 0) },
		func(b *Bank, q *Question) int { return optionAt(b, q, len(b.Levels)-1) },
		func(b *Bank, q *Question) int { return optionAt(b, q, q.Number%len(b.Levels)) },
	} {
		b := latest
		if i == 2 {
			b = banks.All()[0]
		}
		a := b.NewAnswers()
		for _, q := range b.Questions() {
			a = a.With(q.Number, max(pick(b, q), 0))
		}
		r, err := b.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	s := latest.Summarise(results)
	if s.N != 3 || s.Overall.N != 3 || len(s.Dimensions) != len(latest.Dimensions) {
		t.Fatalf("summary %+v", s)
	}
	for i, d := range s.Dimensions {
		var want, sum, n int
		for _, r := range results {
			for _, ds := range r.Dimensions {
				if ds.Dimension.ID == d.Dimension.ID {
					sum += ds.Score
					n++
				}
			}
		}
		want = round(float64(sum) / float64(n))
		if d.Mean != want || d.N != n || d.Level != latest.LevelFor(d.Mean) {
			t.Errorf("dimension %d: mean %d n %d, want %d of %d", i, d.Mean, d.N, want, n)
		}
		total := 0
		for _, c := range d.Levels {
			total += c
		}
		if total != n || d.Levels[0] < 1 || d.Levels[len(d.Levels)-1] < 1 {
			t.Errorf("dimension %d: levels %v", i, d.Levels)
		}
		if d.Min != 0 || d.Max != 100 || d.Spread < 30 {
			t.Errorf("dimension %d: min %d max %d spread %d", i, d.Min, d.Max, d.Spread)
		}
		if len(d.Steps()) == 0 {
			t.Errorf("dimension %d: no steps at level %s", i, d.Level.ID)
		}
	}
	sum := 0
	for _, r := range results {
		sum += r.Overall
	}
	if s.Overall.Mean != round(float64(sum)/3) {
		t.Errorf("overall mean %d", s.Overall.Mean)
	}
	if w := s.Weakest(1); len(w) == 0 || w[0].Mean > s.Dimensions[0].Mean && w[0].Mean > s.Dimensions[1].Mean {
		t.Errorf("weakest %v", w)
	}
	for _, w := range s.Weakest(2)[1:] {
		if w.Mean < s.Weakest(1)[0].Mean {
			t.Error("weakest out of order")
		}
	}
	if d := s.Disagreements(1); len(d) == 0 || d[0].Spread < s.Dimensions[0].Spread {
		t.Errorf("disagreements %v", d)
	}
}

func TestSummariseAgreement(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	a := b.NewAnswers()
	for _, q := range b.Questions() {
		a = a.With(q.Number, 1)
	}
	r, err := b.Score(a)
	if err != nil {
		t.Fatal(err)
	}
	s := b.Summarise([]Result{r, r, r, r})
	if d := s.Disagreements(2); len(d) != 0 {
		t.Errorf("identical results disagree on %v", d)
	}
	if w := s.Weakest(1); len(w) == 0 {
		t.Error("no weakest dimension")
	}
	for _, d := range s.Dimensions {
		if d.Spread != 0 || d.Min != d.Max || d.Levels[b.levelRank[d.Level.ID]] != 4 {
			t.Errorf("%s: %+v", d.Dimension.ID, d.Stat)
		}
	}
	empty := b.Summarise(nil)
	if empty.N != 0 || empty.Overall.Level != nil || len(empty.Weakest(2)) != 0 || empty.Dimensions[0].Steps() != nil {
		t.Errorf("empty summary %+v", empty)
	}
}
