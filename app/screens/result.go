package screens

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/route"
	"cxquiz/quiz"
)

func (p *page) renderResult(t Texts) app.UI {
	b := p.bank().In(p.lang())
	res, err := b.Score(p.r.Answers)
	if err != nil {
		return p.renderUnfinished(t)
	}
	start := res.StartingPoints(3)
	eyebrow := t.S("result.eyebrow")
	if p.r.Shared {
		eyebrow = t.S("result.sharedEyebrow")
	}
	low, high := b.Poles()
	return app.Section().Class("result").
		DataSet("level", res.Level.ID).DataSet("overall", res.Overall).DataSet("code", p.r.Code()).DataSet("version", b.Version).Body(p.inParts(
		// In parts, added one by one while the wasm takes over (staged.go).
		[]app.UI{app.P().Class("eyebrow").Text(eyebrow),
			heading(res.Level.Name),
			app.If(p.r.Older(), func() app.UI {
				return app.P().ID("older-version").Class("note").Body(
					app.Text(t.S("result.olderVersion", "version", b.Version)+" "),
					app.A().ID("take-new").Href(p.r.FirstQuestionURL()).Text(t.S("result.takeNew")),
				)
			}),
			app.If(p.r.Shared, func() app.UI {
				return app.P().Class("invite").Body(
					app.Text(t.S("result.sharedInvite")+" "),
					app.A().ID("take-it").Href(p.r.IntroURL()).Text(t.S("result.takeIt")),
				)
			}),
			app.P().Class("overall").Body(
				app.Span().Class("big").Text(t.Pct(res.Overall)),
				app.Span().Text(" "+t.S("result.overall", "low", low.Name, "high", high.Name)),
			),
			app.P().Class("lead").Text(res.Level.Description)},
		[]app.UI{levelScale(t, b, res),
			p.checkNote(t, res),
			p.renderTeamAdd(t)},

		[]app.UI{app.H2().ID("chart-title").Text(t.S("result.dimensions")),
			app.Div().Class("charts").Body(
				app.Raw(radarChart(res, "chart-title")),
				app.Raw(barChart(t, b, res, "chart-title")),
			),
		},
		[]app.UI{scoreTable(t, res),
			unevenNote(t, res),

			app.Div().Class("cards").Body(
				strengthsCard(t, res),
				app.Section().Class("card weak").Body(
					app.H2().Text(t.S("result.weakest")),
					app.Ul().Body(
						app.Range(start).Slice(func(i int) app.UI {
							return app.Li().Text(start[i].Dimension.Name + " · " + t.Pct(start[i].Score))
						}),
					),
					app.If(len(start) > 3, func() app.UI {
						return app.P().Class("tie").Text(t.S("result.tiedStart", "n", len(start)))
					}),
					app.If(len(start) == 0, func() app.UI {
						return app.P().ID("no-start").Text(t.S("result.noStart", "level", high.Name))
					}),
				),
			),
		},
		[]app.UI{evidence(t, b, res),

			app.H2().Text(t.S("result.next")),
			app.Range(start).Slice(func(i int) app.UI {
				return nextSteps(t, start[i])
			}),
			app.If(len(start) == 0, func() app.UI { return keepAll(t, res, high) }),
		},
		[]app.UI{app.H2().Text(t.S("result.explainer")),
			explainer(b),

			p.renderActions(t)},
	)...)
}

