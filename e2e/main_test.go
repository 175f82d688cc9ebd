package e2e

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"cxquiz/quiz"
)

// artifacts is where screenshots and the server log go (gitignored).
const artifacts = "artifacts"

// suite is what every test of a run shares: one server, one browser
// process and the question bank the expected results come from.
type suite struct {
	srv     *server
	browser *browser
	bank    *quiz.Bank  // the latest version, the one new quizzes use
	banks   *quiz.Banks // every version the server holds
	dataDir string      // the shared browser's profile

	teamsOnce sync.Once
	teams     []screen // team views with many results (teamScreens)
	teamsErr  error
}

var shared struct {
	once  sync.Once
	suite *suite
	err   error
}

// setup returns the suite, starting the server and the browser on first
// use. It skips the test under -short and when CXQUIZ_BIN is not set.
func setup(t *testing.T) *suite {
	t.Helper()
	bin := needBin(t)
	shared.once.Do(func() { shared.suite, shared.err = start(bin) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.suite
}

// needBin returns the server binary under test, $CXQUIZ_BIN; it skips
// the test under -short and when that is not set.
func needBin(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped under -short")
	}
	bin := os.Getenv("CXQUIZ_BIN")
	if bin == "" {
		t.Skip("CXQUIZ_BIN is not set: `make test` sets it to the built server binary (bin/cxquiz)")
	}
	return bin
}

func start(bin string) (*suite, error) {
	banks, err := quiz.LoadAll()
	if err != nil {
		return nil, err
	}
	bank := banks.Latest()
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		return nil, err
	}
	// No limit on adding results: TestLayout fills teams with hundreds.
	srv, err := startServer(bin, "-team-add-limit", "-1")
	if err != nil {
		return nil, err
	}
	s := &suite{srv: srv, bank: bank, banks: banks}
	if s.dataDir, err = os.MkdirTemp("", "cxquiz-e2e-profile-"); err != nil {
		s.close()
		return nil, err
	}
	if s.browser, err = newBrowser(s.dataDir, srv.url, bank); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// close stops the browser, then the server, and keeps the server log.
func (s *suite) close() {
	if s.browser != nil {
		s.browser.close()
	}
	if s.dataDir != "" {
		if err := removeProfile(s.dataDir); err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
		}
	}
	if err := s.srv.stop(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: stopping the server:", err)
	}
	s.srv.saveLog()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.suite != nil {
		shared.suite.close()
	}
	os.Exit(code)
}
