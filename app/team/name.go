package team

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxName is the longest team name, in characters.
const MaxName = 80

// CleanName makes name plain text on one line and checks that it has at
// most MaxName characters; it returns ErrBadName if it has more or is not
// UTF-8. The empty name is allowed: naming a team is optional.
//
// A name pasted from a spreadsheet or a chat brings tabs, line breaks and
// invisible direction marks. Line breaks and tabs become one space; other
// control characters and the bidirectional controls (which could turn the
// text around it on the page) are dropped: they are invisible, so the
// name reads as it did where it was copied, and it can do nothing to the
// page it is shown on. Refusing them instead would leave the person
// puzzling over a character they cannot see.
func CleanName(name string) (string, error) {
	if !utf8.ValidString(name) {
		return "", ErrBadName
	}
	var b strings.Builder
	space := false
	for _, r := range name {
		switch {
		case unicode.IsSpace(r) && r != '\u00a0' && r != '\u2007' && r != '\u202f':
			// Tabs, line breaks (U+2028/2029 too) and runs of spaces:
			// one space. No-break spaces stay: someone meant them.
			space = true
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	name = b.String()
	if utf8.RuneCountInString(name) > MaxName {
		return "", ErrBadName
	}
	return name, nil
}
