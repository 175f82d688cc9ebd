package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed app/screens/text_gen.go is what textgen makes of the JSON
// files now.
func TestGeneratedFileIsCurrent(t *testing.T) {
	dir := filepath.Join("..", "..", "app", "screens")
	texts, server, err := loadAll(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(server) == 0 {
		t.Error("no texts in app/screens/text/team")
	}
	for name, gen := range map[string]func() ([]byte, error){
		"text_gen.go":        func() ([]byte, error) { return generate(texts) },
		"text_server_gen.go": func() ([]byte, error) { return generateServer(server) },
	} {
		want, err := gen()
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("app/screens/%s is stale: run go generate ./app/screens (or make)", name)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		all  map[string]map[string]string
		want string
	}{
		{"no English", map[string]map[string]string{"de": {"a": "x"}}, "no en.json"},
		{"missing", map[string]map[string]string{"en": {"a": "x", "b": "y"}, "de": {"a": "x"}}, `ui text de: missing "b"`},
		{"empty", map[string]map[string]string{"en": {"a": "x"}, "de": {"a": " "}}, `ui text de: missing "a"`},
		{"unknown", map[string]map[string]string{"en": {"a": "x"}, "de": {"a": "x", "c": "z"}}, `unknown key "c"`},
		{"placeholders", map[string]map[string]string{"en": {"a": "{n} of {total}"}, "de": {"a": "{n} von {gesamt}"}}, "has placeholders {gesamt},{n}, English has {n},{total}"},
		{"fine", map[string]map[string]string{"en": {"a": "{n} of {total}"}, "de": {"a": "{total}: {n}"}}, ""},
	} {
		err := check(tc.all)
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "text"), 0o755)
	os.WriteFile(filepath.Join(dir, "text", "en.json"), []byte(`{"a": "one \"quoted\" {n}"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "text", "de.json"), []byte(`{"a": "eins {n}"}`), 0o644)
	if err := run(dir); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "text_gen.go"))
	for _, want := range []string{`"de": {lang: "de"`, `"a": "one \"quoted\" {n}"`} {
		if !strings.Contains(string(src), want) {
			t.Errorf("generated code lacks %s:\n%s", want, src)
		}
	}
	// The server's own texts, in text/team: the same checks, and no key
	// in both sets.
	os.Mkdir(filepath.Join(dir, "text", "team"), 0o755)
	os.WriteFile(filepath.Join(dir, "text", "team", "en.json"), []byte(`{"b": "two"}`), 0o644)
	if err := run(dir); err == nil || !strings.Contains(err.Error(), "no team/de.json") {
		t.Errorf("team texts missing a language: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "text", "team", "de.json"), []byte(`{"b": "zwei"}`), 0o644)
	if err := run(dir); err != nil {
		t.Fatal(err)
	}
	src, _ = os.ReadFile(filepath.Join(dir, "text_server_gen.go"))
	for _, want := range []string{"//go:build !wasm", `"b": "zwei"`, "uiTexts[lang].m[k] = v"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("generated server code lacks %s:\n%s", want, src)
		}
	}
	os.WriteFile(filepath.Join(dir, "text", "team", "de.json"), []byte(`{"b": "zwei", "a": "eins {n}"}`), 0o644)
	if err := run(dir); err == nil {
		t.Error("a team text that English lacks passed")
	}
	os.WriteFile(filepath.Join(dir, "text", "team", "en.json"), []byte(`{"b": "two", "a": "one {n}"}`), 0o644)
	if err := run(dir); err == nil || !strings.Contains(err.Error(), "is in de.json and in team/de.json") {
		t.Errorf("a key in both sets: %v", err)
	}
	os.RemoveAll(filepath.Join(dir, "text", "team"))
	os.WriteFile(filepath.Join(dir, "text", "de.json"), []byte(`{"a": "eins"}`), 0o644)
	if err := run(dir); err == nil {
		t.Error("a text without its placeholder passed")
	}
	os.WriteFile(filepath.Join(dir, "text", "de.json"), []byte(`{"a": `), 0o644)
	if err := run(dir); err == nil {
		t.Error("broken JSON passed")
	}
}
