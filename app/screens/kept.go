package screens

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// kept says what this browser keeps of the answers and for how long. With
// JavaScript, quiz.js shows that and the button that forgets it (and, given
// leaveTo, then leaves the screen for leaveTo, the intro); without, the
// page says how to clear the browser's history by hand, all a page
// without scripts could have left behind.
func kept(t Texts, leaveTo string) app.UI {
	forget := app.Button().ID("forget").Class("button").Type("button").Hidden(true).
		Attr("data-forget-all", "1").Text(t.S("kept.forget"))
	if leaveTo != "" {
		forget = forget.Attr("data-forget-to", leaveTo)
	}
	return app.Div().ID("kept").Class("kept").Body(
		// quiz.js keeps the resume entry: without it nothing is kept.
		scriptOnly(app.P().Text(t.S("kept.text"))),
		app.P().Text(t.S("kept.history")),
		forget,
		// quiz.js puts data-done here once forgotten.
		app.P().ID("forget-done").Class("done").Role("status").TabIndex(-1).Attr("data-done", t.S("kept.done")),
	)
}
