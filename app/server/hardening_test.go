//go:build !wasm

package server

import (
	"bufio"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// watchedServer is testServer's server behind a fresh test server whose
// log the test keeps: a test fails if anything panicked on the way.
func watchedServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	s, _ := testServer(t)
	logs := &syncBuffer{}
	s.log = log.New(logs, "", 0)
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ErrorLog = s.log
	ts.Start()
	t.Cleanup(func() {
		ts.Close()
		if l := logs.String(); strings.Contains(strings.ToLower(l), "panic") {
			t.Errorf("the server panicked:\n%s", l)
		}
	})
	return s, ts
}

// rawGet sends target exactly as given, bytes the Go client would
// escape or refuse included, and reads the response.
func rawGet(t testing.TB, ts *httptest.Server, method, target string, header ...string) (*http.Response, string) {
	t.Helper()
	c, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	var req strings.Builder
	req.WriteString(method + " " + target + " HTTP/1.1\r\nHost: quiz.test\r\nConnection: close\r\n")
	for i := 0; i+1 < len(header); i += 2 {
		req.WriteString(header[i] + ": " + header[i+1] + "\r\n")
	}
	req.WriteString("\r\n")
	if _, err := io.WriteString(c, req.String()); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %q: %v", method, target, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %q: reading the body: %v", method, target, err)
	}
	return res, string(body)
}

// cspDirectives splits a Content-Security-Policy into its directives.
func cspDirectives(t *testing.T, csp string) map[string][]string {
	t.Helper()
	d := map[string][]string{}
	for _, part := range strings.Split(csp, ";") {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		if _, dup := d[f[0]]; dup {
			t.Errorf("CSP has %s twice: %q", f[0], csp)
		}
		d[f[0]] = f[1:]
	}
	return d
}

// checkSecurityHeaders checks the headers every response carries
// (checkOpenerPolicy the one that depends on the response). ancestors are
// the frame-ancestors sources after 'self'.
func checkSecurityHeaders(t *testing.T, h http.Header, tls bool, ancestors ...string) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	if csp == "" {
		t.Fatalf("no Content-Security-Policy; headers %v", h)
	}
	d := cspDirectives(t, csp)
	want := map[string]string{
		"default-src":     "'self'",
		"script-src":      "'self' 'wasm-unsafe-eval'",
		"base-uri":        "'none'",
		"object-src":      "'none'",
		"form-action":     "'self'",
		"frame-ancestors": strings.Join(append([]string{"'self'"}, ancestors...), " "),
	}
	for k, v := range want {
		if got := strings.Join(d[k], " "); got != v {
			t.Errorf("CSP %s is %q, want %q", k, got, v)
		}
	}
	// Styles: the site's and, on a page, its one style element by hash
	// (TestStyleHash); no inline style attribute, no data: URL anywhere.
	st := d["style-src"]
	if len(st) < 1 || len(st) > 2 || st[0] != "'self'" || (len(st) == 2 && !strings.HasPrefix(st[1], "'sha256-")) {
		t.Errorf("CSP style-src is %q, want 'self' and at most one 'sha256-…' hash", st)
	}
	if got := strings.Join(d["img-src"], " "); got != "'self'" {
		t.Errorf("CSP img-src is %q, want 'self'", got)
	}
	for _, src := range d["script-src"] {
		if src == "'unsafe-inline'" || src == "'unsafe-eval'" || src == "*" || strings.HasPrefix(src, "http") {
			t.Errorf("CSP script-src allows %s", src)
		}
	}
	for k, v := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("%s is %q, want %q", k, got, v)
		}
	}
	if pp := h.Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") || !strings.Contains(pp, "geolocation=()") {
		t.Errorf("Permissions-Policy %q", pp)
	}
	hsts := h.Get("Strict-Transport-Security")
	switch {
	case tls && !strings.Contains(hsts, "max-age=63072000"):
		t.Errorf("with TLS, Strict-Transport-Security is %q", hsts)
	case !tls && hsts != "":
		t.Errorf("without TLS, Strict-Transport-Security is %q", hsts)
	}
}

// checkOpenerPolicy checks a response's Cross-Origin-Opener-Policy: on a
// team's responses same-origin (their URLs carry admin and member tokens,
// their pages a team's results), on the quiz's own none (a new renderer
// process before the first paint, for pages whose only data is the
// answers in their own URL; see setSecurityHeaders).
func checkOpenerPolicy(t *testing.T, h http.Header, team bool) {
	t.Helper()
	got, ok := h["Cross-Origin-Opener-Policy"]
	switch {
	case team && (len(got) != 1 || got[0] != "same-origin"):
		t.Errorf("a team's response has Cross-Origin-Opener-Policy %q, want same-origin", got)
	case !team && ok:
		t.Errorf("a quiz response has Cross-Origin-Opener-Policy %q, want none", got)
	}
}

