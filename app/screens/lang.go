package screens

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// The language a page is shown in is part of its URL (?lang=, read by
// route.Parse into Prefs.Lang), and the wasm reads it there like all the
// rest of the state. A URL that names no language is shown in the one the
// server chose from the browser's Accept-Language (server.routePage, with
// route.Route.WithLang), which the wasm cannot see. That choice reaches
// the wasm here, and only here: the server renders the page as if its URL
// had named the language, so the page's <html lang> says which; servedLang
// reads it once, at start-up (Register), before the wasm has rendered or
// changed anything, and every page then resolves a URL without ?lang= with
// it (route.Route.WithLang), as the server did. So the wasm's first screen
// is in the language of the prerendered one, with the same links. Nothing
// else reads the language from the page.

// servedLang is the language of the page the server sent: in the browser,
// its <html lang> as it arrived; "" on the server, whose URLs already name
// the language it chose.
func servedLang() string {
	if !app.IsClient {
		return ""
	}
	l := app.Window().Get("document").Get("documentElement").Get("lang")
	if !l.Truthy() {
		return ""
	}
	return l.String()
}
