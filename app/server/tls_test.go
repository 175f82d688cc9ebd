//go:build !wasm

package server

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// selfSigned writes a certificate and key for 127.0.0.1 into dir.
func selfSigned(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "quiz.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return cert, key
}

var servingOn = regexp.MustCompile(`serving the quiz on https://(\S+) `)

// TestTLS checks that a bad key pair stops the start before the server
// says it serves, and that failed handshakes are not logged one line per
// client address.
func TestTLS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	logs := &syncBuffer{}
	c := Config{Banks: pageBanks, Files: hardeningFiles(), Log: log.New(logs, "", 0), Addr: "127.0.0.1:0", TLSCert: cert, TLSKey: filepath.Join(dir, "missing.pem"), Drain: time.Second}
	s, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ListenAndServe(context.Background()); err == nil || strings.Contains(logs.String(), "serving") {
		t.Errorf("a missing key: %v, log %q", err, logs.String())
	}

	c.TLSKey = key
	if s, err = New(c); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe(ctx) }()
	var addr string
	for i := 0; i < 200 && addr == ""; i++ {
		if m := servingOn.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	if addr == "" {
		t.Fatalf("the server did not say where it serves: %s", logs.String())
	}
	// Plain HTTP on the TLS port, as scanners do: a failed handshake each.
	for range 20 {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET / HTTP/1.0\r\n\r\n")
		io.Copy(io.Discard, conn)
		conn.Close()
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	res, err := client.Get("https://" + addr + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz over TLS: %v", err)
	}
	res.Body.Close()
	client.CloseIdleConnections()
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	l := logs.String()
	if n := strings.Count(l, "handshake"); n > 2 || strings.Contains(l, "handshake error from") {
		t.Errorf("%d log lines on failed handshakes:\n%s", n, l)
	}
	if !strings.Contains(l, "TLS handshakes failed") {
		t.Errorf("the log does not count the failed handshakes:\n%s", l)
	}
}
