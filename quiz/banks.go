package quiz

import (
	"fmt"
	"strings"
)

// Banks holds every published version of the question bank. New quizzes
// use [Banks.Latest]; a result code is decoded, and so scored, with the
// version it was made with ([Banks.Decode]). Banks is read-only and safe
// for concurrent use.
type Banks struct {
	all []*Bank // by version, oldest first
}

// LoadAll returns every published bank version with its translations.
//
// It reads them from Go data that tools/bankgen makes from the JSON files
// at build time (published_gen.go), already validated, so a program, and
// above all the WebAssembly client on a slow phone, starts without
// decoding JSON. [ParsePublished] reads the JSON files themselves; a test
// keeps the two the same.
func LoadAll() (*Banks, error) {
	banks := make([]*Bank, 0, len(dataVersions))
	for _, p := range dataVersions {
		b, err := p.load()
		if err != nil {
			return nil, err
		}
		banks = append(banks, b)
	}
	return NewBanks(banks...)
}

// ParsePublished parses and validates every bank version embedded in the
// program as JSON, with their translations: the source of the data
// [LoadAll] returns.
func ParsePublished() (*Banks, error) {
	files, err := published()
	if err != nil {
		return nil, fmt.Errorf("quiz: listing bank versions: %w", err)
	}
	banks := make([]*Bank, 0, len(files))
	for _, f := range files {
		b, err := loadFS(f)
		if err != nil {
			return nil, err
		}
		banks = append(banks, b)
	}
	return NewBanks(banks...)
}

// NewBanks gathers parsed banks, for example from [Parse] in a test. The
// versions must differ.
func NewBanks(banks ...*Bank) (*Banks, error) {
	if len(banks) == 0 {
		return nil, fmt.Errorf("quiz: no banks")
	}
	all := append([]*Bank(nil), banks...)
	sortStable(all, func(x, y *Bank) bool { return x.Version < y.Version })
	for i := 1; i < len(all); i++ {
		if all[i].Version == all[i-1].Version {
			return nil, fmt.Errorf("quiz: two banks of version %d", all[i].Version)
		}
	}
	return &Banks{all: all}, nil
}

// Latest returns the newest version, the one new quizzes use.
func (s *Banks) Latest() *Bank { return s.all[len(s.all)-1] }

// Version returns the bank of the given version, or nil.
func (s *Banks) Version(v int) *Bank {
	for _, b := range s.all {
		if b.Version == v {
			return b
		}
	}
	return nil
}

// All returns every version, oldest first.
func (s *Banks) All() []*Bank { return append([]*Bank(nil), s.all...) }

// Decode decodes a result code with the bank version it was made with and
// returns that bank with the answers. The empty code is the latest bank
// with nothing answered. A code that is not a result code gives an error
// wrapping [ErrMalformed]; a code of a version this program does not hold
// but could meet (a withdrawn one, or the next, from a newer release
// behind the same load balancer) one wrapping [ErrOutdated].
func (s *Banks) Decode(code string) (*Bank, Answers, error) {
	if code == "" {
		return s.Latest(), s.Latest().NewAnswers(), nil
	}
	v, err := CodeVersion(code)
	if err != nil {
		return nil, nil, err
	}
	b := s.Version(v)
	switch {
	case b == nil && v <= s.Latest().Version+1:
		// A withdrawn version, or the next one, met during a rolling
		// deploy: a real code this program cannot read.
		return nil, nil, fmt.Errorf("%w (version %d; this program holds versions %s)", ErrOutdated, v, s.versions())
	case b == nil:
		return nil, nil, fmt.Errorf("%w: unknown version %d", ErrMalformed, v)
	}
	a, err := b.Decode(code)
	if err != nil {
		return nil, nil, err
	}
	return b, a, nil
}

func (s *Banks) versions() string {
	v := make([]string, len(s.all))
	for i, b := range s.all {
		v[i] = fmt.Sprint(b.Version)
	}
	return strings.Join(v, ", ")
}

// CodeVersion returns the bank version a non-empty result code was made
// with, read from its first character, without checking the rest.
func CodeVersion(code string) (int, error) {
	if code == "" {
		return 0, fmt.Errorf("%w: empty code", ErrMalformed)
	}
	v := strings.IndexByte(codeAlphabet, code[0])
	if v < 1 {
		return 0, fmt.Errorf("%w: unexpected character at position 1", ErrMalformed)
	}
	return v, nil
}

// SharedDimensions returns the ids of the dimensions that b and other both
// measure, in b's order: the ones whose scores can be compared between
// results of the two versions.
func (b *Bank) SharedDimensions(other *Bank) []string {
	var ids []string
	for _, d := range b.Dimensions {
		if other.Dimension(d.ID) != nil {
			ids = append(ids, d.ID)
		}
	}
	return ids
}
