package screens

import (
	"embed"
	"encoding/json"
	"path"
	"reflect"
	"strings"
	"testing"
	"time"
)

//go:embed text/*.json
var textFiles embed.FS

// The texts the screens use are the JSON files' (tools/textgen checks
// them and writes text_gen.go): run go generate ./app/screens after
// editing one.
func TestTextsAreTheJSON(t *testing.T) {
	names, _ := textFiles.ReadDir("text")
	if len(names) != len(uiTexts) {
		t.Errorf("%d text files, %d languages generated: run go generate ./app/screens", len(names), len(uiTexts))
	}
	for _, n := range names {
		raw, err := textFiles.ReadFile(path.Join("text", n.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		lang := strings.TrimSuffix(n.Name(), ".json")
		if got, ok := LookupTexts(lang); !ok || !reflect.DeepEqual(got.Strings(), m) || got.lang != lang {
			t.Errorf("texts in %s differ from text/%s: run go generate ./app/screens", lang, n.Name())
		}
	}
}

// Every dimension of every bank version has its evidence question (see
// evidence in result.go) in every language: a result of any version may
// reach the top level in any of them.
func TestEvidenceForEveryDimension(t *testing.T) {
	for _, b := range banks.All() {
		for _, d := range b.Dimensions {
			for lang, tx := range uiTexts {
				if s := tx.m["evidence."+d.ID]; strings.TrimSpace(s) == "" {
					t.Errorf("version %d, %s: no evidence question for dimension %q", b.Version, lang, d.ID)
				}
			}
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2027, time.March, 1, 23, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "1\u00a0March\u00a02027", "de": "1.\u00a0März\u00a02027"} {
		if got := T(lang).Date(d); got != want {
			t.Errorf("%s: Date = %q, want %q", lang, got, want)
		}
	}
}
