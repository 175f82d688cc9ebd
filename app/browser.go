package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/quiz"
)

// documentLang returns the language the server rendered the page in (it
// may have chosen it from Accept-Language), so the client renders the same.
func documentLang() string {
	if !app.IsClient {
		return quiz.DefaultLang
	}
	l := app.Window().Get("document").Get("documentElement").Get("lang")
	if l.Truthy() && hasLang(bank, l.String()) {
		return l.String()
	}
	return quiz.DefaultLang
}

// focusHeading moves focus to the screen's heading, as a page load would
// for a screen reader.
func focusHeading() {
	if h := app.Window().GetElementByID("screen-heading"); h.Truthy() {
		h.Call("focus")
	}
}

// focusElement focuses the element with the given id, if any.
func focusElement(id string) {
	if e := app.Window().GetElementByID(id); e.Truthy() {
		e.Call("focus")
	}
}
