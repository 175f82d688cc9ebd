// Package http lets the browser in once net/http is initialised:
// see package split.
package http

import (
	_ "net/http"

	"cxquiz/app/startup"
)

func init() { startup.Yield() }