// TestSecurityHeadersEverywhere checks the headers on every kind of
// response: pages of every status, assets, go-app's scripts, a redirect,
// the health check, and the server's own errors.
func TestSecurityHeadersEverywhere(t *testing.T) {
	t.Parallel()
	s, ts := watchedServer(t)
	_, full := fullCode(t, func(i int) int { return i % 4 })
	res, _ := rawGet(t, ts, "GET", "/web/app.wasm?v="+s.version, "Accept-Encoding", "br")
	etag := res.Header.Get("ETag")
	tests := []struct {
		method, target string
		status         int
		header         []string
	}{
		{"GET", "/", 200, nil},
		{"HEAD", "/", 200, nil},
		{"GET", "/q/3", 200, nil},
		{"GET", "/result?a=" + full, 200, nil},
		{"GET", "/compare", 200, nil},
		{"GET", "/nope", 404, nil},
		{"GET", "/sitemap.xml", 404, nil},
		{"GET", "/result?a=zzz", 400, nil},
		{"GET", "/q/1?pick=9", 400, nil},
		{"GET", "/?a=%zz", 400, nil},
		{"GET", "/web/app.wasm?v=" + s.version, 200, []string{"Accept-Encoding", "br"}},
		{"GET", "/web/app.wasm", 200, nil},
		{"GET", "/web/app.wasm?v=" + s.version, 304, []string{"Accept-Encoding", "br", "If-None-Match", etag}},
		{"GET", "/web/nope.js", 404, nil},
		{"GET", "/app.js", 200, nil},
		{"GET", "/wasm_exec.js", 200, nil},
		{"GET", "/manifest.webmanifest", 200, nil},
		{"GET", "/robots.txt", 200, nil},
		{"GET", "/q/1?pick=2", 303, nil},
		{"GET", "/healthz", 200, nil},
		{"POST", "/q/1", 405, nil},
		{"DELETE", "/", 405, nil},
		{"GET", "/?a=" + strings.Repeat("A", maxURLBytes), 414, nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target[:min(len(tt.target), 60)], func(t *testing.T) {
			res, _ := rawGet(t, ts, tt.method, tt.target, tt.header...)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			checkSecurityHeaders(t, res.Header, false)
			checkOpenerPolicy(t, res.Header, false)
		})
	}
}

// TestOpenerPolicyOnTeamsOnly checks Cross-Origin-Opener-Policy on a
// server that stores teams: same-origin on every response of a team (its
// pages, actions, data and errors, and a member's quiz pages), none on
// the quiz's screens, files and errors of the same server.
func TestOpenerPolicyOnTeamsOnly(t *testing.T) {
	t.Parallel()
	ts, _ := teamServer(t, nil, nil)
	res, _ := post(t, ts, "/team/new", url.Values{"name": {"Board"}})
	checkSecurityHeaders(t, res.Header, false)
	checkOpenerPolicy(t, res.Header, true)
	id, key := createTeam(t, ts, "Board")
	_, full := fullCode(t, func(i int) int { return i % 4 })
	res, _ = post(t, ts, "/team/"+id+"/add", url.Values{"a": {full}})
	wantStatus(t, res, http.StatusSeeOther, "add")
	member := res.Header.Get("Location")
	if !strings.HasPrefix(member, "/team/"+id+"/member?") {
		t.Fatalf("adding leads to %q", member)
	}
	checkSecurityHeaders(t, res.Header, false)
	checkOpenerPolicy(t, res.Header, true)
	for _, tt := range []struct {
		target string
		status int
		team   bool
	}{
		{"/team/new", 200, true},
		{"/team/" + id, 200, true},
		{"/team/" + id + "/join", 200, true},
		{"/team/" + id + "/admin?k=" + key, 200, true},
		{"/team/" + id + "/admin?k=" + key + "&confirm=delete", 200, true},
		{member, 200, true},
		{"/team/" + id + "/view.json", 200, true},
		{"/team/" + id + "/view.json?k=" + key, 200, true},
		{"/team/" + id + "/withdrawn", 200, true},
		{"/team/new/error?why=limited", 429, true},
		{"/team/AAAAAAAAAAAAAAAAAAAAAA", 404, true},
		{"/team/" + id + "/close", 405, true},
		{"/team/", 404, true},
		{"/q/1?team=" + id, 200, true},
		{"/result?a=" + full + "&team=" + id, 200, true},
		{"/", 200, false},
		{"/q/1", 200, false},
		{"/q/1?pick=2", 303, false},
		{"/result?a=" + full, 200, false},
		{"/compare", 200, false},
		{"/result?a=zzz", 400, false},
		{"/nope", 404, false},
		{"/web/quiz.css", 200, false},
		{"/web/app.wasm", 200, false},
		{"/app.js", 200, false},
		{"/embed.js", 200, false},
		{"/manifest.webmanifest", 200, false},
		{"/healthz", 200, false},
	} {
		t.Run(tt.target[:min(len(tt.target), 60)], func(t *testing.T) {
			res, _ := get(t, ts, tt.target)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			checkSecurityHeaders(t, res.Header, false)
			checkOpenerPolicy(t, res.Header, tt.team)
		})
	}
}

