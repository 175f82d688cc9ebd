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
		{[]string{"-database", "postgress://cxquiz:S3cret@db.internal:5432/cxquiz"}, "-database: postgress:// URLs are not supported"},
		{[]string{"-database", "mysql://x:S3cret@y/z"}, "-database: mysql:// URLs are not supported"},
		{[]string{"-database", "postgresql://x:S3cret@y/z"}, ""},
		{[]string{"-database", "teams.db"}, ""},
	} {
		_, err := parseFlags(tt.args, io.Discard)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%q: %v", tt.args, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: error %v, want %q", tt.args, err, tt.err)
		case err != nil && strings.Contains(err.Error(), "S3cret"):
			t.Errorf("%q: the error %q shows the password", tt.args, err)
		}
	}
	o, err := parseFlags(nil, io.Discard)
	if err != nil || o.Drain != server.WriteTimeout {
		t.Errorf("default drain %s (%v), want the write timeout %s", o.Drain, err, server.WriteTimeout)
	}
}
