package quiz

import (
	"reflect"
	"strings"
	"testing"
)

// The Go data LoadAll returns must be exactly what the JSON files say:
// run `go generate ./quiz` (or make) after changing a bank file.
func TestLoadAllIsTheJSON(t *testing.T) {
	got, err := LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParsePublished()
	if err != nil {
		t.Fatal(err)
	}
	if len(got.All()) != len(want.All()) {
		t.Fatalf("LoadAll has %d versions, the JSON files %d: run go generate ./quiz", len(got.All()), len(want.All()))
	}
	for i, w := range want.All() {
		g := got.All()[i]
		if !reflect.DeepEqual(g.Languages(), w.Languages()) {
			t.Errorf("version %d: languages %v, the JSON files have %v: run go generate ./quiz", w.Version, g.Languages(), w.Languages())
			continue
		}
		for _, lang := range w.Languages() {
			if !reflect.DeepEqual(g.In(lang), w.In(lang)) {
				t.Errorf("version %d in %s differs from its JSON files: run go generate ./quiz", w.Version, lang)
			}
		}
	}
	v1, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v1, want.Version(1)) {
		t.Error("Load differs from version 1's JSON files: run go generate ./quiz")
	}
}

// Each load gets banks of its own: filling one in does not touch the
// shared data or another load.
func TestLoadAllCopies(t *testing.T) {
	a, _ := LoadAll()
	b, _ := LoadAll()
	a.Latest().Questions()[0].Number = 99
	a.Latest().Dimensions[0].Questions[0].Text = "changed"
	if b.Latest().Questions()[0].Number != 1 || b.Latest().Dimensions[0].Questions[0].Text == "changed" {
		t.Error("two loads share their questions")
	}
}

func TestVersionDataErrors(t *testing.T) {
	en := dataV1[0]
	de := dataV1[1]
	broken := en
	broken.bank.Levels = nil
	for _, tc := range []struct {
		name string
		data versionData
		want string
	}{
		{"empty", versionData{}, "empty bank version"},
		{"translation first", versionData{de, en}, `starts with "de"`},
		{"invalid", versionData{broken}, "invalid bank version 1 (en)"},
		{"no steps", versionData{{lang: "en", bank: en.bank}}, "steps for 0 dimensions"},
	} {
		if _, err := tc.data.load(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one with %q", tc.name, err, tc.want)
		}
	}
}
