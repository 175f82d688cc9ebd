package quiz

import (
	"slices"
	"testing"
)

// The four contradictions the respondent's exploratory test reported
// (/result?a=CODE, every answer at the top but those named): the step
// each one showed proposed the practice the respondent had just reported.
func TestStepsLeaveOutWhatIsDone(t *testing.T) {
	banks := mustLoadAll(t)
	for _, tc := range []struct {
		code, dim, question, text string
	}{
		// Q22–24 first option; Q23's is "A set amount per case, for the
		// kinds of problem that are listed in their guide."
		{"ETULaTjUhTiJJzw", "frontline", "frontline-budget",
			"Give frontline staff a set amount they can spend per case to resolve a problem without approval."},
		// Q19's answer: "NPS, churn and lifetime value by segment, in one
		// dashboard reviewed every month."
		{"ETULaTjUhTJbitg", "metrics", "metrics-report",
			"Put retention and lifetime value next to NPS in the monthly management review."},
		// Q18's answer: "One view of their dealings with sales, service
		// and billing, with the notes of the team that handled it."
		{"ETULaTjUjJijiIA", "listening", "listening-history",
			"Record every contact in one shared system so that anyone who speaks to a customer can see their history."},
		// Q5's answer is the top one: each customer warned the first time
		// it would affect them.
		{"ETTMaTjUhTijifw", "anticipation", "anticipation-known-issue",
			"Tell customers about known problems, such as delays or planned outages, before they run into them."},
	} {
		t.Run(tc.code, func(t *testing.T) {
			b, a, err := banks.Decode(tc.code)
			if err != nil {
				t.Fatal(err)
			}
			if b.Version != 4 {
				t.Fatalf("version %d, want 4, the version the test was made with", b.Version)
			}
			for _, lang := range b.Languages() {
				res, err := b.In(lang).Score(a)
				if err != nil {
					t.Fatal(err)
				}
				d := dimScore(t, res, tc.dim)
				if !slices.Contains(dimIDs(res.StartingPoints(3)), tc.dim) {
					t.Errorf("%s: %s is not a starting point: %v", lang, tc.dim, dimIDs(res.StartingPoints(3)))
				}
				if len(d.NextSteps()) == 0 {
					t.Errorf("%s: %s at %d %% has no next step", lang, tc.dim, d.Score)
				}
				// A step on the same question may stay if it leads
				// beyond the answer given.
				for _, s := range d.NextSteps() {
					if s.Question == tc.question && b.levelRank[s.Level] <= answeredRank(b, a, tc.question) {
						t.Errorf("%s: %s still proposes %q (%s, level %s)", lang, tc.dim, s.Text, s.Question, s.Level)
					}
				}
				if lang == DefaultLang && slices.Contains(d.Steps(), tc.text) {
					t.Errorf("%s still shows %q", tc.dim, tc.text)
				}
			}
		})
	}
}

// TestNoStepProposesWhatIsDone goes through every answer combination of
// every dimension of every version: a step shown never proposes a
// practice whose question was answered at or above the step's level; a
// dimension has a step whenever one of its answers is below the top (so
// that only a dimension with nothing left to improve goes without); the
// steps come from the dimension's own level whenever that level has one
// left; and every language shows the same steps.
func TestNoStepProposesWhatIsDone(t *testing.T) {
	for _, b := range mustLoadAll(t).All() {
		top := len(b.Levels) - 1
		for di := range b.Dimensions {
			d := &b.Dimensions[di]
			var first int // index of the dimension's first question
			for i, q := range b.Questions() {
				if q.Dimension.ID == d.ID {
					first = i
					break
				}
			}
			n := len(d.Questions)
			ranks := make([]int, n)
			for combo := 0; combo < pow(len(b.Levels), n); combo++ {
				a := b.NewAnswers()
				for i, q := range b.Questions() {
					a[i] = optionAt(b, q, 1)
				}
				answered := map[string]int{}
				below := false
				for k, c := 0, combo; k < n; k, c = k+1, c/len(b.Levels) {
					ranks[k] = c % len(b.Levels)
					a[first+k] = optionAt(b, b.Questions()[first+k], ranks[k])
					answered[d.Questions[k].ID] = ranks[k]
					below = below || ranks[k] < top
				}
				res, err := b.Score(a)
				if err != nil {
					t.Fatal(err)
				}
				ds := res.Dimensions[di]
				steps := ds.NextSteps()
				if below != (len(steps) > 0) {
					t.Errorf("v%d %s answers %v: %d steps; an answer below the top: %v", b.Version, d.ID, ranks, len(steps), below)
				}
				for _, s := range steps {
					if answered[s.Question] >= b.levelRank[s.Level] {
						t.Errorf("v%d %s answers %v: step %q proposes %s at level %s, answered at level %s",
							b.Version, d.ID, ranks, s.Text, s.Question, s.Level, b.Levels[answered[s.Question]].ID)
					}
				}
				own := false
				for _, s := range d.Steps[ds.Level.ID] {
					own = own || answered[s.Question] < b.levelRank[s.Level]
				}
				if own && len(steps) > 0 && !slices.Contains(d.Steps[ds.Level.ID], steps[0]) {
					t.Errorf("v%d %s answers %v at level %s: steps from another level though its own has some left", b.Version, d.ID, ranks, ds.Level.ID)
				}
				for _, lang := range b.Languages()[1:] {
					lres, err := b.In(lang).Score(a)
					if err != nil {
						t.Fatal(err)
					}
					if !sameTies(lres.Dimensions[di].NextSteps(), steps) {
						t.Errorf("v%d %s answers %v: %s steps differ from %s", b.Version, d.ID, ranks, lang, DefaultLang)
					}
				}
			}
		}
	}
}

