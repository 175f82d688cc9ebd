package quiz

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Every published bank version stays here, so that result codes made with
// it keep decoding and scoring as they did. Version 1 lives at the package
// root for history's sake; later versions under banks/vN/. Each holds a
// bank.json and its translations in text/.
var (
	//go:embed bank.json text/*.json
	version1 embed.FS
	//go:embed banks
	laterVersions embed.FS
)

// published returns the files of every published bank version, oldest
// first.
func published() ([]fs.FS, error) {
	files := []fs.FS{version1}
	dirs, err := fs.ReadDir(laterVersions, "banks")
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		sub, err := fs.Sub(laterVersions, path.Join("banks", d.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, sub)
	}
	return files, nil
}

// Bank is a versioned set of dimensions, questions, maturity levels and
// recommendations. A Bank is read-only once loaded and safe for concurrent
// use.
type Bank struct {
	// Version identifies the bank in result codes. It changes whenever
	// questions or options are added, removed or reordered.
	Version    int         `json:"version"`
	Levels     []Level     `json:"levels"`
	Dimensions []Dimension `json:"dimensions"`
	// Explainer contrasts the customer-focused and the customer-centric
	// organisation, aspect by aspect.
	Explainer []Contrast `json:"explainer"`
	// ExplainerLevels names the levels whose names head the explainer's
	// two columns. Optional: the second and the last level by default.
	ExplainerLevels []string `json:"explainerLevels,omitempty"`

	questions []*Question
	levelRank map[string]int
	lang      string           // "" for DefaultLang
	base      *Bank            // the DefaultLang bank, nil for itself
	langs     map[string]*Bank // by language, on the DefaultLang bank
}