func hardeningFiles() fstest.MapFS {
	return fstest.MapFS{
		"app.wasm":          {Data: []byte("wasm")},
		"quiz.css":          {Data: []byte("body{}")},
		"quiz.js":           {Data: []byte("//js")},
		"compile-worker.js": {Data: []byte("//worker")},
		"icon.svg":          {Data: []byte("<svg/>")},
		"icon-192.png":      {Data: []byte("png")},
		"icon-512.png":      {Data: []byte("png")},
	}
}

// TestEmbedOriginsHeaders checks that -embed-origins extends
// frame-ancestors, on pages and assets alike, and the page's allow-list.
func TestEmbedOriginsHeaders(t *testing.T) {
	t.Parallel()
	s, err := New(Config{Banks: banks, Files: hardeningFiles(), EmbedOrigins: "https://a.example, http://127.0.0.1:9"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/web/app.wasm", "/nope", "/q/1?pick=1"} {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		t.Run(p, func(t *testing.T) {
			checkSecurityHeaders(t, w.Header(), false, "https://a.example", "http://127.0.0.1:9")
			if p == "/" && !strings.Contains(w.Body.String(), `<meta name="cxquiz-embed-origins" content="https://a.example http://127.0.0.1:9">`) {
				t.Error("the page lacks the embedding allow-list")
			}
		})
	}
	for _, list := range []string{"HTTPS://A.Example", "https://a.example/", " https://a.example ,, "} {
		s, err := New(Config{Banks: banks, Files: hardeningFiles(), EmbedOrigins: list})
		if err != nil {
			t.Errorf("%q: %v", list, err)
			continue
		}
		if got := s.headers["Content-Security-Policy"]; !strings.HasSuffix(got, "frame-ancestors 'self' https://a.example") {
			t.Errorf("%q gives %q", list, got)
		}
	}
}

// TestEmbedOriginsInvalid checks that a list with anything but origins
// stops the server at start-up with an error that names the culprit,
// rather than serving a policy that means something else.
func TestEmbedOriginsInvalid(t *testing.T) {
	t.Parallel()
	for _, o := range []string{
		"ftp://x",
		"https://a.example/path",
		"https://a.example?x=1",
		"https://a.example#top",
		"https://user@a.example",
		"a.example",
		"https://",
		"javascript:alert(1)",
		"'self'",
		"'unsafe-inline'",
		// Would end the directive and start another in the CSP header.
		"https://a.example;script-src",
		"https://a.example;sandbox",
		"https://a.example'",
		`https://a"b.example`,
		"https://a.example:port",
		"https://a.example:",
	} {
		_, err := New(Config{Banks: banks, Files: hardeningFiles(), EmbedOrigins: "https://ok.example," + o})
		if err == nil {
			t.Errorf("-embed-origins %q was accepted", o)
			continue
		}
		if !strings.Contains(err.Error(), "-embed-origins") || !strings.Contains(err.Error(), strconv.Quote(o)) {
			t.Errorf("-embed-origins %q: unclear error %q", o, err)
		}
	}
	for _, o := range []string{"*", "https://a.example:8443", "http://[::1]:8080", "https://xn--bcher-kva.example"} {
		if _, err := New(Config{Banks: banks, Files: hardeningFiles(), EmbedOrigins: o}); err != nil {
			t.Errorf("-embed-origins %q: %v", o, err)
		}
	}
}

// TestHSTSOnlyWithTLS checks that Strict-Transport-Security is sent only
// by a server configured for TLS: over plain HTTP it would be ignored at
// best, and it must never pin a host that has no certificate.
func TestHSTSOnlyWithTLS(t *testing.T) {
	t.Parallel()
	if _, ok := securityHeaders(nil, false)["Strict-Transport-Security"]; ok {
		t.Error("HSTS without TLS")
	}
	if v := securityHeaders(nil, true)["Strict-Transport-Security"]; !strings.HasPrefix(v, "max-age=") {
		t.Errorf("HSTS with TLS: %q", v)
	}
	s, err := New(Config{Banks: banks, Files: hardeningFiles(), TLSCert: "cert.pem", TLSKey: "key.pem"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/web/app.wasm", "/healthz", "/nope", "/q/1?pick=1"} {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		t.Run(p, func(t *testing.T) { checkSecurityHeaders(t, w.Header(), true) })
	}
}

// Payloads for script and HTML injection.
var injections = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`'><svg onload=alert(1)>`,
	`javascript:alert(1)`,
	`\"><script>alert(1)</script>`,
}

