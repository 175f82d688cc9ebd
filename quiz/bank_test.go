package quiz

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLoadEmbedded(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatalf("the embedded bank is invalid: %v", err)
	}
	if n := len(b.Dimensions); n < 8 {
		t.Errorf("%d dimensions, want at least 8", n)
	}
	if n := len(b.Questions()); n < 24 || n > 32 {
		t.Errorf("%d questions, want 24–32", n)
	}
	if n := len(b.Levels); n < 4 {
		t.Errorf("%d levels, want at least 4", n)
	}
	if len(b.Explainer) < 4 {
		t.Errorf("%d explainer rows, want at least 4", len(b.Explainer))
	}
	for _, d := range b.Dimensions {
		if n := len(d.Questions); n < 3 || n > 4 {
			t.Errorf("dimension %s: %d questions, want 3–4", d.ID, n)
		}
		for _, l := range b.Levels {
			if n := len(d.Steps[l.ID]); n < 2 || n > 3 {
				t.Errorf("dimension %s level %s: %d steps, want 2–3", d.ID, l.ID, n)
			}
		}
	}
	for _, q := range b.Questions() {
		ranks := make([]int, len(q.Options))
		for i, o := range q.Options {
			ranks[i] = b.levelRank[o.Level]
		}
		if sorted(ranks, 1) || sorted(ranks, -1) {
			t.Errorf("question %s: options sorted by level %v, the best answer would be obvious", q.ID, ranks)
		}
		for _, o := range q.Options {
			low := strings.ToLower(o.Text)
			if strings.Contains(low, "customer-centric") || strings.Contains(low, "customer-focused") {
				t.Errorf("option %s names a pole, giving the answer away", o.ID)
			}
		}
	}
	if n := b.CodeLen(); n > 40 {
		t.Errorf("a full result code has %d characters, want at most 40", n)
	}
}

