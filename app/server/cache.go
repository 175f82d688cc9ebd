//go:build !wasm

package server

import (
	"bytes"
	"container/list"
	"net/http"
	"sync"
)

// pageCache keeps recently rendered pages by URL. A page depends only on
// its URL (the language chosen from Accept-Language is part of it by then)
// and the build, so a rendered page can be served again as it is: go-app's
// prerender costs far more than a copy.
type pageCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used
	items map[string]*list.Element
}

type renderedPage struct {
	key    string
	status int
	header http.Header
	body   []byte

	// The body compressed, made on first demand: a browser asks for
	// brotli, an older client or a proxy for gzip, rarely both.
	brOnce, gzOnce sync.Once
	br, gz         []byte
}

// brotli returns the body brotli-compressed.
func (p *renderedPage) brotli() []byte {
	p.brOnce.Do(func() { p.br = brotliBytes(p.body) })
	return p.br
}

// gzipped returns the body gzipped.
func (p *renderedPage) gzipped() []byte {
	p.gzOnce.Do(func() { p.gz = gzipBytes(p.body) })
	return p.gz
}

func newPageCache(max int) *pageCache {
	return &pageCache{max: max, order: list.New(), items: map[string]*list.Element{}}
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
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[p.key]; ok {
		e.Value = p
		c.order.MoveToFront(e)
		return
	}
	c.items[p.key] = c.order.PushFront(p)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*renderedPage).key)
	}
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
