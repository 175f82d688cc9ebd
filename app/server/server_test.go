//go:build !wasm

package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	_, full := fullCode(t, func(i int) int { return i % 4 })
	partial := bank.Encode(bank.NewAnswers().With(1, 2))
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{`<html lang="en"`, `id="start"`, `href="/q/1"`, "Customer-focused or customer-centric?"}},
		{"/q/1", 200, []string{"Question 1 of 24", `action="/q/1"`, `name="pick"`, `type="radio"`, `id="screen-heading"`}},
		{"/q/2?a=" + partial, 200, []string{"Question 2 of 24", `value="` + partial + `"`, `href="/q/1?a=` + partial + `"`}},
		{"/q/1?a=" + partial, 200, []string{`id="opt-3"`}},
		{"/q/24?a=" + partial, 200, []string{"See my result"}},
		{"/result?a=" + full, 200, []string{`data-level="`, "Dimension by dimension", `role="img"`, "<svg", `id="share-link"`}},
		{"/result?a=" + partial, 200, []string{"Not finished yet", "1 of 24", `href="/q/2?a=` + partial + `"`}},
		{"/result?a=" + full[:10], 400, []string{"This link is damaged", `id="start-over"`}},
		{"/q/3?a=zzz", 400, []string{"This link is damaged"}},
		{"/q/0", 404, []string{"Page not found"}},
		{"/q/27", 404, []string{"Page not found"}},
		{"/q/1/x", 404, []string{"Page not found"}},
		{"/nope", 404, []string{"Page not found"}},
		{"/q/1?pick=9", 400, []string{"Choose the answer", `role="alert"`}},
		{"/q/1?pick=", 400, []string{"Choose the answer"}},
		{"/?lang=xx", 200, []string{`<html lang="en"`}},
		{"/?lang=de", 200, []string{`<html lang="de"`}},
		{"/?a=%zz", 400, []string{"This link is damaged"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, ts, tt.path)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

var rowAttrs = regexp.MustCompile(`<tr ([^>]*)>`)

var locationCode = regexp.MustCompile(`[?&]a=([A-Za-z0-9_-]+)`)

// TestAnsweredIsChecked checks that a question shows its earlier answer,
// and only that one, as chosen.
func TestAnsweredIsChecked(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	_, body := get(t, ts, "/q/1?a="+bank.Encode(bank.NewAnswers().With(1, 2)))
	inputs := regexp.MustCompile(`<input [^>]*type="radio"[^>]*>`).FindAllString(body, -1)
	if len(inputs) != 4 {
		t.Fatalf("%d radios, want 4", len(inputs))
	}
	for i, in := range inputs {
		checked := regexp.MustCompile(`\schecked[\s>=]`).MatchString(in)
		if checked != (i == 2) {
			t.Errorf("radio %d checked=%v: %s", i+1, checked, in)
		}
	}
}

// TestAnswerWithoutChoice: the radios are not required (a required group
// with nothing chosen is invalid to screen readers from the start); the
// form sends an empty pick after them, so that going on without a choice
// reaches the server, which asks for one and only then marks the options
// invalid.
func TestAnswerWithoutChoice(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	_, body := get(t, ts, "/q/1")
	radios := regexp.MustCompile(`<input [^>]*type="radio"[^>]*>`).FindAllStringIndex(body, -1)
	if len(radios) != 4 {
		t.Fatalf("%d radios, want 4", len(radios))
	}
	for _, r := range radios {
		if in := body[r[0]:r[1]]; strings.Contains(in, "required") || strings.Contains(in, "aria-invalid") {
			t.Errorf("a radio of an unanswered question: %s", in)
		}
	}
	empty := -1
	for _, in := range regexp.MustCompile(`<input [^>]*>`).FindAllStringIndex(body, -1) {
		tag := body[in[0]:in[1]]
		if strings.Contains(tag, `type="hidden"`) && strings.Contains(tag, `name="pick"`) && !strings.Contains(tag, `value="`) {
			empty = in[0]
		}
	}
	if empty < radios[3][1] {
		t.Error("the form sends no empty pick after the radios")
	}
	if !regexp.MustCompile(`<h1 [^>]*aria-describedby="progress-label"`).MatchString(body) || !strings.Contains(body, `id="progress-label"`) {
		t.Error("the question's heading is not described by its place in the check (#progress-label)")
	}

	code := bank.Encode(bank.NewAnswers().With(1, 2))
	res, body := get(t, ts, "/q/2?a="+code+"&pick=")
	wantStatus(t, res, http.StatusBadRequest, "the form sent without a choice")
	if !strings.Contains(body, `id="pick-error"`) || !strings.Contains(body, "Choose the answer") {
		t.Error("sent without a choice: the page does not ask for one")
	}
	if n := strings.Count(body, `aria-invalid="true"`); n != 4 {
		t.Errorf("sent without a choice: %d options marked invalid, want 4", n)
	}
	res, _ = get(t, ts, "/q/2?pick=4&a="+code+"&pick=")
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/q/3?a="+bank.Encode(bank.NewAnswers().With(1, 2).With(2, 3))) {
		t.Errorf("sent with a choice: %d to %q, want 303 to question 3", res.StatusCode, loc)
	}
}

