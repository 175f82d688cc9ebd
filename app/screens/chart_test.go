package screens

import (
	"html"
	"testing"
)

func TestEscIsHTMLEscape(t *testing.T) {
	for _, s := range []string{"", "plain", `<b class="x">Tom & Jerry's</b>`, "Größe → 100 %", "\xff<\xfe"} {
		if got, want := esc(s), html.EscapeString(s); got != want {
			t.Errorf("esc(%q) = %q, want %q", s, got, want)
		}
	}
}
