package quiz

import (
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
)

// ErrMalformed is returned by [Bank.Decode] for a code that is not a result
// code of this quiz: wrong characters, wrong length or a failed checksum,
// as when a link was cut short or mistyped.
var ErrMalformed = errors.New("quiz: malformed result code")

// ErrOutdated is returned by [Bank.Decode] for a well-formed code that was
// made with an older version of the question bank, and by [Banks.Decode]
// for one made with a version the program does not hold at all.
var ErrOutdated = errors.New("quiz: result code made with an older version of the quiz")

// codeAlphabet is the URL-safe base64 alphabet: codes need no escaping in a
// URL.
const codeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

const (
	bitsPerAnswer = 3 // 0 = unanswered, 1–4 = option index + 1
	checksumBits  = 8
	maxCodeLen    = 1 + (bitsPerAnswer*maxQuestions+checksumBits+5)/6
)

// CodeLen returns the length of every result code of the bank.
func (b *Bank) CodeLen() int {
	return 1 + (bitsPerAnswer*len(b.questions)+checksumBits+5)/6
}

// Encode returns the compact, URL-safe result code of a full or partial
// answer set: the bank version, 3 bits per answer and a checksum. The code
// of a set with nothing answered is the empty string. Answers that do not
// fit the bank are treated as unanswered.
func (b *Bank) Encode(a Answers) string {
	if a.Answered() == 0 {
		return ""
	}
	vals := b.codeValues(a)
	var w bitWriter
	for _, v := range vals {
		w.write(uint(v), bitsPerAnswer)
	}
	w.write(uint(checksum(b.Version, vals)), checksumBits)
	return string(codeAlphabet[b.Version]) + w.String()
}

// Decode parses a result code made by [Bank.Encode]. The empty code decodes
// to a set with nothing answered. A malformed code gives an error wrapping
// [ErrMalformed]; a code from an older bank version one wrapping
// [ErrOutdated]. Decode never panics.
func (b *Bank) Decode(code string) (Answers, error) {
	if code == "" {
		return b.NewAnswers(), nil
	}
	if len(code) > maxCodeLen {
		return nil, fmt.Errorf("%w: %d characters, a code has %d", ErrMalformed, len(code), b.CodeLen())
	}
	digits := make([]uint, len(code))
	for i := 0; i < len(code); i++ {
		d := strings.IndexByte(codeAlphabet, code[i])
		if d < 0 {
			return nil, fmt.Errorf("%w: unexpected character at position %d", ErrMalformed, i+1)
		}
		digits[i] = uint(d)
	}
	switch version := int(digits[0]); {
	case version < b.Version && version >= 1:
		return nil, fmt.Errorf("%w (version %d; this is version %d)", ErrOutdated, version, b.Version)
	case version != b.Version:
		return nil, fmt.Errorf("%w: unknown version %d", ErrMalformed, version)
	}
	if len(code) != b.CodeLen() {
		return nil, fmt.Errorf("%w: %d characters, a code has %d", ErrMalformed, len(code), b.CodeLen())
	}
	r := bitReader{digits: digits[1:]}
	vals := make([]byte, len(b.questions))
	a := make(Answers, len(b.questions))
	for i := range vals {
		v := r.read(bitsPerAnswer)
		if v > uint(len(b.questions[i].Options)) {
			return nil, fmt.Errorf("%w: answer %d out of range", ErrMalformed, i+1)
		}
		vals[i] = byte(v)
		a[i] = int(v) - 1
	}
	if r.read(checksumBits) != uint(checksum(b.Version, vals)) || r.rest() != 0 {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrMalformed)
	}
	return a, nil
}

// codeValues maps answers to 0 (unanswered) or option index + 1.
func (b *Bank) codeValues(a Answers) []byte {
	vals := make([]byte, len(b.questions))
	for i := range vals {
		if i < len(a) && a[i] >= 0 && a[i] < len(b.questions[i].Options) {
			vals[i] = byte(a[i] + 1)
		}
	}
	return vals
}

func checksum(version int, vals []byte) byte {
	c := crc32.NewIEEE()
	c.Write([]byte{byte(version)})
	c.Write(vals)
	return byte(c.Sum32())
}

// bitWriter packs bits, most significant first, into 6-bit code digits.
type bitWriter struct {
	digits []byte
	acc    uint
	n      int
}

func (w *bitWriter) write(v uint, bits int) {
	for i := bits - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | (v>>i)&1
		w.n++
		if w.n == 6 {
			w.digits = append(w.digits, codeAlphabet[w.acc])
			w.acc, w.n = 0, 0
		}
	}
}

// String flushes the last, zero-padded digit and returns the digits.
func (w *bitWriter) String() string {
	if w.n > 0 {
		w.digits = append(w.digits, codeAlphabet[w.acc<<(6-w.n)])
		w.acc, w.n = 0, 0
	}
	return string(w.digits)
}

// bitReader reads bits, most significant first, from 6-bit code digits.
type bitReader struct {
	digits []uint
	pos    int // bit position
}

func (r *bitReader) read(bits int) uint {
	var v uint
	for i := 0; i < bits; i++ {
		d, off := r.pos/6, 5-r.pos%6
		v <<= 1
		if d < len(r.digits) {
			v |= (r.digits[d] >> off) & 1
		}
		r.pos++
	}
	return v
}

// rest returns the remaining padding bits, which must be zero.
func (r *bitReader) rest() uint {
	return r.read(len(r.digits)*6 - r.pos)
}
