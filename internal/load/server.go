package load

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"cxquiz/internal/launch"
)

// Server is the server binary under load, started on a free loopback
// port; it counts its log lines and the ones that speak of a panic.
type Server struct {
	*launch.Server
	lines, panics atomic.Int64
}

// Start runs bin with flags; every log line also goes to onLine, if set.
func Start(bin string, flags []string, onLine func(string)) (*Server, error) {
	s := &Server{}
	p, err := launch.Start(bin, flags, func(line string) {
		s.lines.Add(1)
		if strings.Contains(line, "panic") {
			s.panics.Add(1)
			fmt.Fprintln(os.Stderr, "server:", line)
		}
		if onLine != nil {
			onLine(line)
		}
	})
	if err != nil {
		return nil, err
	}
	s.Server = p
	return s, nil
}

// Lines and Panics count the log lines so far.
func (s *Server) Lines() int64  { return s.lines.Load() }
func (s *Server) Panics() int64 { return s.panics.Load() }

// Proc are a process's peak and current resident memory and CPU time.
type Proc struct {
	HWMKB, RSSKB int64
	CPU          time.Duration
}

// ReadProc reads /proc/PID/status and /proc/PID/stat.
func ReadProc(pid int) (Proc, error) {
	var p Proc
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return p, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		switch k {
		case "VmHWM":
			p.HWMKB = n
		case "VmRSS":
			p.RSSKB = n
		}
	}
	p.CPU, err = CPUTime(pid)
	return p, err
}

// CPUTime is the user+system CPU time of a process so far.
func CPUTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces: count from after it.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, errors.New("unreadable /proc stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	// Fields 14 and 15 (utime, stime), in clock ticks of 1/100 s on Linux.
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond, nil
}

// SystemBusy is the CPU time all processes have used so far (the busy
// part of /proc/stat's first line).
func SystemBusy() (time.Duration, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, errors.New("unreadable /proc/stat")
	}
	var busy int64
	for i, v := range f[1:9] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		busy += n
	}
	return time.Duration(busy) * 10 * time.Millisecond, nil
}
