package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
)

// module returns a module with a memory and a data section of segs, in
// the order given.
func module(segs []segment) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = append(b, 5, 3, 1, 0, 1) // memory section: one memory, min 1 page
	sec := writeSegments(segs)
	b = append(b, 11)
	b = binary.AppendUvarint(b, uint64(len(sec)))
	b = append(b, sec...)
	return append(b, 0, 4, 3, 'x', 'y', 'z') // a custom section after it
}

// image is the memory the module's data segments make, in their order.
func image(t *testing.T, mod []byte) []byte {
	t.Helper()
	var segs []segment
	for p := 8; p < len(mod); {
		size, n := binary.Uvarint(mod[p+1:])
		if mod[p] == 11 {
			var err error
			if segs, err = readSegments(mod[p+1+n : p+1+n+int(size)]); err != nil {
				t.Fatal(err)
			}
		}
		p += 1 + n + int(size)
	}
	var mem []byte
	for _, s := range segs {
		if end := int(s.offset) + len(s.data); end > len(mem) {
			mem = append(mem, make([]byte, end-len(mem))...)
		}
		copy(mem[s.offset:], s.data)
	}
	return mem
}

func TestJoinKeepsMemory(t *testing.T) {
	segs := []segment{
		{offset: 200000, data: []byte("far")},
		{offset: 100, data: []byte("ab")},
		{offset: 120, data: []byte("cd")},   // 18 zeros after "ab": joined
		{offset: 122, data: []byte("ef")},   // adjacent: joined
		{offset: 1000, data: []byte("gh")},  // 876 zeros: apart
		{offset: 1030, data: []byte("XYZ")}, // 28 zeros: joined
		{offset: 1100, data: []byte{0x80}},  // 67 zeros: apart
	}
	mod := module(segs)
	out, before, after, err := joinSegments(mod, 64)
	if err != nil {
		t.Fatal(err)
	}
	if before != 7 || after != 4 {
		t.Errorf("segments %d → %d, want 7 → 4", before, after)
	}
	if !bytes.Equal(image(t, out), image(t, mod)) {
		t.Error("the joined segments make another memory image")
	}
	if !bytes.HasSuffix(out, []byte{0, 4, 3, 'x', 'y', 'z'}) || !bytes.Equal(out[8:13], mod[8:13]) {
		t.Error("the other sections changed")
	}
	again, _, n, err := joinSegments(out, 64)
	if err != nil || n != after || !bytes.Equal(again, out) {
		t.Errorf("a second run changed the module (%d segments, %v)", n, err)
	}
}

func TestRefusesOtherModules(t *testing.T) {
	for name, mod := range map[string][]byte{
		"not wasm":        []byte("hello world"),
		"no data section": []byte("\x00asm\x01\x00\x00\x00"),
		"passive segment": append([]byte("\x00asm\x01\x00\x00\x00"), 11, 4, 1, 1, 1, 'a'),
		"truncated":       append([]byte("\x00asm\x01\x00\x00\x00"), 11, 40, 1, 0),
		"overlapping":     module([]segment{{offset: 10, data: []byte("abc")}, {offset: 11, data: []byte("x")}}),
	} {
		if _, _, _, err := joinSegments(mod, 64); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestAppWasm checks the memory image of a built app.wasm, if there is one.
func TestAppWasm(t *testing.T) {
	mod, err := os.ReadFile("../../web/app.wasm")
	if err != nil {
		t.Skip("no web/app.wasm (make wasm)")
	}
	out, _, after, err := joinSegments(mod, maxGap)
	if err != nil {
		t.Fatal(err)
	}
	if after > 1000 {
		t.Errorf("%d segments after joining", after)
	}
	if !bytes.Equal(image(t, out), image(t, mod)) {
		t.Error("the joined segments make another memory image")
	}
}
