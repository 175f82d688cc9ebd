package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	binary "cxquiz/internal/launch"
)

// server is the quiz server under test, started from the built binary on
// a loopback port. Its access log (one line per request on stderr) tells
// what really went over the network during a browser visit, service
// worker fetches included.
type server struct {
	*binary.Server
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
	p, err := binary.Start(bin, nil, s.read)
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

// procStats are a process's peak and current resident memory and CPU time.
type procStats struct {
	hwmKB, rssKB int64
	cpu          time.Duration
}

// readProc reads /proc/PID/status and /proc/PID/stat.
func readProc(pid int) (procStats, error) {
	var p procStats
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return p, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		switch k {
		case "VmHWM":
			p.hwmKB = n
		case "VmRSS":
			p.rssKB = n
		}
	}
	if p.cpu, err = cpuTime(pid); err != nil {
		return p, err
	}
	return p, nil
}

// cpuTime is the user+system CPU time of a process so far.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces: count from after it.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, errors.New("unreadable /proc stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	// Fields 14 and 15 (utime, stime), in clock ticks of 1/100 s on Linux.
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond, nil
}

// systemBusy is the CPU time all processes have used so far (the busy
// part of /proc/stat's first line).
func systemBusy() (time.Duration, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, errors.New("unreadable /proc/stat")
	}
	var busy int64
	for i, v := range f[1:9] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		busy += n
	}
	return time.Duration(busy) * 10 * time.Millisecond, nil
}

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
