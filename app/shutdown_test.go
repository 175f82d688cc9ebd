//go:build !wasm && unix

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"cxquiz/internal/launch"
)

// startBinary starts the built server ($CXQUIZ_BIN) on a free loopback
// port with internal/launch, which keeps its log; it is killed if a test
// stops early.
func startBinary(t *testing.T, flags ...string) *launch.Server {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: does not start the server binary")
	}
	bin := os.Getenv("CXQUIZ_BIN")
	if bin == "" {
		t.Skip("CXQUIZ_BIN is not set: `make build`, then CXQUIZ_BIN=$PWD/bin/cxquiz go test ./app")
	}
	p, err := launch.Start(bin, flags, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Cmd.Process.Kill() })
	return p
}

// slowDownload is a download of app.wasm by a client on a slow network.
type slowDownload struct {
	conn   net.Conn
	res    *http.Response
	want   int64
	got    int64
	status int
	err    error
}

func startSlowDownload(t *testing.T, addr, version string) *slowDownload {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	// A small receive buffer, so most of the file waits on the server.
	c.(*net.TCPConn).SetReadBuffer(16 << 10)
	c.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(c, "GET /web/app.wasm?v=%s HTTP/1.1\r\nHost: %s\r\nAccept-Encoding: identity\r\n\r\n", version, addr)
	res, err := http.ReadResponse(bufio.NewReaderSize(c, 4<<10), nil)
	if err != nil {
		t.Fatal(err)
	}
	d := &slowDownload{conn: c, res: res, want: res.ContentLength, status: res.StatusCode}
	if res.StatusCode != 200 || d.want < 1<<20 {
		t.Fatalf("app.wasm: status %d, %d bytes", res.StatusCode, d.want)
	}
	// The download is under way.
	n, err := io.CopyN(io.Discard, res.Body, 64<<10)
	d.got += n
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// finish reads the rest at about 4 MB/s.
func (d *slowDownload) finish() {
	defer d.conn.Close()
	buf := make([]byte, 16<<10)
	for {
		n, err := d.res.Body.Read(buf)
		d.got += int64(n)
		if err == io.EOF {
			return
		}
		if err != nil {
			d.err = err
			return
		}
		time.Sleep(4 * time.Millisecond)
	}
}

// TestGracefulShutdown starts the server binary, puts requests in flight
// (slow downloads of app.wasm, and many page requests on keep-alive
// connections), sends SIGTERM, and checks that the server refuses new
// connections at once, completes every request in flight, and exits with
// status 0 within the drain time.
//
// A request whose headers are still arriving at SIGTERM is not in flight
// for net/http: its connection is closed once they are read, without an
// answer (see net/http's conn.serve).
func TestGracefulShutdown(t *testing.T) {
	const drain = 10 * time.Second
	srv := startBinary(t, "-drain", drain.String())
	addr := srv.Addr

	// A code for a page request, from an answer.
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get("http://" + addr + "/q/1?pick=2")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	m := locationCode.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("/q/1?pick=2 led to %q", res.Header.Get("Location"))
	}
	page := "/q/7?a=" + m[1]

	var downloads []*slowDownload
	for i := 0; i < 6; i++ {
		downloads = append(downloads, startSlowDownload(t, addr, srv.Version))
	}
	// Many page requests, on keep-alive connections, around the signal.
	stop := make(chan struct{})
	var load sync.WaitGroup
	var mu sync.Mutex
	var served, refused, reset int
	var failures []string
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	for i := 0; i < 16; i++ {
		load.Add(1)
		go func() {
			defer load.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				p := []string{page, "/", "/q/3", "/healthz"}[n%4]
				res, err := client.Get("http://" + addr + p)
				var failure string
				if err == nil {
					body, rerr := io.ReadAll(res.Body)
					res.Body.Close()
					if rerr != nil || res.StatusCode != 200 || len(body) == 0 {
						failure = fmt.Sprintf("%s: status %d, %d bytes, %v", p, res.StatusCode, len(body), rerr)
					}
				}
				mu.Lock()
				switch {
				// Connections the server never accepted: refused once the
				// listener is closed, reset if still in its backlog then.
				case errors.Is(err, syscall.ECONNREFUSED):
					refused++
				case errors.Is(err, syscall.ECONNRESET):
					reset++
				case err != nil:
					failures = append(failures, err.Error())
				case failure != "":
					failures = append(failures, failure)
				default:
					served++
				}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)

	if err := srv.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sigterm := time.Now()

	// New connections are refused while the requests in flight drain.
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if errors.Is(err, syscall.ECONNREFUSED) {
			break
		}
		if err == nil {
			c.Close()
		} else if !errors.Is(err, syscall.ECONNRESET) { // reset: the listener closed mid-handshake
			t.Fatalf("a new connection after SIGTERM: %v, want refused", err)
		}
		if time.Since(sigterm) > 2*time.Second {
			t.Fatal("new connections still accepted 2s after SIGTERM")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case <-srv.Exited():
		t.Fatalf("the server exited (%v) with requests in flight", srv.Err())
	default:
	}

	time.Sleep(200 * time.Millisecond)
	close(stop)
	load.Wait()
	t.Logf("page requests: %d served, %d refused after SIGTERM, %d reset in the backlog", served, refused, reset)
	if len(failures) > 0 {
		t.Errorf("%d page requests failed, first: %s", len(failures), failures[0])
	}
	if served == 0 {
		t.Error("no page request was served")
	}

	var wg sync.WaitGroup
	for _, d := range downloads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.finish()
		}()
	}
	wg.Wait()
	for i, d := range downloads {
		if d.err != nil || d.got != d.want {
			t.Errorf("download %d: %d of %d bytes, %v", i, d.got, d.want, d.err)
		}
	}

	select {
	case <-srv.Exited():
		if err := srv.Err(); err != nil {
			t.Errorf("the server exited with %v, want status 0", err)
		}
		if took := time.Since(sigterm); took > drain {
			t.Errorf("the server took %s to exit, more than the drain time %s", took, drain)
		}
	case <-time.After(drain + 2*time.Second):
		t.Fatalf("the server is still running %s after SIGTERM", drain+2*time.Second)
	}

	// The log shows the requests finishing during the drain.
	l := srv.Log()
	i := strings.Index(l, "shutting down")
	if i < 0 || !strings.Contains(l[i:], "stopped") {
		t.Fatalf("the log lacks the shutdown:\n%s", l)
	}
	wasm := strings.Count(l[i:], `GET "/web/app.wasm" 200 `+strconv.FormatInt(downloads[0].want, 10)+"B")
	if wasm == 0 {
		t.Errorf("no download completed during the drain: they were not in flight")
	}
	t.Logf("%d of %d downloads completed during the drain; exit %s after SIGTERM", wasm, len(downloads), time.Since(sigterm).Round(time.Millisecond))
}

