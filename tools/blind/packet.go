package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"

	"cxquiz/quiz"
)

// A Packet is what a blind reader sees: every question of a bank in a
// shuffled order, each with its options shuffled, in one language.
type Packet struct {
	Bank  *quiz.Bank // in the packet's language
	Seed  uint64
	Items []Item // in packet order: Items[0] is Q1
}

// An Item is one question of a packet with its options in the order shown:
// Options[0] is lettered A.
type Item struct {
	Question *quiz.Question
	Options  []quiz.Option
}

// NewPacket shuffles the questions of b and the options of each question
// with a generator seeded by seed, and gives them the texts of language
// lang, which b must have. The order depends on the seed and the bank's
// structure only, so packets of one seed in two languages share a key
// apart from the language.
func NewPacket(b *quiz.Bank, lang string, seed uint64) (*Packet, error) {
	if !slices.Contains(b.Languages(), lang) {
		return nil, fmt.Errorf("bank version %d has no language %q (it has %v)", b.Version, lang, b.Languages())
	}
	b = b.In(lang)
	r := rand.New(rand.NewPCG(seed, seed))
	qs := b.Questions()
	order := make([]int, len(qs))
	for i := range order {
		order[i] = i
	}
	shuffle(r, order)
	p := &Packet{Bank: b, Seed: seed, Items: make([]Item, len(qs))}
	for i, n := range order {
		q := qs[n]
		opts := slices.Clone(q.Options)
		shuffle(r, opts)
		p.Items[i] = Item{Question: q, Options: opts}
	}
	return p, nil
}

// shuffle shuffles s (Fisher–Yates) with r.IntN, whose values Go's own
// tests keep the same from one release to the next (those of Rand.Shuffle
// are not checked), so that a seed noted with a reading makes the same
// packet again.
func shuffle[T any](r *rand.Rand, s []T) {
	for i := len(s) - 1; i > 0; i-- {
		j := r.IntN(i + 1)
		s[i], s[j] = s[j], s[i]
	}
}

// Letter returns the letter of the i-th option shown (0-based): A, B, …
func Letter(i int) string { return string(rune('A' + i)) }

// WriteText writes the packet as the reader gets it: "Q1. " and the
// question, then each option as "  A) " and its text, a blank line between
// questions. Nothing else is written: no id, dimension or level.
func (p *Packet) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for i, it := range p.Items {
		if i > 0 {
			bw.WriteString("\n")
		}
		fmt.Fprintf(bw, "Q%d. %s\n", i+1, it.Question.Text)
		for j, o := range it.Options {
			fmt.Fprintf(bw, "  %s) %s\n", Letter(j), o.Text)
		}
	}
	return bw.Flush()
}

// Key returns the packet's answer key: for each Qn the question id and the
// option id behind each letter.
func (p *Packet) Key() *Key {
	k := &Key{Version: p.Bank.Version, Lang: p.Bank.Lang(), Seed: p.Seed}
	for i, it := range p.Items {
		kq := KeyQuestion{Q: fmt.Sprintf("Q%d", i+1), Question: it.Question.ID, Options: map[string]string{}}
		for j, o := range it.Options {
			kq.Options[Letter(j)] = o.ID
		}
		k.Questions = append(k.Questions, kq)
	}
	return k
}