// dangerous finds the payloads' markup and script URLs where a browser
// would act on them: a raw tag, a URL attribute starting javascript:, or
// a \" (go-app quotes attributes with strconv.Quote, so a " in a value
// comes out as \", which ends the attribute in HTML).
var dangerous = regexp.MustCompile(`(?i)<script>alert|<img src=x|<svg onload|(?:href|src|action|formaction|content)\s*=\s*["']?\s*javascript:|\\"`)

// checkHelpful checks a response to a bad request: never a 5xx, and an
// HTML error page that explains and offers a way on.
func checkHelpful(t *testing.T, res *http.Response, body string) {
	t.Helper()
	if res.StatusCode >= 500 {
		t.Errorf("status %d", res.StatusCode)
	}
	if m := dangerous.FindString(body); m != "" {
		i := strings.Index(body, m)
		t.Errorf("the response carries %q unescaped: …%s…", m, body[max(0, i-80):min(len(body), i+80)])
	}
	if loc := res.Header.Get("Location"); loc != "" {
		if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
			t.Errorf("redirect to another site: %q", loc)
		}
		if dangerous.MatchString(loc) || strings.ContainsAny(loc, "<>\"' \r\n") {
			t.Errorf("unescaped Location %q", loc)
		}
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") && res.StatusCode >= 400 &&
		!strings.Contains(body, `id="start-over"`) && !strings.Contains(body, `id="screen-heading"`) {
		t.Errorf("the %d page offers no way on", res.StatusCode)
	}
}

// versionChar is the first character of a result code of bank version v.
func versionChar(v int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	return alphabet[v : v+1]
}

