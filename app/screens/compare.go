package screens

import (
	"errors"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/quiz"
)

// compareEntry is one result on the compare screen.
type compareEntry struct {
	code string
	res  quiz.Result
	err  error
}

func compareEntries(b *quiz.Bank, codes []string) []compareEntry {
	var out []compareEntry
	for _, c := range codes[:min(len(codes), route.MaxCompare)] {
		e := compareEntry{code: c}
		if a, err := b.Decode(c); err != nil {
			e.err = err
		} else {
			e.res, e.err = b.Score(a)
		}
		out = append(out, e)
	}
	return out
}

func (p *page) renderCompare(t Texts) app.UI {
	b := p.bank.In(p.lang)
	entries := compareEntries(b, p.r.Codes)
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
			lo, hi = min(lo, e.res.Dimensions[d].Score), max(hi, e.res.Dimensions[d].Score)
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
		app.If(len(ok) > 0, func() app.UI {
			return p.renderCompareTable(t, b, entries, spreads, widest)
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
	)
}

func compareProblem(err error) string {
	switch {
	case errors.Is(err, quiz.ErrOutdated):
		return "compare.outdated"
	case errors.Is(err, quiz.ErrIncomplete):
		return "compare.unfinished"
	}
	return "compare.damaged"
}

func (p *page) renderCompareTable(t Texts, b *quiz.Bank, entries []compareEntry, spreads []int, widest int) app.UI {
	var cols []int // entries that scored
	for i, e := range entries {
		if e.err == nil {
			cols = append(cols, i)
		}
	}
	mean := func(score func(quiz.Result) int) int {
		sum := 0
		for _, i := range cols {
			sum += score(entries[i].res)
		}
		return (sum + len(cols)/2) / len(cols)
	}
	return app.Div().Class("table-wrap").Body(app.Table().Class("comparison").Body(
		app.Caption().Text(t.S("compare.caption", "n", len(cols))),
		app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Text(t.S("result.dimension")),
			app.Range(cols).Slice(func(j int) app.UI {
				return app.Th().Scope("col").Class("num").Body(
					app.A().Href(route.SharedResultURL(p.r.Prefs.Lang, entries[cols[j]].code)).
						Text("#" + strconv.Itoa(cols[j]+1)),
				)
			}),
			app.Th().Scope("col").Class("num").Text(t.S("compare.mean")),
			app.Th().Scope("col").Class("num").Text(t.S("compare.spread")),
		)),
		app.TBody().Body(
			app.Range(b.Dimensions).Slice(func(d int) app.UI {
				row := app.Tr().DataSet("dimension", b.Dimensions[d].ID).DataSet("spread", spreads[d])
				name := app.Th().Scope("row").Text(b.Dimensions[d].Name)
				if widest > 0 && spreads[d] == widest {
					row = row.Class("disagree")
					name = app.Th().Scope("row").Body(
						app.Text(b.Dimensions[d].Name+" "),
						app.Strong().Class("flag").Text(t.S("compare.most")),
					)
				}
				return row.Body(
					name,
					app.Range(cols).Slice(func(j int) app.UI {
						return app.Td().Class("num").Text(t.Pct(entries[cols[j]].res.Dimensions[d].Score))
					}),
					app.Td().Class("num").Text(t.Pct(mean(func(r quiz.Result) int { return r.Dimensions[d].Score }))),
					app.Td().Class("num").Text(strconv.Itoa(spreads[d])),
				)
			}),
			app.Tr().Class("total").Body(
				app.Th().Scope("row").Text(t.S("compare.overall")),
				app.Range(cols).Slice(func(j int) app.UI {
					r := entries[cols[j]].res
					return app.Td().Class("num").Body(
						app.Strong().Text(t.Pct(r.Overall)),
						app.Br(),
						app.Small().Text(r.Level.Name),
					)
				}),
				app.Td().Class("num").Text(t.Pct(mean(func(r quiz.Result) int { return r.Overall }))),
				app.Td(),
			),
		),
	))
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
