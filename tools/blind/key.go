package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"

	"cxquiz/quiz"
)

// A Key maps a packet's letters back to the bank: for each Qn the question
// and the option behind each letter. It holds no levels: a sheet is scored
// with the levels of the bank version it names, as the quiz scores it.
type Key struct {
	Version   int           `json:"version"`
	Lang      string        `json:"lang"`
	Seed      uint64        `json:"seed"`
	Questions []KeyQuestion `json:"questions"` // Questions[0] is Q1
}

// A KeyQuestion is one question of a packet.
type KeyQuestion struct {
	Q        string            `json:"q"`        // "Q1", as in the packet
	Question string            `json:"question"` // the question id
	Options  map[string]string `json:"options"`  // option id by letter
}

// ReadKey reads a key written by the packet command.
func ReadKey(name string) (*Key, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var k Key
	if err := json.Unmarshal(data, &k); err != nil {
		return nil, fmt.Errorf("key %s: %w", name, err)
	}
	return &k, nil
}

// JSON returns the key as indented JSON, letters in order.
func (k *Key) JSON() ([]byte, error) {
	data, err := json.MarshalIndent(k, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Bank returns the bank version the key was made for, after checking that
// the key fits it: every question once, each with every one of its options
// behind the letters A, B, … in turn.
func (k *Key) Bank(banks *quiz.Banks) (*quiz.Bank, error) {
	b := banks.Version(k.Version)
	if b == nil {
		return nil, fmt.Errorf("the key is for bank version %d, which the quiz package does not hold", k.Version)
	}
	if len(k.Questions) != len(b.Questions()) {
		return nil, fmt.Errorf("the key has %d questions, bank version %d has %d", len(k.Questions), k.Version, len(b.Questions()))
	}
	seen := map[string]string{}
	for i, kq := range k.Questions {
		if want := fmt.Sprintf("Q%d", i+1); kq.Q != want {
			return nil, fmt.Errorf("the key's question %d is %q, want %q", i+1, kq.Q, want)
		}
		q := question(b, kq.Question)
		if q == nil {
			return nil, fmt.Errorf("%s: bank version %d has no question %q", kq.Q, k.Version, kq.Question)
		}
		if prev, ok := seen[kq.Question]; ok {
			return nil, fmt.Errorf("%s: question %q is also %s", kq.Q, kq.Question, prev)
		}
		seen[kq.Question] = kq.Q
		letters := make([]string, 0, len(kq.Options))
		for l := range kq.Options {
			letters = append(letters, l)
		}
		sort.Strings(letters)
		var want, got []string
		for j, o := range q.Options {
			want = append(want, Letter(j))
			got = append(got, o.ID)
		}
		if !slices.Equal(letters, want) {
			return nil, fmt.Errorf("%s: letters %v, want %v", kq.Q, letters, want)
		}
		ids := make([]string, 0, len(kq.Options))
		for _, id := range kq.Options {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		sort.Strings(got)
		if !slices.Equal(ids, got) {
			return nil, fmt.Errorf("%s: options %v, but question %q has %v", kq.Q, ids, kq.Question, got)
		}
	}
	return b, nil
}

// option returns the question and the index in the bank of the option
// behind letter l of packet question n (1-based). The key must have passed
// [Key.Bank].
func (k *Key) option(b *quiz.Bank, n int, l string) (*quiz.Question, int) {
	kq := k.Questions[n-1]
	q := question(b, kq.Question)
	id := kq.Options[l]
	return q, slices.IndexFunc(q.Options, func(o quiz.Option) bool { return o.ID == id })
}

// question returns the question of b with the given id, or nil.
func question(b *quiz.Bank, id string) *quiz.Question {
	for _, q := range b.Questions() {
		if q.ID == id {
			return q
		}
	}
	return nil
}