// TestBadInput sends what a mangled link, a scanner or an attacker might:
// every request gets a 4xx, or the page or redirect a person needs, and
// never a 5xx, a panic or an echo of injected markup.
func TestBadInput(t *testing.T) {
	t.Parallel()
	s, ts := watchedServer(t)
	_, full := fullCode(t, func(i int) int { return (i + 1) % 4 })
	partial := bank.Encode(bank.NewAnswers().With(1, 2).With(2, 0))
	flip := func(c string, i int) string {
		b := []byte(c)
		if b[i] == 'Q' {
			b[i] = 'R'
		} else {
			b[i] = 'Q'
		}
		return string(b)
	}
	type tc struct {
		name, target string
		status       int    // 0: any status but a 5xx
		want         string // in the body
	}
	tests := []tc{
		// Result codes. A code's first character is its bank version in
		// base64url: 'A' (version 0) is no version at all (400), 'B' is
		// version 1, whose codes still open (TestOlderVersionLinks), and so
		// on up to the latest; the next one, which a newer release behind
		// the same load balancer may have made, is 410 (see
		// TestOutdatedCode), and anything later is malformed (400).
		{"full code", "/result?a=" + full, 200, "data-level="},
		{"empty code", "/result?a=", 200, ""},
		{"code with spaces", "/result?a=%20" + full + "%20", 200, "data-level="},
		{"malformed", "/result?a=!!!!", 400, `id="start-over"`},
		{"malformed in the middle", "/result?a=" + full[:5] + "*" + full[6:], 400, "This link is damaged"},
		{"truncated", "/result?a=" + full[:len(full)-1], 400, "This link is damaged"},
		{"truncated to the version", "/result?a=B", 400, "This link is damaged"},
		{"overlong", "/result?a=" + full + "A", 400, "This link is damaged"},
		{"very overlong", "/result?a=" + strings.Repeat("B", 1500), 400, "This link is damaged"},
		{"checksum", "/result?a=" + flip(full, len(full)-1), 400, "This link is damaged"},
		{"answer flipped", "/result?a=" + flip(full, 3), 400, "This link is damaged"},
		{"version 0", "/result?a=A" + full[1:], 400, "This link is damaged"},
		{"next version", "/result?a=" + versionChar(bank.Version+1) + full[1:], 410, `id="start-over"`},
		{"far future version", "/result?a=" + versionChar(bank.Version+2) + full[1:], 400, "This link is damaged"},
		{"previous version with the latest body", "/result?a=" + versionChar(bank.Version-1) + full[1:], 400, "This link is damaged"},
		{"lower-cased", "/result?a=" + strings.ToLower(full), 400, "This link is damaged"},
		{"partial on a question", "/q/5?a=" + partial, 200, "Question 5 of 24"},
		{"damaged on a question", "/q/5?a=" + partial[:4], 400, "This link is damaged"},
		{"damaged with a pick", "/q/5?a=" + partial[:4] + "&pick=1", 400, "This link is damaged"},
		{"damaged on compare", "/compare?r=" + partial[:4] + "&r=" + full, 200, "damaged"},

		// Path traversal, plain and encoded.
		{"dot-dot", "/../app/main.go", 404, `id="start-over"`},
		{"dot-dot twice", "/../../../../etc/passwd", 404, `id="start-over"`},
		{"web dot-dot", "/web/../app/main.go", 404, ""},
		{"web dot-dot to go source", "/web/../web/web.go", 404, ""},
		{"encoded dot-dot", "/web/%2e%2e/app/main.go", 404, ""},
		{"encoded slash", "/web/..%2fapp%2fmain.go", 404, ""},
		{"encoded dot-dot slash", "/web/%2e%2e%2fweb.go", 404, ""},
		{"double-encoded", "/web/%252e%252e%252fweb.go", 404, ""},
		{"double-encoded page", "/%252e%252e/%252e%252e/etc/passwd", 404, `id="start-over"`},
		{"backslash", `/web/..\web.go`, 404, ""},
		{"encoded backslash", "/web/..%5capp%5cmain.go", 404, ""},
		{"backslash page", `/..\..\etc\passwd`, 404, `id="start-over"`},
		{"dot", "/web/.", 404, ""},
		{"web root", "/web/", 404, ""},
		{"compressed variant", "/web/app.wasm.br", 404, ""},
		{"go source", "/web/web.go", 404, ""},
		{"trailing slash", "/web/app.wasm/", 404, ""},
		{"question dot-dot", "/q/%2e%2e/1", 404, `id="start-over"`},
		{"question with slash", "/q/1/", 301, ""}, // the static export's directory form
		{"result with slash", "/result/?a=" + full, 301, ""},
		{"unknown with slash", "/nope/", 404, `id="start-over"`},
		{"go-app proxy: sitemap", "/sitemap.xml", 404, `id="start-over"`},
		{"go-app proxy: ads", "/ads.txt", 404, `id="start-over"`},
		{"go-app versioned path", "/" + s.version + "/app.js", 404, `id="start-over"`},
		{"go-app versioned proxy", "/" + s.version + "/sitemap.xml", 404, `id="start-over"`},

		// Languages.
		{"unknown language", "/?lang=xx", 200, `<html lang="en"`},
		{"script as language", "/?lang=<script>", 200, `<html lang="en"`},
		{"upper-case language", "/?lang=DE", 200, `<html lang="de"`},
		{"language with region", "/?lang=de-CH", 200, `<html lang="en"`},
		{"language on an error page", "/nope?lang=de", 404, `<html lang="de"`},

		// Invalid UTF-8 and null bytes.
		{"invalid UTF-8 path", "/%ff%fe", 404, `id="start-over"`},
		{"invalid UTF-8 question", "/q/%ff", 404, `id="start-over"`},
		{"invalid UTF-8 code", "/q/1?a=%ff%fe", 400, "This link is damaged"},
		{"invalid UTF-8 language", "/?lang=%ff%fe", 200, `<html lang="en"`},
		{"invalid UTF-8 key", "/?%ff%fe=1", 200, ""},
		{"invalid UTF-8 compare", "/compare?r=%ff%fe", 200, "damaged"},
		{"invalid UTF-8 pick", "/q/1?pick=%ff", 400, "Choose the answer"},
		{"raw non-ASCII path", "/q/\xff\xfe", 0, ""},
		{"raw non-ASCII query", "/?lang=\xff", 0, ""},
		{"null byte path", "/%00", 404, `id="start-over"`},
		{"null byte question", "/q/1%00", 404, `id="start-over"`},
		{"null byte asset", "/web/app.wasm%00.js", 404, ""},
		{"null byte code", "/result?a=%00", 400, "This link is damaged"},
		{"null byte pick", "/q/1?pick=%00", 400, "Choose the answer"},
		{"null byte language", "/?lang=de%00", 200, `<html lang="en"`},
		{"raw null byte", "/\x00", 400, ""},
		{"control characters", "/?lang=%0d%0aSet-Cookie:%20x=1", 200, ""},

		// Lengths and counts.
		{"long query", "/q/1?a=" + strings.Repeat("A", 3000), 414, "This link is damaged"},
		{"long path", "/" + strings.Repeat("q", 3000), 414, `id="start-over"`},
		{"very long query", "/?x=" + strings.Repeat("%41", 20000), 414, ""},
		{"just short enough", "/result?a=" + strings.Repeat("B", maxURLBytes-len("/result?a=")), 400, "This link is damaged"},
		{"many parameters", "/?" + manyParams(maxQueryParams+1), 400, `id="start-over"`},
		{"many parameters on a question", "/q/2?" + manyParams(100), 400, `id="start-over"`},
		{"as many parameters as allowed", "/?" + manyParams(maxQueryParams), 200, ""},
		{"many compare codes", "/compare?" + strings.Repeat("r="+full+"&", 60), 200, "Compare"},
		{"empty parameters", "/?" + strings.Repeat("&", 500), 200, ""},
		{"semicolons", "/?a;b=1", 400, `id="start-over"`},
		{"bad escape", "/result?a=%zz", 400, `id="start-over"`},

		// Duplicate parameters: the first counts.
		{"duplicate code, good first", "/result?a=" + full + "&a=junk", 200, "data-level="},
		{"duplicate code, bad first", "/result?a=junk&a=" + full, 400, "This link is damaged"},
		{"duplicate language", "/?lang=de&lang=en", 200, `<html lang="de"`},
		{"duplicate pick", "/q/1?pick=2&pick=3", 303, ""},
		{"duplicate pick, bad first", "/q/1?pick=x&pick=3", 400, "Choose the answer"},

		// Methods and headers: TestOddHeadersAndMethods.
	}
	// Injection in every parameter, on every screen, escaped or as it
	// comes, and in the path.
	for _, payload := range injections {
		for _, param := range []string{"a", "lang", "accent", "embed", "compact", "share", "shared", "pick", "r", "links"} {
			for _, p := range []string{"/", "/q/1", "/q/24?a=" + partial, "/result?a=" + full, "/compare?r=" + full, "/nope"} {
				sep := "?"
				if strings.Contains(p, "?") {
					sep = "&"
				}
				tests = append(tests,
					tc{name: param + " " + p + " " + payload, target: p + sep + param + "=" + url.QueryEscape(payload)},
					tc{name: param + " raw " + p + " " + payload, target: p + sep + param + "=" + strings.ReplaceAll(payload, " ", "%20")},
					tc{name: param + " link " + p + " " + payload, target: p + sep + param + "=" + url.QueryEscape("https://x.example/result?a="+payload)})
			}
		}
		tests = append(tests,
			tc{name: "path " + payload, target: "/" + url.PathEscape(payload), status: 404, want: `id="start-over"`},
			tc{name: "raw path " + payload, target: "/" + strings.ReplaceAll(payload, " ", "%20"), status: 404, want: `id="start-over"`},
			tc{name: "question path " + payload, target: "/q/" + url.PathEscape(payload), status: 404, want: `id="start-over"`},
			tc{name: "asset path " + payload, target: "/web/" + url.PathEscape(payload), status: 404},
			tc{name: "key " + payload, target: "/?" + url.QueryEscape(payload) + "=1", status: 200})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := rawGet(t, ts, "GET", tt.target)
			if tt.status != 0 && res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.want != "" && !strings.Contains(body, tt.want) {
				t.Errorf("body lacks %q", tt.want)
			}
			checkHelpful(t, res, body)
			// Where a redirect leads must be as safe.
			if loc := res.Header.Get("Location"); (res.StatusCode == http.StatusSeeOther || res.StatusCode == http.StatusMovedPermanently) && strings.HasPrefix(loc, "/") {
				res, body := rawGet(t, ts, "GET", loc)
				if res.StatusCode >= 300 {
					t.Errorf("%s leads to %s, status %d", tt.target, loc, res.StatusCode)
				}
				checkHelpful(t, res, body)
			}
		})
	}
}