// strengthsCard names the dimensions that scored highest. A tie is shown
// as a tie, and advice to keep something up appears only where the top
// level was reached; elsewhere the dimension's own next step.
func strengthsCard(t Texts, res quiz.Result) app.UI {
	strong := res.Strengths()
	title := t.S("result.strongest")
	if len(strong) > 1 {
		title = t.S("result.strongestTied", "n", len(strong))
	}
	return app.Section().Class("card strong").Body(
		app.H2().Text(title),
		app.If(len(strong) == 0, func() app.UI {
			return app.P().Class("tie").Text(t.S("result.noStrongest"))
		}),
		app.Range(strong).Slice(func(i int) app.UI {
			d := strong[i]
			advice := d.Keep()
			if steps := d.Steps(); advice == "" && len(steps) > 0 {
				advice = t.S("result.strongNext", "level", d.Level.Name) + " " + steps[0]
			}
			return app.Div().DataSet("dimension", d.Dimension.ID).Body(
				app.H3().Text(d.Dimension.Name+" · "+t.Pct(d.Score)),
				app.If(advice != "", func() app.UI { return app.P().Text(advice) }),
			)
		}),
	)
}

// unevenNote names the dimensions whose answers disagree from the lowest
// to the highest level, where the score is an average of opposites.
func unevenNote(t Texts, res quiz.Result) app.UI {
	var names []string
	for _, d := range res.Dimensions {
		if d.Uneven {
			names = append(names, d.Dimension.Name)
		}
	}
	if len(names) == 0 {
		return app.Text("")
	}
	return app.P().ID("uneven").Class("note uneven").Text(t.S("result.uneven", "dims", strings.Join(names, ", ")))
}

// checkNote appears when nearly every answer sits at the highest level
// (quiz.Result.NearlyAllTop). It changes nothing in the result: it says
// that such a result is rare, what would show it, and that colleagues'
// answers are the way to check it, and it names no answer and no option,
// so that it tells no one which answers score high.
func (p *page) checkNote(t Texts, res quiz.Result) app.UI {
	if !res.NearlyAllTop() {
		return nil
	}
	var others app.UI
	switch {
	case !p.teamsOn():
		// The static export has no team check-ins; results compare all
		// the same.
		others = app.P().Body(
			app.Text(t.S("result.check.compare")+" "),
			app.A().ID("check-compare").Href(route.CompareURL(p.r.Prefs, p.r.Code())).Text(t.S("result.compare")),
		)
	case p.r.Prefs.Team != "":
		// A member of a team check-in has its form just below.
		others = app.P().Text(t.S("result.check.team"))
	default:
		others = app.P().Body(
			app.Text(t.S("result.check.team")+" "),
			app.A().ID("check-team").Href(route.TeamNewURL(p.r.Prefs)).Text(t.S("team.new.link")),
		)
	}
	return app.Section().ID("check").Class("note check").Aria("labelledby", "check-title").Body(
		app.H2().ID("check-title").Text(t.S("result.check.title")),
		app.P().Text(t.S("result.check.text")),
		others,
	)
}

// evidence asks, for each dimension at the highest level, one question
// whose answer a colleague could see: a decision, a date, who took it.
// The questions are in the interface texts (evidence.ID), one per
// dimension id of every bank version.
func evidence(t Texts, b *quiz.Bank, res quiz.Result) app.UI {
	top := res.TopDimensions()
	if len(top) == 0 {
		return nil
	}
	_, high := b.Poles()
	return app.Section().ID("evidence").Class("evidence").Aria("labelledby", "evidence-title").Body(
		app.H2().ID("evidence-title").Text(t.S("result.evidence.title")),
		app.P().Text(t.S("result.evidence.lead", "level", high.Name)),
		app.Dl().Body(
			app.Range(top).Slice(func(i int) app.UI {
				d := top[i]
				return app.Div().DataSet("dimension", d.Dimension.ID).Body(
					app.Dt().Text(d.Dimension.Name),
					app.Dd().Text(t.S("evidence."+d.Dimension.ID)),
				)
			}),
		),
	)
}

// levelScale lists every level with its range, the reached one marked.
func levelScale(t Texts, b *quiz.Bank, res quiz.Result) app.UI {
	return app.Ol().Class("scale").Aria("label", t.S("result.levels")).Body(
		app.Range(b.Levels).Slice(func(i int) app.UI {
			l := b.Levels[i]
			li := app.Li().Class("level-"+l.ID).Body(
				app.Span().Class("name").Text(l.Name),
				app.Span().Class("range").Text(t.S("result.range", "min", l.Min, "max", l.Max)),
			)
			if l.ID == res.Level.ID {
				li = li.Class("current").Aria("current", "step")
			}
			return li
		}),
	)
}

