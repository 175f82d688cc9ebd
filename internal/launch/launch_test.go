package launch

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// script writes a stand-in for the server binary.
func script(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "server")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStartAndStop(t *testing.T) {
	// The trap comes before the serving line, as in the real server: Stop
	// may arrive the moment Start has returned.
	bin := script(t, `trap 'echo bye >&2; exit 0' TERM
echo "boot $CXQUIZ_ADDR" >&2
echo "2026/01/01 serving the quiz on http://127.0.0.1:4567 (version abc123)" >&2
while true; do sleep 0.05; done
`)
	t.Setenv("CXQUIZ_ADDR", "should-not-pass")
	var (
		mu    sync.Mutex
		lines []string
	)
	s, err := Start(bin, nil, func(l string) { mu.Lock(); lines = append(lines, l); mu.Unlock() })
	if err != nil {
		t.Fatal(err)
	}
	if s.URL != "http://127.0.0.1:4567" || s.Addr != "127.0.0.1:4567" || s.Version != "abc123" {
		t.Errorf("got %q %q %q", s.URL, s.Addr, s.Version)
	}
	if err := s.Stop(5 * time.Second); err != nil {
		t.Errorf("Stop: %v", err)
	}
	if l := s.Log(); !strings.HasPrefix(l, "boot \n") || !strings.Contains(l, "serving the quiz") {
		t.Errorf("Log() = %q", l)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(lines) < 3 || lines[0] != "boot " || lines[2] != "bye" {
		t.Errorf("log lines %q (CXQUIZ_ADDR must not reach the server)", lines)
	}
}

func TestStartFails(t *testing.T) {
	_, err := Start(script(t, "echo 'cxquiz: bad flag' >&2; exit 1\n"), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "bad flag") {
		t.Errorf("err = %v, want the log in it", err)
	}
}
