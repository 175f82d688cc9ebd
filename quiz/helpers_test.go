package quiz

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
)

var levelIDs = []string{"service", "focused", "aligned", "centric"}

// fixture returns a small valid bank in JSON form, built in code so that
// tests can break one thing at a time.
func fixture(version int) map[string]any {
	levels := []any{}
	bounds := [][2]int{{0, 24}, {25, 49}, {50, 74}, {75, 100}}
	for i, id := range levelIDs {
		levels = append(levels, map[string]any{
			"id": id, "min": bounds[i][0], "max": bounds[i][1],
			"name": "Level " + id, "description": "About " + id + ".",
		})
	}
	dims := []any{}
	for d := 0; d < 3; d++ {
		did := fmt.Sprintf("d%d", d)
		steps := map[string]any{}
		for _, id := range levelIDs {
			steps[id] = []any{
				map[string]any{"text": "Do " + id + " one.", "question": did + "-q0"},
				map[string]any{"text": "Do " + id + " two.", "question": did + "-q1"},
			}
		}
		qs := []any{}
		for q := 0; q < 3+d%2; q++ {
			qid := fmt.Sprintf("%s-q%d", did, q)
			opts := []any{}
			for o := 0; o < 4; o++ {
				opts = append(opts, map[string]any{
					"id":    fmt.Sprintf("%s-%c", qid, 'a'+o),
					"level": levelIDs[(o+q+d)%4],
					"text":  "Option text.",
				})
			}
			qs = append(qs, map[string]any{"id": qid, "text": "What happened?", "options": opts})
		}
		dims = append(dims, map[string]any{
			"id": did, "name": "Dimension " + did, "focused": "Pole A", "centric": "Pole B",
			"looksLike": "Looks like this.", "example": "Example Co.", "keep": "Keep it.",
			"steps": steps, "questions": qs,
		})
	}
	return map[string]any{
		"version":    version,
		"levels":     levels,
		"dimensions": dims,
		"explainer":  []any{map[string]any{"id": "approach", "aspect": "Approach", "focused": "Reactive", "centric": "Proactive"}},
	}
}

func mustParse(t testing.TB, v any) *Bank {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return b
}

// banks returns the embedded bank and the fixture, so properties are
// checked on the real content and on a bank with uneven dimensions.
func banks(t testing.TB) map[string]*Bank {
	t.Helper()
	real, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return map[string]*Bank{"embedded": real, "fixture": mustParse(t, fixture(1))}
}

// randomAnswers returns an answer set with each question answered with
// probability p.
func randomAnswers(b *Bank, r *rand.Rand, p float64) Answers {
	a := b.NewAnswers()
	for i, q := range b.Questions() {
		if r.Float64() < p {
			a[i] = r.IntN(len(q.Options))
		}
	}
	return a
}

// optionAt returns the index of the option of q anchored to level rank.
func optionAt(b *Bank, q *Question, rank int) int {
	for i, o := range q.Options {
		if o.Level == b.Levels[rank].ID {
			return i
		}
	}
	return -1
}

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func dim(m map[string]any, d int) map[string]any {
	return m["dimensions"].([]any)[d].(map[string]any)
}

func questions(m map[string]any, d int) []any { return dim(m, d)["questions"].([]any) }

func options(m map[string]any, d, q int) []any {
	return questions(m, d)[q].(map[string]any)["options"].([]any)
}

func level(m map[string]any, i int) map[string]any { return m["levels"].([]any)[i].(map[string]any) }
