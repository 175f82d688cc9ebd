package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// registerRoutes sends every path to the page component, which works out
// from the URL what to show, including "not found".
func registerRoutes() {
	app.RouteWithRegexp("^/.*$", newPage)
}
