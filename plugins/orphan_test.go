//go:build linux

package plugins_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jenjang-asn/jenjang/plugins"
)

var (
	hostOnce sync.Once
	hostErr  error
)

// hostpanicBin builds the hostpanic test host into bins, once per test binary.
func hostpanicBin(t *testing.T) string {
	t.Helper()
	hostOnce.Do(func() {
		out, err := exec.Command("go", "build", "-o", bin("hostpanic"), "./internal/testplugins/hostpanic").CombinedOutput()
		if err != nil {
			hostErr = fmt.Errorf("building hostpanic: %v\n%s", err, out)
		}
	})
	require.NoError(t, hostErr)
	return bin("hostpanic")
}

// proc is a process seen in /proc: its pid and its start time (clock ticks since boot), so that a pid the kernel
// reused for another process is not mistaken for the plugin.
type proc struct {
	pid   int
	start string
}

// procStat returns the state letter and the start time of a process from /proc/<pid>/stat.
func procStat(pid int) (state byte, start string, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, "", false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')') // the command name may hold spaces and parentheses
	if i < 0 {
		return 0, "", false
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3 (state), so field 22 (starttime) is f[19]
	if len(f) < 20 {
		return 0, "", false
	}
	return f[0][0], f[19], true
}

// alive reports whether the process still runs: it exists, is the same process, and is no zombie (a zombie is
// dead, only not yet reaped by its new parent).
func (p proc) alive() (bool, string) {
	if err := syscall.Kill(p.pid, 0); errors.Is(err, syscall.ESRCH) {
		return false, "gone"
	}
	state, start, ok := procStat(p.pid)
	switch {
	case !ok:
		return false, "gone"
	case start != p.start:
		return false, "gone (pid reused)"
	case state == 'Z' || state == 'X':
		return false, "zombie"
	}
	return true, "state " + string(state)
}

// survivors polls until every process is dead or the time is up, and returns those still alive.
func survivors(procs []proc, within time.Duration) []string {
	deadline := time.Now().Add(within)
	for {
		var left []string
		for _, p := range procs {
			if ok, why := p.alive(); ok {
				left = append(left, fmt.Sprintf("pid %d (%s)", p.pid, why))
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lockedBuffer is a bytes.Buffer safe to read while a process writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// host is a running hostpanic: waited is closed once it has died and been reaped (cmd.ProcessState is set).
type host struct {
	cmd    *exec.Cmd
	stderr *lockedBuffer
	waited chan struct{}
	procs  []proc
}

// runHost starts hostpanic in a mode on a plugin directory and returns it with the plugin processes it reports.
// Whatever happens, the host and every plugin process still alive are killed when the test ends.
func runHost(t *testing.T, mode, dir string) *host {
	t.Helper()
	stderr := new(lockedBuffer)
	cmd := exec.Command(hostpanicBin(t), "-dir", dir, "-mode", mode, "-wait", "20s")
	cmd.Stderr = stderr
	cmd.WaitDelay = 2 * time.Second
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	waited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(waited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-waited
	})

	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			if strings.HasPrefix(s.Text(), "pids ") {
				line <- s.Text()
				return
			}
		}
		close(line)
	}()
	var got string
	select {
	case got = <-line:
	case <-time.After(30 * time.Second):
	}
	if got == "" {
		_ = cmd.Process.Kill()
		<-waited
		t.Fatalf("hostpanic -mode %s printed no pids; stderr:\n%s", mode, stderr)
	}
	var procs []proc
	for _, f := range strings.Fields(strings.TrimPrefix(got, "pids ")) {
		pid, err := strconv.Atoi(f)
		require.NoError(t, err, got)
		require.Positive(t, pid, got)
		p := proc{pid: pid}
		if _, start, ok := procStat(pid); ok {
			p.start = start
		} else {
			p.start = "gone before it could be read" // never equal to a start time: counts as dead
		}
		procs = append(procs, p)
	}
	t.Cleanup(func() { // a failing run leaves no plugin behind
		for _, p := range procs {
			if ok, _ := p.alive(); ok {
				t.Errorf("killing surviving plugin pid %d", p.pid)
				_ = syscall.Kill(p.pid, syscall.SIGKILL)
			}
		}
	})
	return &host{cmd: cmd, stderr: stderr, waited: waited, procs: procs}
}

// hostDir is a plugin directory with two plugins, so the host runs two plugin processes.
func hostDir(t *testing.T) string {
	return install(t, plugins.ManifestEntry{Region: "baseline", Name: "Baseline", Binary: "baseline"},
		plugins.ManifestEntry{Region: "trick", Name: "Trick", Binary: "trick"})
}

// TestNoOrphanPluginsWhenHostDies checks that no plugin outlives a host that dies without Close: one that panics
// in its main goroutine, one that exits, one that is killed. Nothing but the parent-death signal stops the plugins
// then (neither Host.Close nor go-plugin's CleanupClients runs).
func TestNoOrphanPluginsWhenHostDies(t *testing.T) {
	for _, c := range []struct {
		mode   string
		exit   func(*os.ProcessState) bool
		stderr string
	}{
		{"panic", func(s *os.ProcessState) bool { return s.ExitCode() == 2 }, "panicking with the plugin host open"},
		{"exit", func(s *os.ProcessState) bool { return s.ExitCode() == 1 }, ""},
		{"wait", func(s *os.ProcessState) bool { // killed by the test
			ws, ok := s.Sys().(syscall.WaitStatus)
			return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
		}, ""},
	} {
		name := c.mode
		if name == "wait" {
			name = "sigkill"
		}
		t.Run(name, func(t *testing.T) {
			h := runHost(t, c.mode, hostDir(t))
			require.Len(t, h.procs, 2)
			if c.mode == "wait" {
				for _, p := range h.procs {
					ok, why := p.alive()
					require.True(t, ok, "pid %d %s before the host was killed", p.pid, why)
				}
				require.NoError(t, h.cmd.Process.Kill())
			}
			select {
			case <-h.waited:
			case <-time.After(10 * time.Second):
				t.Fatal("the host did not die")
			}
			start := time.Now()
			assert.True(t, c.exit(h.cmd.ProcessState), "host ended with %v", h.cmd.ProcessState)
			assert.Contains(t, h.stderr.String(), c.stderr)

			left := survivors(h.procs, 5*time.Second)
			assert.Empty(t, left, "plugins outlived the host (%s)", c.mode)
			t.Logf("%d plugins gone %s after the host was reaped (%v)", len(h.procs), time.Since(start).Round(time.Millisecond), h.cmd.ProcessState)
		})
	}
}

// TestPluginOutlivesHostThreadExit checks that the parent-death signal is tied to the host process, not to the OS
// thread that happened to start the plugin: the kernel sends it when the forking thread exits (go.dev/issue/27505),
// and the Go runtime ends a thread whose goroutine exits while locked to it. hostpanic opens its host from such a
// goroutine; the plugins must keep running, and still die with the host.
func TestPluginOutlivesHostThreadExit(t *testing.T) {
	h := runHost(t, "threadexit", hostDir(t))
	require.Len(t, h.procs, 2)
	time.Sleep(500 * time.Millisecond)
	for _, p := range h.procs {
		ok, why := p.alive()
		assert.True(t, ok, "plugin pid %d %s after the thread that opened the host exited; host stderr:\n%s", p.pid, why, h.stderr)
	}
	require.NoError(t, h.cmd.Process.Kill())
	<-h.waited
	assert.Empty(t, survivors(h.procs, 5*time.Second), "plugins outlived the killed host")
}
