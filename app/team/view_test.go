package team

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"cxquiz/quiz"
)

// TestSummaryCarriesNoSingleResult checks what a browser receives of a
// team's results (view.json, and the page rendered from the same View):
// nothing below 5 results; from 5 on, means that are multiples of
// quiz.GroupStep and counts per level, never a lowest or highest score or
// a spread in points, which with few results are members' own scores.
func TestSummaryCarriesNoSingleResult(t *testing.T) {
	b, err := quiz.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	var rs []quiz.Result
	for range 6 {
		a := b.NewAnswers()
		for _, q := range b.Questions() {
			a = a.With(q.Number, r.IntN(len(q.Options)))
		}
		res, err := b.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, res)
	}
	for n := range 5 {
		if s := Summarise(b, rs[:n]); s != nil {
			t.Errorf("%d results: a summary %+v, want none", n, s)
		}
	}
	for _, n := range []int{5, 6} {
		s := Summarise(b, rs[:n])
		if s == nil || len(s.Dimensions) != len(b.Dimensions) {
			t.Fatalf("%d results: summary %+v", n, s)
		}
		raw, err := json.Marshal(View{State: StateOK, N: n, Summary: s})
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Summary struct {
				Overall    map[string]any   `json:"overall"`
				Dimensions []map[string]any `json:"dimensions"`
			} `json:"summary"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatal(err)
		}
		for i, st := range append([]map[string]any{v.Summary.Overall}, v.Summary.Dimensions...) {
			for k, x := range st {
				switch k {
				case "id", "levels":
				case "n":
					if x != float64(n) {
						t.Errorf("%d results: stat %d: n %v", n, i, x)
					}
				case "mean":
					if m, ok := x.(float64); !ok || int(m)%quiz.GroupStep != 0 {
						t.Errorf("%d results: stat %d: mean %v, want a multiple of %d", n, i, x, quiz.GroupStep)
					}
				default:
					t.Errorf("%d results: stat %d carries %q = %v: %s", n, i, k, x, raw)
				}
			}
		}
	}
}
