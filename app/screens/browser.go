package screens

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/quiz"
)

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

// syncChoice sets the checked state of the option radios to the option
// chosen, or none.
func syncChoice(picked int) {
	for i := 0; i < quiz.OptionsPerQuestion; i++ {
		if e := app.Window().GetElementByID("opt-" + strconv.Itoa(i+1)); e.Truthy() {
			e.Set("checked", i == picked)
		}
	}
}

// restorePrerendered asks quiz.js to put back what the person did on the
// prerendered page before the wasm replaced it: focus and an unsent choice.
// It removes go-app's loading note (app.js leaves that to the wasm, whose
// start-up goes on after go.run returns) and marks the take-over done for
// make bench. In the worker's rehearsal it calls t.mounted instead.
func (t *TakeOver) restorePrerendered() {
	if f := t.mounted; f != nil {
		t.mounted = nil
		f()
		return
	}
	w := app.Window()
	if l := w.GetElementByID("app-wasm-loader"); l.Truthy() {
		l.Call("remove")
	}
	w.Get("performance").Call("mark", "cxquiz:mounted")
	if f := app.Window().Get("cxquizRestore"); f.Truthy() {
		app.Window().Call("cxquizRestore")
	}
}

// absoluteURL prefixes a path with the page's origin in the browser; the
// server leaves it as it is (quiz.js completes it there).
func absoluteURL(path string) string {
	if !app.IsClient {
		return path
	}
	return app.Window().Get("location").Get("origin").String() + path
}
