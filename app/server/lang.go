//go:build !wasm

package server

import (
	"golang.org/x/text/language"

	"cxquiz/quiz"
)

// newMatcher matches Accept-Language against the bank's languages, the
// default first, so it wins where nothing else does.
func newMatcher(b *quiz.Bank) language.Matcher {
	var tags []language.Tag
	for _, l := range b.Languages() {
		tags = append(tags, language.Make(l))
	}
	return language.NewMatcher(tags)
}

// negotiateLang picks the language of the bank that best fits an
// Accept-Language header (q-values, regions and related languages as
// golang.org/x/text/language weighs them), or the default.
func (s *Server) negotiateLang(header string) string {
	langs := s.banks.Latest().Languages()
	_, i := language.MatchStrings(s.langs, header)
	if i < 0 || i >= len(langs) {
		return quiz.DefaultLang
	}
	return langs[i]
}