// TestOddHeadersAndMethods sends injection in the headers the server
// reads, and the methods it does not answer.
func TestOddHeadersAndMethods(t *testing.T) {
	t.Parallel()
	_, ts := watchedServer(t)
	for _, payload := range injections {
		for _, h := range []string{"Accept-Language", "Accept-Encoding", "If-None-Match", "Host"} {
			t.Run(h+" "+payload, func(t *testing.T) {
				res, body := rawGet(t, ts, "GET", "/", h, payload)
				checkHelpful(t, res, body)
			})
		}
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		res, body := rawGet(t, ts, m, "/q/1")
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" || strings.Contains(body, "<") {
			t.Errorf("%s: %d, Allow %q", m, res.StatusCode, res.Header.Get("Allow"))
		}
	}
}

func manyParams(n int) string {
	q := make([]string, n)
	for i := range q {
		q[i] = "p" + strconv.Itoa(i) + "=1"
	}
	return strings.Join(q, "&")
}

// TestHeadThenGet checks that a HEAD request, which has no body, does not
// leave an empty page in the page cache for the GET that follows.
func TestHeadThenGet(t *testing.T) {
	t.Parallel()
	_, ts := watchedServer(t)
	for _, p := range []string{"/q/3", "/nope-head", "/result?a=zz"} {
		res, body := rawGet(t, ts, "HEAD", p)
		if body != "" || res.StatusCode >= 500 {
			t.Errorf("HEAD %s: %d with %d bytes", p, res.StatusCode, len(body))
		}
		res2, body := rawGet(t, ts, "GET", p)
		if res2.StatusCode != res.StatusCode || !strings.Contains(body, `id="screen-heading"`) {
			t.Errorf("GET %s after HEAD: %d, %d bytes", p, res2.StatusCode, len(body))
		}
		if cl := res.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(body)) {
			t.Errorf("HEAD %s: Content-Length %s, the GET body has %d bytes", p, cl, len(body))
		}
	}
}

