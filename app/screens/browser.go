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

// OriginParam on the URL the server prerenders is the site's public
// origin, https:// and the -domain the operator set, so that the links a
// page gives to pass on are whole without JavaScript. Without it the
// server writes them as paths, which quiz.js completes in the browser:
// the request's Host is the client's to choose, and the page is cached
// for every client. The browser never sees the parameter.
const OriginParam = "_origin"

// siteOrigin is the origin of the links a page gives to pass on: the
// server's -domain on the server ("" for none), the page's own in the
// browser.
func siteOrigin(ctx app.Context) string {
	if app.IsClient {
		return app.Window().Get("location").Get("origin").String()
	}
	return ctx.Page().URL().Query().Get(OriginParam)
}

// absolute is path as a link to pass on: with the site's origin where it
// is known, else the path (see OriginParam).
func (p *page) absolute(path string) string {
	if app.IsClient {
		// Also before the first OnNav, which sets p.origin.
		return app.Window().Get("location").Get("origin").String() + path
	}
	return p.origin + path
}

// scriptOnly marks e as working only with JavaScript (a button quiz.js
// handles, a sentence about what quiz.js keeps): the server sends it
// hidden with data-js, and quiz.js shows it; the wasm, which is
// JavaScript, draws it shown. Without JavaScript it is not there.
func scriptOnly[T interface {
	Hidden(bool) T
	Attr(string, any) T
}](e T) T {
	if app.IsClient {
		return e
	}
	return e.Hidden(true).Attr("data-js", "1")
}
