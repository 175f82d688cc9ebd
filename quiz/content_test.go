package quiz

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The tests in this file hold the content of every bank from version 2 on
// to the rules of docs/question-bank.md. Version 1 predates them and stays
// as published.

func contentBanks(t *testing.T) []*Bank {
	var bs []*Bank
	for _, b := range mustLoadAll(t).All() {
		if b.Version >= 2 {
			for _, lang := range b.Languages() {
				bs = append(bs, b.In(lang))
			}
		}
	}
	if len(bs) < 2 {
		t.Fatalf("%d content banks, want version 2 in English and German", len(bs))
	}
	return bs
}

// persona is one fixture of testdata/personas.json: an organisation from
// the seed articles (docs/personas.md), answered in character.
type persona struct {
	ID      string            `json:"id"`
	Seeds   string            `json:"seeds"`
	Expect  string            `json:"expect"`
	Answers map[string]string `json:"answers"` // question id → option id
}

// personaFile is where the persona fixtures of bank version v are kept:
// version 2's in testdata/personas.json (from before there were others),
// each later version's in testdata/personas-v<v>.json. A version's
// questions differ, so each is answered in character anew.
func personaFile(v int) string {
	if v == 2 {
		return "testdata/personas.json"
	}
	return fmt.Sprintf("testdata/personas-v%d.json", v)
}

// loadPersonas reads the persona fixtures of bank version v.
func loadPersonas(t *testing.T, v int) []persona {
	t.Helper()
	data, err := os.ReadFile(personaFile(v))
	if err != nil {
		t.Fatal(err)
	}
	var personas []persona
	if err := json.Unmarshal(data, &personas); err != nil {
		t.Fatalf("%s: %v", personaFile(v), err)
	}
	return personas
}

// answers returns the persona's answer set for b, a version the fixtures
// were answered for.
func (p persona) answers(t *testing.T, b *Bank) Answers {
	t.Helper()
	a := b.NewAnswers()
	for _, q := range b.Questions() {
		oid, ok := p.Answers[q.ID]
		for i, o := range q.Options {
			if o.ID == oid {
				a[q.Number-1] = i
			}
		}
		if !ok || a[q.Number-1] == Unanswered {
			t.Fatalf("%s: no valid answer to %s (%q)", p.ID, q.ID, oid)
		}
	}
	if len(p.Answers) != len(b.Questions()) {
		t.Fatalf("%s: %d answers for %d questions", p.ID, len(p.Answers), len(b.Questions()))
	}
	return a
}

func TestPersonasLandWhereTheSeedsPutThem(t *testing.T) {
	levels := map[int]map[string]bool{}
	ids := map[int][]string{}
	for _, b := range contentBanks(t) {
		personas := loadPersonas(t, b.Version)
		if len(personas) < 6 {
			t.Fatalf("v%d: %d personas, want at least 6", b.Version, len(personas))
		}
		if levels[b.Version] == nil {
			levels[b.Version] = map[string]bool{}
		}
		for _, p := range personas {
			a := p.answers(t, b)
			res, err := b.Score(a)
			if err != nil {
				t.Fatal(err)
			}
			if res.Level.ID != p.Expect {
				t.Errorf("v%d %s: %s (seed %s): %d%% %s, want %s", b.Version, b.Lang(), p.ID, p.Seeds, res.Overall, res.Level.ID, p.Expect)
			}
			// Not by a hair: a persona a few points from a threshold is
			// one changed answer away from another level.
			l := res.Level
			if m := min(res.Overall-l.Min, l.Max-res.Overall); m < 3 && l.Min > 0 && l.Max < 100 || (l.Min == 0 && l.Max-res.Overall < 3) || (l.Max == 100 && res.Overall-l.Min < 3) {
				t.Errorf("v%d %s: %s: %d%% is within 3 points of the edge of %s (%d–%d)", b.Version, b.Lang(), p.ID, res.Overall, l.ID, l.Min, l.Max)
			}
			levels[b.Version][p.Expect] = true
			if b.Lang() == DefaultLang {
				ids[b.Version] = append(ids[b.Version], p.ID)
				t.Logf("v%d %-10s seeds %-8s %3d%%  %s", b.Version, p.ID, p.Seeds, res.Overall, res.Level.Name)
			}
		}
	}
	for v, l := range levels {
		if len(l) != 4 {
			t.Errorf("v%d: personas cover levels %v, want all four", v, l)
		}
	}
	// Every version is answered by the same organisations, so their
	// results can be set side by side (docs/question-bank.md).
	for v, got := range ids {
		if !slices.Equal(got, ids[2]) {
			t.Errorf("v%d personas %v, version 2's %v", v, got, ids[2])
		}
	}
}