// TestServerTimeouts checks the production limits of the real server and
// that a test can shorten the header timeout.
func TestServerTimeouts(t *testing.T) {
	t.Parallel()
	s, _ := testServer(t)
	srv := s.httpServer()
	if srv.ReadHeaderTimeout != 5*time.Second || srv.ReadTimeout != 10*time.Second ||
		srv.WriteTimeout != 2*time.Minute || srv.IdleTimeout != 2*time.Minute || srv.MaxHeaderBytes != 16<<10 {
		t.Errorf("production limits changed: %+v", srv)
	}
	s.cfg.ReadHeaderTimeout = time.Second
	if got := s.httpServer().ReadHeaderTimeout; got != time.Second {
		t.Errorf("ReadHeaderTimeout %s, want the configured 1s", got)
	}
}

// TestSlowClientCutOff trickles request headers a byte every 500 ms, as a
// slowloris attack does: the real server's header timeout cuts the
// connection off, and serves other requests meanwhile.
func TestSlowClientCutOff(t *testing.T) {
	s, _ := testServer(t)
	logs := &syncBuffer{}
	s.log = log.New(logs, "", 0)
	const timeout = 1500 * time.Millisecond
	s.cfg.ReadHeaderTimeout = timeout
	srv := s.httpServer()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	addr := ln.Addr().String()

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	closed := make(chan time.Duration, 1)
	go func() {
		// The server sends nothing and closes the connection.
		io.Copy(io.Discard, c)
		closed <- time.Since(start)
	}()
	const req = "GET /slowloris HTTP/1.1\r\nHost: quiz.test\r\n\r\n"
	sent := make(chan int, 1)
	go func() {
		for i := 0; i < len(req); i++ {
			if _, err := c.Write([]byte{req[i]}); err != nil {
				sent <- i
				return
			}
			time.Sleep(500 * time.Millisecond)
		}
		sent <- len(req)
	}()

	// Meanwhile, others are served. How fast is a matter for make bench,
	// not this test: a loaded machine may take seconds.
	client := &http.Client{Timeout: time.Minute}
	for i := 0; time.Since(start) < timeout+500*time.Millisecond; i++ {
		t0 := time.Now()
		res, err := client.Get("http://" + addr + "/q/" + strconv.Itoa(i%24+1))
		if err != nil {
			t.Fatalf("a normal request while a slow one trickles: %v", err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("a normal request: status %d after %s", res.StatusCode, time.Since(t0))
		}
		time.Sleep(50 * time.Millisecond)
	}

	// The cut-off comes no sooner than the header timeout (a deadline
	// never fires early) and before the slow client has sent its whole
	// request (checked below); when, beyond that, depends on the load.
	trickle := time.Duration(len(req)) * 500 * time.Millisecond
	select {
	case d := <-closed:
		if d < timeout-100*time.Millisecond {
			t.Errorf("cut off after %s, before the %s header timeout", d, timeout)
		}
		t.Logf("cut off after %s (header timeout %s)", d, timeout)
	case <-time.After(2 * trickle):
		t.Fatalf("the slow connection is still open after %s", 2*trickle)
	}
	c.Close()
	if n := <-sent; n >= len(req) {
		t.Errorf("the slow client sent its whole request")
	}
	if strings.Contains(logs.String(), "/slowloris") {
		t.Errorf("the slow request reached the handler: %s", logs.String())
	}
}

// TestRealServerLimits checks what the real server's limits answer: an
// address too long for the handler, and a request too large for
// net/http's header limit, both 4xx.
func TestRealServerLimits(t *testing.T) {
	t.Parallel()
	s, _ := testServer(t)
	s.log = log.New(io.Discard, "", 0)
	ts := httptest.NewUnstartedServer(nil)
	ts.Config = s.httpServer()
	ts.Start()
	defer ts.Close()
	for _, tt := range []struct {
		target string
		status int
	}{
		{"/?a=" + strings.Repeat("A", 10<<10), http.StatusRequestURITooLong},
		{"/?a=" + strings.Repeat("A", 20<<10), http.StatusRequestHeaderFieldsTooLarge},
	} {
		res, _ := rawGet(t, ts, "GET", tt.target)
		if res.StatusCode != tt.status {
			t.Errorf("%d-byte URL: status %d, want %d", len(tt.target), res.StatusCode, tt.status)
		}
	}
	res, _ := rawGet(t, ts, "GET", "/", "X-Big", strings.Repeat("x", 20<<10))
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("20 kB header: status %d", res.StatusCode)
	}
}