// With every answer at the top, no dimension has a step left and none is
// a starting point; one answer below the top makes its dimension the only
// one.
func TestAllTopHasNoStartingPoint(t *testing.T) {
	for _, b := range mustLoadAll(t).All() {
		top := len(b.Levels) - 1
		a := b.NewAnswers()
		for i, q := range b.Questions() {
			a[i] = optionAt(b, q, top)
		}
		res, err := b.Score(a)
		if err != nil {
			t.Fatal(err)
		}
		if s := res.StartingPoints(3); len(s) != 0 {
			t.Errorf("v%d all top: starting points %v", b.Version, dimIDs(s))
		}
		for _, d := range res.Dimensions {
			if len(d.NextSteps()) != 0 || len(d.Steps()) != 0 || d.Keep() == "" {
				t.Errorf("v%d all top: %s has steps %v, keep %q", b.Version, d.Dimension.ID, d.Steps(), d.Keep())
			}
		}
		for i, q := range b.Questions() {
			lowered := append(Answers(nil), a...)
			lowered[i] = optionAt(b, q, top-1)
			res, err := b.Score(lowered)
			if err != nil {
				t.Fatal(err)
			}
			if got := dimIDs(res.StartingPoints(3)); !slices.Equal(got, []string{q.Dimension.ID}) {
				t.Errorf("v%d question %s one level down: starting points %v, want [%s]", b.Version, q.ID, got, q.Dimension.ID)
			}
		}
	}
}

func TestStepLevelDefaults(t *testing.T) {
	m := fixture(1)
	dim(m, 0)["steps"].(map[string]any)["service"].([]any)[1].(map[string]any)["level"] = "centric"
	b := mustParse(t, m)
	d := b.Dimension("d0")
	for _, tc := range []struct {
		level string
		i     int
		want  string
	}{
		{"service", 0, "focused"},
		{"service", 1, "centric"}, // as given
		{"focused", 0, "aligned"},
		{"aligned", 0, "centric"},
		{"centric", 0, "centric"}, // the top level's steps keep the top
	} {
		if got := d.Steps[tc.level][tc.i].Level; got != tc.want {
			t.Errorf("steps.%s[%d]: level %q, want %q", tc.level, tc.i, got, tc.want)
		}
	}
}

// answeredRank returns the level rank of the answer to question id.
func answeredRank(b *Bank, a Answers, id string) int {
	for i, q := range b.Questions() {
		if q.ID == id {
			return b.levelRank[q.Options[a[i]].Level]
		}
	}
	return -1
}

func dimScore(t *testing.T, res Result, id string) DimensionScore {
	t.Helper()
	for _, d := range res.Dimensions {
		if d.Dimension.ID == id {
			return d
		}
	}
	t.Fatalf("no dimension %s", id)
	return DimensionScore{}
}

func sameTies(x, y []Step) bool {
	return slices.EqualFunc(x, y, func(a, b Step) bool { return a.Question == b.Question && a.Level == b.Level })
}

func pow(b, e int) int {
	p := 1
	for range e {
		p *= b
	}
	return p
}