// ladderWords mark the ladder: in a top option alone they give the answer
// away. A stem ending in * matches any word it starts; the rest match
// whole words or phrases.
var ladderWords = map[string][]string{
	"en": {"lifetime value", "root cause*", "proactiv*", "predict*", "anticipat*", "whole journey", "entire journey",
		"end to end", "end-to-end", "strategic*", "business model*", "without approval", "without anyone*",
		"long-term", "long term", "before they ask*", "before customers ask*", "openly", "truly", "directly",
		"closely", "every", "holistic*", "advocacy", "loyalty", "data-driven", "forecast*", "personalis*", "empower*"},
	"de": {"lifetime value", "kundenwert*", "ursache*", "proaktiv*", "vorhersag*", "vorherseh*", "antizipier*",
		"vorausschau*", "gesamte*", "ganzheitlich*", "durchgängig*", "strategisch*", "geschäftsmodell*",
		"ohne genehmigung", "ohne freigabe", "ohne jemanden", "langfristig*", "bevor sie fragen", "bevor kunden",
		"offen", "wirklich", "direkt", "genau", "jede*", "weiterempfehl*", "loyalität", "datengetrieben*",
		"prognos*", "personalisier*", "befähig*"},
}

// words lowercases s and reduces it to its words, one space apart and
// around, so that phrases match at word boundaries.
func words(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	return " " + strings.Join(f, " ") + " "
}

func hasWord(text, w string) bool {
	if stem, ok := strings.CutSuffix(w, "*"); ok {
		return strings.Contains(text, " "+stem)
	}
	return strings.Contains(text, " "+w+" ")
}

// ladderGiveaways lists, per question, ladder words that its top option
// uses and none of its lower options does.
func ladderGiveaways(b *Bank, list []string) []string {
	var out []string
	top := b.Levels[len(b.Levels)-1].ID
	for _, q := range b.Questions() {
		var hi string
		var lower []string
		for _, o := range q.Options {
			if o.Level == top {
				hi = words(o.Text)
			} else {
				lower = append(lower, words(o.Text))
			}
		}
		for _, w := range list {
			if !hasWord(hi, w) {
				continue
			}
			shared := false
			for _, l := range lower {
				shared = shared || hasWord(l, w)
			}
			if !shared {
				out = append(out, fmt.Sprintf("%s: %q", q.ID, w))
			}
		}
	}
	return out
}

func TestNoLadderWordOnlyAtTheTop(t *testing.T) {
	for _, b := range contentBanks(t) {
		list := ladderWords[b.Lang()]
		if len(list) == 0 {
			t.Fatalf("no ladder words for language %s", b.Lang())
		}
		for _, g := range ladderGiveaways(b, list) {
			t.Errorf("v%d %s: top option alone says %s", b.Version, b.Lang(), g)
		}
	}
	// The check finds what it is for: version 1 was written before it.
	v1 := mustLoadAll(t).Version(1)
	for _, lang := range []string{"en", "de"} {
		if n := len(ladderGiveaways(v1.In(lang), ladderWords[lang])); n < 5 {
			t.Errorf("version 1 %s: only %d giveaways found; the word list has gone blunt", lang, n)
		}
	}
}