// scoreTable is the text alternative of the chart.
func scoreTable(t Texts, res quiz.Result) app.UI {
	return app.Details().Class("table").Body(
		app.Summary().Text(t.S("result.table")),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(t.S("result.dimension")),
				app.Th().Scope("col").Text(t.S("result.score")),
				app.Th().Scope("col").Text(t.S("result.level")),
			)),
			app.TBody().Body(
				app.Range(res.Dimensions).Slice(func(i int) app.UI {
					d := res.Dimensions[i]
					row := app.Tr().DataSet("dimension", d.Dimension.ID).DataSet("score", d.Score)
					if d.Uneven {
						row = row.DataSet("uneven", "1")
					}
					return row.Body(
						app.Th().Scope("row").Body(
							app.Text(d.Dimension.Name),
							app.If(d.Uneven, func() app.UI {
								return app.Small().Class("uneven-mark").Text(" · " + t.S("result.unevenMark"))
							}),
						),
						app.Td().Class("num").Text(t.Pct(d.Score)),
						app.Td().Text(d.Level.Name),
					)
				}),
			),
		),
	)
}

func nextSteps(t Texts, d quiz.DimensionScore) app.UI {
	steps := d.Steps()
	return app.Article().Class("steps").Body(
		app.H3().Text(d.Dimension.Name+" · "+t.Pct(d.Score)+" · "+d.Level.Name),
		app.P().Class("poles").Text(d.Dimension.Focused+" → "+d.Dimension.Centric),
		app.Ol().Body(
			app.Range(steps).Slice(func(i int) app.UI { return app.Li().Text(steps[i]) }),
		),
		app.H4().Text(t.S("result.looksLike")),
		app.P().Text(d.Dimension.LooksLike),
		app.P().Class("example").Body(
			app.Strong().Text(t.S("result.example")+" "),
			app.Text(d.Dimension.Example),
		),
	)
}

// keepAll stands in for the next steps when no dimension has one left
// (quiz.Result.StartingPoints is empty: every answer at the top). It says
// so plainly, points to the checks the page offers, and gives what to keep
// doing in each dimension.
func keepAll(t Texts, res quiz.Result, high *quiz.Level) app.UI {
	top := res.TopDimensions()
	return app.Section().ID("keep-all").Class("steps").Body(
		app.P().Text(t.S("result.keepAll", "level", high.Name)),
		app.Ul().Body(
			app.Range(top).Slice(func(i int) app.UI {
				d := top[i]
				return app.Li().DataSet("dimension", d.Dimension.ID).Body(
					app.Strong().Text(d.Dimension.Name+": "),
					app.Text(d.Keep()),
				)
			}),
		),
	)
}

// explainer contrasts two levels aspect by aspect, headed by the levels'
// own names so that it reads like the scale and the chart.
func explainer(b *quiz.Bank) app.UI {
	left, right := b.ExplainerColumns()
	return app.Table().Class("explainer").Body(
		app.THead().Body(app.Tr().Body(
			app.Td(),
			app.Th().Scope("col").Text(left.Name),
			app.Th().Scope("col").Text(right.Name),
		)),
		app.TBody().Body(
			app.Range(b.Explainer).Slice(func(i int) app.UI {
				c := b.Explainer[i]
				return app.Tr().Body(
					app.Th().Scope("row").Text(c.Aspect),
					// On a phone each cell stands alone, with its column's name.
					app.Td().Body(app.Span().Class("cell-label").Aria("hidden", "true").Text(left.Name), app.Text(c.Focused)),
					app.Td().Body(app.Span().Class("cell-label").Aria("hidden", "true").Text(right.Name), app.Text(c.Centric)),
				)
			}),
		),
	)
}

