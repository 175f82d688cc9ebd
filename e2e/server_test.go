package e2e

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"cxquiz/internal/launch"
)

// server is the quiz binary under test, listening on a free loopback port.
type server struct {
	*launch.Server
	url *url.URL
}

// startServer runs bin on 127.0.0.1:0 with the extra flags given.
func startServer(bin string, flags ...string) (*server, error) {
	s := &server{}
	p, err := launch.Start(bin, flags, nil)
	if err != nil {
		return nil, err
	}
	s.Server = p
	if s.url, err = url.Parse(p.URL); err != nil {
		s.stop()
		return nil, fmt.Errorf("the server logged an unreadable address %q", p.URL)
	}
	return s, nil
}

// stop sends SIGTERM and waits for the server to drain and exit.
func (s *server) stop() error { return s.Stop(15 * time.Second) }

// saveLog keeps the server's log beside the screenshots.
func (s *server) saveLog() { s.saveLogAs("server.log") }

// saveLogAs keeps the server's log in artifacts under the given name.
func (s *server) saveLogAs(name string) {
	os.WriteFile(filepath.Join(artifacts, name), []byte(s.Log()), 0o644)
}
