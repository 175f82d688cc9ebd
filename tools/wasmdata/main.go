// Command wasmdata rewrites the data section of a WebAssembly module that
// Go's linker wrote, joining data segments that lie close together in
// memory into one, the bytes between them zeros.
//
// Go's linker starts a new data segment wherever eight or more zero bytes
// would otherwise be written (cmd/link's wasm writeDataSec), which for
// app.wasm made 87,873 segments, most of them two bytes long at a
// 20-byte stride: 0.7 MB of segment headers (an offset and a length
// each) in a 3.3 MB section. The browser copies segment after segment
// into memory when it instantiates the module, on the page's main thread,
// and the headers' offsets compress poorly: joined across gaps of up to
// 64 zero bytes, app.wasm is ~0.9 MB larger raw but ~95 KB smaller with
// brotli, and has fewer than a hundred segments. Memory starts zeroed, so
// the zeros written in the gaps change nothing the program sees.
//
// Usage:
//
//	go run ./tools/wasmdata FILE.wasm
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
)

// maxGap is the largest run of zero bytes written to join two segments.
// Joining over longer gaps (up to 4 KB) saves a few more segments but
// gives back some of the brotli saving; shorter ones leave thousands.
const maxGap = 64

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: wasmdata FILE.wasm")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "wasmdata:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	in, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, before, after, err := joinSegments(in, maxGap)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wasmdata: %s: %d data segments → %d, %d → %d bytes\n", path, before, after, len(in), len(out))
	return nil
}

// segment is an active data segment of memory 0 at a constant offset.
type segment struct {
	offset uint32
	data   []byte
}

// joinSegments returns the module with its data section's segments joined
// where at most maxGap bytes lie between them, and the number of segments
// before and after. A module whose data section holds anything but active
// segments of memory 0 at i32.const offsets, as Go writes them, is an
// error.
func joinSegments(mod []byte, maxGap uint32) (out []byte, before, after int, err error) {
	if len(mod) < 8 || !bytes.Equal(mod[:4], []byte("\x00asm")) {
		return nil, 0, 0, errors.New("not a WebAssembly module")
	}
	var buf bytes.Buffer
	buf.Write(mod[:8])
	found := false
	for p := 8; p < len(mod); {
		start := p
		id := mod[p]
		size, n := binary.Uvarint(mod[p+1:])
		if n <= 0 || uint64(len(mod)-p-1-n) < size {
			return nil, 0, 0, fmt.Errorf("section at %d: bad size", start)
		}
		body := mod[p+1+n : p+1+n+int(size)]
		p += 1 + n + int(size)
		if id != 11 { // not the data section
			buf.Write(mod[start:p])
			continue
		}
		if found {
			return nil, 0, 0, errors.New("two data sections")
		}
		found = true
		segs, err := readSegments(body)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("data section: %w", err)
		}
		joined, err := join(segs, maxGap)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("data section: %w", err)
		}
		sec := writeSegments(joined)
		buf.WriteByte(11)
		buf.Write(binary.AppendUvarint(nil, uint64(len(sec))))
		buf.Write(sec)
		before, after = len(segs), len(joined)
	}
	if !found {
		return nil, 0, 0, errors.New("no data section")
	}
	return buf.Bytes(), before, after, nil
}

func readSegments(b []byte) ([]segment, error) {
	count, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, errors.New("bad count")
	}
	b = b[n:]
	segs := make([]segment, 0, count)
	for i := uint64(0); i < count; i++ {
		// flags 0 (active, memory 0), i32.const OFFSET, end, size, bytes.
		if len(b) < 2 || b[0] != 0 || b[1] != 0x41 {
			return nil, fmt.Errorf("segment %d: not an active segment at a constant offset", i)
		}
		off, n := sleb32(b[2:])
		if n <= 0 || len(b) < 2+n+1 || b[2+n] != 0x0b || off < 0 {
			return nil, fmt.Errorf("segment %d: bad offset", i)
		}
		b = b[2+n+1:]
		size, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < size {
			return nil, fmt.Errorf("segment %d: bad size", i)
		}
		segs = append(segs, segment{offset: uint32(off), data: b[n : n+int(size)]})
		b = b[n+int(size):]
	}
	if len(b) != 0 {
		return nil, errors.New("bytes after the last segment")
	}
	return segs, nil
}

// join sorts the segments by offset and joins neighbours at most maxGap
// bytes apart. Segments that overlap (Go writes none) are an error: which
// one wins depends on their order, which sorting would change.
func join(segs []segment, maxGap uint32) ([]segment, error) {
	s := append([]segment(nil), segs...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].offset < s[j].offset })
	var out []segment
	for _, g := range s {
		if k := len(out) - 1; k >= 0 {
			end := uint64(out[k].offset) + uint64(len(out[k].data))
			if uint64(g.offset) < end {
				return nil, fmt.Errorf("segments overlap at %d", g.offset)
			}
			if uint64(g.offset)-end <= uint64(maxGap) {
				d := out[k].data
				d = append(d, make([]byte, uint64(g.offset)-end)...)
				out[k].data = append(d, g.data...)
				continue
			}
		}
		out = append(out, segment{offset: g.offset, data: append([]byte(nil), g.data...)})
	}
	return out, nil
}

func writeSegments(segs []segment) []byte {
	b := binary.AppendUvarint(nil, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, 0, 0x41)
		b = appendSleb32(b, int32(s.offset))
		b = append(b, 0x0b)
		b = binary.AppendUvarint(b, uint64(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

func sleb32(b []byte) (int64, int) {
	var v int64
	var shift uint
	for i, c := range b {
		if i >= 5 {
			return 0, -1
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if c&0x40 != 0 && shift < 64 {
				v -= 1 << shift
			}
			return v, i + 1
		}
	}
	return 0, -1
}

func appendSleb32(b []byte, v int32) []byte {
	x := int64(v)
	for {
		c := byte(x & 0x7f)
		x >>= 7
		if (x == 0 && c&0x40 == 0) || (x == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
