// Package crypto lets the browser in once crypto/rsa (its FIPS self-checks) is initialised:
// see package split.
package crypto

import (
	_ "crypto/rsa"

	"cxquiz/app/startup"
)

func init() { startup.Yield() }
