package screens

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// uiFiles holds the interface Texts, one flat JSON object per language.
// Adding a language means adding one file here and one to quiz/text.
//
// They stay apart from the bank's translations (quiz/text): those are
// overlays on the bank's structure, checked against its ids, used by the
// quiz package alone; these are flat messages with placeholders, used by
// the screens alone. Both are one JSON object per language, checked
// against English when loaded.
//
//go:embed text/*.json
var uiFiles embed.FS

// Texts is the interface text of one language.
type Texts struct {
	lang string
	m    map[string]string
}

var uiTexts = mustLoadTexts(uiFiles)

// T returns the Texts for lang, English if there are none.
func T(lang string) Texts {
	if t, ok := uiTexts[lang]; ok {
		return t
	}
	return uiTexts["en"]
}

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// S returns the text for key with {name} placeholders replaced by the
// name/value pairs in args.
func (t Texts) S(key string, args ...any) string {
	s, ok := t.m[key]
	if !ok {
		s, ok = uiTexts["en"].m[key]
	}
	if !ok {
		return key
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return s
}

// Pct formats a 0–100 score the way the language writes percentages.
func (t Texts) Pct(n int) string { return t.S("fmt.percent", "n", strconv.Itoa(n)) }

func mustLoadTexts(files fs.FS) map[string]Texts {
	m, err := loadTexts(files)
	if err != nil {
		panic(err) // a test covers every file, so this never ships
	}
	return m
}

// loadTexts reads every language file and checks it against English: the
// same keys, no empty text, the same placeholders.
func loadTexts(files fs.FS) (map[string]Texts, error) {
	names, err := fs.Glob(files, "text/*.json")
	if err != nil {
		return nil, err
	}
	all := map[string]Texts{}
	for _, name := range names {
		raw, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		lang := strings.TrimSuffix(path.Base(name), ".json")
		t := Texts{}
		if err := json.Unmarshal(raw, &t.m); err != nil {
			return nil, fmt.Errorf("ui text %s: %w", lang, err)
		}
		all[lang] = t
	}
	en, ok := all["en"]
	if !ok {
		return nil, fmt.Errorf("ui text: no en.json")
	}
	for lang, t := range all {
		for k, v := range en.m {
			tv, ok := t.m[k]
			if !ok || strings.TrimSpace(tv) == "" {
				return nil, fmt.Errorf("ui text %s: missing %q", lang, k)
			}
			if a, b := placeholders(v), placeholders(tv); a != b {
				return nil, fmt.Errorf("ui text %s: %q has placeholders %s, English has %s", lang, k, b, a)
			}
		}
		for k := range t.m {
			if _, ok := en.m[k]; !ok {
				return nil, fmt.Errorf("ui text %s: unknown key %q", lang, k)
			}
		}
	}
	return all, nil
}

func placeholders(s string) string {
	p := placeholder.FindAllString(s, -1)
	sort.Strings(p)
	return strings.Join(p, ",")
}

// Strings returns a copy of every text by key, for tests that check
// what a browser shows.
func (t Texts) Strings() map[string]string {
	m := make(map[string]string, len(t.m))
	for k, v := range t.m {
		m[k] = v
	}
	return m
}

// LookupTexts returns the texts for lang, and whether there are any.
func LookupTexts(lang string) (Texts, bool) {
	t, ok := uiTexts[lang]
	return t, ok
}
