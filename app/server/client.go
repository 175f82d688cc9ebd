//go:build !wasm

package server

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// parseProxies reads the -trusted-proxies list: addresses or CIDR
// prefixes (10.0.0.0/8, 2001:db8::/32, 127.0.0.1), separated by commas or
// spaces. Anything else stops the start: a mistyped list must not
// silently trust nobody, or somebody else.
func parseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil || a.Zone() != "" {
				return nil, fmt.Errorf("-trusted-proxies: %q is not an address or a CIDR prefix like 10.0.0.0/8", f)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), max(0, p.Bits()-96))
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// trusted reports whether a is one of the trusted proxies.
func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientKey is what rate limits count by: the client's address, kept in
// memory only for the limit's window, never stored or logged.
//
// The address is the connection's peer, unless the peer is a trusted
// proxy (-trusted-proxies): then it is the right-most address of
// X-Forwarded-For that is not a trusted proxy itself. Each proxy appends
// the address it was connected from, so everything to the left of that
// address is whatever the client sent, and is never believed. Behind a
// load balancer, without this every client would share the balancer's
// budget.
func (s *Server) clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || len(s.proxies) == 0 {
		return host
	}
	client := peer.Unmap()
	if !s.trusted(client) {
		return client.String()
	}
	// Several header lines count as one list, in order.
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := forwardedAddr(hops[i])
		if !ok {
			// A trusted proxy wrote something that is no address: the
			// client is the last hop that can be told apart.
			break
		}
		client = a
		if !s.trusted(a) {
			break
		}
	}
	return client.String()
}

// forwardedAddr reads one entry of X-Forwarded-For: an address, maybe
// with a port ("192.0.2.1:4711", "[2001:db8::1]:4711").
func forwardedAddr(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	return netip.Addr{}, false
}