func TestOptionLengthsAlike(t *testing.T) {
	for _, b := range contentBanks(t) {
		for _, q := range b.Questions() {
			lo, hi := 1<<30, 0
			for _, o := range q.Options {
				n := utf8.RuneCountInString(o.Text)
				lo, hi = min(lo, n), max(hi, n)
			}
			if float64(hi) > 1.5*float64(lo) {
				t.Errorf("v%d %s %s: options of %d and %d characters, more than 1.5×", b.Version, b.Lang(), q.ID, lo, hi)
			}
		}
	}
}

// The lexical reader is a floor, not a measure of neutrality. It ranks a
// question's options by the words that the customer-centricity literature
// attaches to each end and, between equals, takes the longer option as the
// more advanced one. Version 1's ladder was visible even to this reader;
// a bank it cannot read may still be read at once by a person or a model:
// blind readers found the top option of a version-2 draft that passed this
// test in 24 of 24 questions. The figures that matter are the blind
// readings recorded in docs/question-bank.md; this test only keeps the
// crudest giveaway (ladder vocabulary plus length) from coming back.
var readerCues = map[string]map[string]int{
	"en": {
		"polite": -2, "politely": -2, "quick": -2, "quickly": -2, "friendly": -2, "apology": -2, "waiting": -2, "waits": -2, "staffing": -2,
		"survey": -1, "satisfaction": -1, "score": -1, "scores": -1, "nps": -1, "complaints": -1, "complained": -1, "feedback": -1, "asked": -1, "rival": -1, "competitor": -1, "script": -1,
		"departments": 1, "teams": 1, "several": 1, "shared": 1, "share": 1, "joint": 1, "together": 1, "record": 1, "report": 1, "pilot": 1, "piloted": 1,
		"years": 2, "next": 2, "behaviour": 2, "watched": 2, "did": 2, "stay": 2, "stayed": 2, "value": 2, "earn": 2, "model": 2, "changed": 2, "change": 2,
		"predict": 3, "anticipate": 3, "lifetime": 3, "loyalty": 3, "strategy": 3, "journey": 2, "proactively": 3, "before": 2, "without": 1,
	},
	"de": {
		"freundlich": -2, "schnell": -2, "entschuldigung": -2, "wartezeiten": -2, "personal": -2,
		"umfrage": -1, "zufriedenheit": -1, "zufriedenheitswert": -1, "zufriedenheitswerte": -1, "nps": -1, "beschwerden": -1, "feedback": -1, "wettbewerber": -1,
		"abteilungen": 1, "teams": 1, "mehrere": 1, "gemeinsam": 1, "gemeinsames": 1, "bericht": 1, "erprobte": 1,
		"jahren": 2, "nächstes": 2, "beobachtet": 2, "taten": 2, "bleiben": 2, "blieben": 2, "wert": 2, "verdienen": 2, "änderten": 2, "geändert": 2, "änderte": 2,
		"vorhersagen": 3, "vorher": 3, "kundenwert": 3, "lifetime": 3, "loyalität": 3, "strategie": 3, "proaktiv": 3, "bevor": 2, "ohne": 1,
		"jahre": 2, "nächste": 2, "bleibt": 2, "modell": 2, "journey": 2, "zusammen": 1, "eintrag": 1, "wartezeit": -2, "freundlichen": -2,
	},
}

// readerFigures returns how often the lexical reader's top pick is the top
// level and how often its whole order is right.
func readerFigures(b *Bank) (top, order, n int) {
	cues := readerCues[b.Lang()]
	for _, q := range b.Questions() {
		type scored struct {
			rank, cue, length int
		}
		var s []scored
		for _, o := range q.Options {
			c := 0
			for _, w := range strings.Fields(words(o.Text)) {
				c += cues[w]
			}
			s = append(s, scored{b.levelRank[o.Level], c, utf8.RuneCountInString(o.Text)})
		}
		sort.SliceStable(s, func(i, j int) bool {
			if s[i].cue != s[j].cue {
				return s[i].cue < s[j].cue
			}
			return s[i].length < s[j].length
		})
		if s[len(s)-1].rank == len(b.Levels)-1 {
			top++
		}
		right := true
		for i := range s {
			right = right && s[i].rank == i
		}
		if right {
			order++
		}
		n++
	}
	return top, order, n
}

