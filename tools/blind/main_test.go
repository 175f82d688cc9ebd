package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A reading end to end: make a packet, score a gaming reader's sheet and
// a broken one.
func TestPacketThenScore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reading")
	var out, errs bytes.Buffer
	if err := run([]string{"packet", "-version", "2", "-lang", "de", "-seed", "4", "-out", dir}, &out, &errs); err != nil {
		t.Fatalf("packet: %v\n%s", err, errs.String())
	}
	text, err := os.ReadFile(filepath.Join(dir, "packet.txt"))
	if err != nil {
		t.Fatal(err)
	}
	b := bank(t, 2)
	p, k := packet(t, b, "de", 4)
	if want := strings.TrimSpace(p.Items[0].Question.Text); !strings.HasPrefix(string(text), "Q1. "+want+"\n") {
		t.Errorf("packet.txt starts %.80q, want Q1. %.60q", text, want)
	}

	// The same seed again is harmless; another seed would orphan the
	// sheets made with the first key.
	if err := run([]string{"packet", "-version", "2", "-lang", "de", "-seed", "4", "-out", dir}, &out, &errs); err != nil {
		t.Errorf("the same packet again: %v", err)
	}
	if err := run([]string{"packet", "-version", "2", "-lang", "de", "-seed", "5", "-out", dir}, &out, &errs); err == nil || !strings.Contains(err.Error(), "another packet") {
		t.Errorf("another seed into the same directory: error %v, want one about another packet", err)
	}

	// A gamer who found every top option.
	top := b.NewAnswers()
	for i, q := range b.Questions() {
		for j, o := range q.Options {
			if o.Level == "centric" {
				top[i] = j
			}
		}
	}
	good := filepath.Join(dir, "sheet-game.txt")
	broken := filepath.Join(dir, "sheet-broken.txt")
	write(t, good, pickLines(t, b, k, top)+"\n## Cues\nThe boldest one.\n")
	write(t, broken, "Q1: A\n")
	out.Reset()
	errs.Reset()
	err = run([]string{"score", "-key", filepath.Join(dir, "key.json"), broken, good}, &out, &errs)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 sheets not scored") {
		t.Errorf("score: error %v, want 1 of 2 sheets not scored", err)
	}
	if !strings.Contains(errs.String(), "sheet-broken.txt: answers: no answer to Q2, Q3") {
		t.Errorf("stderr %q does not say what the broken sheet misses", errs.String())
	}
	for _, want := range []string{
		"sheet-game.txt: picks\n",
		"score           100 % Customer-centric\n",
		"Service-focused 0, Customer-focused 0, Customer-aligned 0, Customer-centric 24 (of 24)",
		"nearly all top  yes (24 of 24 at the top level)",
		"result          /result?a=" + b.Encode(top) + "&lang=de\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	// A ranking reader who got it all right.
	rank := filepath.Join(dir, "sheet-rank.txt")
	write(t, rank, ranking(t, b, k, byLevel(b)))
	out.Reset()
	if err := run([]string{"score", "-key", filepath.Join(dir, "key.json"), rank}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"top pick right     24/24 (100 %)", "whole order right  24/24 (100 %)", "missed: none"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no command"},
		{[]string{"shuffle"}, `unknown command "shuffle"`},
		{[]string{"packet", "-out", dir}, "-seed is required"},
		{[]string{"packet", "-seed", "1"}, "-out is required"},
		{[]string{"packet", "-version", "9", "-seed", "1", "-out", dir}, "no bank version 9"},
		{[]string{"packet", "-lang", "fr", "-seed", "1", "-out", dir}, `no language "fr"`},
		{[]string{"score", "sheet.txt"}, "-key is required"},
		{[]string{"score", "-key", "key.json"}, "no answer sheet"},
		{[]string{"score", "-key", filepath.Join(dir, "none.json"), "sheet.txt"}, "none.json"},
	} {
		var out, errs bytes.Buffer
		if err := run(tc.args, &out, &errs); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one saying %q", tc.args, err, tc.want)
		}
	}
}

// A key that does not fit its bank is refused before any sheet is read.
func TestKeyMustFitTheBank(t *testing.T) {
	b := bank(t, 2)
	for _, tc := range []struct {
		name   string
		change func(k *Key)
		want   string
	}{
		{"unknown version", func(k *Key) { k.Version = 9 }, "bank version 9"},
		{"a question missing", func(k *Key) { k.Questions = k.Questions[1:] }, "23 questions"},
		{"a question twice", func(k *Key) { k.Questions[1].Question = k.Questions[0].Question }, "is also Q1"},
		{"an option of another question", func(k *Key) { k.Questions[0].Options["A"] = k.Questions[1].Options["A"] }, "Q1: options"},
		{"a letter missing", func(k *Key) { delete(k.Questions[2].Options, "D") }, "Q3: letters [A B C]"},
	} {
		_, k := packet(t, b, "en", 1)
		tc.change(k)
		dir := t.TempDir()
		data, err := k.JSON()
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "key.json"), string(data))
		write(t, filepath.Join(dir, "sheet.txt"), picks(24, "A"))
		var out, errs bytes.Buffer
		err = run([]string{"score", "-key", filepath.Join(dir, "key.json"), filepath.Join(dir, "sheet.txt")}, &out, &errs)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