// Level is a named stage of maturity with an inclusive score range.
type Level struct {
	ID          string `json:"id"`
	Min         int    `json:"min"`
	Max         int    `json:"max"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Dimension is one spectrum from the customer-focused pole to the
// customer-centric pole, with its questions and recommendations.
type Dimension struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Focused and Centric describe the two poles in a short phrase.
	Focused string `json:"focused"`
	Centric string `json:"centric"`
	// LooksLike says what customer-centric looks like in this dimension;
	// Example names a company that shows it.
	LooksLike string `json:"looksLike"`
	Example   string `json:"example"`
	// Keep is what to keep doing when this is a strong dimension.
	Keep string `json:"keep"`
	// Steps holds the next steps for an organisation at each level, by
	// level id. A result shows a dimension the steps of its level that its
	// answers leave room for ([DimensionScore.Steps]).
	Steps     map[string][]Step `json:"steps"`
	Questions []Question        `json:"questions"`
}

// Step is one next step: a practice to take up, tied to the question of
// its dimension that asks whether the organisation has it already, so that
// nobody is told to start what they just said they do. The tie is data,
// the same in every language.
type Step struct {
	Text string `json:"text"`
	// Question is the id of the question, in the step's dimension, whose
	// options describe the practice the step proposes.
	Question string `json:"question"`
	// Level is the level of Question's option that has the practice in
	// place: an answer at this level or above means the organisation does
	// it already, and the step is not shown. It defaults to the level above
	// the one the step is listed under (the top level for the top level's
	// steps, which keep a top practice going).
	Level string `json:"level,omitempty"`
}

// Question asks about observable behaviour. Its options are shown in the
// order given.
type Question struct {
	ID      string   `json:"id"`
	Text    string   `json:"text"`
	Options []Option `json:"options"`

	// Number is the 1-based position of the question in the quiz.
	Number int `json:"-"`
	// Dimension is the dimension the question belongs to.
	Dimension *Dimension `json:"-"`
}

// Option is one answer to a question, anchored to one maturity level.
type Option struct {
	ID    string `json:"id"`
	Level string `json:"level"`
	Text  string `json:"text"`
}

// Contrast is one row of the focused-versus-centric explainer.
type Contrast struct {
	ID      string `json:"id"`
	Aspect  string `json:"aspect"`
	Focused string `json:"focused"`
	Centric string `json:"centric"`
}

// OptionsPerQuestion is the number of options every question has.
const OptionsPerQuestion = 4

// maxQuestions bounds the bank so that a full result code stays short.
const maxQuestions = 40

// Load parses and validates the version-1 bank embedded in the program,
// with all its translations.
//
// Deprecated: use [LoadAll], which holds every published version, and
// [Banks.Latest] for new quizzes. Load stays for callers built against a
// single bank.
func Load() (*Bank, error) {
	return dataV1.load()
}

// loadFS parses the bank.json in files with the translations in its text/.
func loadFS(files fs.FS) (*Bank, error) {
	data, err := fs.ReadFile(files, "bank.json")
	if err != nil {
		return nil, fmt.Errorf("quiz: reading bank: %w", err)
	}
	return parse(data, files)
}

// Parse parses and validates a bank in its JSON form, in English only. The
// error names the offending id.
func Parse(data []byte) (*Bank, error) {
	return parse(data, nil)
}

func parse(data []byte, texts fs.FS) (*Bank, error) {
	b, err := parseBank(data)
	if err != nil {
		return nil, err
	}
	if err := b.loadTranslations(data, texts); err != nil {
		return nil, fmt.Errorf("quiz: invalid bank: %w", err)
	}
	return b, nil
}

func parseBank(data []byte) (*Bank, error) {
	var b Bank
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("quiz: parsing bank: %w", err)
	}
	if err := b.init(); err != nil {
		return nil, fmt.Errorf("quiz: invalid bank: %w", err)
	}
	return &b, nil
}

// Questions returns every question in quiz order.
func (b *Bank) Questions() []*Question { return b.questions }

// Question returns the question with the given 1-based number, or nil.
func (b *Bank) Question(number int) *Question {
	if number < 1 || number > len(b.questions) {
		return nil
	}
	return b.questions[number-1]
}

// Dimension returns the dimension with the given id, or nil.
func (b *Bank) Dimension(id string) *Dimension {
	for i := range b.Dimensions {
		if b.Dimensions[i].ID == id {
			return &b.Dimensions[i]
		}
	}
	return nil
}

// Level returns the level with the given id, or nil.
func (b *Bank) Level(id string) *Level {
	if r, ok := b.levelRank[id]; ok {
		return &b.Levels[r]
	}
	return nil
}

// Poles returns the lowest and the highest level: the two ends of every
// score bar, named as on the scale.
func (b *Bank) Poles() (low, high *Level) {
	return &b.Levels[0], &b.Levels[len(b.Levels)-1]
}

// ExplainerColumns returns the levels whose names head the explainer's
// two columns, so that the explainer, the chart and the scale use the same
// names.
func (b *Bank) ExplainerColumns() (left, right *Level) {
	if len(b.ExplainerLevels) == 2 {
		return b.Level(b.ExplainerLevels[0]), b.Level(b.ExplainerLevels[1])
	}
	return &b.Levels[1], &b.Levels[len(b.Levels)-1]
}

// LevelFor returns the level whose range holds score. Scores outside 0–100
// are clamped.
func (b *Bank) LevelFor(score int) *Level {
	score = min(max(score, 0), 100)
	for i := range b.Levels {
		if l := &b.Levels[i]; score >= l.Min && score <= l.Max {
			return l
		}
	}
	return &b.Levels[0] // unreachable for a validated bank
}

// Points returns what an option is worth, 0 to 100.
func (b *Bank) Points(o Option) float64 {
	return 100 * float64(b.levelRank[o.Level]) / float64(len(b.Levels)-1)
}

// init links questions to their dimensions and validates the whole bank.
func (b *Bank) init() error {
	if b.Version < 1 || b.Version >= len(codeAlphabet) {
		return fmt.Errorf("version %d out of range 1–%d", b.Version, len(codeAlphabet)-1)
	}
	ids := map[string]bool{}
	unique := func(kind, id string) error {
		if id == "" {
			return fmt.Errorf("%s with an empty id", kind)
		}
		if ids[id] {
			return fmt.Errorf("%s %q: duplicate id", kind, id)
		}
		ids[id] = true
		return nil
	}
	if len(b.Levels) < 2 {
		return fmt.Errorf("need at least 2 levels, have %d", len(b.Levels))
	}
	b.index()
	next := 0
	for _, l := range b.Levels {
		if err := unique("level", l.ID); err != nil {
			return err
		}
		if err := nonEmpty("level", l.ID, "name", l.Name, "description", l.Description); err != nil {
			return err
		}
		if l.Min != next {
			return fmt.Errorf("level %q: starts at %d, want %d (thresholds must cover 0–100 without gaps or overlaps)", l.ID, l.Min, next)
		}
		if l.Max < l.Min {
			return fmt.Errorf("level %q: max %d below min %d", l.ID, l.Max, l.Min)
		}
		next = l.Max + 1
	}
	if next != 101 {
		return fmt.Errorf("level %q: ends at %d, want 100", b.Levels[len(b.Levels)-1].ID, next-1)
	}
	if len(b.Dimensions) == 0 {
		return fmt.Errorf("no dimensions")
	}
	for di := range b.Dimensions {
		d := &b.Dimensions[di]
		if err := unique("dimension", d.ID); err != nil {
			return err
		}
		if err := nonEmpty("dimension", d.ID, "name", d.Name, "focused", d.Focused, "centric", d.Centric,
			"looksLike", d.LooksLike, "example", d.Example, "keep", d.Keep); err != nil {
			return err
		}
		if len(d.Questions) < 3 {
			return fmt.Errorf("dimension %q: %d questions, need at least 3", d.ID, len(d.Questions))
		}
		for qi := range d.Questions {
			q := &d.Questions[qi]
			if err := unique("question", q.ID); err != nil {
				return err
			}
			if err := nonEmpty("question", q.ID, "text", q.Text); err != nil {
				return err
			}
			if len(q.Options) != OptionsPerQuestion {
				return fmt.Errorf("question %q: %d options, want %d", q.ID, len(q.Options), OptionsPerQuestion)
			}
			used := map[string]bool{}
			for _, o := range q.Options {
				if used[o.Level] {
					return fmt.Errorf("option %q: level %q is used twice in question %q", o.ID, o.Level, q.ID)
				}
				used[o.Level] = true
				if err := unique("option", o.ID); err != nil {
					return err
				}
				if err := nonEmpty("option", o.ID, "text", o.Text); err != nil {
					return err
				}
				if _, ok := b.levelRank[o.Level]; !ok {
					return fmt.Errorf("option %q: unknown level %q", o.ID, o.Level)
				}
			}
		}
		asked := make(map[string]bool, len(d.Questions))
		for _, q := range d.Questions {
			asked[q.ID] = true
		}
		for li, l := range b.Levels {
			steps := d.Steps[l.ID]
			if len(steps) == 0 {
				return fmt.Errorf("dimension %q: no steps for level %q", d.ID, l.ID)
			}
			for i := range steps {
				s := &steps[i]
				name := fmt.Sprintf("steps.%s[%d]", l.ID, i)
				if err := nonEmpty("dimension", d.ID, name, s.Text); err != nil {
					return err
				}
				if !asked[s.Question] {
					return fmt.Errorf("dimension %q: %s: question %q is not one of the dimension's", d.ID, name, s.Question)
				}
				if s.Level == "" {
					s.Level = b.Levels[min(li+1, len(b.Levels)-1)].ID
				} else if _, ok := b.levelRank[s.Level]; !ok {
					return fmt.Errorf("dimension %q: %s: unknown level %q", d.ID, name, s.Level)
				}
			}
		}
		for lid := range d.Steps {
			if _, ok := b.levelRank[lid]; !ok {
				return fmt.Errorf("dimension %q: steps for unknown level %q", d.ID, lid)
			}
		}
	}
	if len(b.questions) > maxQuestions {
		return fmt.Errorf("%d questions, at most %d fit a result code", len(b.questions), maxQuestions)
	}
	if n := len(b.ExplainerLevels); n != 0 {
		if n != 2 {
			return fmt.Errorf("explainerLevels: %d levels, want 2", n)
		}
		for _, id := range b.ExplainerLevels {
			if _, ok := b.levelRank[id]; !ok {
				return fmt.Errorf("explainerLevels: unknown level %q", id)
			}
		}
	}
	for _, c := range b.Explainer {
		if err := unique("explainer row", c.ID); err != nil {
			return err
		}
		if err := nonEmpty("explainer row", c.ID, "aspect", c.Aspect, "focused", c.Focused, "centric", c.Centric); err != nil {
			return err
		}
	}
	return nil
}

// index derives what the bank looks up from its data: the rank of each
// level, the questions in order with their numbers and dimensions.
func (b *Bank) index() {
	b.levelRank = make(map[string]int, len(b.Levels))
	for i, l := range b.Levels {
		b.levelRank[l.ID] = i
	}
	b.questions = nil
	for di := range b.Dimensions {
		d := &b.Dimensions[di]
		for qi := range d.Questions {
			q := &d.Questions[qi]
			q.Dimension = d
			b.questions = append(b.questions, q)
			q.Number = len(b.questions)
		}
	}
}

// nonEmpty checks name/text pairs and names the first empty one.
func nonEmpty(kind, id string, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return fmt.Errorf("%s %q: empty %s", kind, id, pairs[i])
		}
	}
	return nil
}
