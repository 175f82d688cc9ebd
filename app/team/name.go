package team

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxName is the longest team name, in characters.
const MaxName = 80

// CleanName trims name and checks that it is plain text of at most MaxName
// characters on one line; it returns ErrBadName otherwise. The empty name is
// allowed: naming a team is optional.
func CleanName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxName {
		return "", ErrBadName
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r) {
			return "", ErrBadName
		}
	}
	return name, nil
}
