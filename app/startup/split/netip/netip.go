// Package netip lets the browser in once net/netip is initialised:
// see package split.
package netip

import (
	_ "net/netip"

	"cxquiz/app/startup"
)

func init() { startup.Yield() }
