package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each prompt names its files by placeholder, keeps the reader to them, and
// shows the sheet in a form the score command reads.
func TestPrompts(t *testing.T) {
	for _, tc := range []struct {
		file    string
		ranking bool
		section string
		files   []string
	}{
		{"rank.txt", true, "", []string{"{packet}", "{sheet}"}},
		{"rank-plain.txt", true, "", []string{"{packet}", "{sheet}"}},
		{"game.txt", false, "", []string{"{packet}", "{sheet}"}},
		{"persona.txt", false, "P1", []string{"{packet}", "{sheet}", "{personas}"}},
	} {
		data, err := os.ReadFile(filepath.Join("prompts", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		for _, f := range tc.files {
			if !strings.Contains(text, f) {
				t.Errorf("%s does not name %s", tc.file, f)
			}
		}
		if !strings.Contains(text, "Do not open, list, search or change") {
			t.Errorf("%s does not keep the reader to its files", tc.file)
		}
		secs, err := ReadSheet(strings.NewReader(text))
		if err != nil {
			t.Fatalf("%s: its example sheet: %v", tc.file, err)
		}
		if s := secs[0]; s.Name != tc.section || s.Answers[1].Ranking() != tc.ranking {
			t.Errorf("%s: its example reads as section %q, ranking %v; want %q, %v", tc.file, s.Name, s.Answers[1].Ranking(), tc.section, tc.ranking)
		}
	}
}