// TestDomainInvalid checks -domain: go-app writes it into the og:url and
// og:image attributes of every page, unescaped.
func TestDomainInvalid(t *testing.T) {
	t.Parallel()
	for _, d := range []string{`x" onmouseover="alert(1)`, "https://quiz.example.com", "quiz.example.com/path", "quiz example", "a.example;x"} {
		_, err := New(Config{Banks: banks, Files: hardeningFiles(), Domain: d})
		if err == nil || !strings.Contains(err.Error(), "-domain") {
			t.Errorf("-domain %q: %v", d, err)
		}
	}
	for _, d := range []string{"quiz.example.com", "Quiz.Example.com", "localhost:8080"} {
		s, err := New(Config{Banks: banks, Files: hardeningFiles(), Domain: d})
		if err != nil {
			t.Errorf("-domain %q: %v", d, err)
			continue
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", "/q/2", nil))
		if !strings.Contains(w.Body.String(), `content="https://`+d+`/q/2"`) {
			t.Errorf("-domain %q: og:url missing", d)
		}
	}
}

// TestOutdatedCode plays an older release, one that lacks the latest bank
// version, as when a load balancer mixes releases during a deploy: a code
// made with the latest version is one it cannot read, and the answer is 410
// with a way on, never a 5xx. (quiz's TestBanksDecode covers the decoding.)
func TestOutdatedCode(t *testing.T) {
	if os.Getenv(olderReleaseEnv) == "" {
		// go-app renders with the routes of the whole process: check in a
		// process whose screens and server lack the latest bank.
		t.Parallel()
		cmd := exec.Command(os.Args[0], "-test.run=^TestOutdatedCode$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), olderReleaseEnv+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestOutdatedCode") {
			t.Fatalf("%v:\n%s", err, out)
		}
		return
	}
	_, full := fullCode(t, func(i int) int { return i % 4 })
	partial := bank.Encode(bank.NewAnswers().With(1, 2))
	_, ts := watchedServer(t)
	for _, tt := range []struct {
		target string
		status int
		want   string
	}{
		{"/result?a=" + full, http.StatusGone, "This link is from a version this site does not have"},
		{"/result?a=" + full + "&shared=1&lang=de", http.StatusGone, "Version, die diese Seite nicht kennt"},
		{"/q/5?a=" + partial, http.StatusGone, "This link is from a version this site does not have"},
		{"/q/5?a=" + partial + "&pick=2", http.StatusGone, "This link is from a version this site does not have"},
		{"/compare?r=" + full, http.StatusOK, "a version of the questions this site does not have"},
	} {
		res, body := rawGet(t, ts, "GET", tt.target)
		if res.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, want %d with %q", tt.target, res.StatusCode, tt.status, tt.want)
		}
		checkHelpful(t, res, body)
		if tt.status == http.StatusGone && !strings.Contains(body, `id="start-over"`) {
			t.Errorf("%s: no way on", tt.target)
		}
	}
}

// TestEmbedOriginsNormalised checks that origins are written as browsers
// send them, default ports left out, in the CSP and the page's list, and
// that paths, queries and fragments stop the start with a reason.
func TestEmbedOriginsNormalised(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"http://host.test:80":       "http://host.test",
		"https://x.com:443":         "https://x.com",
		"HTTPS://X.com:443/":        "https://x.com",
		"http://[::1]:80":           "http://[::1]",
		"https://x.com:8443":        "https://x.com:8443",
		"http://x.com:443":          "http://x.com:443",
		"https://x.com:80":          "https://x.com:80",
		"http://127.0.0.1:80, *":    "http://127.0.0.1 *",
		"https://a.example:443,,  ": "https://a.example",
	} {
		s, err := New(Config{Banks: banks, Files: hardeningFiles(), EmbedOrigins: in})
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if got := s.headers["Content-Security-Policy"]; !strings.HasSuffix(got, "frame-ancestors 'self' "+want) {
			t.Errorf("%q: CSP %q, want frame-ancestors 'self' %s", in, got, want)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if !strings.Contains(w.Body.String(), `<meta name="cxquiz-embed-origins" content="`+want+`">`) {
			t.Errorf("%q: the page's list is not %q", in, want)
		}
	}
	for in, why := range map[string]string{
		"https://x.com/embed":   "path",
		"https://x.com:443/a/b": "path",
		"https://x.com?":        "query",
		"https://x.com?a=1":     "query",
		"https://x.com#":        "fragment",
		"https://x.com#top":     "fragment",
		"https://x.com/#top":    "fragment",
	} {
		_, err := New(Config{Banks: banks, Files: hardeningFiles(), EmbedOrigins: in})
		if err == nil || !strings.Contains(err.Error(), strconv.Quote(in)) || !strings.Contains(err.Error(), why) {
			t.Errorf("%q: error %v, want one that names it and its %s", in, err, why)
		}
	}
}
