package quiz

import (
	"math"
)

// Summary describes a group's results, a team's, without any one of them:
// per dimension and overall the mean, the spread and how many results sit
// at each level.
type Summary struct {
	// N is the number of results.
	N int
	// Overall summarises the overall scores.
	Overall Stat
	// Dimensions summarises each dimension of the summarising bank, in its
	// order.
	Dimensions []DimensionStat
}

// Stat summarises a set of scores.
type Stat struct {
	// N is how many scores there are.
	N int
	// Mean is the mean score, rounded; Level is the level for it.
	Mean  int
	Level *Level
	// Spread is the standard deviation of the scores, rounded: how far a
	// typical score lies from the mean.
	Spread int
	// Min and Max are the lowest and highest scores.
	Min, Max int
	// Levels counts the scores at each level, in the bank's level order.
	Levels []int
	mean   float64
	spread float64
}

// DimensionStat summarises one dimension's scores.
type DimensionStat struct {
	Dimension *Dimension
	Stat
}

// Steps returns the next steps for this dimension at the level of its
// mean. A group has no one set of answers to leave steps out by, so all
// the level's steps are returned.
func (d DimensionStat) Steps() []string {
	if d.Level == nil {
		return nil
	}
	return stepTexts(d.Dimension.Steps[d.Level.ID])
}

// Summarise summarises results in the terms of b: its dimensions, levels
// and language. Each result keeps the scores and levels it was given by
// its own bank version; a dimension counts the results that measured it.
func (b *Bank) Summarise(results []Result) Summary {
	s := Summary{N: len(results)}
	overall := make([]int, 0, len(results))
	levels := make([]string, 0, len(results))
	for _, r := range results {
		overall = append(overall, r.Overall)
		levels = append(levels, r.Level.ID)
	}
	s.Overall = b.stat(overall, levels)
	for i := range b.Dimensions {
		d := &b.Dimensions[i]
		var scores []int
		var lv []string
		for _, r := range results {
			for _, ds := range r.Dimensions {
				if ds.Dimension.ID == d.ID {
					scores = append(scores, ds.Score)
					lv = append(lv, ds.Level.ID)
				}
			}
		}
		s.Dimensions = append(s.Dimensions, DimensionStat{Dimension: d, Stat: b.stat(scores, lv)})
	}
	return s
}

func (b *Bank) stat(scores []int, levels []string) Stat {
	st := Stat{N: len(scores), Levels: make([]int, len(b.Levels))}
	if len(scores) == 0 {
		return st
	}
	st.Min, st.Max = scores[0], scores[0]
	sum := 0.0
	for i, v := range scores {
		sum += float64(v)
		st.Min, st.Max = min(st.Min, v), max(st.Max, v)
		if r, ok := b.levelRank[levels[i]]; ok {
			st.Levels[r]++
		} else {
			st.Levels[b.levelRank[b.LevelFor(v).ID]]++
		}
	}
	mean := sum / float64(len(scores))
	st.mean = mean
	sq := 0.0
	for _, v := range scores {
		sq += (float64(v) - mean) * (float64(v) - mean)
	}
	st.spread = math.Sqrt(sq / float64(len(scores)))
	st.Mean, st.Spread = round(mean), round(st.spread)
	st.Level = b.LevelFor(st.Mean)
	return st
}

// Disagreements returns the dimensions where the scores lie furthest
// apart, widest first: up to n of them plus any tied with the last, and
// none where everyone agrees.
func (s Summary) Disagreements(n int) []DimensionStat {
	return s.top(n, func(d DimensionStat) float64 { return d.spread }, true)
}

// Weakest returns the dimensions with the lowest means, weakest first: up
// to n of them plus any tied with the last.
func (s Summary) Weakest(n int) []DimensionStat {
	return s.top(n, func(d DimensionStat) float64 { return float64(d.Mean) }, false)
}

func (s Summary) top(n int, key func(DimensionStat) float64, desc bool) []DimensionStat {
	var ds []DimensionStat
	for _, d := range s.Dimensions {
		if d.N > 0 && (!desc || key(d) > 0) {
			ds = append(ds, d)
		}
	}
	sortStable(ds, func(x, y DimensionStat) bool {
		if desc {
			return key(x) > key(y)
		}
		return key(x) < key(y)
	})
	var out []DimensionStat
	for _, d := range ds {
		if len(out) >= n && (n <= 0 || !same(key(d), key(out[len(out)-1]))) {
			break
		}
		out = append(out, d)
	}
	return out
}
