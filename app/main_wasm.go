//go:build wasm

package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"cxquiz/app/screens"
	"cxquiz/quiz"
)

func main() {
	b, err := quiz.Load()
	if err != nil {
		app.Log(err)
		return
	}
	screens.Register(b)
	app.RunWhenOnBrowser()
}
