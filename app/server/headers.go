//go:build !wasm

package server

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"cxquiz/app/route"
)

// originSyntax is an origin as parseOrigins returns it. url.Parse lets
// ; ' and " through in a host: in the CSP header they would end
// frame-ancestors or start another directive.
var originSyntax = regexp.MustCompile(`^https?://(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:[0-9]{1,5})?$`)

// parseOrigins reads the -embed-origins list: "*", or origins such as
// https://a.example or http://127.0.0.1:8081, separated by commas or
// spaces. Origins are written the way browsers send them (lower case,
// without a default port), since quiz.js compares them exactly; anything
// beyond scheme, host and port is refused, not dropped, so a mistyped
// list stops the start rather than silently allowing something else.
func parseOrigins(s string) ([]string, error) {
	var out []string
	for _, o := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if o == "*" {
			out = append(out, o)
			continue
		}
		bad := func(why string) error {
			return fmt.Errorf("-embed-origins: %q is not an origin like https://example.com: %s", o, why)
		}
		u, err := url.Parse(o)
		switch {
		case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "":
			return nil, bad("it needs http:// or https:// and a host")
		case u.User != nil:
			return nil, bad("it has a user name")
		case u.Path != "" && u.Path != "/":
			return nil, bad("it has a path")
		case u.RawQuery != "" || u.ForceQuery:
			return nil, bad("it has a query")
		case u.Fragment != "" || strings.Contains(o, "#"):
			return nil, bad("it has a fragment")
		}
		host := strings.ToLower(u.Host)
		if p := u.Port(); (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
			host = strings.TrimSuffix(host, ":"+p)
		}
		n := u.Scheme + "://" + host
		if !originSyntax.MatchString(n) {
			return nil, bad("its host or port is not valid")
		}
		out = append(out, n)
	}
	return out, nil
}

// securityHeaders returns the headers every response carries (a team's
// get one more: setSecurityHeaders). The policy
// lets go-app run without inline scripts: its scripts are files, and the
// wasm needs only 'wasm-unsafe-eval'. Styles come from the site and from
// the style elements whose CSP hash sources are styleHashes (the
// build-constant one every page carries): no inline style attribute (the
// host's accent colour is set through the CSSOM), no data: URL.
func securityHeaders(origins []string, tls bool, styleHashes ...string) map[string]string {
	ancestors := "'self'"
	if len(origins) > 0 {
		ancestors += " " + strings.Join(origins, " ")
	}
	h := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
			"style-src " + strings.Join(append([]string{"'self'"}, styleHashes...), " ") + "; img-src 'self'; connect-src 'self'; " +
			"font-src 'self'; manifest-src 'self'; worker-src 'self'; " +
			"base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors " + ancestors,
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
		"Permissions-Policy":     "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
	}
	if tls {
		h["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
	}
	return h
}

// setSecurityHeaders sets the security headers of the response to a
// request for u: those of every response (s.headers), and on a team's
// responses (route.CarriesTeam) Cross-Origin-Opener-Policy: same-origin.
//
// COOP same-origin puts a page in a browsing context group of its own: a
// page of another site that opened it, or that it opens, gets no handle
// on its window. That closes the cross-window attacks made through an
// opener handle: reverse tabnabbing (navigating the window to a
// look-alike) and XS-leaks (counting its frames, timing its navigations).
// The team's pages keep it: their addresses carry the admin or a member's
// token and they show a team's stored results. The quiz's own screens
// (intro, questions, result, compare, their error pages) and the static
// files do without: they hold nothing but the answers already in their
// own shareable URL, and the header can cost them a new renderer process
// before the first paint (Chromium swaps the browsing context group for a
// COOP document; Chrome on Android isolates sites that send it). Traced
// cold loads of /q/1 (slow 4G, CPU×4) put that at ~460 ms; untraced and
// interleaved, neither the bench's fresh browsers nor fresh browser
// contexts showed a difference beyond the runs' spread (bench/README.md,
// 2026-12-02). On a phone, where a process costs more, it is not
// measured. A member's quiz URLs (?team=ID) count as the team's: they
// carry its identifier, and the member's way from the join link to the
// member page stays in one browsing context group.
func (s *Server) setSecurityHeaders(h http.Header, u *url.URL) {
	for k, v := range s.headers {
		h.Set(k, v)
	}
	if route.CarriesTeam(u) {
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
	}
}

// styleHash is the CSP hash source of a style element's text.
func styleHash(css string) string {
	sum := sha256.Sum256([]byte(css))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
