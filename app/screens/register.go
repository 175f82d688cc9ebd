package screens

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/quiz"
)

// Register sends every path to the page component, built with every bank
// version (new quizzes use the latest, a code its own version), which
// works out from the URL what to show, including "not found". go-app keeps
// its routes for the whole process (the server's prerender and the wasm
// use the same table), so a program registers once, at start-up.
//
// In the browser it reads, before anything renders, the language the
// server chose for a URL without ?lang= (lang.go), and returns the
// take-over of the server's page by the first page the route makes (its
// Stage, then app.RunWhenOnBrowser); the server has no use for it.
func Register(banks *quiz.Banks) *TakeOver {
	return register(banks, servedLang(), nil)
}

// register sends every path to a page shown in served where the URL names
// no language; mounted, if set, is called once the first page is in
// place (TakeOver.mounted).
func register(banks *quiz.Banks, served string, mounted func()) *TakeOver {
	t := &TakeOver{banks: banks, mounted: mounted}
	app.RouteWithRegexp(everyPath, func() app.Composer { return newPage(banks, served, t) })
	return t
}

// everyPath is the route of every path.
const everyPath = "^/.*$"
