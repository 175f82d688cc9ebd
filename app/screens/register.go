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
// server chose for a URL without ?lang= (lang.go).
func Register(banks *quiz.Banks) {
	served := servedLang()
	app.RouteWithRegexp(everyPath, func() app.Composer { return newPage(banks, served) })
}

// everyPath is the route of every path.
const everyPath = "^/.*$"
