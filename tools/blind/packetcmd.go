package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"cxquiz/quiz"
)

// packetCmd writes a packet and its key into a directory.
func packetCmd(args []string, stdout, stderr io.Writer) error {
	f := flag.NewFlagSet("packet", flag.ContinueOnError)
	f.SetOutput(stderr)
	version := f.Int("version", 0, "the bank `version` (default the latest)")
	lang := f.String("lang", quiz.DefaultLang, "the `language` of the texts: en or de")
	seed := f.Uint64("seed", 0, "the shuffle's `seed`; note it with the reading")
	out := f.String("out", "", "the `directory` to write packet.txt and key.json to, outside the repository")
	if err := f.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	switch {
	case !set["seed"]:
		return errors.New("packet: -seed is required (note it with the reading, so the packet can be made again)")
	case *out == "":
		return errors.New("packet: -out is required")
	case f.NArg() > 0:
		return fmt.Errorf("packet: unexpected argument %q", f.Arg(0))
	}
	banks, err := quiz.LoadAll()
	if err != nil {
		return err
	}
	b := banks.Latest()
	if *version != 0 {
		if b = banks.Version(*version); b == nil {
			return fmt.Errorf("packet: the quiz package holds no bank version %d", *version)
		}
	}
	p, err := NewPacket(b, *lang, *seed)
	if err != nil {
		return fmt.Errorf("packet: %w", err)
	}
	var text bytes.Buffer
	if err := p.WriteText(&text); err != nil {
		return fmt.Errorf("packet: %w", err)
	}
	key, err := p.Key().JSON()
	if err != nil {
		return fmt.Errorf("packet: encoding the key: %w", err)
	}
	files := []struct {
		name string
		data []byte
	}{
		{filepath.Join(*out, "packet.txt"), text.Bytes()},
		{filepath.Join(*out, "key.json"), key},
	}
	// A sheet is scored with the key of its packet: never replace a
	// packet or key with a different one.
	for _, file := range files {
		old, err := os.ReadFile(file.name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return fmt.Errorf("packet: %w", err)
		case !bytes.Equal(old, file.data):
			return fmt.Errorf("packet: %s holds another packet's file; choose another directory", file.name)
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("packet: %w", err)
	}
	for _, file := range files {
		if err := os.WriteFile(file.name, file.data, 0o644); err != nil {
			return fmt.Errorf("packet: %w", err)
		}
	}
	fmt.Fprintf(stdout, "wrote %s (bank version %d, %s, seed %d, %d questions) and %s\n",
		files[0].name, p.Bank.Version, p.Bank.Lang(), p.Seed, len(p.Items), files[1].name)
	return nil
}
