package quiz

import (
	"errors"
	"testing"
)

// FuzzDecode checks that decoding never panics, that every error is one of
// the documented kinds, and that whatever decodes re-encodes to itself.
func FuzzDecode(f *testing.F) {
	b, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"", "B", "BAAAAAAAAAAAAAA", "B___________________", "A", "%%", "Bé"} {
		f.Add(seed)
	}
	full := b.NewAnswers()
	for i := range full {
		full[i] = i % 4
	}
	f.Add(b.Encode(full))
	f.Add(b.Encode(b.NewAnswers().With(3, 2)))
	f.Fuzz(func(t *testing.T, code string) {
		a, err := b.Decode(code)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrOutdated) {
				t.Fatalf("Decode(%q): undocumented error %v", code, err)
			}
			return
		}
		if again := b.Encode(a); again != code {
			t.Fatalf("Decode(%q) re-encodes to %q", code, again)
		}
		if _, err := b.Score(a); err != nil && !errors.Is(err, ErrIncomplete) {
			t.Fatalf("decoded set %v does not fit the bank: %v", a, err)
		}
	})
}
