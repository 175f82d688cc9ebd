//go:build !wasm

package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
		{[]string{"-team-retention", "1ns"}, `-team-retention: "1ns" is 1ns, less than the minimum of 1h0m0s`},
		{[]string{"-team-retention", "3m"}, "less than the minimum"},
		{[]string{"-team-retention", "59m59s"}, "less than the minimum"},
		{[]string{"-team-retention", "0"}, "less than the minimum"},
		{[]string{"-team-retention", "-1d"}, "less than the minimum"},
		{[]string{"-team-retention", "3 months"}, "is not a duration"},
		{[]string{"-team-retention", "1h"}, ""},
		{[]string{"-team-retention", "90d"}, ""},
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
	t.Setenv("CXQUIZ_TEAM_RETENTION", "1s")
	if _, err := parseFlags(nil, io.Discard); err == nil || !strings.Contains(err.Error(), "less than the minimum") {
		t.Errorf("CXQUIZ_TEAM_RETENTION=1s: error %v", err)
	}
	t.Setenv("CXQUIZ_TEAM_RETENTION", "90d")
	o, err := parseFlags(nil, io.Discard)
	if err != nil || o.Drain != server.WriteTimeout {
		t.Errorf("default drain %s (%v), want the write timeout %s", o.Drain, err, server.WriteTimeout)
	}
}

func TestDays(t *testing.T) {
	for d, want := range map[time.Duration]string{
		90 * 24 * time.Hour: "90d",
		time.Hour:           "1h0m0s",
		36 * time.Hour:      "36h0m0s",
	} {
		if got := days(d); got != want {
			t.Errorf("days(%s) = %q, want %q", d, got, want)
		}
		if back, err := parseDays(days(d)); err != nil || back != d {
			t.Errorf("parseDays(days(%s)) = %s, %v", d, back, err)
		}
	}
}

// TestPortInUseCreatesNoDatabase: with the listening address taken, the
// start stops before the team database is created.
func TestPortInUseCreatesNoDatabase(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "data", "new.db")
	err = run(context.Background(), []string{"-addr", ln.Addr().String(), "-database", db}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("run on a port in use: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(db)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the database directory was made (%v), though the port was in use", err)
	}
}
