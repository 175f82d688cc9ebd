// Package launch starts the quiz's server binary on a free loopback port,
// for the browser tests, the shutdown tests, the benchmark and the load
// tool, and reads from its log where it serves.
package launch

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// servingLine is what the server logs once it listens.
var servingLine = regexp.MustCompile(`serving the quiz on (http://(\S+)) \(version ([^)]+)\)`)

// Server is a running server binary.
type Server struct {
	Cmd     *exec.Cmd
	URL     string // http://127.0.0.1:PORT
	Addr    string // 127.0.0.1:PORT
	Version string

	exited chan struct{} // closed once the process has ended
	err    error         // how it ended, once exited is closed

	mu  sync.Mutex
	log strings.Builder // the log, up to maxLog bytes
}

// maxLog bounds the log a Server keeps.
const maxLog = 16 << 20

// Start runs bin on 127.0.0.1:0 with the given flags and returns once the
// server says where it serves. Its settings come from the flags alone:
// CXQUIZ_* environment variables are left out. Its log is kept (Log), and
// every line also goes to onLine, if not nil, for as long as it runs. Unless the flags
// name a -database, the server stores team check-ins in a SQLite file of
// its own, removed when it exits.
func Start(bin string, flags []string, onLine func(line string)) (*Server, error) {
	var tmp string
	if !slices.ContainsFunc(flags, func(f string) bool { return f == "-database" || strings.HasPrefix(f, "-database=") }) {
		var err error
		if tmp, err = os.MkdirTemp("", "cxquiz-db-"); err != nil {
			return nil, err
		}
		flags = append(slices.Clip(flags), "-database", filepath.Join(tmp, "teams.db"))
	}
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, flags...)...)
	cmd.Env = []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CXQUIZ_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	s := &Server{Cmd: cmd, exited: make(chan struct{})}
	ready := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if m := servingLine.FindStringSubmatch(line); m != nil {
				select {
				case ready <- m:
				default:
				}
			}
			s.mu.Lock()
			if s.log.Len() < maxLog {
				s.log.WriteString(line + "\n")
			}
			s.mu.Unlock()
			if onLine != nil {
				onLine(line)
			}
		}
		// A server whose log pipe fills up would stall.
		io.Copy(io.Discard, stderr)
		s.err = cmd.Wait()
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		close(s.exited)
	}()
	select {
	case m := <-ready:
		s.URL, s.Addr, s.Version = m[1], m[2], m[3]
		return s, nil
	case <-s.exited:
		return nil, fmt.Errorf("%s exited before serving (%v):\n%s", bin, s.err, s.logHead())
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-s.exited
		return nil, fmt.Errorf("%s did not say where it serves within 20s:\n%s", bin, s.logHead())
	}
}

// Exited is closed once the process has ended; Err then says how.
func (s *Server) Exited() <-chan struct{} { return s.exited }

// Err is how the process ended (cmd.Wait's error), once Exited is closed.
func (s *Server) Err() error { return s.err }

// Stop sends SIGTERM and waits up to timeout for the server to drain and
// exit, then kills it. It returns how the process ended.
func (s *Server) Stop(timeout time.Duration) error {
	select {
	case <-s.exited:
		return s.err
	default:
	}
	s.Cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		return s.err
	case <-time.After(timeout):
		s.Cmd.Process.Kill()
		<-s.exited
		return fmt.Errorf("the server did not exit within %s of SIGTERM", timeout)
	}
}

// Log is what the server has logged so far (up to 16 MB).
func (s *Server) Log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// logHead is the log's start, for errors.
func (s *Server) logHead() string {
	l := s.Log()
	return l[:min(len(l), 8<<10)]
}