func sorted(v []int, dir int) bool {
	for i := 1; i < len(v); i++ {
		if (v[i]-v[i-1])*dir < 0 {
			return false
		}
	}
	return true
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(m map[string]any)
		want   string
	}{
		{"bad json", nil, "parsing bank"},
		{"duplicate question id", func(m map[string]any) {
			q := questions(m, 0)
			q[1].(map[string]any)["id"] = q[0].(map[string]any)["id"]
		}, `question "d0-q0": duplicate id`},
		{"duplicate option id", func(m map[string]any) {
			opts := options(m, 0, 0)
			opts[1].(map[string]any)["id"] = "d0-q0-a"
		}, `option "d0-q0-a": duplicate id`},
		{"duplicate across kinds", func(m map[string]any) {
			dim(m, 1)["id"] = "d0-q0"
		}, `dimension "d0-q0"`},
		{"too few questions", func(m map[string]any) {
			dim(m, 0)["questions"] = questions(m, 0)[:2]
		}, `dimension "d0": 2 questions`},
		{"unknown level", func(m map[string]any) {
			options(m, 2, 1)[3].(map[string]any)["level"] = "heroic"
		}, `option "d2-q1-d": unknown level "heroic"`},
		{"level twice in question", func(m map[string]any) {
			opts := options(m, 1, 0)
			opts[0].(map[string]any)["level"] = opts[1].(map[string]any)["level"]
		}, `in question "d1-q0"`},
		{"three options", func(m map[string]any) {
			q := questions(m, 1)[2].(map[string]any)
			q["options"] = q["options"].([]any)[:3]
		}, `question "d1-q2": 3 options`},
		{"empty question text", func(m map[string]any) {
			questions(m, 2)[0].(map[string]any)["text"] = "  "
		}, `question "d2-q0": empty text`},
		{"empty option text", func(m map[string]any) {
			options(m, 0, 2)[1].(map[string]any)["text"] = ""
		}, `option "d0-q2-b": empty text`},
		{"empty dimension example", func(m map[string]any) {
			dim(m, 1)["example"] = ""
		}, `dimension "d1": empty example`},
		{"missing steps", func(m map[string]any) {
			delete(dim(m, 2)["steps"].(map[string]any), "aligned")
		}, `dimension "d2": no steps for level "aligned"`},
		{"empty step", func(m map[string]any) {
			dim(m, 0)["steps"].(map[string]any)["focused"] = []any{
				map[string]any{"text": "ok", "question": "d0-q0"},
				map[string]any{"text": "", "question": "d0-q0"},
			}
		}, `dimension "d0": empty steps.focused[1]`},
		{"step without a question", func(m map[string]any) {
			dim(m, 0)["steps"].(map[string]any)["aligned"].([]any)[1].(map[string]any)["question"] = ""
		}, `dimension "d0": steps.aligned[1]: question "" is not one of the dimension's`},
		{"step tied to another dimension's question", func(m map[string]any) {
			dim(m, 0)["steps"].(map[string]any)["service"].([]any)[0].(map[string]any)["question"] = "d1-q0"
		}, `dimension "d0": steps.service[0]: question "d1-q0" is not one of the dimension's`},
		{"step with an unknown level", func(m map[string]any) {
			dim(m, 1)["steps"].(map[string]any)["focused"].([]any)[0].(map[string]any)["level"] = "heroic"
		}, `dimension "d1": steps.focused[0]: unknown level "heroic"`},
		{"gap in thresholds", func(m map[string]any) {
			level(m, 2)["min"] = 51
		}, `level "aligned": starts at 51, want 50`},
		{"overlap in thresholds", func(m map[string]any) {
			level(m, 1)["max"] = 55
		}, `level "aligned": starts at 50, want 56`},
		{"short of 100", func(m map[string]any) {
			level(m, 3)["max"] = 99
		}, `level "centric": ends at 99, want 100`},
		{"empty level description", func(m map[string]any) {
			level(m, 0)["description"] = ""
		}, `level "service": empty description`},
		{"bad version", func(m map[string]any) { m["version"] = 0 }, "version 0"},
		{"empty explainer", func(m map[string]any) {
			m["explainer"].([]any)[0].(map[string]any)["centric"] = ""
		}, `explainer row "approach": empty centric`},
		{"no dimensions", func(m map[string]any) { m["dimensions"] = []any{} }, "no dimensions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data []byte
			if tt.break_ == nil {
				data = []byte(`{"version": 1,`)
			} else {
				m := fixture(1)
				tt.break_(m)
				data = marshal(t, m)
			}
			_, err := Parse(data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLookups(t *testing.T) {
	b := mustParse(t, fixture(1))
	if q := b.Question(1); q == nil || q.ID != "d0-q0" || q.Number != 1 || q.Dimension.ID != "d0" {
		t.Errorf("Question(1) = %+v", q)
	}
	last := len(b.Questions())
	if q := b.Question(last); q == nil || q.Number != last {
		t.Errorf("Question(%d) = %+v", last, q)
	}
	for _, n := range []int{0, -1, last + 1} {
		if q := b.Question(n); q != nil {
			t.Errorf("Question(%d) = %v, want nil", n, q.ID)
		}
	}
	if d := b.Dimension("d2"); d == nil || d.Name != "Dimension d2" {
		t.Errorf("Dimension(d2) = %v", d)
	}
	if d := b.Dimension("nope"); d != nil {
		t.Errorf("Dimension(nope) = %v", d)
	}
	for score, want := range map[int]string{-5: "service", 0: "service", 24: "service", 25: "focused", 74: "aligned", 75: "centric", 100: "centric", 140: "centric"} {
		if got := b.LevelFor(score).ID; got != want {
			t.Errorf("LevelFor(%d) = %s, want %s", score, got, want)
		}
	}
}

func TestParseRejectsExplainerLevels(t *testing.T) {
	for name, levels := range map[string][]any{
		"one level":     {"focused"},
		"unknown level": {"focused", "nope"},
		"three levels":  {"service", "focused", "centric"},
	} {
		f := fixture(2)
		f["explainerLevels"] = levels
		data, _ := json.Marshal(f)
		if _, err := Parse(data); err == nil || !strings.Contains(err.Error(), "explainerLevels") {
			t.Errorf("%s: %v", name, err)
		}
	}
	f := fixture(2)
	f["explainerLevels"] = []any{"service", "aligned"}
	b := mustParse(t, f)
	if l, r := b.ExplainerColumns(); l.ID != "service" || r.ID != "aligned" {
		t.Errorf("explainer columns %s, %s", l.ID, r.ID)
	}
}
