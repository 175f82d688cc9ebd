package main

import (
	"fmt"
	"strings"
	"testing"

	"cxquiz/quiz"
)

// bank returns the published bank of version v.
func bank(t *testing.T, v int) *quiz.Bank {
	t.Helper()
	banks, err := quiz.LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	b := banks.Version(v)
	if b == nil {
		t.Fatalf("no bank version %d", v)
	}
	return b
}

// packet returns a packet of bank b in lang with seed, and its key checked
// against the bank.
func packet(t *testing.T, b *quiz.Bank, lang string, seed uint64) (*Packet, *Key) {
	t.Helper()
	p, err := NewPacket(b, lang, seed)
	if err != nil {
		t.Fatal(err)
	}
	banks, err := quiz.LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	k := p.Key()
	if _, err := k.Bank(banks); err != nil {
		t.Fatalf("the packet's own key: %v", err)
	}
	return p, k
}

// letterOf returns the letter behind option index i of bank question q in
// the key's packet, and the packet number of q.
func letterOf(t *testing.T, k *Key, q *quiz.Question, i int) (int, string) {
	t.Helper()
	for n, kq := range k.Questions {
		if kq.Question != q.ID {
			continue
		}
		for l, id := range kq.Options {
			if id == q.Options[i].ID {
				return n + 1, l
			}
		}
	}
	t.Fatalf("option %q is not in the key", q.Options[i].ID)
	return 0, ""
}

// pickLines returns the lines of a sheet that picks answers a of bank b in
// the key's packet, in packet order, as a reader writes them.
func pickLines(t *testing.T, b *quiz.Bank, k *Key, a quiz.Answers) string {
	t.Helper()
	lines := make([]string, len(a))
	for i, q := range b.Questions() {
		n, l := letterOf(t, k, q, a[i])
		lines[n-1] = fmt.Sprintf("Q%d: %s", n, l)
	}
	return strings.Join(lines, "\n") + "\n"
}

// sections reads a sheet and checks it against a packet of the key's size.
func sections(t *testing.T, k *Key, sheet string) []Section {
	t.Helper()
	secs, err := ReadSheet(strings.NewReader(sheet))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secs {
		if err := s.Check(len(k.Questions), len(k.Questions[0].Options)); err != nil {
			t.Fatal(err)
		}
	}
	return secs
}
