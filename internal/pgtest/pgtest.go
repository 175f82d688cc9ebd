// Package pgtest starts a throwaway PostgreSQL cluster on a free loopback
// port, for tests and the load tool. PostgreSQL refuses to run as root, so
// when run as root the cluster runs as the postgres user.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// Cluster is a running throwaway cluster.
type Cluster struct {
	dir  string
	bin  string
	cred *syscall.Credential
	port int
	n    atomic.Int32
}

// bin finds the directory of initdb and pg_ctl: the newest under
// /usr/lib/postgresql (Debian), else the PATH.
func bin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[i]))))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[j]))))
		return vi > vj
	})
	if len(dirs) > 0 {
		return filepath.Dir(dirs[0]), nil
	}
	p, err := exec.LookPath("initdb")
	if err != nil {
		return "", errors.New("pgtest: initdb not found: install postgresql (scripts/setup does)")
	}
	return filepath.Dir(p), nil
}

// Start initialises and starts a cluster; Stop removes it.
func Start() (*Cluster, error) {
	b, err := bin()
	if err != nil {
		return nil, err
	}
	c := &Cluster{bin: b}
	if os.Getuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("pgtest: running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	if c.dir, err = os.MkdirTemp("", "cxquiz-pg-"); err != nil {
		return nil, err
	}
	if c.cred != nil {
		if err := os.Chown(c.dir, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			os.RemoveAll(c.dir)
			return nil, err
		}
	}
	data := filepath.Join(c.dir, "data")
	if err := c.run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"); err != nil {
		os.RemoveAll(c.dir)
		return nil, err
	}
	// Another process may take the free port before the server binds it:
	// try a few.
	for try := 0; ; try++ {
		c.port, err = freePort()
		if err == nil {
			// Durability settings off: a test cluster lives for seconds.
			err = c.run("pg_ctl", "-D", data, "-l", filepath.Join(c.dir, "log"), "-w", "-t", "60", "-o",
				fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", c.port, c.dir),
				"start")
		}
		if err == nil {
			return c, nil
		}
		if try == 2 {
			log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
			os.RemoveAll(c.dir)
			return nil, fmt.Errorf("%w\n%s", err, log)
		}
	}
}

func (c *Cluster) run(name string, args ...string) error {
	cmd := exec.Command(filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgtest: %s: %w\n%s", name, err, out)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (c *Cluster) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// NewDatabase creates an empty database and returns its URL.
func (c *Cluster) NewDatabase() (string, error) {
	name := fmt.Sprintf("db%d", c.n.Add(1))
	db, err := sql.Open("pgx", c.url("postgres"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("pgtest: create database: %w", err)
	}
	return c.url(name), nil
}

// Stop stops the cluster at once and removes its files.
func (c *Cluster) Stop() error {
	err := c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	if rerr := os.RemoveAll(c.dir); err == nil {
		err = rerr
	}
	return err
}
