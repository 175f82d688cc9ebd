//go:build !wasm

package server

import (
	"fmt"
	"os"
	"testing"

	"cxquiz/app/screens"
	"cxquiz/quiz"
)

// banks holds every real bank version and bank the latest; pageBanks are
// the versions the test servers and the screens hold: the same, but in the
// child process of TestOutdatedCode, which plays an older release that
// holds every version but the latest.
var (
	banks, pageBanks *quiz.Banks
	bank             *quiz.Bank
)

// olderReleaseEnv asks TestMain for a process that holds every bank
// version but the latest.
const olderReleaseEnv = "CXQUIZ_TEST_OLDER_RELEASE"

func TestMain(m *testing.M) {
	var err error
	if banks, err = quiz.LoadAll(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bank, pageBanks = banks.Latest(), banks
	if os.Getenv(olderReleaseEnv) != "" {
		all := banks.All()
		if pageBanks, err = quiz.NewBanks(all[:len(all)-1]...); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	// go-app renders pages from its process-wide routes.
	screens.Register(pageBanks)
	os.Exit(m.Run())
}
