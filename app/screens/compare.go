package screens

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/quiz"
)

// compareEntry is one result on the compare screen, scored with the bank
// version its code was made with.
type compareEntry struct {
	code string
	bank *quiz.Bank
	res  quiz.Result
	err  error
}

// errOtherDimensions marks a result whose version measures other
// dimensions than the current one: it cannot share the compare screen.
var errOtherDimensions = errors.New("screens: result measures other dimensions")

func compareEntries(banks *quiz.Banks, lang string, codes []string) []compareEntry {
	latest := banks.Latest()
	var out []compareEntry
	for _, c := range codes[:min(len(codes), route.MaxCompare)] {
		e := compareEntry{code: c}
		if b, a, err := banks.Decode(c); err != nil {
			e.err = err
		} else if len(b.SharedDimensions(latest)) != len(latest.Dimensions) || len(b.Dimensions) != len(latest.Dimensions) {
			e.err = errOtherDimensions
		} else {
			e.bank = b.In(lang)
			e.res, e.err = e.bank.Score(a)
		}
		out = append(out, e)
	}
	return out
}

// dimensionScore is the score of the dimension with the given id.
func dimensionScore(r quiz.Result, id string) int {
	for _, d := range r.Dimensions {
		if d.Dimension.ID == id {
			return d.Score
		}
	}
	return 0
}

func (p *page) renderCompare(t Texts) app.UI {
	b := p.banks.Latest().In(p.lang())
	entries := compareEntries(p.banks, p.lang(), p.r.Codes)
	var ok []compareEntry
	var bad []int
	for i, e := range entries {
		if e.err == nil {
			ok = append(ok, e)
		} else {
			bad = append(bad, i)
		}
	}
	// Where respondents disagree most is itself a finding.
	spreads := make([]int, len(b.Dimensions))
	widest := 0
	for d := range b.Dimensions {
		lo, hi := 101, -1
		for _, e := range ok {
			v := dimensionScore(e.res, b.Dimensions[d].ID)
			lo, hi = min(lo, v), max(hi, v)
		}
		if len(ok) > 1 {
			spreads[d] = hi - lo
			widest = max(widest, spreads[d])
		}
	}
	return app.Section().Class("compare").Body(
		heading(t.S("compare.heading")),
		app.P().Class("lead").Text(t.S("compare.lead", "max", route.MaxCompare)),
		app.If(len(p.r.Codes) > route.MaxCompare, func() app.UI {
			return app.P().Class("error").Text(t.S("compare.tooMany", "max", route.MaxCompare))
		}),
		app.If(len(bad) > 0, func() app.UI {
			return app.Div().Role("alert").Body(app.Ul().Class("problems").Body(
				app.Range(bad).Slice(func(i int) app.UI {
					e := entries[bad[i]]
					return app.Li().Text(t.S("compare.bad", "n", bad[i]+1, "code", clip(e.code, 24), "why", t.S(compareProblem(e.err))))
				}),
			))
		}),
		app.If(p.r.Skipped > 0, func() app.UI {
			return app.P().Role("alert").Class("note").ID("skipped").Text(skippedNote(t, p.r.Skipped))
		}),
		p.versionsNote(t, b, ok),
		app.If(len(ok) > 0, func() app.UI {
			return p.renderDistributions(t, b, entries, spreads, widest)
		}),
		app.If(len(ok) > 1 && widest > 0, func() app.UI {
			var names []string
			for d, s := range spreads {
				if s == widest {
					names = append(names, b.Dimensions[d].Name)
				}
			}
			return app.P().Class("finding").Text(t.S("compare.finding", "dims", strings.Join(names, ", "), "points", widest))
		}),
		p.renderCompareForm(t),
		app.If(p.teamsOn(), func() app.UI {
			return app.P().Class("team-invite").Body(
				app.Text(t.S("team.new.compare")+" "),
				app.A().ID("team-new").Href(route.TeamNewURL(p.r.Prefs)).Text(t.S("team.new.link")),
			)
		}),
	)
}

func compareProblem(err error) string {
	switch {
	case errors.Is(err, quiz.ErrOutdated):
		return "compare.outdated"
	case errors.Is(err, quiz.ErrIncomplete):
		return "compare.unfinished"
	case errors.Is(err, errOtherDimensions):
		return "compare.otherDims"
	}
	return "compare.damaged"
}