func TestLexicalReaderFloor(t *testing.T) {
	for _, b := range contentBanks(t) {
		top, order, n := readerFigures(b)
		t.Logf("v%d %s: top pick right %d/%d, whole order right %d/%d", b.Version, b.Lang(), top, n, order, n)
		if 2*top > n || 4*order > n {
			t.Errorf("v%d %s: the lexical reader picks the top option in %d of %d questions and the whole order in %d (goal ≤ 50%%, ≤ 25%%)", b.Version, b.Lang(), top, n, order)
		}
	}
	// The same reader does see version 1's ladder; otherwise it would not
	// even be a floor.
	v1 := mustLoadAll(t).Version(1)
	for _, lang := range []string{"en", "de"} {
		top, order, n := readerFigures(v1.In(lang))
		t.Logf("v1 %s: top pick right %d/%d, whole order right %d/%d", lang, top, n, order, n)
		if 2*top <= n {
			t.Errorf("v1 %s: lexical reader found the top in only %d of %d; it has gone blind", lang, top, n)
		}
	}
}

// hedges are clauses that take an option back ("…, though the final call
// turned on cost"). Blind readers of a version-2 draft spotted the
// transitional level by them at once, so no option may contain one.
var hedges = map[string][]string{
	"en": {"though", "although", "but", "however", "yet", "in practice", "in the end", "even", "mostly", "partly"},
	"de": {"doch", "aber", "obwohl", "jedoch", "allerdings", "trotz*", "am ende", "dennoch", "zwar", "meist", "teilweise"},
}

func TestNoHedges(t *testing.T) {
	for _, b := range contentBanks(t) {
		list := hedges[b.Lang()]
		if len(list) == 0 {
			t.Fatalf("no hedges listed for language %s", b.Lang())
		}
		for _, q := range b.Questions() {
			for _, o := range q.Options {
				for _, h := range list {
					if hasWord(words(o.Text), h) {
						t.Errorf("v%d %s %s: %q hedges with %q", b.Version, b.Lang(), o.ID, o.Text, h)
					}
				}
			}
		}
	}
	// The check finds what it is for: the draft that blind readers saw
	// through ended its transitional options this way.
	if !hasWord(words("A churn forecast raised a concern, though the final call turned on cost."), "though") ||
		!hasWord(words("Ein Kundenwert, der ausgewiesen, aber nicht an die Vergütung gekoppelt ist."), "aber") {
		t.Error("hedge matching is broken")
	}
}

// lengthTells counts, per level, the questions in which that level's
// option is the longest and the shortest (ties count for each).
func lengthTells(b *Bank) (longest, shortest map[string]int) {
	longest, shortest = map[string]int{}, map[string]int{}
	for _, q := range b.Questions() {
		lo, hi := 1<<30, 0
		for _, o := range q.Options {
			n := utf8.RuneCountInString(o.Text)
			lo, hi = min(lo, n), max(hi, n)
		}
		for _, o := range q.Options {
			switch utf8.RuneCountInString(o.Text) {
			case hi:
				longest[o.Level]++
			case lo:
				shortest[o.Level]++
			}
		}
	}
	return longest, shortest
}

// TestLengthDoesNotPointToALevel: if one level's option were usually the
// longest (or the shortest), length alone would give the ladder away.
// No level may be the longest or the shortest in more than a third of
// the questions, in any language.
func TestLengthDoesNotPointToALevel(t *testing.T) {
	for _, b := range contentBanks(t) {
		n := len(b.Questions())
		longest, shortest := lengthTells(b)
		t.Logf("v%d %s: longest %v, shortest %v (of %d)", b.Version, b.Lang(), longest, shortest, n)
		for _, l := range b.Levels {
			if 3*longest[l.ID] > n {
				t.Errorf("v%d %s: the %s option is the longest in %d of %d questions", b.Version, b.Lang(), l.ID, longest[l.ID], n)
			}
			if 3*shortest[l.ID] > n {
				t.Errorf("v%d %s: the %s option is the shortest in %d of %d questions", b.Version, b.Lang(), l.ID, shortest[l.ID], n)
			}
		}
	}
}
