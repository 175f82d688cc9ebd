package main

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"cxquiz/internal/load"
)

// server is the quiz server under test, started from the built binary on
// a loopback port. Its access log (one line per request on stderr) tells
// what really went over the network during a browser visit, service
// worker fetches included.
type server struct {
	*load.Server
	cmd     *exec.Cmd
	url     string // http://127.0.0.1:PORT
	version string

	mu      sync.Mutex
	capture bool // keep access-log entries (off under load)
	entries []logEntry
}

// logEntry is one access-log line: `GET "/path" 200 1234B 1.2ms`.
type logEntry struct {
	at     time.Time
	path   string
	status int
	bytes  int64
}

var accessLine = regexp.MustCompile(`(?:GET|HEAD) "((?:[^"\\]|\\.)*)" (\d{3}) (\d+)B `)

func startServer(ctx context.Context, bin string) (*server, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &server{}
	p, err := load.Start(bin, nil, s.read)
	if err != nil {
		return nil, err
	}
	s.Server, s.cmd, s.url, s.version = p, p.Cmd, p.URL, p.Version
	return s, nil
}

// read takes one line of the server's log.
func (s *server) read(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.capture {
		if m := accessLine.FindStringSubmatch(line); m != nil {
			p, err := strconv.Unquote(`"` + m[1] + `"`)
			if err != nil {
				p = m[1]
			}
			status, _ := strconv.Atoi(m[2])
			n, _ := strconv.ParseInt(m[3], 10, 64)
			s.entries = append(s.entries, logEntry{at: time.Now(), path: p, status: status, bytes: n})
		}
	}
}

// setCapture turns keeping access-log entries on or off; turning it on
// clears what was kept.
func (s *server) setCapture(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.capture = on
	s.entries = nil
}

// mark returns a position in the access log.
func (s *server) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// since returns the access-log entries after a mark.
func (s *server) since(m int) []logEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m > len(s.entries) {
		return nil
	}
	return append([]logEntry(nil), s.entries[m:]...)
}

// lastEntry is when the server last logged a request while capturing.
func (s *server) lastEntry() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.entries) == 0 {
		return time.Time{}
	}
	return s.entries[len(s.entries)-1].at
}

// stop asks the server to shut down and waits for it.
func (s *server) stop() { s.Stop(15 * time.Second) }

// loadAvg is the 1-minute load average.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}