func TestAnswerRedirects(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	res, _ := get(t, ts, "/q/1?pick=2")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	m := locationCode.FindStringSubmatch(loc)
	if !strings.HasPrefix(loc, "/q/2?") || m == nil {
		t.Fatalf("Location %q, want /q/2 with a code", loc)
	}
	a, err := bank.Decode(m[1])
	if err != nil || a.Get(1) != 1 || a.Answered() != 1 {
		t.Fatalf("code in %q decodes to %v, %v", loc, a, err)
	}
	// Display options travel along.
	res, _ = get(t, ts, "/q/1?pick=1&lang=de&embed=1")
	if loc := res.Header.Get("Location"); !strings.Contains(loc, "lang=de") || !strings.Contains(loc, "embed=1") {
		t.Errorf("Location %q lost the display options", loc)
	}
}

// TestWholeQuizWithoutWasm answers every question the way a browser
// without JavaScript does, through the forms and redirects, and checks
// the result page against quiz.Score.
func TestWholeQuizWithoutWasm(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	want, _ := fullCode(t, func(i int) int { return (i * 7) % 4 })
	path := "/q/1"
	for i := range want {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		res, _ := get(t, ts, path+sep+"pick="+strconv.Itoa(want[i]+1))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("answering question %d at %s: status %d", i+1, path, res.StatusCode)
		}
		path = res.Header.Get("Location")
	}
	if !strings.HasPrefix(path, "/result?") {
		t.Fatalf("after the last answer: %s, want the result", path)
	}
	res, body := get(t, ts, path)
	if res.StatusCode != 200 {
		t.Fatalf("result status %d", res.StatusCode)
	}
	r, err := bank.Score(want)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, `data-level="`+r.Level.ID+`"`) || !strings.Contains(body, `data-overall="`+strconv.Itoa(r.Overall)+`"`) {
		t.Errorf("result page does not show level %s overall %d", r.Level.ID, r.Overall)
	}
	rows := map[string]bool{}
	for _, m := range rowAttrs.FindAllStringSubmatch(body, -1) {
		dim := regexp.MustCompile(`data-dimension="([^"]*)"`).FindStringSubmatch(m[1])
		score := regexp.MustCompile(`data-score="([^"]*)"`).FindStringSubmatch(m[1])
		if dim != nil && score != nil {
			rows[dim[1]+"="+score[1]] = true
		}
	}
	for _, d := range r.Dimensions {
		if row := d.Dimension.ID + "=" + strconv.Itoa(d.Score); !rows[row] {
			t.Errorf("result page lacks the row %s; has %v", row, rows)
		}
	}
}

