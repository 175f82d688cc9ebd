package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"cxquiz/quiz"
)

// scoreCmd scores answer sheets with a packet's key.
func scoreCmd(args []string, stdout, stderr io.Writer) error {
	f := flag.NewFlagSet("score", flag.ContinueOnError)
	f.SetOutput(stderr)
	keyName := f.String("key", "", "the packet's `key.json`")
	if err := f.Parse(args); err != nil {
		return err
	}
	switch {
	case *keyName == "":
		return errors.New("score: -key is required")
	case f.NArg() == 0:
		return errors.New("score: no answer sheet given")
	}
	k, err := ReadKey(*keyName)
	if err != nil {
		return fmt.Errorf("score: %w", err)
	}
	banks, err := quiz.LoadAll()
	if err != nil {
		return err
	}
	b, err := k.Bank(banks)
	if err != nil {
		return fmt.Errorf("score: key %s: %w", *keyName, err)
	}
	failed := 0
	for i, name := range f.Args() {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := scoreSheet(stdout, name, b, k); err != nil {
			fmt.Fprintf(stderr, "blind: score: %s: %v\n", name, err)
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("score: %d of %d sheets not scored", failed, f.NArg())
	}
	return nil
}

// scoreSheet scores every section of one sheet, or none if one of them
// does not answer the packet.
func scoreSheet(w io.Writer, name string, b *quiz.Bank, k *Key) error {
	file, err := os.Open(name)
	if err != nil {
		return err
	}
	defer file.Close()
	secs, err := ReadSheet(file)
	if err != nil {
		return err
	}
	letters := len(k.Questions[0].Options)
	for _, s := range secs {
		if err := s.Check(len(k.Questions), letters); err != nil {
			return err
		}
	}
	for i, s := range secs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		title := name
		if s.Name != "" {
			title += ", " + s.Name
		}
		if s.Answers[1].Ranking() {
			WriteRanking(w, title, b, ScoreRanking(b, k, s))
			continue
		}
		p, err := ScorePicks(b, k, s)
		if err != nil {
			return err
		}
		WritePicks(w, title, b, k.Lang, p)
	}
	return nil
}
