package quiz

import (
	"crypto/sha256"
	"fmt"
	"os"
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

// TestPublishedFilesUnchanged: a published version's files are never
// edited (links made with it must keep reading as they did); changing
// questions means a new version directory. The golden tests prove the
// scores; this catches an edit to the wording, too. The hashes are of the
// files as published.
func TestPublishedFilesUnchanged(t *testing.T) {
	for name, want := range map[string]string{
		"bank.json":             "2220b308d398c48788af891a9d7390106151c222b1576d839978bce8fd1deeca",
		"text/de.json":          "e2867eeb72f9ef5ff9dedcbce38b984396338288a3603b6ca130188322d87d34",
		"banks/v2/bank.json":    "f782dd2b9fb0403e49347dd0da2c2a48c505ca46108afaa07b682b2262d0aca7",
		"banks/v2/text/de.json": "7785edcd844478848e4e876eab21ae0eba3df7ff28607d722968035191cfc7ee",
		"banks/v3/bank.json":    "cf2b7fe85c1d30c1576d2df38843baf26014ae90d54c64faa2962c6ded66b13b",
		"banks/v3/text/de.json": "1f0224f58951b65141e915c7dc7ab8569d404e8794dae059b07a7809b44eff96",
		"banks/v4/bank.json":    "eae7cf35e4b779756e6bb08b9e9b92fb3cd35f48a122d2e85149a2fe3a2f2a47",
		"banks/v4/text/de.json": "b4a145581592337f073a4e96a85103cccbecd7d1a8712315699b86c408a42071",
		"banks/v5/bank.json":    "474ff50fec80beb76998c75f88b37992f0a2af318ee212307231f5d0dfe34140",
		"banks/v5/text/de.json": "fcefa5acf64e16850a269536c78f68b25a573d0c93d993860faf983ad459787f",
	} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(data)); got != want {
			t.Errorf("%s was edited after publication (sha256 %s): add a new version instead", name, got)
		}
	}
}
