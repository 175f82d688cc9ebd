package main

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A Section is one reader's answers to a whole packet: a sheet holds one,
// or one per persona, each under a "## NAME" heading.
type Section struct {
	Name    string // the heading without its #s; "" before any heading
	Line    int    // of the heading, or of the first answer
	Answers map[int]Answer
}

// An Answer is a sheet's line for one question: a pick ("Q1: C") or a
// ranking from least to most customer-centric ("Q1: B < D < A < C").
type Answer struct {
	Letters []string // the pick, or the ranking in its order
	Line    int
}

// Ranking reports whether the answer ranks the options rather than picks one.
func (a Answer) Ranking() bool { return len(a.Letters) > 1 }

var (
	// answerLine is "Q1: C" or "Q1: B < D < A < C". Anything else after
	// the colon ("Q1: B vs C (unsure)") makes the line a note, not an
	// answer; so does anything before the Q ("- Q1: B vs C").
	answerLine = regexp.MustCompile(`^Q([0-9]+)\s*:\s*([A-Z](?:\s*<\s*[A-Z])*)$`)
	heading    = regexp.MustCompile(`^#+\s*(.*?)\s*#*$`)
)

// ReadSheet reads the answer sections of a sheet. Lines that are not
// answers or headings are ignored, and so are sections without answers
// ("## Cues", "## Notes"), so readers may add what they like. It checks
// the form of each answer; [Section.Check] checks the answers against a
// packet.
func ReadSheet(r io.Reader) ([]Section, error) {
	var (
		secs []Section
		cur  = Section{Answers: map[int]Answer{}}
		line int
	)
	flush := func() error {
		if len(cur.Answers) == 0 {
			return nil
		}
		for _, s := range secs {
			if s.Name == cur.Name {
				return fmt.Errorf("line %d: a second section %q (the first is at line %d)", cur.Line, cur.Name, s.Line)
			}
		}
		secs = append(secs, cur)
		return nil
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if m := heading.FindStringSubmatch(text); m != nil {
			if err := flush(); err != nil {
				return nil, err
			}
			cur = Section{Name: m[1], Line: line, Answers: map[int]Answer{}}
			continue
		}
		m := answerLine.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil || n < 1 {
			return nil, fmt.Errorf("line %d: no question Q%s", line, m[1])
		}
		if prev, ok := cur.Answers[n]; ok {
			return nil, fmt.Errorf("%s, line %d: Q%d answered twice (also at line %d)", cur.label(), line, n, prev.Line)
		}
		a := Answer{Line: line}
		for _, l := range strings.Split(m[2], "<") {
			a.Letters = append(a.Letters, strings.TrimSpace(l))
		}
		if cur.Line == 0 {
			cur.Line = line
		}
		cur.Answers[n] = a
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(secs) == 0 {
		return nil, fmt.Errorf("no answers (lines such as \"Q1: C\" or \"Q1: B < D < A < C\")")
	}
	return secs, nil
}

// Check returns an error unless the section answers each of a packet's
// questions once, the packet having options lettered A up to the
// letters-th letter: all picks, or all rankings that name every letter
// once.
func (s Section) Check(questions, letters int) error {
	var missing []string
	for n := 1; n <= questions; n++ {
		if _, ok := s.Answers[n]; !ok {
			missing = append(missing, fmt.Sprintf("Q%d", n))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: no answer to %s (of Q1–Q%d)", s.label(), strings.Join(missing, ", "), questions)
	}
	ranking := s.Answers[1].Ranking()
	for _, n := range slices.Sorted(maps.Keys(s.Answers)) {
		a := s.Answers[n]
		switch {
		case n > questions:
			return fmt.Errorf("%s, line %d: Q%d, but the packet has Q1–Q%d", s.label(), a.Line, n, questions)
		case a.Ranking() != ranking:
			return fmt.Errorf("%s, line %d: Q%d is a %s, Q1 a %s: a section holds picks or rankings, not both", s.label(), a.Line, n, kind(a), kind(s.Answers[1]))
		case a.Ranking() && len(a.Letters) != letters:
			return fmt.Errorf("%s, line %d: Q%d ranks %d options, the packet has %d", s.label(), a.Line, n, len(a.Letters), letters)
		}
		seen := map[string]bool{}
		for _, l := range a.Letters {
			if len(l) != 1 || l[0] < 'A' || int(l[0]-'A') >= letters {
				return fmt.Errorf("%s, line %d: Q%d: letter %s, the options are A–%s", s.label(), a.Line, n, l, Letter(letters-1))
			}
			if seen[l] {
				return fmt.Errorf("%s, line %d: Q%d names %s twice", s.label(), a.Line, n, l)
			}
			seen[l] = true
		}
	}
	return nil
}

// label names the section for a message: its heading, or "answers".
func (s Section) label() string {
	if s.Name == "" {
		return "answers"
	}
	return "section " + strconv.Quote(s.Name)
}

func kind(a Answer) string {
	if a.Ranking() {
		return "ranking"
	}
	return "pick"
}