// TestShutdownDrainDeadline checks that a download slower than the drain
// time does not keep the server from exiting: when the drain time is up
// it closes the connection, logs how many it cut, and exits with status
// 0, since it stopped as configured.
func TestShutdownDrainDeadline(t *testing.T) {
	const drain = time.Second
	srv := startBinary(t, "-drain", drain.String())
	d := startSlowDownload(t, srv.Addr, srv.Version) // and never read further
	defer d.conn.Close()
	if err := srv.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sigterm := time.Now()
	select {
	case <-srv.Exited():
		if took := time.Since(sigterm); took < drain || took > drain+2*time.Second {
			t.Errorf("exited %s after SIGTERM, want about %s", took, drain)
		}
		if err := srv.Err(); err != nil {
			t.Errorf("exit %v, want status 0", err)
		}
		if l := srv.Log(); !strings.Contains(l, "closed 1 connection(s) with a response still in flight") || !strings.Contains(l, "stopped") {
			t.Errorf("the log does not say what was cut:\n%s", l)
		}
	case <-time.After(drain + 5*time.Second):
		t.Fatal("the server did not stop after the drain time")
	}
	// The cut download ends early, not with the whole file.
	d.conn.SetDeadline(time.Now().Add(5 * time.Second))
	n, _ := io.Copy(io.Discard, d.res.Body)
	if d.got+n >= d.want {
		t.Errorf("the download got all %d bytes after the drain", d.want)
	}
}

var locationCode = regexp.MustCompile(`[?&]a=([A-Za-z0-9_-]+)`)