// renderActions offers the share link, print and retake. Copy and print
// are quiz.js's, shown only with JavaScript (scriptOnly). The share link
// is whole where the site's origin is known (always in the browser, on
// the server with -domain); the server's page without it shows the link
// field only to quiz.js, which completes the link, and without JavaScript
// the link itself to open and pass on.
func (p *page) renderActions(t Texts) app.UI {
	link := p.absolute(p.r.ShareURL())
	whole := strings.Contains(link, "://")
	// A shared result is someone else's: it holds their answers, and the
	// reader has not taken the check yet.
	label, share, retake := t.S("result.actions"), t.S("result.share"), t.S("result.retake")
	if p.r.Shared {
		label, share, retake = t.S("result.actionsShared"), t.S("result.shareShared"), t.S("result.takeIt")
	}
	field := app.Div().Class("share-field").Body(
		app.Label().For("share-link").Text(share),
		app.Div().Class("share-row").Body(
			app.Input().ID("share-link").Type("url").ReadOnly(true).Value(link).Attr("data-share", "1"),
			scriptOnly(app.Button().ID("copy").Class("button").Type("button").Attr("data-copy", "share-link").Attr("data-copied", t.S("result.copied")).Text(t.S("result.copy"))),
		),
	)
	if !whole {
		field = scriptOnly(field)
	}
	return app.Section().Class("actions").Aria("label", label).Body(
		app.If(!p.r.Prefs.NoShare, func() app.UI {
			return app.Div().Class("share").Body(
				field,
				app.If(!whole, func() app.UI {
					return app.NoScript().Body(app.P().ID("share-open").Body(
						app.Text(share+": "),
						app.A().Href(link).Text(t.S("result.shareOpen")),
					))
				}),
			)
		}),
		app.Div().Class("row").Body(
			app.Button().ID("webshare").Class("button").Type("button").Hidden(true).Attr("data-webshare", "1").Text(t.S("result.webshare")),
			scriptOnly(app.Button().ID("print").Class("button").Type("button").Attr("data-print", "1").Text(t.S("result.print"))),
			app.A().ID("compare").Class("button").Href(route.CompareURL(p.r.Prefs, p.r.Code())).Text(t.S("result.compare")),
			app.If(p.teamsOn() && p.r.Prefs.Team == "", func() app.UI {
				return app.A().ID("team-new").Class("button").Href(route.TeamNewURL(p.r.Prefs)).Text(t.S("team.new.link"))
			}),
			app.A().ID("retake").Class("button").Href(p.r.FirstQuestionURL()).Attr("data-forget", "1").Text(retake),
		),
		kept(t, p.r.IntroURL()),
		p.printedLink(t, link, whole),
	)
}

// printedLink is the printed report's footer: the result's link, and the
// day it was printed, which quiz.js writes in. A link that is not whole
// (the server's page without -domain) is printed only as quiz.js
// completes it.
func (p *page) printedLink(t Texts, link string, whole bool) app.UI {
	footer := app.P().Class("print-only").Body(
		app.Text(t.S("result.printedLink")+" "),
		app.Span().Class("print-link").Text(link),
		scriptOnly(app.Span().Class("print-when").Body(
			app.Text(" · "),
			app.Span().ID("print-date"),
		)),
	)
	if !whole {
		footer = scriptOnly(footer)
	}
	return footer
}

// renderUnfinished is the result screen of a link whose quiz is not done.
func (p *page) renderUnfinished(t Texts) app.UI {
	n := len(p.bank().Questions())
	return app.Section().Class("problem").Body(
		heading(t.S("unfinished.title")),
		app.P().Text(t.S("unfinished.text", "n", p.r.Answers.Answered(), "total", n)),
		app.If(p.r.Older(), func() app.UI { return p.olderNote(t) }),
		app.A().ID("continue").Class("button primary").Href(p.r.StartURL()).Text(t.S("unfinished.continue")),
	)
}
