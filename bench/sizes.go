package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// encodings are the Accept-Encoding values each resource is requested with.
var encodings = []string{"identity", "gzip", "br"}

// resource is one file of a question page.
type resource struct {
	group string // HTML, CSS, JS or wasm
	name  string
	path  string
	// linked: the page loads it (a stylesheet link or a script src);
	// files the bench always lists (go-app's and the quiz's) may not be.
	linked bool
	// byScript: not linked by the page but added by one of its scripts
	// once the page is up (web/quiz.js links the whole quiz.css; the page
	// inlines only the rules it uses): downloaded all the same, after
	// the first paint.
	byScript bool
	// bytes is the median body size per requested encoding, and served
	// the Content-Encoding the server answered with ("" for none).
	bytes  map[string]int64
	served map[string]string
}

type sizes struct {
	resources []*resource
	// inlineStyle is the size of the page's <style> elements, part of
	// the HTML.
	inlineStyle int64
}

var (
	versionParam = regexp.MustCompile(`/web/[^"'?\s]+\?v=([0-9A-Za-z_-]+)`)
	linkTag      = regexp.MustCompile(`(?i)<link\b[^>]*>`)
	relStyle     = regexp.MustCompile(`(?i)\brel="stylesheet"`)
	hrefAttr     = regexp.MustCompile(`(?i)\bhref="([^"]+)"`)
	scriptSrc    = regexp.MustCompile(`(?i)<script\b[^>]*\bsrc="([^"]+)"`)
	styleElement = regexp.MustCompile(`(?is)<style\b[^>]*>(.*?)</style>`)
)

// pageInfo is what the bench reads from the quiz's /q/1.
type pageInfo struct {
	html        string
	version     string   // the ?v= of the versioned /web/ URLs
	styles      []string // linked stylesheets
	scripts     []string
	inlineStyle int64
}

func readPage(ctx context.Context, base string) (*pageInfo, error) {
	body, _, err := fetch(ctx, base+"/q/1", "identity")
	if err != nil {
		return nil, err
	}
	p := &pageInfo{html: string(body)}
	m := versionParam.FindStringSubmatch(p.html)
	if m == nil {
		return nil, errors.New("/q/1 links no versioned /web/ file (?v=…): cannot tell the asset version")
	}
	p.version = m[1]
	for _, tag := range linkTag.FindAllString(p.html, -1) {
		if relStyle.MatchString(tag) {
			if h := hrefAttr.FindStringSubmatch(tag); h != nil {
				p.styles = append(p.styles, h[1])
			}
		}
	}
	for _, s := range scriptSrc.FindAllStringSubmatch(p.html, -1) {
		p.scripts = append(p.scripts, s[1])
	}
	for _, s := range styleElement.FindAllStringSubmatch(p.html, -1) {
		p.inlineStyle += int64(len(s[1]))
	}
	return p, nil
}

// pageResources lists the files of /q/1: the ones the issue names and any
// other it links, each marked as linked or not.
func pageResources(ctx context.Context, base string) ([]*resource, *pageInfo, error) {
	p, err := readPage(ctx, base)
	if err != nil {
		return nil, nil, err
	}
	v := "?v=" + p.version
	res := []*resource{
		{group: "HTML", name: "question page /q/1", path: "/q/1", linked: true},
		{group: "CSS", name: "app.css (go-app)", path: "/app.css"},
		{group: "CSS", name: "web/quiz.css", path: "/web/quiz.css" + v},
		{group: "JS", name: "wasm_exec.js (Go)", path: "/wasm_exec.js"},
		{group: "JS", name: "app.js (go-app)", path: "/app.js"},
		{group: "JS", name: "web/quiz.js", path: "/web/quiz.js" + v},
		{group: "wasm", name: "app.wasm", path: "/web/app.wasm" + v, linked: true},
	}
	mark := func(group string, urls []string) {
	next:
		for _, u := range urls {
			for _, r := range res {
				if r.path == u {
					r.linked = true
					continue next
				}
			}
			res = append(res, &resource{group: group, name: u, path: u, linked: true})
		}
	}
	mark("CSS", p.styles)
	mark("JS", p.scripts)
	for _, r := range res {
		if r.path == "/web/quiz.css"+v && !r.linked && linksQuizJS(p.scripts) {
			r.byScript = true
		}
	}
	return res, p, nil
}

// linksQuizJS reports whether the page loads web/quiz.js, which links
// web/quiz.css when it starts.
func linksQuizJS(scripts []string) bool {
	for _, s := range scripts {
		if strings.Contains(s, "/web/quiz.js") {
			return true
		}
	}
	return false
}

// measureSizes requests every resource in every encoding, runs times, and
// keeps the median body size (they do not vary unless the build does).
// Listed files the server does not have (404) are left out.
func measureSizes(ctx context.Context, base string, runs int) (*sizes, error) {
	res, p, err := pageResources(ctx, base)
	if err != nil {
		return nil, err
	}
	s := &sizes{inlineStyle: p.inlineStyle}
	for _, r := range res {
		r.bytes, r.served = map[string]int64{}, map[string]string{}
		missing := false
		for _, enc := range encodings {
			var ns []float64
			for range runs {
				body, ce, status, err := get1(ctx, base+r.path, enc)
				if err != nil {
					return nil, err
				}
				if status == http.StatusNotFound && !r.linked {
					missing = true
					break
				}
				if status != http.StatusOK {
					return nil, fmt.Errorf("GET %s: status %d", r.path, status)
				}
				ns = append(ns, float64(len(body)))
				r.served[enc] = ce
			}
			if missing {
				break
			}
			r.bytes[enc] = int64(median(ns))
		}
		if !missing {
			s.resources = append(s.resources, r)
		}
	}
	return s, nil
}

// sizeClient never decompresses: the body is what went over the wire.
var sizeClient = &http.Client{
	Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4},
	Timeout:   30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

// get1 GETs a URL with the given Accept-Encoding and returns the body as
// sent, its Content-Encoding and the status.
func get1(ctx context.Context, url, encoding string) ([]byte, string, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", 0, err
	}
	req.Header.Set("Accept-Encoding", encoding)
	resp, err := sizeClient.Do(req)
	if err != nil {
		return nil, "", 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, "", 0, err
	}
	return body, resp.Header.Get("Content-Encoding"), resp.StatusCode, nil
}

// fetch is get1 for a URL that must answer 200.
func fetch(ctx context.Context, url, encoding string) ([]byte, string, error) {
	body, ce, status, err := get1(ctx, url, encoding)
	if err != nil {
		return nil, "", err
	}
	if status != http.StatusOK {
		return nil, "", fmt.Errorf("GET %s: status %d", url, status)
	}
	return body, ce, nil
}

// staticAsset picks the versioned file under /web/ that the load test
// uses as its ceiling: the quiz's stylesheet, or its script.
func staticAsset(ctx context.Context, base string) (string, error) {
	res, _, err := pageResources(ctx, base)
	if err != nil {
		return "", err
	}
	for _, name := range []string{"web/quiz.css", "web/quiz.js"} {
		for _, r := range res {
			if r.name != name {
				continue
			}
			if _, ce, status, err := get1(ctx, base+r.path, "br"); err == nil && status == http.StatusOK && ce == "br" {
				return r.path, nil
			}
		}
	}
	for _, r := range res {
		if strings.HasPrefix(r.path, "/web/") && r.group != "wasm" {
			return r.path, nil
		}
	}
	return "", errors.New("no static file under /web/ to use as the ceiling")
}
