package main

import (
	"fmt"
	"os"
	"testing"

	"cxquiz/quiz"
)

func TestMain(m *testing.M) {
	var err error
	if bank, err = quiz.Load(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	registerRoutes()
	os.Exit(m.Run())
}
