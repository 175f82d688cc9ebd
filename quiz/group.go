package quiz

// A group summary is what a team's shared view shows of its members'
// results. Anyone with the team's join link can open that view, and it
// is open while members add, so it must not let a viewer work out one
// member's score: not from one view (with three results, the mean, the
// lowest and the highest score are all three scores) and not from two
// views either side of one member's add (n·mean after minus n·mean
// before is the new score). So it shows nothing below GroupMin results,
// no lowest or highest score and no spread in points, and its means only
// to the nearest GroupStep points.
//
// What remains, and cannot go without hiding the levels too: the count
// of results at each level. Someone who looks just before and just after
// one colleague adds can tell at which level that colleague's overall
// result and each dimension were.

// GroupMin is the fewest results a group summary shows figures for.
const GroupMin = 5

// GroupStep is the step, in points, that a group summary rounds its means
// to.
const GroupStep = 5

// GroupSummary is a group's results as its shared view may show them.
// Below GroupMin results it holds only their number.
type GroupSummary struct {
	// N is the number of results.
	N int
	// Overall summarises the overall scores.
	Overall GroupStat
	// Dimensions summarises each dimension of the summarising bank, in
	// its order.
	Dimensions []GroupDimension
	// Disagree are the dimensions where the results lie furthest apart,
	// widest first: up to two plus any tied, none where all agree. The
	// order comes from the exact scores; it shows no figure.
	Disagree []GroupDimension
	// Weakest are the dimensions with the lowest (rounded) means, weakest
	// first: up to two plus any tied, at most three.
	Weakest []GroupDimension
}

// GroupStat is what a group summary shows of a set of scores.
type GroupStat struct {
	// N is how many scores there are.
	N int
	// Mean is the mean score rounded to the nearest GroupStep points;
	// Level is the level of that rounded mean. Both are zero below
	// GroupMin scores.
	Mean  int
	Level *Level
	// Levels counts the scores at each level, in the bank's level order
	// (nil below GroupMin scores); Lowest and Highest are the lowest and
	// highest levels with a score.
	Levels          []int
	Lowest, Highest *Level
}

// Shown reports whether there are enough scores for figures.
func (g GroupStat) Shown() bool { return g.N >= GroupMin }

// GroupDimension is one dimension's GroupStat.
type GroupDimension struct {
	Dimension *Dimension
	GroupStat
}

// Shown reports whether there are enough results for figures.
func (g GroupSummary) Shown() bool { return g.N >= GroupMin }

// SummariseGroup summarises results for a group's shared view, in the
// terms of b, as Summarise does but coarsened so that no one result can
// be read off (see GroupMin and GroupStep).
func (b *Bank) SummariseGroup(results []Result) GroupSummary {
	g := GroupSummary{N: len(results)}
	if !g.Shown() {
		return g
	}
	s := b.Summarise(results)
	g.Overall = b.groupStat(s.Overall)
	for _, d := range s.Dimensions {
		g.Dimensions = append(g.Dimensions, GroupDimension{Dimension: d.Dimension, GroupStat: b.groupStat(d.Stat)})
	}
	for _, d := range s.Disagreements(2) {
		if gd := g.dimension(d.Dimension); gd.Shown() {
			g.Disagree = append(g.Disagree, gd)
		}
	}
	var shown []GroupDimension
	for _, d := range g.Dimensions {
		if d.Shown() {
			shown = append(shown, d)
		}
	}
	sortStable(shown, func(x, y GroupDimension) bool { return x.Mean < y.Mean })
	for _, d := range shown {
		if len(g.Weakest) == 3 || len(g.Weakest) >= 2 && d.Mean != g.Weakest[len(g.Weakest)-1].Mean {
			break
		}
		g.Weakest = append(g.Weakest, d)
	}
	return g
}

func (g GroupSummary) dimension(d *Dimension) GroupDimension {
	for _, gd := range g.Dimensions {
		if gd.Dimension == d {
			return gd
		}
	}
	return GroupDimension{}
}

// groupStat coarsens s; below GroupMin scores it keeps only their number.
func (b *Bank) groupStat(s Stat) GroupStat {
	g := GroupStat{N: s.N}
	if !g.Shown() {
		return g
	}
	g.Mean = GroupStep * round(s.mean/GroupStep)
	g.Level = b.LevelFor(g.Mean)
	g.Levels = append([]int(nil), s.Levels...)
	for i, c := range g.Levels {
		if c > 0 {
			if g.Lowest == nil {
				g.Lowest = &b.Levels[i]
			}
			g.Highest = &b.Levels[i]
		}
	}
	return g
}

// Steps returns the next steps for this dimension at the level of its
// rounded mean. A group has no one set of answers to leave steps out by,
// so all the level's steps are returned.
func (d GroupDimension) Steps() []string {
	if d.Level == nil {
		return nil
	}
	return stepTexts(d.Dimension.Steps[d.Level.ID])
}
