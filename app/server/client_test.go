//go:build !wasm

package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestClientKey(t *testing.T) {
	t.Parallel()
	proxies, err := parseProxies("10.0.0.0/8, 192.0.2.7,2001:db8::/32")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{proxies: proxies}
	none := &Server{}
	for _, tt := range []struct {
		name   string
		peer   string
		xff    []string // header lines
		want   string
		wantNo string // with no trusted proxies
	}{
		{"direct client", "203.0.113.5:4711", nil, "203.0.113.5", "203.0.113.5"},
		{"direct client, spoofed header", "203.0.113.5:4711", []string{"198.51.100.1"}, "203.0.113.5", "203.0.113.5"},
		{"through a proxy", "10.1.2.3:4711", []string{"198.51.100.1"}, "198.51.100.1", "10.1.2.3"},
		{"through two proxies", "10.1.2.3:4711", []string{"198.51.100.1, 192.0.2.7"}, "198.51.100.1", "10.1.2.3"},
		{"client's own header to the left", "10.1.2.3:4711", []string{"6.6.6.6, 198.51.100.1"}, "198.51.100.1", "10.1.2.3"},
		{"client's trusted-looking header to the left", "10.1.2.3:4711", []string{"10.9.9.9, 198.51.100.1"}, "198.51.100.1", "10.1.2.3"},
		{"several header lines", "10.1.2.3:4711", []string{"6.6.6.6", "198.51.100.1,10.0.0.9"}, "198.51.100.1", "10.1.2.3"},
		{"entries with ports", "10.1.2.3:4711", []string{"[2001:db9::1]:80"}, "2001:db9::1", "10.1.2.3"},
		{"IPv6 proxy", "[2001:db8::5]:4711", []string{"198.51.100.1"}, "198.51.100.1", "2001:db8::5"},
		{"IPv4-mapped peer", "[::ffff:10.1.2.3]:4711", []string{"198.51.100.1"}, "198.51.100.1", "::ffff:10.1.2.3"},
		{"garbage after the client", "10.1.2.3:4711", []string{"198.51.100.1, junk"}, "10.1.2.3", "10.1.2.3"},
		{"garbage before the client", "10.1.2.3:4711", []string{"junk, 198.51.100.1"}, "198.51.100.1", "10.1.2.3"},
		{"only proxies", "10.1.2.3:4711", []string{"10.0.0.1, 10.0.0.2"}, "10.0.0.1", "10.1.2.3"},
		{"proxy without a header", "10.1.2.3:4711", nil, "10.1.2.3", "10.1.2.3"},
		{"empty header", "10.1.2.3:4711", []string{""}, "10.1.2.3", "10.1.2.3"},
	} {
		r := &http.Request{RemoteAddr: tt.peer, Header: http.Header{}}
		for _, v := range tt.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := s.clientKey(r); got != tt.want {
			t.Errorf("%s: client %q, want %q", tt.name, got, tt.want)
		}
		if got := none.clientKey(r); got != tt.wantNo {
			t.Errorf("%s, no trusted proxies: client %q, want %q", tt.name, got, tt.wantNo)
		}
	}
}

func TestTrustedProxiesInvalid(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"10.0.0.0/33", "proxy.internal", "10.0.0.1-10.0.0.9", "*", "fe80::1%eth0"} {
		if _, err := parseProxies(v); err == nil || !strings.Contains(err.Error(), "-trusted-proxies") {
			t.Errorf("%q: error %v", v, err)
		}
	}
	for _, v := range []string{"", "127.0.0.1", "10.0.0.0/8,::1", "::ffff:10.0.0.0/104"} {
		if _, err := parseProxies(v); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

// TestRateLimitBehindProxy checks the per-client limits behind a load
// balancer: clients it forwards each get their own budget, and a client
// that connects directly cannot buy another by sending X-Forwarded-For.
func TestRateLimitBehindProxy(t *testing.T) {
	t.Parallel()
	// The test client connects from loopback: the "load balancer".
	behind, _ := teamServer(t, nil, func(c *Config) { c.TeamCreateLimit = 1; c.TrustedProxies = "127.0.0.0/8, ::1" })
	for i, client := range []string{"203.0.113.1", "203.0.113.2", "203.0.113.3"} {
		res, _ := post(t, behind, "/team/new", url.Values{"name": {"t"}}, "X-Forwarded-For", "198.51.100.9, "+client)
		wantStatus(t, res, http.StatusSeeOther, "create by client "+string(rune('1'+i)))
	}
	res, _ := post(t, behind, "/team/new", url.Values{"name": {"t"}}, "X-Forwarded-For", "203.0.113.2")
	wantStatus(t, res, http.StatusTooManyRequests, "second create by one client")

	direct, _ := teamServer(t, nil, func(c *Config) { c.TeamCreateLimit = 1 })
	res, _ = post(t, direct, "/team/new", url.Values{"name": {"t"}}, "X-Forwarded-For", "203.0.113.1")
	wantStatus(t, res, http.StatusSeeOther, "first create")
	res, _ = post(t, direct, "/team/new", url.Values{"name": {"t"}}, "X-Forwarded-For", "203.0.113.2")
	wantStatus(t, res, http.StatusTooManyRequests, "second create with a spoofed X-Forwarded-For")
}
