package main

import (
	"sort"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/quiz"
)

// renderQuestion shows one question as a GET form with a real radio group,
// so it works before the wasm has loaded and without it: the server folds
// ?pick=N into the result code and redirects to the next screen.
func (p *page) renderQuestion(t texts) app.UI {
	b := bank.In(p.lang)
	q := b.Question(p.r.number)
	total := len(b.Questions())
	back := p.r.introURL()
	if p.r.number > 1 {
		back = p.r.questionURL(p.r.number - 1)
	}
	hidden := p.r.prefs.query()
	if code := bank.Encode(p.r.answers); code != "" {
		hidden.Set("a", code)
	}
	keys := make([]string, 0, len(hidden))
	for k := range hidden {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return app.Section().Class("question").Body(
		app.Div().Class("progress").Body(
			app.P().Class("dimension").Text(q.Dimension.Name),
			app.P().ID("progress-label").Class("count").Text(t.S("question.count", "n", p.r.number, "total", total)),
			app.Progress().Max(total).Value(p.r.number).Aria("labelledby", "progress-label"),
		),
		app.Form().ID("answer").Method("get").Action("/q/"+strconv.Itoa(p.r.number)).
			OnSubmit(p.onSubmit).Body(
			app.FieldSet().Body(
				app.Legend().Body(heading(q.Text)),
				app.If(p.r.missingPick, func() app.UI {
					return app.P().ID("pick-error").Class("error").Role("alert").Text(t.S("question.pick"))
				}),
				app.Div().Class("options").Body(
					app.Range(q.Options).Slice(func(i int) app.UI {
						return p.renderOption(t, i, q.Options[i])
					}),
				),
			),
			app.Range(keys).Slice(func(i int) app.UI {
				return app.Input().Type("hidden").Name(keys[i]).Value(hidden.Get(keys[i]))
			}),
			app.P().Class("keys").Text(t.S("question.keys")),
			app.Div().Class("nav").Body(
				app.A().ID("back").Class("button").Href(back).Text(t.S("question.back")),
				app.Button().ID("next").Class("button primary").Type("submit").Text(p.nextLabel(t)),
			),
		),
	)
}

func (p *page) renderOption(t texts, i int, o quiz.Option) app.UI {
	id := "opt-" + strconv.Itoa(i+1)
	in := app.Input().ID(id).Type("radio").Name("pick").Value(strconv.Itoa(i + 1)).Required(true).
		OnChange(func(ctx app.Context, e app.Event) { p.pick(ctx, i) })
	if p.r.answers.Get(p.r.number) == i {
		// The URL's answer only: a choice being made is the radio's own
		// state, which a re-render must not fight over. And only when
		// true: go-app's prerender writes checked="false" for false,
		// which browsers read as checked.
		in = in.Checked(true)
	}
	return app.Label().Class("option").For(id).Body(
		in,
		app.Span().Class("key").Text(strconv.Itoa(i+1)),
		app.Span().Class("text").Text(o.Text),
	)
}

func (p *page) nextLabel(t texts) string {
	if p.r.number == len(bank.Questions()) {
		return t.S("question.finish")
	}
	return t.S("question.next")
}

func (p *page) pick(ctx app.Context, i int) {
	p.picked = i
	p.r.missingPick = false
}

// onSubmit moves on without a page load once the wasm runs.
func (p *page) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.picked == quiz.Unanswered {
		p.r.missingPick = true
		ctx.Defer(func(app.Context) { focusElement("opt-1") })
		return
	}
	r := p.r
	r.answers = r.answers.With(r.number, p.picked)
	ctx.Navigate(r.after(bank))
}