func TestAssets(t *testing.T) {
	t.Parallel()
	s, ts := testServer(t)
	v := "?v=" + s.version
	tests := []struct {
		name, path, accept string
		status             int
		encoding, body     string
		cache              string
	}{
		{"brotli", "/web/app.wasm" + v, "gzip, deflate, br", 200, "br", "brotli-bytes", "immutable"},
		{"gzip", "/web/app.wasm" + v, "gzip", 200, "gzip", "gzip-bytes", "immutable"},
		{"br refused", "/web/app.wasm", "br;q=0, gzip", 200, "gzip", "gzip-bytes", "no-cache"},
		{"identity", "/web/app.wasm", "", 200, "", strings.Repeat("wasm", 1000), "no-cache"},
		{"old version", "/web/quiz.css?v=old", "br", 200, "", "body{}", "no-cache"},
		{"variant larger than file", "/robots.txt", "br", 200, "", "User-agent: *\n", "no-cache"},
		{"go source", "/web/web.go", "", 404, "", "", ""},
		{"missing", "/web/nope.js", "", 404, "", "", ""},
		{"traversal", "/web/../app/main.go", "", 404, "", "", ""},
		{"encoded traversal", "/web/%2e%2e%2fmain.go", "", 404, "", "", ""},
		{"subdir", "/web/a/b.css", "", 404, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, ts, tt.path, "Accept-Encoding", tt.accept)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if got := res.Header.Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Content-Encoding %q, want %q", got, tt.encoding)
			}
			if body != tt.body {
				t.Errorf("body %q, want %q", body, tt.body)
			}
			if got := res.Header.Get("Content-Length"); got != strconv.Itoa(len(tt.body)) {
				t.Errorf("Content-Length %s, want %d", got, len(tt.body))
			}
			if !strings.Contains(res.Header.Get("Cache-Control"), tt.cache) {
				t.Errorf("Cache-Control %q, want %q", res.Header.Get("Cache-Control"), tt.cache)
			}
		})
	}
	res, _ := get(t, ts, "/web/app.wasm"+v, "Accept-Encoding", "br")
	if res.Header.Get("Vary") != "Accept-Encoding" || res.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("headers %v", res.Header)
	}
	res2, _ := get(t, ts, "/web/app.wasm"+v, "Accept-Encoding", "br", "If-None-Match", res.Header.Get("ETag"))
	if res2.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: status %d, want 304", res2.StatusCode)
	}
	res3, _ := get(t, ts, "/web/app.wasm"+v, "Accept-Encoding", "gzip", "If-None-Match", res.Header.Get("ETag"))
	if res3.StatusCode != http.StatusOK {
		t.Errorf("the brotli ETag matched the gzip variant")
	}
}

func TestGoAppResources(t *testing.T) {
	t.Parallel()
	s, ts := testServer(t)
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js", "/manifest.webmanifest"} {
		res, body := get(t, ts, p)
		if res.StatusCode != 200 || body == "" {
			t.Errorf("%s: status %d, %d bytes", p, res.StatusCode, len(body))
		}
		if strings.Contains(body, "raw.githubusercontent.com") || strings.Contains(body, "https://") && p == "/manifest.webmanifest" {
			t.Errorf("%s refers to another host", p)
		}
	}
	_, js := get(t, ts, "/app.js")
	if !strings.Contains(js, `"/web/app.wasm?v=`+s.version+`"`) {
		t.Errorf("app.js does not load the versioned wasm")
	}
	if !strings.Contains(js, `goappWasmContentLength = "4000"`) {
		t.Errorf("app.js lacks the raw wasm length for its progress")
	}
}

var urlAttr = regexp.MustCompile(`(?:src|href|action)="([^"]*)"`)

// TestSelfHosted checks that no page makes the browser ask another host.
func TestSelfHosted(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	_, full := fullCode(t, func(i int) int { return 3 })
	for _, p := range []string{"/", "/q/5", "/result?a=" + full, "/nope"} {
		_, body := get(t, ts, p)
		for _, m := range urlAttr.FindAllStringSubmatch(body, -1) {
			if !strings.HasPrefix(m[1], "/") {
				t.Errorf("%s refers to %q", p, m[1])
			}
		}
	}
}

func TestAcceptLanguage(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	res, body := get(t, ts, "/", "Accept-Language", "fr-CH, de;q=0.9, en;q=0.8")
	if !strings.Contains(body, `<html lang="de"`) || !strings.Contains(body, `href="/q/1?lang=de"`) {
		t.Errorf("German was not chosen")
	}
	if !strings.Contains(res.Header.Get("Vary"), "Accept-Language") {
		t.Errorf("Vary %q", res.Header.Get("Vary"))
	}
	_, body = get(t, ts, "/?lang=en", "Accept-Language", "de")
	if !strings.Contains(body, `<html lang="en"`) {
		t.Errorf("?lang=en did not win over Accept-Language")
	}
	_, body = get(t, ts, "/", "Accept-Language", "fr, *;q=0.1")
	if !strings.Contains(body, `<html lang="en"`) || strings.Contains(body, "lang=en") {
		t.Errorf("an unknown language should give English with plain links")
	}
}

