//go:build !wasm

package screens

import (
	"embed"
	"encoding/json"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

//go:embed text/*.json text/team/*.json
var textFiles embed.FS

// The texts the screens use are the JSON files' (tools/textgen checks
// them and writes text_gen.go and text_server_gen.go): run go generate
// ./app/screens after editing one. The server has those of text/ and of
// text/team/ (the team pages, which only it renders).
func TestTextsAreTheJSON(t *testing.T) {
	names, _ := fs.Glob(textFiles, "text/*.json")
	if len(names) != len(uiTexts) || len(serverTexts) != len(uiTexts) {
		t.Errorf("%d text files, %d languages generated, %d with the team pages' texts: run go generate ./app/screens", len(names), len(uiTexts), len(serverTexts))
	}
	read := func(name string) map[string]string {
		raw, err := textFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, name := range names {
		m := read(name)
		for k, v := range read(path.Join("text", "team", path.Base(name))) {
			m[k] = v
		}
		lang := strings.TrimSuffix(path.Base(name), ".json")
		if got, ok := LookupTexts(lang); !ok || !reflect.DeepEqual(got.Strings(), m) || got.lang != lang {
			t.Errorf("texts in %s differ from text/%s and text/team/%s: run go generate ./app/screens", lang, path.Base(name), path.Base(name))
		}
	}
}

// The wasm has only the texts of text/*.json: every text its screens name
// (a key written out, t.S("…")) must be there, not among the team pages'
// texts, which only the server has. A key the wasm lacks would show as
// the key itself once the wasm has taken over.
func TestWasmHasItsTexts(t *testing.T) {
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "js", "wasm"
	pkg, err := ctx.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	seen := 0
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			lit, isLit := call.Args[0].(*ast.BasicLit)
			if !ok || sel.Sel.Name != "S" || !isLit || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			seen++
			_, server := serverTexts["en"][key]
			if _, ok := uiTexts["en"].m[key]; !ok || server {
				t.Errorf("%s: the wasm's screens use %q, which is not in text/en.json (team/en.json: %v)", fset.Position(lit.Pos()), key, server)
			}
			return true
		})
	}
	if seen < 50 {
		t.Errorf("found only %d texts the wasm's screens use: is the test still reading them?", seen)
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
