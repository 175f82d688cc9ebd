package quiz

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestCodeRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for name, b := range banks(t) {
		for _, p := range []float64{0, 0.1, 0.5, 0.9, 1} {
			for range 200 {
				a := randomAnswers(b, r, p)
				code := b.Encode(a)
				if a.Answered() > 0 && len(code) != b.CodeLen() {
					t.Fatalf("%s: code %q has %d characters, want %d", name, code, len(code), b.CodeLen())
				}
				got, err := b.Decode(code)
				if err != nil {
					t.Fatalf("%s: Decode(%q): %v", name, code, err)
				}
				if !reflect.DeepEqual(got, a) {
					t.Fatalf("%s: round trip of %v gave %v", name, a, got)
				}
			}
		}
	}
}

func TestCodeIsURLSafe(t *testing.T) {
	b, _ := Load()
	r := rand.New(rand.NewPCG(7, 8))
	for range 100 {
		code := b.Encode(randomAnswers(b, r, 1))
		if strings.Trim(code, codeAlphabet) != "" {
			t.Fatalf("code %q has characters outside the URL-safe alphabet", code)
		}
	}
}

func TestEncodeIgnoresBadAnswers(t *testing.T) {
	b := mustParse(t, fixture(1))
	a := b.NewAnswers().With(1, 2)
	bad := append(a.With(2, 7), 3, 3) // option out of range, too long
	got, err := b.Decode(b.Encode(bad))
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("Decode(Encode(bad)) = %v, %v; want %v", got, err, a)
	}
	if b.Encode(b.NewAnswers()) != "" {
		t.Error("a set with nothing answered should encode to the empty code")
	}
}

func TestDecodeRejects(t *testing.T) {
	b := mustParse(t, fixture(1))
	good := b.Encode(b.NewAnswers().With(1, 1).With(5, 3))
	flip := func(s string, i int) string {
		c := codeAlphabet[(strings.IndexByte(codeAlphabet, s[i])+1)%64]
		return s[:i] + string(c) + s[i+1:]
	}
	tests := []struct {
		name, code string
		want       error
		detail     string
	}{
		{"truncated", good[:len(good)-1], ErrMalformed, "characters"},
		{"extended", good + "A", ErrMalformed, "characters"},
		{"bad character", good[:3] + "*" + good[4:], ErrMalformed, "position 4"},
		{"space", " " + good[1:], ErrMalformed, "position 1"},
		{"typo", flip(good, 2), ErrMalformed, ""},
		{"typo in checksum", flip(good, len(good)-1), ErrMalformed, ""},
		{"newer version", "C" + good[1:], ErrMalformed, "unknown version 2"},
		{"version zero", "A" + good[1:], ErrMalformed, "unknown version 0"},
		{"overlong", strings.Repeat("B", 5000), ErrMalformed, "5000 characters"},
		{"utf-8", "Bé" + good[3:], ErrMalformed, "position 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := b.Decode(tt.code)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.detail) {
				t.Fatalf("Decode(%q) = %v, %v; want %v containing %q", tt.code, a, err, tt.want, tt.detail)
			}
			if a != nil {
				t.Errorf("Decode returned answers with an error")
			}
		})
	}
}

func TestDecodeOutdated(t *testing.T) {
	v1 := mustParse(t, fixture(1))
	v2 := mustParse(t, fixture(2))
	code := v1.Encode(v1.NewAnswers().With(1, 0))
	_, err := v2.Decode(code)
	if !errors.Is(err, ErrOutdated) || errors.Is(err, ErrMalformed) {
		t.Fatalf("Decode of a version 1 code by bank version 2 = %v, want ErrOutdated", err)
	}
	if !strings.Contains(err.Error(), "version 1") {
		t.Errorf("error %q should name the code's version", err)
	}
}

// Every single-character change of a code is caught or decodes to a valid
// set: the checksum stops most typos from showing a wrong result.
func TestDecodeCatchesTypos(t *testing.T) {
	b, _ := Load()
	r := rand.New(rand.NewPCG(9, 10))
	caught, total := 0, 0
	for range 50 {
		code := b.Encode(randomAnswers(b, r, 1))
		for i := 1; i < len(code); i++ {
			for _, c := range []byte("AZaz09-_") {
				if c == code[i] {
					continue
				}
				total++
				if _, err := b.Decode(code[:i] + string(c) + code[i+1:]); err != nil {
					caught++
				}
			}
		}
	}
	if float64(caught) < 0.95*float64(total) {
		t.Errorf("only %d of %d one-character typos were caught", caught, total)
	}
}
