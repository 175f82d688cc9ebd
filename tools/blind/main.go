// Command blind makes the packets of a blind reading of the question bank
// and scores the readers' answer sheets with the quiz package's own
// scoring.
//
// A blind reader gets a packet: the bank's questions in a shuffled order,
// each with its options shuffled and lettered A–D, and nothing else (no
// ids, no dimensions, no levels). The reader ranks each question's options,
// picks the one it thinks scores highest, or answers in character for
// personas (the prompts are in tools/blind/prompts). The packet's key maps
// the letters back to option ids; the levels come from the bank when a
// sheet is scored, so a reading is scored exactly as the quiz scores a
// respondent. docs/question-bank.md says how a reading is run.
//
// Usage:
//
//	go run ./tools/blind packet -version 5 -lang en -seed N -out DIR
//	go run ./tools/blind score -key DIR/key.json SHEET...
//
// packet writes DIR/packet.txt, for the reader, and DIR/key.json, for
// scoring; a seed makes the same packet every time. score reads answer
// sheets: picks ("Q1: C", one line per question), several sections of
// picks each under a heading ("## P1"), or rankings from least to most
// customer-centric ("Q1: B < D < A < C"). Other lines and sections without
// answers ("## Cues", "## Notes") are ignored. For picks it prints the
// score, the level, the answers per level, whether nearly all are at the
// top and the result page's address; for rankings how often the top pick
// and the whole order were right, and for which questions.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "blind:", err)
		}
		os.Exit(1)
	}
}

const usage = `usage:
  blind packet -version 5 -lang en -seed N -out DIR
  blind score -key DIR/key.json SHEET...
`

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	switch args[0] {
	case "packet":
		return packetCmd(args[1:], stdout, stderr)
	case "score":
		return scoreCmd(args[1:], stdout, stderr)
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
}
