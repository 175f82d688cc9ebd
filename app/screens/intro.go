package screens

import (
	"math"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/quiz"
)

func (p *page) renderIntro(t Texts) app.UI {
	b := p.bank().In(p.lang())
	n := len(b.Questions())
	minutes := minutesToAnswer(b)
	return app.Section().Class("intro").Body(
		app.P().Class("eyebrow").Text(t.S("intro.eyebrow", "minutes", minutes)),
		heading(t.S("intro.heading")),
		app.P().Class("lead").Text(t.S("intro.lead")),
		app.Ul().Class("facts").Body(
			app.Li().Text(t.S("intro.length", "n", n, "dims", len(b.Dimensions), "minutes", minutes)),
			app.Li().Text(t.S("intro.honest")),
			app.Li().Text(t.S("intro.privacy")),
		),
		// quiz.js shows this when the browser kept an unfinished check.
		app.Div().ID("resume").Class("resume").Hidden(true).Body(
			app.P().Body(
				app.Text(t.S("intro.resume")+" "),
				app.Span().ID("resume-where"),
			),
			app.Div().Class("row").Body(
				app.A().ID("resume-link").Class("button primary").Href(p.r.StartURL()).Text(t.S("intro.continue")),
				app.A().ID("start-fresh").Class("button").Href(p.r.FirstQuestionURL()).Attr("data-forget", "1").Text(t.S("intro.startOver")),
			),
		),
		app.A().ID("start").Class("button primary").Href(p.r.StartURL()).Text(t.S("intro.start")),
		app.Details().Class("dims").Body(
			app.Summary().Text(t.S("intro.dimensions")),
			app.Ul().Body(
				app.Range(b.Dimensions).Slice(func(i int) app.UI {
					d := b.Dimensions[i]
					return app.Li().Body(
						app.Strong().Text(d.Name),
						app.Text(": "+d.Focused+" → "+d.Centric),
					)
				}),
			),
		),
		kept(t, ""),
		app.If(p.teamsOn(), func() app.UI {
			return app.P().Class("team-invite").Body(
				app.Text(t.S("team.new.invite")+" "),
				app.A().ID("team-new").Href(route.TeamNewURL(p.r.Prefs)).Text(t.S("team.new.link")),
			)
		}),
	)
}

// How long the check takes, as the intro says: every question and option
// read at wordsPerMinute (the mean silent reading rate of non-fiction
// found by Brysbaert, 2019, "How many words do we read per minute?"), and
// recallSeconds a question to think of the last time it asks about and
// choose. Version 4 is some 2,100 words in English and in German: 13
// minutes.
const (
	wordsPerMinute = 238
	recallSeconds  = 10
)

// minutesToAnswer is the time the check in b's language takes, in whole
// minutes.
func minutesToAnswer(b *quiz.Bank) int {
	words := 0
	for _, q := range b.Questions() {
		words += len(strings.Fields(q.Text))
		for _, o := range q.Options {
			words += len(strings.Fields(o.Text))
		}
	}
	n := len(b.Questions())
	return int(math.Round(float64(words)/wordsPerMinute + float64(n*recallSeconds)/60))
}