func TestMethodsAndLimits(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	res, err := ts.Client().Post(ts.URL+"/q/1", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
	// An address too long to be a link the quiz made, and one whose query
	// cannot be read, get the page that explains a damaged link, in the
	// browser's language, with a way back to the start.
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/q/1?a=" + strings.Repeat("A", 3000), http.StatusRequestURITooLong},
		{"/result?a=%zz", http.StatusBadRequest},
	} {
		res, body := get(t, ts, tc.path, "Accept-Language", "de-AT,de;q=0.9", "Accept-Encoding", "identity")
		if res.StatusCode != tc.status || !strings.Contains(body, `<html lang="de"`) || !strings.Contains(body, `id="start-over"`) ||
			!strings.Contains(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(res.Header.Get("Vary"), "Accept-Language") {
			t.Errorf("%.40s… in German: status %d (want %d), %s, Vary %q; want a German HTML page with a way to start over",
				tc.path, res.StatusCode, tc.status, res.Header.Get("Content-Type"), res.Header.Get("Vary"))
		}
	}
	q := url.Values{}
	for i := 0; i < 40; i++ {
		q.Set("p"+strconv.Itoa(i), "1")
	}
	res, _ = get(t, ts, "/?"+q.Encode())
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("many parameters: %d", res.StatusCode)
	}
	res, body := get(t, ts, "/healthz")
	if res.StatusCode != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthz: %d %q", res.StatusCode, body)
	}
}

// TestQueryOnlyOnPages checks that a query no page could read spoils only
// pages: the health check and the files answer as ever.
func TestQueryOnlyOnPages(t *testing.T) {
	t.Parallel()
	s, ts := testServer(t)
	for _, tt := range []struct {
		target string
		status int
	}{
		{"/healthz?%", 200},
		{"/healthz?a=%zz&" + manyParams(40), 200},
		{"/web/quiz.css?%", 200},
		{"/web/app.wasm?v=" + s.version + "&%zz", 200},
		{"/robots.txt?;", 200},
		{"/embed.js?%", 200},
		{"/app.js?%", 200},
		{"/?%", 400},
		{"/q/1?" + manyParams(40), 400},
	} {
		res, _ := rawGet(t, ts, "GET", tt.target)
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.target, res.StatusCode, tt.status)
		}
	}
}

// TestLinkPreviews checks og:url and og:image: absolute URLs with
// -domain, left out without, never a broken https:// URL.
func TestLinkPreviews(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	for _, p := range []string{"/", "/q/2", "/nope"} {
		_, body := get(t, ts, p)
		if strings.Contains(body, "og:url") || strings.Contains(body, "og:image") || strings.Contains(body, `"https://`) {
			t.Errorf("%s without -domain: link-preview tags with broken URLs", p)
		}
		if !strings.Contains(body, `property="og:title"`) {
			t.Errorf("%s: og:title went too", p)
		}
	}
	s, err := New(Config{Banks: pageBanks, Files: hardeningFiles(), Domain: "quiz.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/q/2", nil))
	for _, want := range []string{`content="https://quiz.example.com/q/2"`, `content="https://quiz.example.com/web/icon-512.png`} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("with -domain: the page lacks %s", want)
		}
	}
	dir := t.TempDir()
	s2, _ := testServer(t)
	if err := s2.Export(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "q/3.html", "404.html"} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		if len(b) == 0 || strings.Contains(string(b), "https:///") || strings.Contains(string(b), `"https://"`) {
			t.Errorf("exported %s has a broken link preview", f)
		}
	}
}

