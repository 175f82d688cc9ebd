package e2e

import (
	"fmt"
	"testing"
)

// TestOlderVersionResults: a result link made with an older version of
// the questions (version 1, version 2 since version 3 replaced it, and
// version 3 since version 4 did, version 4 since version 5 did)
// opens in the browser, once the wasm has taken over, with the scores and
// the level that version gives, in every language, and says that a newer
// version exists; its link starts the latest version, without the note.
func TestOlderVersionResults(t *testing.T) {
	t.Parallel()
	s := setup(t)
	all := s.banks.All()
	older := all[:len(all)-1]
	if len(older) < 4 || older[0].Version != 1 || older[1].Version != 2 || older[2].Version != 3 || older[3].Version != 4 {
		t.Fatalf("%d older versions beside the latest (%d): versions 1 to 4 must be among them", len(older), s.bank.Version)
	}
	// One tab for every version and language, one after the other: a
	// new browser context each cost 1-2 s of CPU more.
	tb := s.browser.screensTab(t, 2*len(older)*len(s.bank.Languages()))
	for _, old := range older {
		for _, lang := range old.Languages() {
			t.Run(fmt.Sprintf("v%d-%s", old.Version, lang), func(t *testing.T) {
				tb.lend(t)
				tb.bank, tb.lang = old, lang
				a := old.NewAnswers()
				for i := range a {
					a[i] = (i*5 + old.Version) % 4
				}
				res, err := old.Score(a)
				if err != nil {
					t.Fatal(err)
				}
				tb.open(withLang("/result?a="+old.Encode(a), lang))
				tb.waitWasm()
				tb.assertResult(a)
				tb.waitFor("the note that a newer version exists, and the level's name in "+lang, fmt.Sprintf(
					`!!document.getElementById("older-version") && !!document.getElementById("take-new") &&
					document.querySelector("section.result").textContent.includes(%s)`, js(old.In(lang).Level(res.Level.ID).Name)))
				tb.click("#take-new")
				tb.bank = s.bank
				tb.waitQuestion(1)
				tb.waitFor("the latest version's first question, without the note", `!document.getElementById("older-version")`)
			})
		}
	}
}
