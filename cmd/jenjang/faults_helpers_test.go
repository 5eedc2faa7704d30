package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// Helpers of the fault tests (faults_test.go): the real jenjang binary, processes that never outlive their test,
// and answers checked for the shape every failure must have.

// buildJenjang compiles this command into t's temporary directory and returns the binary's path.
func buildJenjang(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "jenjang")
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build jenjang: %v\n%s", err, out)
	}
	return bin
}

// proc is a child process of a test; it is killed (and reaped) when the test ends, however it ends.
type proc struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	stdout *syncBuffer
	done   chan struct{}
	err    error // once done is closed
}

// startProc starts bin with args and env (added to a minimal environment). If lines is not nil, every stderr line
// is also sent on it (dropped when nobody reads).
func startProc(t *testing.T, bin string, env []string, lines chan<- string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	p := &proc{cmd: cmd, stderr: &syncBuffer{}, stdout: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout = p.stdout
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	pw.Close()
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			p.stderr.Write([]byte(line + "\n"))
			if lines != nil {
				select {
				case lines <- line:
				default:
				}
			}
		}
		pr.Close()
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			t.Errorf("%s did not exit after SIGKILL", bin)
		}
	})
	return p
}

func (p *proc) kill() { p.cmd.Process.Signal(syscall.SIGKILL) }

// wait waits for the process to exit, failing t after d.
func (p *proc) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case <-p.done:
		return p.err
	case <-time.After(d):
		p.kill()
		t.Fatalf("%s did not exit within %s\n%s", p.cmd.Path, d, p.stderr)
		return nil
	}
}

// killedBySignal reports whether err is the exit of a process killed by SIGKILL.
func killedBySignal(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// freePort returns a loopback TCP port nobody listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// processesUnder returns the PIDs of running processes whose executable lies under dir.
func processesUnder(dir string) []int {
	var pids []int
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil {
			continue
		}
		if strings.HasPrefix(exe, dir+string(filepath.Separator)) {
			// A zombie keeps no exe link; a live process does. Skip zombies all the same.
			if st, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat")); err == nil && strings.Contains(string(st), ") Z ") {
				continue
			}
			pids = append(pids, pid)
		}
	}
	return pids
}

// startServeArgs runs `jenjang serve` in-process with the extra flags (after the defaults, so they win) and returns
// its base URL, its stderr and a stop function that cancels it and checks that it exits in time.
func startServeArgs(t *testing.T, dsn string, extra ...string) (baseURL string, stderr *syncBuffer, stop func()) {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "addr")
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &syncBuffer{}
	done := make(chan error, 1)
	args := append([]string{"jenjang", "serve", "--addr", "127.0.0.1:0", "--db", dsn, "--log-level", "info"}, extra...)
	go func() {
		done <- run(ctx, args, envOf(map[string]string{"JENJANG_ADDR_FILE": addrFile}), strings.NewReader(""), io.Discard, stderr)
	}()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v\n%s", err, stderr)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("serve did not stop within 20s of cancel\n%s", stderr)
		}
	}
	t.Cleanup(stop)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if b, err := os.ReadFile(addrFile); err == nil {
			return "http://" + strings.TrimSpace(string(b)), stderr, stop
		}
		select {
		case err := <-done:
			stopped = true
			t.Fatalf("serve exited early: %v\n%s", err, stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not listening after 30s\n%s", stderr)
		}
	}
}

// answer is one HTTP exchange of a fault test; err is a transport error (no answer).
type answer struct {
	status int
	ctype  string
	body   string
	err    error
}

// do sends one request with a bounded time and reads the whole answer.
func do(ctx context.Context, method, url, token string, body string, timeout time.Duration) answer {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return answer{err: err}
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), body: string(b), err: err}
}

// internalText are fragments of driver and OS messages that must never reach a client.
var internalText = []string{"sqlite", "SQLITE", "pgx", "pgconn", "SQLSTATE", "dial tcp", "connection refused",
	"database or disk is full", "no space left", "read-only", "readonly", "EOF", "broken pipe", "FATAL", "terminating connection", "/tmp/", "127.0.0.1:"}

// checkProblem fails t unless a is a problem+json answer of one of the statuses, with a code and no internal text.
func checkProblem(t *testing.T, what string, a answer, statuses ...int) {
	t.Helper()
	ok := false
	for _, s := range statuses {
		ok = ok || a.status == s
	}
	if !ok || !strings.HasPrefix(a.ctype, "application/problem+json") {
		t.Errorf("%s: %d %s %.300s; want a problem with status %v", what, a.status, a.ctype, a.body, statuses)
		return
	}
	var p struct {
		Code   string `json:"code"`
		Status int    `json:"status"`
	}
	if err := json.Unmarshal([]byte(a.body), &p); err != nil || p.Code == "" || p.Status != a.status {
		t.Errorf("%s: malformed problem %.300s (%v)", what, a.body, err)
	}
	for _, s := range internalText {
		if strings.Contains(a.body, s) {
			t.Errorf("%s: the problem leaks internal text %q: %s", what, s, a.body)
		}
	}
}

// countRows counts the rows of table in region (or all rows when region is "").
func countRows(t *testing.T, st *store.Store, table, region, where string, args ...any) int {
	t.Helper()
	q := st.DB().NewSelect().TableExpr(table)
	if region != "" {
		q = q.Where("region = ?", region)
	}
	if where != "" {
		q = q.Where(where, args...)
	}
	n, err := q.Count(t.Context())
	if err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return int(n)
}

// mount runs mount(8) with args on a new directory and unmounts it when t ends. It skips t, loudly, where mounting
// is not permitted (not root, or a container without CAP_SYS_ADMIN): those fault tests need a file system of
// their own.
func mount(t *testing.T, args ...string) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		t.Skipf("FAULT TEST NOT RUN: mounting a file system needs root (mount %v)", args)
	}
	out, err := exec.Command("mount", append(args, dir)...).CombinedOutput()
	if err != nil {
		t.Skipf("FAULT TEST NOT RUN: mount %v is not permitted here: %v %s", args, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fill writes zeros to a file in dir until its file system is full, and returns the file.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill %s: %v", dir, err)
			}
			return path
		}
	}
}
