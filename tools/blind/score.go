package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"cxquiz/quiz"
)

// Picks is a section of picks scored as the quiz scores a respondent who
// chose those options.
type Picks struct {
	Answers quiz.Answers // in the bank's order
	Result  quiz.Result
	// ByLevel counts the answers anchored to each level, in the bank's
	// level order.
	ByLevel []int
}

// ScorePicks scores a section of picks with the bank's own scoring. The
// section must have passed [Section.Check] and the key [Key.Bank].
func ScorePicks(b *quiz.Bank, k *Key, s Section) (Picks, error) {
	p := Picks{Answers: b.NewAnswers(), ByLevel: make([]int, len(b.Levels))}
	for n, a := range s.Answers {
		q, i := k.option(b, n, a.Letters[0])
		p.Answers[q.Number-1] = i
		p.ByLevel[levelRank(b, q.Options[i].Level)]++
	}
	res, err := b.Score(p.Answers)
	if err != nil {
		return Picks{}, fmt.Errorf("scoring %s: %w", s.label(), err)
	}
	p.Result = res
	return p, nil
}

// Code returns the result code of the picks.
func (p Picks) Code(b *quiz.Bank) string { return b.Encode(p.Answers) }

// Ranking is a section of rankings compared with the bank's levels.
type Ranking struct {
	Questions int
	// TopRight holds the ids of the questions whose most customer-centric
	// option was ranked last (most centric); OrderRight those ranked in
	// level order throughout. Both in the bank's order.
	TopRight, OrderRight []string
}

// ScoreRanking compares each ranking of a section, least to most customer-
// centric, with the levels of the options. The section must have passed
// [Section.Check] and the key [Key.Bank].
func ScoreRanking(b *quiz.Bank, k *Key, s Section) Ranking {
	top := map[string]bool{}
	order := map[string]bool{}
	for n, a := range s.Answers {
		var q *quiz.Question
		inOrder := true
		prev := -1
		for _, l := range a.Letters {
			var i int
			q, i = k.option(b, n, l)
			r := levelRank(b, q.Options[i].Level)
			inOrder = inOrder && r > prev
			prev = r
		}
		top[q.ID] = prev == len(b.Levels)-1
		order[q.ID] = inOrder
	}
	r := Ranking{Questions: len(s.Answers)}
	for _, q := range b.Questions() {
		if top[q.ID] {
			r.TopRight = append(r.TopRight, q.ID)
		}
		if order[q.ID] {
			r.OrderRight = append(r.OrderRight, q.ID)
		}
	}
	return r
}

// levelRank returns the position of level id in the bank's levels, lowest
// first.
func levelRank(b *quiz.Bank, id string) int {
	for i, l := range b.Levels {
		if l.ID == id {
			return i
		}
	}
	panic(fmt.Sprintf("blind: bank version %d has no level %q", b.Version, id))
}

// WritePicks writes a scored section of picks: the score and level, the
// answers per level, whether nearly all are at the top (the result page's
// note), and the result page's address in the packet's language.
func WritePicks(w io.Writer, title string, b *quiz.Bank, lang string, p Picks) {
	fmt.Fprintf(w, "%s: picks\n", title)
	fmt.Fprintf(w, "  score           %d %% %s\n", p.Result.Overall, p.Result.Level.Name)
	counts := make([]string, len(b.Levels))
	for i, l := range b.Levels {
		counts[i] = fmt.Sprintf("%s %d", l.Name, p.ByLevel[i])
	}
	fmt.Fprintf(w, "  answers         %s (of %d)\n", strings.Join(counts, ", "), len(p.Answers))
	top, of := p.Result.TopAnswers()
	fmt.Fprintf(w, "  nearly all top  %s (%d of %d at the top level)\n", yesNo(p.Result.NearlyAllTop()), top, of)
	addr := "/result?a=" + p.Code(b)
	if lang != quiz.DefaultLang {
		addr += "&lang=" + lang
	}
	fmt.Fprintf(w, "  result          %s\n", addr)
}

// WriteRanking writes a scored section of rankings: how often the top pick
// and the whole order were right, and for which questions.
func WriteRanking(w io.Writer, title string, b *quiz.Bank, r Ranking) {
	fmt.Fprintf(w, "%s: ranking\n", title)
	for _, row := range []struct {
		name  string
		right []string
	}{{"top pick right", r.TopRight}, {"whole order right", r.OrderRight}} {
		fmt.Fprintf(w, "  %-18s %d/%d (%d %%)\n", row.name, len(row.right), r.Questions, percent(len(row.right), r.Questions))
		fmt.Fprintf(w, "    right:  %s\n", list(row.right))
		fmt.Fprintf(w, "    missed: %s\n", list(missed(b, row.right)))
	}
}

// missed returns the ids of the bank's questions not in right, in bank
// order.
func missed(b *quiz.Bank, right []string) []string {
	in := map[string]bool{}
	for _, id := range right {
		in[id] = true
	}
	var m []string
	for _, q := range b.Questions() {
		if !in[q.ID] {
			m = append(m, q.ID)
		}
	}
	return m
}

// percent rounds half to even, as the figures recorded in
// docs/question-bank.md were rounded: 21/24 is 88 %, 15/24 is 62 %.
func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return int(math.RoundToEven(100 * float64(n) / float64(of)))
}

func list(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
