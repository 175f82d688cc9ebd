package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"cxquiz/quiz"
)

// The committed quiz/published_gen.go is what bankgen makes of the JSON
// files now.
func TestGeneratedFileIsCurrent(t *testing.T) {
	banks, err := quiz.ParsePublished()
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(banks)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "quiz", "published_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("quiz/published_gen.go is stale: run go generate ./quiz (or make)")
	}
}

// run writes the file, the same every time.
func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gen.go")
	if err := run(out); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := run(out); err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(out); !bytes.Equal(first, second) || len(first) == 0 {
		t.Error("two runs wrote different files")
	}
}
