package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is the quiz binary under test, listening on a free loopback port.
type server struct {
	cmd  *exec.Cmd
	url  *url.URL
	done chan struct{} // closed once stderr is drained: the process ended

	mu  sync.Mutex
	log bytes.Buffer // stderr: the start-up line and the access log
}

// startServer runs bin on 127.0.0.1:0, with the extra flags given, and
// reads the address it serves on from its log line "serving the quiz on
// http://127.0.0.1:PORT (…)".
func startServer(bin string, flags ...string) (*server, error) {
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, flags...)...)
	// The flags' environment variables must not change what runs.
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
		return nil, fmt.Errorf("starting the server %s: %w", bin, err)
	}
	s := &server{cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			s.log.WriteString(line + "\n")
			s.mu.Unlock()
			if _, rest, ok := strings.Cut(line, "serving the quiz on "); ok {
				u, _, _ := strings.Cut(rest, " ")
				select {
				case addr <- u:
				default:
				}
			}
		}
	}()
	select {
	case u := <-addr:
		if s.url, err = url.Parse(u); err != nil || s.url.Host == "" {
			s.stop()
			return nil, fmt.Errorf("the server logged an unreadable address %q", u)
		}
		return s, nil
	case <-s.done:
		cmd.Wait()
		return nil, fmt.Errorf("the server exited before serving:\n%s", s.logText())
	case <-time.After(15 * time.Second):
		s.stop()
		return nil, fmt.Errorf("the server did not say where it serves within 15s:\n%s", s.logText())
	}
}

// stop sends SIGTERM and waits for the server to drain and exit.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		s.cmd.Wait()
		return fmt.Errorf("the server did not stop within 15s of SIGTERM")
	}
	return s.cmd.Wait()
}

func (s *server) logText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// saveLog keeps the server's log beside the screenshots.
func (s *server) saveLog() { s.saveLogAs("server.log") }

// saveLogAs keeps the server's log in artifacts under the given name.
func (s *server) saveLogAs(name string) {
	os.WriteFile(filepath.Join(artifacts, name), []byte(s.logText()), 0o644)
}
