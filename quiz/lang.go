package quiz

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// DefaultLang is the language the bank is written in.
const DefaultLang = "en"

// Languages returns the codes of the languages the bank is available in,
// DefaultLang first, the rest sorted.
func (b *Bank) Languages() []string {
	langs := []string{DefaultLang}
	for l := range b.root().langs {
		if l != DefaultLang {
			langs = append(langs, l)
		}
	}
	sort.Strings(langs[1:])
	return langs
}

// In returns the bank in language lang, or in DefaultLang if the bank has
// no such language. Banks in every language share ids, version and
// structure, so answers and result codes carry over.
func (b *Bank) In(lang string) *Bank {
	if l, ok := b.root().langs[lang]; ok {
		return l
	}
	return b.root()
}

// Lang returns the language of the bank's texts.
func (b *Bank) Lang() string {
	if b.lang == "" {
		return DefaultLang
	}
	return b.lang
}

func (b *Bank) root() *Bank {
	if b.base != nil {
		return b.base
	}
	return b
}

// textRefs returns every translatable text of the bank by key, for
// example "question.strategy-plan", "option.strategy-plan-a",
// "dimension.strategy.steps.focused.1" or "level.centric.description".
func (b *Bank) textRefs() map[string]*string {
	m := map[string]*string{}
	for i := range b.Levels {
		l := &b.Levels[i]
		m["level."+l.ID+".name"] = &l.Name
		m["level."+l.ID+".description"] = &l.Description
	}
	for i := range b.Dimensions {
		d := &b.Dimensions[i]
		k := "dimension." + d.ID + "."
		m[k+"name"], m[k+"focused"], m[k+"centric"] = &d.Name, &d.Focused, &d.Centric
		m[k+"looksLike"], m[k+"example"], m[k+"keep"] = &d.LooksLike, &d.Example, &d.Keep
		for lid, steps := range d.Steps {
			for j := range steps {
				m[k+"steps."+lid+"."+strconv.Itoa(j+1)] = &steps[j].Text
			}
		}
		for j := range d.Questions {
			q := &d.Questions[j]
			m["question."+q.ID] = &q.Text
			for o := range q.Options {
				m["option."+q.Options[o].ID] = &q.Options[o].Text
			}
		}
	}
	for i := range b.Explainer {
		c := &b.Explainer[i]
		k := "explainer." + c.ID + "."
		m[k+"aspect"], m[k+"focused"], m[k+"centric"] = &c.Aspect, &c.Focused, &c.Centric
	}
	return m
}

// loadTranslations parses every translation file and checks that it has
// exactly the keys of the English bank, none empty.
func (b *Bank) loadTranslations(data []byte, files fs.FS) error {
	b.langs = map[string]*Bank{DefaultLang: b}
	if files == nil {
		return nil
	}
	names, err := fs.Glob(files, "text/*.json")
	if err != nil {
		return err
	}
	want := b.textRefs()
	for _, name := range names {
		lang := strings.TrimSuffix(path.Base(name), ".json")
		raw, err := fs.ReadFile(files, name)
		if err != nil {
			return err
		}
		var texts map[string]string
		if err := json.Unmarshal(raw, &texts); err != nil {
			return fmt.Errorf("translation %s: %w", lang, err)
		}
		var missing []string
		for k := range want {
			if _, ok := texts[k]; !ok {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			return fmt.Errorf("translation %s: missing %d texts, first %q", lang, len(missing), missing[0])
		}
		l, err := parseBank(data)
		if err != nil {
			return err
		}
		refs := l.textRefs()
		for k, v := range texts {
			p, ok := refs[k]
			if !ok {
				return fmt.Errorf("translation %s: unknown key %q", lang, k)
			}
			if strings.TrimSpace(v) == "" {
				return fmt.Errorf("translation %s: empty %q", lang, k)
			}
			*p = v
		}
		l.lang, l.base = lang, b
		b.langs[lang] = l
	}
	return nil
}
