//go:build !wasm

package server

import (
	"bytes"
	"container/list"
	"net/http"
	"sync"
)

// DefaultPageCacheBytes bounds the rendered pages a server keeps.
const DefaultPageCacheBytes = 32 << 20

// pageCache keeps recently rendered pages by their canonical URL (see
// route.Route.Canonical), up to a number of bytes. A page depends only on
// that URL (the language chosen from Accept-Language is part of it by
// then) and the build, so a rendered page can be served again as it is:
// go-app's prerender costs far more than a copy.
type pageCache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // front: most recently used
	items map[string]*list.Element
}

type renderedPage struct {
	key    string
	status int
	header http.Header
	body   []byte
	etag   string // of the identity body, "" for none; -br and -gz mark the others

	// The body compressed, made on first demand: a browser asks for
	// brotli, an older client or a proxy for gzip, rarely both.
	brOnce, gzOnce sync.Once
	br, gz         []byte

	// head, for a page made from a stand-in rendering, is that
	// rendering's head, compressed once: only the rest is compressed here.
	head *compressedHead

	// For a stand-in rendering: its head, once a page is made from it.
	headOnce sync.Once
	ownHead  *compressedHead
}

// brotli returns the body brotli-compressed.
func (p *renderedPage) brotli() []byte {
	p.brOnce.Do(func() {
		if p.head != nil {
			p.br = p.head.brotli(p.body)
		} else {
			p.br = brotliBytes(p.body)
		}
	})
	return p.br
}

// gzipped returns the body gzipped.
func (p *renderedPage) gzipped() []byte {
	p.gzOnce.Do(func() {
		if p.head != nil {
			p.gz = p.head.gzip(p.body)
		} else {
			p.gz = gzipBytes(p.body)
		}
	})
	return p.gz
}

// sharedHead returns the compressed head of a stand-in rendering: its
// body up to the first n bytes, the same in every page made from it.
func (p *renderedPage) sharedHead(n int) *compressedHead {
	p.headOnce.Do(func() { p.ownHead = compressHead(p.body, n) })
	return p.ownHead
}

// bytes is what the page holds, headers and bookkeeping included. Its
// compressed bodies are made later, on demand: they are counted ahead, at
// half the body, more than brotli and gzip together take of a page. (A
// page made from a stand-in rendering shares that rendering's compressed
// head; its half body covers that too, so the bound holds when the
// rendering itself has left the cache.)
func (p *renderedPage) bytes() int64 {
	n := len(p.key) + len(p.body) + len(p.body)/2 + len(p.etag) + 256
	for k, vs := range p.header {
		n += len(k) + 32
		for _, v := range vs {
			n += len(v) + 16
		}
	}
	return int64(n)
}

func newPageCache(maxBytes int64) *pageCache {
	return &pageCache{max: maxBytes, order: list.New(), items: map[string]*list.Element{}}
}

func (c *pageCache) get(key string) (*renderedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*renderedPage), true
}

func (c *pageCache) put(p *renderedPage) {
	n := p.bytes()
	if n > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[p.key]; ok {
		c.size -= e.Value.(*renderedPage).bytes()
		e.Value = p
		c.order.MoveToFront(e)
	} else {
		c.items[p.key] = c.order.PushFront(p)
	}
	c.size += n
	for c.size > c.max {
		last := c.order.Back()
		old := last.Value.(*renderedPage)
		c.order.Remove(last)
		delete(c.items, old.key)
		c.size -= old.bytes()
	}
}

// stats are the number of pages kept and the bytes they hold.
func (c *pageCache) stats() (pages int, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len(), c.size
}

// pageRecorder captures a page as go-app writes it.
type pageRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *pageRecorder) Header() http.Header { return r.header }

func (r *pageRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *pageRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}
