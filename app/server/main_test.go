//go:build !wasm

package server

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"cxquiz/app/screens"
	"cxquiz/quiz"
)

// bank is the real question bank; pageBank the one the test servers and
// the screens use: the same, but in the child process of
// TestOutdatedCode, which serves the next version.
var bank, pageBank *quiz.Bank

// nextBankEnv asks TestMain for a process that serves the next version
// of the bank.
const nextBankEnv = "CXQUIZ_TEST_NEXT_BANK"

func TestMain(m *testing.M) {
	var err error
	if bank, err = quiz.Load(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pageBank = bank
	if os.Getenv(nextBankEnv) != "" {
		if pageBank, err = nextBank(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	// go-app renders pages from its process-wide routes.
	screens.Register(pageBank)
	os.Exit(m.Run())
}

// nextBank is the real bank one version on, so a code made today is
// outdated there.
func nextBank() (*quiz.Bank, error) {
	data, err := os.ReadFile(filepath.Join("..", "..", "quiz", "bank.json"))
	if err != nil {
		return nil, err
	}
	v := regexp.MustCompile(`"version":\s*(\d+)`)
	m := v.FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("bank.json has no version")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return quiz.Parse(v.ReplaceAll(data, []byte(`"version": `+strconv.Itoa(n+1))))
}
