//go:build wasm

package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/quiz"
)

func main() {
	var err error
	if bank, err = quiz.Load(); err != nil {
		app.Log(err)
		return
	}
	registerRoutes()
	app.RunWhenOnBrowser()
}
