//go:build !wasm

package main

import (
	"io"
	"strings"
	"testing"

	"cxquiz/app/server"
)

func TestFlags(t *testing.T) {
	t.Setenv("CXQUIZ_ADDR", "localhost:8080")
	for _, tt := range []struct {
		args []string
		err  string // in the error; "" for none
	}{
		{[]string{"-addr", ""}, "-addr is empty"},
		{[]string{"-addr", "  "}, "-addr is empty"},
		{[]string{"-drain", "-1s"}, "-drain -1s is negative"},
		{[]string{"-tls-cert", "c.pem"}, "go together"},
		{[]string{"-addr", "", "-export", "dist"}, ""},
		{[]string{"-addr", ":8080", "-drain", "0s"}, ""},
	} {
		_, err := parseFlags(tt.args, io.Discard)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%q: %v", tt.args, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: error %v, want %q", tt.args, err, tt.err)
		}
	}
	o, err := parseFlags(nil, io.Discard)
	if err != nil || o.Drain != server.WriteTimeout {
		t.Errorf("default drain %s (%v), want the write timeout %s", o.Drain, err, server.WriteTimeout)
	}
}