func TestARIATrue(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`<input aria-invalid id="x">`:                   `<input aria-invalid="true" id="x">`,
		`<span aria-hidden>a</span><b aria-current>`:    `<span aria-hidden="true">a</span><b aria-current="true">`,
		`<p aria-live="polite" aria-hidden="false">`:    `<p aria-live="polite" aria-hidden="false">`,
		`<p>a text that names aria- attributes</p>`:     `<p>a text that names aria- attributes</p>`,
		`<h1 aria-describedby="progress-label" hidden>`: `<h1 aria-describedby="progress-label" hidden>`,
		`no tags at all`:                     `no tags at all`,
		`<p>text with aria-hidden in it</p>`: `<p>text with aria-hidden in it</p>`,
	} {
		if got := string(ariaTrue([]byte(in))); got != want {
			t.Errorf("ariaTrue(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestResultWithoutScript: the result as the server sends it. With
// -domain its share link is whole (https://DOMAIN/…); without, the link
// field is left to quiz.js, which completes it, and a page without
// JavaScript offers the link to open instead (noscript), never a path
// that passes for a link. Copy and Print, which only quiz.js makes work,
// and the sentence about what quiz.js keeps come hidden for quiz.js to
// show (data-js).
func TestResultWithoutScript(t *testing.T) {
	t.Parallel()
	_, code := fullCode(t, func(i int) int { return i % 4 })
	share := "/result?a=" + code + "&shared=1"
	tag := func(body, id string) string {
		return regexp.MustCompile(`<[a-z]+ [^>]*id="` + id + `"[^>]*>`).FindString(body)
	}
	scriptOnly := func(t *testing.T, body, what, el string) {
		t.Helper()
		if el == "" || !strings.Contains(el, " hidden") || !strings.Contains(el, `data-js="1"`) {
			t.Errorf("%s is not hidden for quiz.js to show: %q", what, el)
		}
	}
	kept := func(body string) string {
		i := strings.Index(body, `id="kept"`)
		if i < 0 {
			return ""
		}
		return body[i:]
	}

	t.Run("domain", func(t *testing.T) {
		t.Parallel()
		_, ts := startTest(t, Config{Banks: pageBanks, Files: hardeningFiles(), Domain: "Quiz.Example.com"})
		_, body := get(t, ts, "/result?a="+code)
		link := "https://quiz.example.com" + share
		if in := tag(body, "share-link"); !strings.Contains(in, `value="`+link+`"`) {
			t.Errorf("the share link is %q, want the value %s", in, link)
		}
		if !strings.Contains(body, `<span class="print-link">`+strings.ReplaceAll(link, "&", "&amp;")+`</span>`) {
			t.Errorf("the printed link is not %s", link)
		}
		if strings.Contains(body, "<noscript>") {
			t.Error("a whole link, yet the page offers a link to open without JavaScript")
		}
		scriptOnly(t, body, "Copy", tag(body, "copy"))
		scriptOnly(t, body, "Print", tag(body, "print"))
		// Someone's own path never leaks the host into another page.
		_, q := get(t, ts, "/result?a="+code+"&_origin=https://evil.example")
		if strings.Contains(q, "evil.example") {
			t.Error("the request's _origin reached the page")
		}
	})

	t.Run("no-domain", func(t *testing.T) {
		t.Parallel()
		_, ts := testServer(t)
		for _, path := range []string{"/result?a=" + code, "/result?a=" + code + "&_origin=https://evil.example"} {
			_, body := get(t, ts, path)
			if strings.Contains(body, "evil.example") {
				t.Errorf("%s: the request's _origin reached the page", path)
			}
			field := regexp.MustCompile(`<div [^>]*class="share-field"[^>]*>`).FindString(body)
			scriptOnly(t, body, "the field with the link as a path", field)
			scriptOnly(t, body, "Copy", tag(body, "copy"))
			scriptOnly(t, body, "Print", tag(body, "print"))
			scriptOnly(t, body, "the printed link as a path", regexp.MustCompile(`<p [^>]*class="print-only"[^>]*>`).FindString(body))
			ns := regexp.MustCompile(`(?s)<noscript>(.*?)</noscript>`).FindStringSubmatch(body)
			if ns == nil || !strings.Contains(ns[1], `href="`+strings.ReplaceAll(share, "&", "&amp;")+`"`) && !strings.Contains(ns[1], `href="`+share+`"`) {
				t.Errorf("without JavaScript, no link to open: %v", ns)
			}
		}
	})

	t.Run("kept", func(t *testing.T) {
		t.Parallel()
		_, ts := testServer(t)
		for _, path := range []string{"/", "/result?a=" + code} {
			_, body := get(t, ts, path)
			k := kept(body)
			p := regexp.MustCompile(`<p[^>]*>[^<]*7 days`).FindString(k)
			if p == "" || !strings.Contains(p, " hidden") || !strings.Contains(p, `data-js="1"`) {
				t.Errorf("%s: what quiz.js keeps for 7 days is said without JavaScript: %q", path, p)
			}
		}
	})
}
