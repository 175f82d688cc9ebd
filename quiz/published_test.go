package quiz

import (
	"crypto/sha256"
	"encoding/json"
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
// files as published, less the next steps (the dimensions' "steps" and
// their translations): advice may improve in every version, as it did
// when each step was tied to its question, without changing a score.
func TestPublishedFilesUnchanged(t *testing.T) {
	for name, want := range map[string]string{
		"bank.json":             "32b7b9604682e218e00a7c5cfbb7a050c580262aa958c1fe26f04d574324b12c",
		"text/de.json":          "7a9cdd13d372d785fbd5a5e43bd341b5c9b1a38b7ad6b3225eaaa3e8f200b148",
		"banks/v2/bank.json":    "343ddac10d690bbd4ce4792f0e7c06d44a7fb53160b96b4840b66e650523d9ca",
		"banks/v2/text/de.json": "c7ebca62734f60eaabb56c89790292f52f752d84db32f17694a32484a5d664ea",
		"banks/v3/bank.json":    "ef1f3d00082d9ef11dc4c36973cee55548019ad6ccaab99d9b218ab656e7c079",
		"banks/v3/text/de.json": "dffab5e846c17027f867f84bece1a5f8a97f2b88f0e367fc60b149606f20591d",
		"banks/v4/bank.json":    "d4acce305a956e8e5574a4b90bbcf3938ce45df456341cbe283bf11e619f2c70",
		"banks/v4/text/de.json": "41b63bac3b0f848aefeb82bfeaf6bd888b57a5290896ee8348bd75efd28b8d17",
		"banks/v5/bank.json":    "24b9349297cd56899ed1207b3663c36ef02da7009720762bae278a11f297e6bf",
		"banks/v5/text/de.json": "dbc7b2fc6d50edff87bfba3fd7d2d3cf9f88efee01ed790d02da72bc91f16ca4",
	} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := withoutSteps(t, name, data); got != want {
			t.Errorf("%s was edited after publication (sha256 without steps %s): add a new version instead", name, got)
		}
	}
}

// withoutSteps returns the sha256 of a bank or translation file with its
// next steps left out, the rest written back as canonical JSON.
func withoutSteps(t *testing.T, name string, data []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: not an object", name)
	}
	if dims, ok := m["dimensions"].([]any); ok {
		for _, d := range dims {
			delete(d.(map[string]any), "steps")
		}
	} else {
		for k := range m {
			if strings.HasPrefix(k, "dimension.") && strings.Contains(k, ".steps.") {
				delete(m, k)
			}
		}
	}
	canon, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(canon))
}