// renderDistributions shows, per dimension and overall, how the results
// spread: the dimension's name as a heading above its values, the results
// as dots on one scale, the mean and the range in words. No column per
// person, so 12 results read as well as 2 and no name is squeezed.
func (p *page) renderDistributions(t Texts, b *quiz.Bank, entries []compareEntry, spreads []int, widest int) app.UI {
	var cols []int // entries that scored
	var results []quiz.Result
	for i, e := range entries {
		if e.err == nil {
			cols = append(cols, i)
			results = append(results, e.res)
		}
	}
	sum := b.Summarise(results)
	dist := func(name string, st quiz.Stat, score func(quiz.Result) int) []app.UI {
		scores := make([]int, len(cols))
		nums := make([]int, len(cols))
		names := make([]string, len(cols))
		for j, i := range cols {
			scores[j], nums[j] = score(entries[i].res), i+1
			names[j] = "#" + strconv.Itoa(i+1) + ": " + t.Pct(scores[j])
		}
		stats := []app.UI{app.Strong().Text(t.S("compare.mean") + " " + t.Pct(st.Mean))}
		if len(cols) > 1 {
			stats = append(stats, app.Text(" · "+t.S("compare.range", "lo", t.Pct(st.Min), "hi", t.Pct(st.Max))))
		}
		label := t.S("compare.scores", "dim", name, "list", strings.Join(names, ", "), "mean", t.Pct(st.Mean))
		return []app.UI{
			app.Raw(dotPlot(b.Levels, scores, nums, names, st.Mean, label)),
			app.P().Class("stats").Body(stats...),
		}
	}
	var total app.UI = app.Text("")
	if !p.held(comparePart(len(b.Dimensions))) {
		total = app.Li().Class("dist total").Body(append([]app.UI{app.H2().Text(t.S("compare.overall"))},
			dist(t.S("compare.overall"), sum.Overall, func(r quiz.Result) int { return r.Overall })...)...)
	}
	return app.Div().Body(
		app.P().Class("caption").Body(
			app.Span().ID("comparison-caption").Text(caption(t, len(cols))+"."),
			app.Text(" "+t.S("compare.dots")),
		),
		app.Ol().Class("comparison").Aria("labelledby", "comparison-caption").Body(
			app.Range(b.Dimensions).Slice(func(d int) app.UI {
				if p.held(comparePart(d)) {
					return app.Text("") // three dimensions a part while the wasm takes over (staged.go)
				}
				dim := b.Dimensions[d]
				disagree := widest > 0 && spreads[d] == widest
				li := app.Li().Class("dist").DataSet("dimension", dim.ID).DataSet("spread", spreads[d])
				if disagree {
					li = li.Class("disagree")
				}
				return li.Body(append([]app.UI{
					app.H2().Body(
						app.Text(dim.Name),
						app.If(disagree, func() app.UI {
							return app.Strong().Class("flag").Text(t.S("compare.most"))
						}),
					)},
					dist(dim.Name, sum.Dimensions[d].Stat, func(r quiz.Result) int { return r.Dimensions[d].Score })...,
				)...)
			}),
			total,
		),
		app.H2().Text(t.S("compare.results")),
		app.Ol().Class("compared").Body(
			app.Range(cols).Slice(func(j int) app.UI {
				r := entries[cols[j]].res
				return app.Li().Body(
					app.A().Href(route.SharedResultURL(p.r.Prefs.Lang, entries[cols[j]].code)).Text("#"+strconv.Itoa(cols[j]+1)),
					app.Text(t.Pct(r.Overall)+" · "+r.Level.Name),
				)
			}),
		),
	)
}

func (p *page) renderCompareForm(t Texts) app.UI {
	return app.Form().ID("compare-form").Class("compare-form").Method("get").Action("/compare").
		OnSubmit(p.onCompareSubmit).Body(
		app.Label().For("links").Text(t.S("compare.paste")),
		app.Textarea().ID("links").Name("links").Rows(4).Placeholder("https://…/result?a=…"),
		app.Range(p.r.Codes).Slice(func(i int) app.UI {
			if i >= route.MaxCompare {
				return nil
			}
			return app.Input().Type("hidden").Name("r").Value(p.r.Codes[i])
		}),
		hiddenFields(p.r.Prefs.Hidden("")),
		app.Button().ID("compare-submit").Class("button primary").Type("submit").Text(t.S("compare.submit")),
	)
}

func (p *page) onCompareSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	links := app.Window().GetElementByID("links")
	_, next := route.PasteLinks(p.r.Prefs, p.r.Codes, links.Get("value").String())
	links.Set("value", "") // added now: a second submit must not add them again
	ctx.Navigate(next)
}

// versionsNote says, when the results come from several versions of the
// questions, that each is scored with its own and which dimensions are
// compared.
func (p *page) versionsNote(t Texts, b *quiz.Bank, ok []compareEntry) app.UI {
	seen := map[int]bool{}
	var versions []int
	for _, e := range ok {
		if !seen[e.bank.Version] {
			seen[e.bank.Version] = true
			versions = append(versions, e.bank.Version)
		}
	}
	if len(versions) < 2 {
		return app.Text("")
	}
	sort.Ints(versions)
	var vs, names []string
	for _, v := range versions {
		vs = append(vs, strconv.Itoa(v))
	}
	for _, d := range b.Dimensions {
		names = append(names, d.Name)
	}
	return app.P().ID("versions").Class("note").Text(t.S("compare.versions", "versions", strings.Join(vs, ", "), "dims", strings.Join(names, ", ")))
}

// caption introduces the plots: how many results, and how to read the
// numbered dots.
func caption(t Texts, n int) string {
	if n == 1 {
		return t.S("compare.caption1")
	}
	return t.S("compare.caption", "n", n)
}

// skippedNote says how many pieces of pasted text held no result link.
func skippedNote(t Texts, n int) string {
	if n == 1 {
		return t.S("compare.skipped1")
	}
	return t.S("compare.skipped", "n", n)
}
