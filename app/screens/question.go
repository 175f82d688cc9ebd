package screens

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/quiz"
)

// renderQuestion shows one question as a GET form with a real radio group,
// so it works before the wasm has loaded and without it: the server folds
// ?pick=N into the result code and redirects to the next screen.
func (p *page) renderQuestion(t Texts) app.UI {
	b := p.bank().In(p.lang())
	q := b.Question(p.r.Number)
	total := len(b.Questions())
	back := p.r.IntroURL()
	if p.r.Number > 1 {
		back = p.r.QuestionURL(p.r.Number - 1)
	}
	return app.Section().Class("question").Body(
		app.Div().Class("progress").Body(
			app.P().Class("dimension").Text(q.Dimension.Name),
			app.P().ID("progress-label").Class("count").Text(t.S("question.count", "n", p.r.Number, "total", total)),
			app.Progress().Max(total).Value(p.r.Number).Aria("labelledby", "progress-label"),
		),
		app.If(p.r.Older(), func() app.UI { return p.olderNote(t) }),
		app.Form().ID("answer").Method("get").Action("/q/"+strconv.Itoa(p.r.Number)).
			OnSubmit(p.onSubmit).Body(
			app.FieldSet().Body(
				// Focus lands on the heading at each step: its description
				// says which question of how many this is, spoken with it
				// (the title changes unheard).
				app.Legend().Body(heading(q.Text).Aria("describedby", "progress-label")),
				// Always there, so that the options after it stay the same
				// elements when the request comes and goes: go-app would
				// make them anew (and drop the choice and focus on them).
				app.Div().Class("pick-request").Body(
					app.If(p.r.MissingPick, func() app.UI {
						return app.P().ID("pick-error").Class("error").Role("alert").Text(t.S("question.pick"))
					}),
				),
				app.Div().Class("options").Body(
					app.Range(q.Options).Slice(func(i int) app.UI {
						return p.renderOption(i, q.Options[i])
					}),
				),
			),
			hiddenFields(p.r.Prefs.Hidden(p.r.Code())),
			// Sent after the radios' pick, so a form sent without a choice
			// still says it was sent: the server answers it with the
			// question and its request (route.Parse: MissingPick). The
			// radios are not required: a required group with nothing
			// chosen is "invalid" to screen readers before any attempt.
			app.Input().Type("hidden").Name("pick").Value(""),
			app.P().Class("keys").Text(t.S("question.keys")),
			app.Div().Class("nav").Body(
				app.A().ID("back").Class("button").Href(back).Text(t.S("question.back")),
				app.Button().ID("next").Class("button primary").Type("submit").Text(p.nextLabel(t)),
			),
		),
	)
}

func (p *page) renderOption(i int, o quiz.Option) app.UI {
	id := "opt-" + strconv.Itoa(i+1)
	in := app.Input().ID(id).Type("radio").Name("pick").Value(strconv.Itoa(i + 1)).
		OnChange(func(app.Context, app.Event) { p.pick(i) })
	if p.r.MissingPick {
		// Invalid only once someone tried to go on without a choice.
		in = in.Aria("invalid", "true")
	}
	if p.r.Answers.Get(p.r.Number) == i {
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

func (p *page) nextLabel(t Texts) string {
	if p.r.Number == len(p.bank().Questions()) {
		return t.S("question.finish")
	}
	return t.S("question.next")
}

func (p *page) pick(i int) {
	p.picked = i
	p.r.MissingPick = false
}

// onSubmit moves on without a page load once the wasm runs.
func (p *page) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	next := p.next()
	if next == "" {
		p.r.MissingPick = true
		ctx.Defer(func(app.Context) { focusElement("opt-1") })
		return
	}
	ctx.Navigate(next)
}

// next is where submitting the chosen option leads, "" before a choice.
func (p *page) next() string {
	if p.picked == quiz.Unanswered {
		return ""
	}
	r := p.r
	r.Answers = r.Answers.With(r.Number, p.picked)
	return r.After()
}

// olderNote explains a link made with an earlier version of the questions:
// it can be finished as it is, scored as that version was, or the current
// version started afresh.
func (p *page) olderNote(t Texts) app.UI {
	return app.P().ID("older-version").Class("note").Body(
		app.Text(t.S("question.olderVersion")+" "),
		app.A().ID("take-new").Href(p.r.FirstQuestionURL()).Attr("data-forget", "1").Text(t.S("result.takeNew")),
	)
}
