// Package web holds the static assets of the quiz (styles, scripts,
// icons) and, once built, app.wasm with its compressed variants. The
// server embeds them, so one binary runs anywhere.
package web

import "embed"

// Files are the assets, served under /web/.
//
//go:embed *
var Files embed.FS
