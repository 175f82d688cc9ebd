//go:build !wasm

package server

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"io"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/andybalholm/brotli/matchfinder"
)

// A question page made for its URL is its question's stand-in rendering
// with the stand-in code replaced (screens.StandIn), and the code appears
// only near its end: the head before it (the inlined styles, the
// question, its options; about 95 % of the page) is the same for every
// URL of that rendering. The head is compressed once per rendering, and a
// page made per URL keeps and compresses only its tail, sent after the
// head's compressed stream. Both formats allow it: a stream can be flushed to a
// byte boundary and go on with more blocks.

// compressedHead is the head of a page, compressed once and shared by
// every page made from the same stand-in rendering.
type compressedHead struct {
	raw []byte // the head itself
	br  []byte // brotli stream of the head, flushed, not finished
	gz  []byte // gzip header and deflate blocks of the head, flushed, not final
	crc uint32 // CRC-32 of the head, continued over the tail for gzip
}

// compressHead compresses the first n bytes of a page.
func compressHead(page []byte, n int) *compressedHead {
	head := page[:n:n]
	h := &compressedHead{raw: head, crc: crc32.ChecksumIEEE(head)}

	var br bytes.Buffer
	bw := headWriters.Get().(*brotli.Writer)
	bw.Reset(&br)
	bw.Write(head)
	bw.Flush()
	headWriters.Put(bw)
	h.br = br.Bytes()

	gz := bytes.NewBuffer([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}) // gzip header: deflate, no name, no time, OS unknown
	fw := flateWriters.Get().(*flate.Writer)
	fw.Reset(gz)
	fw.Write(head)
	fw.Flush()
	flateWriters.Put(fw)
	h.gz = gz.Bytes()
	return h
}

// bytes is what a head holds, for the page cache's bound.
func (h *compressedHead) bytes() int64 {
	return int64(len(h.raw) + len(h.br) + len(h.gz) + 64)
}

// brotli returns the brotli blocks of tail that follow h.br to make the
// stream of the page h.raw+tail. The tail is encoded by the brotli package's block encoder
// (the one its matchfinder writer uses): as blocks that start with a
// fresh distance cache, so they follow any stream, and that may copy
// from the last bytes of the head, which the match finder is shown first.
// The encoder's stream header is cut off: the head's stream has one.
func (h *compressedHead) brotli(tail []byte) []byte {
	t := tailEncoders.Get().(*tailEncoder)
	defer tailEncoders.Put(t)
	t.mf.Reset()
	t.enc.Reset()
	t.matches = t.mf.FindMatches(t.matches[:0], h.raw[max(0, len(h.raw)-tailHistory):])
	t.matches = t.mf.FindMatches(t.matches[:0], tail)
	t.out = t.enc.Encode(t.out[:0], tail, t.matches, false)
	t.out = t.enc.Encode(t.out, nil, nil, true) // an empty last block: ISLAST and ISLASTEMPTY, both 1
	return appendUnshifted(make([]byte, 0, len(t.out)), t.out, brotliHeaderBits)
}

// tailHistory is how much of the head a tail's matches may copy from: the
// markup just before it. Measured on question pages: 466 bytes of tail
// with 4 KiB, 521 with none, 460 with the whole head at twice the time.
const tailHistory = 4 << 10

// tailEncoder encodes tails; pooled, since its match finder holds a
// table of 256 KiB.
type tailEncoder struct {
	mf      matchfinder.ZFast
	enc     brotli.Encoder
	matches []matchfinder.Match
	out     []byte
}

var tailEncoders = sync.Pool{New: func() any { return &tailEncoder{mf: matchfinder.ZFast{MaxDistance: 1 << 16}} }}

// brotliHeaderBits is the size of the stream header the matchfinder
// writer's encoder starts with (its window size).
const brotliHeaderBits = 4

// appendUnshifted appends the bits of src after its first k (k < 8) to
// dst, from a byte boundary. src ends with a 1 bit and zero padding (the
// empty last block), so the bytes after the last non-zero one are
// padding.
func appendUnshifted(dst, src []byte, k uint) []byte {
	for i := range src {
		b := src[i] >> k
		if i+1 < len(src) {
			b |= src[i+1] << (8 - k)
		}
		dst = append(dst, b)
	}
	for len(dst) > 0 && dst[len(dst)-1] == 0 {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// gzip returns what follows h.gz to make the gzip stream of the page
// h.raw+tail: the tail's deflate blocks and the trailer over the whole
// page.
func (h *compressedHead) gzip(tail []byte) []byte {
	buf := bytes.NewBuffer(make([]byte, 0, len(tail)/2+64))
	fw := flateWriters.Get().(*flate.Writer)
	fw.Reset(buf)
	fw.Write(tail)
	fw.Close()
	flateWriters.Put(fw)
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], crc32.Update(h.crc, crc32.IEEETable, tail))
	binary.LittleEndian.PutUint32(trailer[4:], uint32(len(h.raw)+len(tail)))
	buf.Write(trailer[:])
	return buf.Bytes()
}

// brotliBytes compresses a page at a quality as quick as gzip's default
// that still makes it a good deal smaller than gzip does.
// Its writers are pooled: each holds a megabyte of buffers.
func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	bw := brotliWriters.Get().(*brotli.Writer)
	bw.Reset(&buf)
	bw.Write(b)
	bw.Close()
	brotliWriters.Put(bw)
	return buf.Bytes()
}

var brotliWriters = sync.Pool{New: func() any { return brotli.NewWriterLevel(io.Discard, 5) }}

// headWriters compress heads, once per stand-in rendering, a little
// harder than whole pages: on a question page quality 9 takes about 1.5×
// the time of 5 and saves about 80 bytes, which makes up for most of what
// a tail compressed on its own adds. (Quality 10 and 11 save 400 more but
// take 35× the time; any new rendering would cost that.)
var headWriters = sync.Pool{New: func() any { return brotli.NewWriterLevel(io.Discard, 9) }}

var (
	gzipWriters = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
		return w
	}}
	flateWriters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
		return w
	}}
)

// gzipBytes compresses a page; pages are small, and speed matters more
// than the last percent.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(b)
	zw.Close()
	gzipWriters.Put(zw)
	return buf.Bytes()
}
