//go:build !wasm

package server

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestMemoryBounded asks for 20,000 distinct URLs: 16,000 results and
// questions with junk parameters that do not change the page (which must
// share the cached page), and 4,000 distinct answer codes. The page cache
// stays within its bytes, and the Go heap within a stated bound: the
// page cache's 32 MB plus 48 MB for everything else.
//
// Not parallel: the heap is measured alone.
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 20,000 requests")
	}
	s, _ := testServer(t)
	_, full := fullCode(t, func(i int) int { return i % 4 })
	serve := func(target string) {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", target, w.Code)
		}
	}
	serve("/result?a=" + full)
	pages, _ := s.pages.stats()
	for i := range 100 {
		serve("/result?a=" + full + "&x=" + strconv.Itoa(i))
		serve("/result?utm_source=" + strconv.Itoa(i) + "&a=" + full)
	}
	if after, _ := s.pages.stats(); after != pages {
		t.Errorf("200 URLs that differ only in junk parameters added %d pages to the cache, want 0", after-pages)
	}
	n := 200
	for i := 0; i < 4000; i++ {
		a := bank.NewAnswers()
		for q := range a {
			a[q] = (i >> (2 * (q % 6))) & 3
		}
		last := len(a)
		a[last-1] = i % 4
		if i%4 != 0 {
			serve("/q/" + strconv.Itoa(1+i%last) + "?a=" + bank.Encode(a))
		} else {
			serve("/result?a=" + bank.Encode(a))
		}
		n++
		for j := range 4 {
			// Junk on the pages just seen and on the first.
			serve("/result?a=" + full + "&junk" + strconv.Itoa(i) + "=" + strconv.Itoa(j))
			n++
		}
	}
	pages, size := s.pages.stats()
	if size > DefaultPageCacheBytes {
		t.Errorf("the page cache holds %d bytes, more than its %d", size, DefaultPageCacheBytes)
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	const bound = DefaultPageCacheBytes + 48<<20
	t.Logf("after %d URLs: %d pages, %.1f MB in the page cache, Go heap %.1f MB (bound %d MB)", n, pages, float64(size)/(1<<20), float64(m.HeapAlloc)/(1<<20), bound>>20)
	if m.HeapAlloc > bound {
		t.Errorf("Go heap %d MB after %d distinct URLs, more than the stated %d MB", m.HeapAlloc>>20, n, bound>>20)
	}
}

// TestETagPerRepresentation checks that each language and encoding of a
// page has its own validator, and error pages none.
func TestETagPerRepresentation(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	res, _ := get(t, ts, "/", "Accept-Language", "en", "Accept-Encoding", "identity")
	en := res.Header.Get("ETag")
	res, body := get(t, ts, "/", "Accept-Language", "de", "Accept-Encoding", "identity", "If-None-Match", en)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `<html lang="de"`) {
		t.Errorf("German after English: status %d; the English page's ETag %s matched", res.StatusCode, en)
	}
	de := res.Header.Get("ETag")
	if en == "" || de == "" || en == de {
		t.Errorf("ETags %q (en) and %q (de)", en, de)
	}
	res, _ = get(t, ts, "/", "Accept-Language", "de", "Accept-Encoding", "identity", "If-None-Match", de)
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidating the German page: status %d, want 304", res.StatusCode)
	}
	res, _ = get(t, ts, "/", "Accept-Language", "de", "Accept-Encoding", "gzip", "If-None-Match", de)
	if gz := res.Header.Get("ETag"); res.StatusCode != http.StatusOK || gz == de || res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("gzip with the identity ETag: status %d, ETag %q", res.StatusCode, gz)
	}
	res, _ = get(t, ts, "/q/2", "If-None-Match", en)
	if res.StatusCode != http.StatusOK {
		t.Errorf("another page with the intro's ETag: status %d", res.StatusCode)
	}
	for _, p := range []string{"/result?a=zzz", "/nope", "/q/1?pick=9", "/?a=%zz"} {
		res, _ := get(t, ts, p)
		if etag := res.Header.Get("ETag"); etag != "" {
			t.Errorf("%s: status %d with ETag %s", p, res.StatusCode, etag)
		}
		for _, tag := range []string{en, `"` + testVersion(t, ts) + `"`} {
			if res, _ := get(t, ts, p, "If-None-Match", tag); res.StatusCode == http.StatusNotModified {
				t.Errorf("%s: 304 for %s", p, tag)
			}
		}
	}
}

// testVersion is the build version the server's assets are linked with.
func testVersion(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	_, body := get(t, ts, "/app.js")
	i := strings.Index(body, "/web/app.wasm?v=")
	if i < 0 {
		t.Fatal("app.js does not name the version")
	}
	v, _, _ := strings.Cut(body[i+len("/web/app.wasm?v="):], `"`)
	return v
}

// TestNoStoreWithAnswers checks that pages whose URL holds answers are
// never stored by the browser, and that the others may be kept.
func TestNoStoreWithAnswers(t *testing.T) {
	t.Parallel()
	_, ts := testServer(t)
	_, full := fullCode(t, func(i int) int { return i % 4 })
	for _, p := range []string{"/q/1", "/q/3?a=" + full, "/result?a=" + full, "/result?a=zzz", "/compare?r=" + full, "/q/1?pick=2", "/q/1?pick=9"} {
		res, _ := get(t, ts, p)
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("%s: status %d, Cache-Control %q, want no-store", p, res.StatusCode, cc)
		}
	}
	for _, p := range []string{"/", "/nope"} {
		res, _ := get(t, ts, p)
		if cc := res.Header.Get("Cache-Control"); strings.Contains(cc, "no-store") {
			t.Errorf("%s: Cache-Control %q", p, cc)
		}
	}
}

// Pages made from one stand-in rendering share its head: the cache counts
// it once, while any page that shares it is kept, and the bound holds
// with it.
func TestCacheCountsSharedHeadOnce(t *testing.T) {
	head := compressHead(bytes.Repeat([]byte("<p>the same start</p>"), 500), 10000)
	page := func(key string) *renderedPage {
		return &renderedPage{key: key, status: 200, header: http.Header{}, body: []byte("<p>" + key + "</p>"), head: head}
	}
	one := page("a").bytes()
	c := newPageCache(4*one + head.bytes())
	c.put(page("a"))
	c.put(page("b"))
	if _, size := c.stats(); size != 2*one+head.bytes() {
		t.Errorf("two pages with one head: %d bytes, want %d", size, 2*one+head.bytes())
	}
	c.put(page("b")) // again: replaced, not added
	for _, k := range []string{"c", "d", "e", "f"} {
		c.put(page(k))
	}
	if n, size := c.stats(); n != 4 || size != 4*one+head.bytes() {
		t.Errorf("after six pages in a cache for four: %d pages, %d bytes, want 4, %d", n, size, 4*one+head.bytes())
	}
	// A page that fits only once the four and their head are gone.
	big := &renderedPage{key: "big", status: 200, header: http.Header{}, body: make([]byte, 6000)}
	if b := big.bytes(); b > c.max || b+one+head.bytes() <= c.max {
		t.Fatalf("the test's big page (%d bytes) does not fit the case", b)
	}
	c.put(big)
	if n, size := c.stats(); n != 1 || size != big.bytes() || len(c.heads) != 0 {
		t.Errorf("after a page as large as the rest: %d pages, %d bytes, %d heads; want the head gone with its pages", n, size, len(c.heads))
	}
}
