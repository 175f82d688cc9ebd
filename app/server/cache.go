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
	// heads counts the pages kept that share each head; a head is in
	// size once, while any page kept shares it.
	heads map[*compressedHead]int
}

type renderedPage struct {
	key    string
	status int
	header http.Header
	body   []byte // after head, if any
	etag   string // of the identity body, "" for none; -br and -gz mark the others

	// The body compressed, made on first demand: a browser asks for
	// brotli, an older client or a proxy for gzip, rarely both.
	brOnce, gzOnce sync.Once
	br, gz         []byte

	// head, for a page made from a stand-in rendering, is the start of
	// the page, shared with every page made from that rendering and
	// compressed once: body and its compressed forms are only the rest.
	head *compressedHead

	// For a stand-in rendering: its head, once a page is made from it.
	headOnce sync.Once
	ownHead  *compressedHead
}

// plain returns the page as it is, in the parts it is sent in.
func (p *renderedPage) plain() [][]byte {
	if p.head != nil {
		return [][]byte{p.head.raw, p.body}
	}
	return [][]byte{p.body}
}

// brotli returns the page brotli-compressed, in parts.
func (p *renderedPage) brotli() [][]byte {
	p.brOnce.Do(func() {
		if p.head != nil {
			p.br = p.head.brotli(p.body)
		} else {
			p.br = brotliBytes(p.body)
		}
	})
	if p.head != nil {
		return [][]byte{p.head.br, p.br}
	}
	return [][]byte{p.br}
}

// gzipped returns the page gzipped, in parts.
func (p *renderedPage) gzipped() [][]byte {
	p.gzOnce.Do(func() {
		if p.head != nil {
			p.gz = p.head.gzip(p.body)
		} else {
			p.gz = gzipBytes(p.body)
		}
	})
	if p.head != nil {
		return [][]byte{p.head.gz, p.gz}
	}
	return [][]byte{p.gz}
}

// whole returns the page in one piece.
func (p *renderedPage) whole() []byte {
	if p.head == nil {
		return p.body
	}
	return append(p.head.raw[:len(p.head.raw):len(p.head.raw)], p.body...)
}

// sharedHead returns the compressed head of a stand-in rendering: the
// page up to its first n bytes, the same in every page made from it.
func (p *renderedPage) sharedHead(n int) *compressedHead {
	p.headOnce.Do(func() { p.ownHead = compressHead(p.whole(), n) })
	return p.ownHead
}

// bytes is what the page holds, headers and bookkeeping included. Its
// compressed bodies are made later, on demand: they are counted ahead, at
// half the body, more than brotli and gzip together take of a page. A
// shared head is not in it: the cache counts each head once.
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
	return &pageCache{max: maxBytes, order: list.New(), items: map[string]*list.Element{}, heads: map[*compressedHead]int{}}
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
	if p.head != nil {
		n += p.head.bytes()
	}
	if n > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[p.key]; ok {
		c.release(e.Value.(*renderedPage))
		e.Value = p
		c.order.MoveToFront(e)
	} else {
		c.items[p.key] = c.order.PushFront(p)
	}
	c.size += p.bytes()
	if h := p.head; h != nil {
		if c.heads[h] == 0 {
			c.size += h.bytes()
		}
		c.heads[h]++
	}
	for c.size > c.max {
		last := c.order.Back()
		old := last.Value.(*renderedPage)
		c.order.Remove(last)
		delete(c.items, old.key)
		c.release(old)
	}
}

// release takes the bytes of a page leaving the cache out of its size,
// and those of its head with the last page that shares it.
func (c *pageCache) release(p *renderedPage) {
	c.size -= p.bytes()
	if h := p.head; h != nil {
		if c.heads[h]--; c.heads[h] == 0 {
			delete(c.heads, h)
			c.size -= h.bytes()
		}
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
