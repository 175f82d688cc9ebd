package quiz

import "fmt"

//go:generate go run ../tools/bankgen -o published_gen.go

// versionData is one bank version as Go data (see published_gen.go), in
// DefaultLang first, then in each translation.
type versionData []langData

type langData struct {
	lang string
	bank Bank
	// steps are the Dimension.Steps of bank, by dimension: a map in
	// package-level data would be made by init code.
	steps [][]levelSteps
}

type levelSteps struct {
	level string
	steps []Step
}

// load returns the version's bank with its translations. The generated
// data is shared and never changed: each load works on copies of the parts
// that init fills in.
func (p versionData) load() (*Bank, error) {
	var root *Bank
	for _, l := range p {
		b := l.bank
		b.Dimensions = append([]Dimension(nil), b.Dimensions...)
		if len(l.steps) != len(b.Dimensions) {
			return nil, fmt.Errorf("quiz: bank version %d (%s): steps for %d dimensions, want %d", b.Version, l.lang, len(l.steps), len(b.Dimensions))
		}
		for i := range b.Dimensions {
			d := &b.Dimensions[i]
			d.Questions = append([]Question(nil), d.Questions...)
			d.Steps = make(map[string][]Step, len(l.steps[i]))
			for _, s := range l.steps[i] {
				d.Steps[s.level] = s.steps
			}
		}
		if !checkGenerated {
			b.index()
		} else if err := b.init(); err != nil {
			return nil, fmt.Errorf("quiz: invalid bank version %d (%s): %w", b.Version, l.lang, err)
		}
		if root == nil {
			if l.lang != DefaultLang {
				return nil, fmt.Errorf("quiz: bank version %d starts with %q, not %q", b.Version, l.lang, DefaultLang)
			}
			root = &b
			root.langs = map[string]*Bank{DefaultLang: root}
			continue
		}
		b.lang, b.base = l.lang, root
		root.langs[l.lang] = &b
	}
	if root == nil {
		return nil, fmt.Errorf("quiz: an empty bank version")
	}
	return root, nil
}
