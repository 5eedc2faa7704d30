package plugins

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jenjang-asn/jenjang/career"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
)

// Plugin is one region's policy plugin as the host runs it. It implements Policy (each per-item method sends a
// batch of one) and the batch capabilities BatchAssessor, BatchEvaluator, BatchTransferChecker and
// BatchComplianceChecker. It supervises its process:
//
//   - a plugin that died (crashed, killed) fails the call in flight with career.Unavailable and is restarted at
//     the next call, immediately the first time and then with exponential back-off while it keeps failing;
//   - a call that passes its deadline (Config.Timeout) fails with career.Timeout, and the process is killed and
//     replaced at the next call;
//   - every promotion decision and selection ranking is checked against the national hard floors
//     (promotion.Floors, promotion.SelectionFloors): a violation is a career.PolicyConflict error wrapping a
//     *FloorError, never a decision;
//   - a malformed reply (wrong number of items, an unknown predicate, a decision out of order) is a
//     career.Internal error, never a panic.
type Plugin struct {
	host  *Host
	entry ManifestEntry
	path  string
	sum   []byte
	desc  Description

	mu       sync.Mutex // held while a process starts, which may take Config.StartTimeout
	cur      *instance  // nil when no process runs
	fails    int        // consecutive failures (deaths, hangs, failed starts)
	next     time.Time  // no restart before this
	closed   bool
	lastFail error

	// live and starts are read without mu (PID, Starts: metrics scraped while a start holds mu). live is cur.
	live   atomic.Pointer[instance]
	starts atomic.Int64
}

// instance is one running process of a plugin.
type instance struct {
	client  *plugin.Client
	rpc     pb.PolicyClient
	pid     int
	release func() // frees the OS thread that forked the process (onPluginThread)
	once    sync.Once
}

// kill stops the process at once (SIGKILL) and lets go-plugin clean up; it returns when the process is reaped.
func (i *instance) kill() { i.stop(false) }

// stop stops the process, gracefully (go-plugin's shutdown call, then SIGKILL after 2 s) or at once. The pid is
// signalled only while go-plugin has not reaped it, so it cannot belong to another process yet.
func (i *instance) stop(graceful bool) {
	i.once.Do(func() {
		if !graceful && i.pid > 0 && !i.client.Exited() {
			_ = syscall.Kill(i.pid, syscall.SIGKILL)
		}
		i.client.Kill()
		i.release()
	})
}

// Region returns the region code the manifest binds the plugin to.
func (p *Plugin) Region() string { return p.entry.Region }

// Path returns the plugin binary's path.
func (p *Plugin) Path() string { return p.path }

// PID returns the process id of the running plugin process, or 0 when none runs.
func (p *Plugin) PID() int {
	inst := p.live.Load()
	if inst == nil || inst.client.Exited() {
		return 0
	}
	return inst.pid
}

// Starts returns how many times the plugin process was started (1 after Open; more after restarts).
func (p *Plugin) Starts() int { return int(p.starts.Load()) }

// start runs a new process of the binary, refusing it when it is missing, differs from the manifest, speaks
// another protocol or is no plugin at all.
func (p *Plugin) start() (*instance, error) {
	refuse := func(reason error, err error) error {
		return &LoadError{Region: p.entry.Region, Path: p.path, Reason: reason, Err: err}
	}
	if _, err := os.Stat(p.path); err != nil {
		return nil, refuse(ErrMissing, err)
	}
	sum, err := FileSHA256(p.path)
	if err != nil {
		return nil, refuse(ErrMissing, err)
	}
	if want := fmt.Sprintf("%x", p.sum); sum != want {
		return nil, refuse(ErrChecksum, fmt.Errorf("the manifest says sha256 %s, the file has %s", want, sum))
	}
	c := plugin.NewClient(p.host.clientConfig(p.path, p.sum))
	p.starts.Add(1)
	var rpc plugin.ClientProtocol
	release := onPluginThread(func() { rpc, err = c.Client() })
	kill := func() {
		c.Kill()
		release()
	}
	if err != nil {
		kill()
		switch {
		case errors.Is(err, plugin.ErrChecksumsDoNotMatch):
			return nil, refuse(ErrChecksum, err)
		case strings.Contains(err.Error(), "incompatible API version"):
			return nil, refuse(ErrProtocol, err)
		}
		return nil, refuse(ErrNotPlugin, err)
	}
	raw, err := rpc.Dispense(wire.PluginName)
	if err != nil {
		kill()
		return nil, refuse(ErrNotPlugin, err)
	}
	client, ok := raw.(pb.PolicyClient)
	if !ok {
		kill()
		return nil, refuse(ErrNotPlugin, fmt.Errorf("dispensed %T", raw))
	}
	inst := &instance{client: c, rpc: client, release: release}
	if rc := c.ReattachConfig(); rc != nil {
		inst.pid = rc.Pid
	}
	return inst, nil
}

// backoff returns the wait before the next start after n consecutive failures.
func (p *Plugin) backoff(n int) time.Duration {
	if n <= 1 {
		return 0
	}
	d := p.host.cfg.MinBackoff << min(n-2, 30)
	if d <= 0 || d > p.host.cfg.MaxBackoff {
		d = p.host.cfg.MaxBackoff
	}
	return d
}

func (p *Plugin) unavailable(format string, args ...any) error {
	e := career.Newf(career.Unavailable, "", "plugin kebijakan %s tidak tersedia", "the %s policy plugin is not available", p.entry.Region)
	e.Err = fmt.Errorf(format, args...)
	return e
}

// acquire returns the running instance, starting one when none runs (waiting out the back-off).
func (p *Plugin) acquire(ctx context.Context) (*instance, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if p.closed {
			return nil, p.unavailable("the plugin host is closed")
		}
		if p.cur != nil && !p.cur.client.Exited() {
			return p.cur, nil
		}
		if p.cur != nil { // died while idle
			p.retireLocked(p.cur, errors.New("the plugin process exited"))
		}
		wait := time.Until(p.next)
		if wait <= 0 {
			break
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return nil, p.unavailable("restarting after %v; next attempt in %s", p.lastFail, wait.Round(time.Millisecond))
		}
		p.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			p.mu.Lock()
			return nil, ctx.Err()
		case <-t.C:
		}
		p.mu.Lock()
	}
	inst, err := p.start()
	if err != nil {
		p.fails++
		p.next = time.Now().Add(p.backoff(p.fails + 1))
		p.lastFail = err
		p.host.cfg.Logger.Error("plugin restart failed", "region", p.entry.Region, "error", err)
		e := career.Newf(career.Unavailable, "", "plugin kebijakan %s tidak dapat dijalankan ulang", "the %s policy plugin could not be restarted", p.entry.Region)
		e.Err = err
		return nil, e
	}
	p.setCur(inst)
	return inst, nil
}

// setCur makes inst the running process (nil: none), for the supervisor (cur, under mu) and for PID (live).
func (p *Plugin) setCur(inst *instance) {
	p.cur = inst
	p.live.Store(inst)
}

// retireLocked drops a failed instance, kills it in the background and schedules the next start.
func (p *Plugin) retireLocked(inst *instance, why error) {
	if p.cur != inst {
		return // already replaced by a concurrent call
	}
	p.setCur(nil)
	p.fails++
	p.next = time.Now().Add(p.backoff(p.fails))
	p.lastFail = why
	p.host.cfg.Logger.Warn("plugin replaced", "region", p.entry.Region, "pid", inst.pid, "reason", why)
	p.host.reaper.Go(inst.kill)
}

func (p *Plugin) retire(inst *instance, why error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.retireLocked(inst, why)
}

func (p *Plugin) succeeded() {
	p.mu.Lock()
	p.fails = 0
	p.mu.Unlock()
}

// invoke runs one RPC under the call deadline and maps transport failures to typed errors, telling Config.Observe.
func (p *Plugin) invoke(ctx context.Context, method string, call func(ctx context.Context, c pb.PolicyClient) error) error {
	observe := p.host.cfg.Observe
	if observe == nil {
		return p.call(ctx, method, call)
	}
	start := time.Now()
	err := p.call(ctx, method, call)
	observe(p.entry.Region, method, time.Since(start), err)
	return err
}

func (p *Plugin) call(ctx context.Context, method string, call func(ctx context.Context, c pb.PolicyClient) error) error {
	inst, err := p.acquire(ctx)
	if err != nil {
		return err
	}
	cctx, cancel := context.WithTimeout(ctx, p.host.cfg.Timeout)
	defer cancel()
	err = call(cctx, inst.rpc)
	if err == nil {
		p.succeeded()
		return nil
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return ctx.Err() // the caller gave up; the plugin is not at fault
	}
	code := status.Code(err)
	switch {
	case cctx.Err() != nil || code == codes.DeadlineExceeded:
		p.retire(inst, fmt.Errorf("%s hung past its deadline", method))
		e := career.Newf(career.Timeout, "", "plugin kebijakan %s tidak menjawab %s dalam %s", "the %s policy plugin did not answer %s within %s",
			p.entry.Region, method, p.host.cfg.Timeout)
		e.Err = err
		return e
	case code == codes.Unavailable || code == codes.Canceled || inst.client.Exited():
		p.retire(inst, fmt.Errorf("%s: %w", method, err))
		e := career.Newf(career.Unavailable, "", "plugin kebijakan %s berhenti saat %s; sedang dijalankan ulang, coba lagi sebentar lagi",
			"the %s policy plugin stopped during %s; it is being restarted, retry shortly", p.entry.Region, method)
		e.Err = err
		return e
	}
	return &career.Error{Code: career.Internal, Message: "the policy plugin failed", ID: "plugin kebijakan gagal", Err: fmt.Errorf("%s %s: %w", p.entry.Region, method, err)}
}

// Ready reports whether the plugin answers now (a Describe round trip), restarting it when it died.
func (p *Plugin) Ready(ctx context.Context) error {
	return p.invoke(ctx, "Describe", func(ctx context.Context, c pb.PolicyClient) error {
		_, err := c.Describe(ctx, &pb.DescribeRequest{})
		return err
	})
}

func (p *Plugin) close() {
	p.mu.Lock()
	p.closed = true
	inst := p.cur
	p.setCur(nil)
	p.mu.Unlock()
	if inst != nil {
		inst.stop(true)
	}
}

// refused tells Config.Refused of an answer the host refused.
func (p *Plugin) refused(method, reason string) {
	if f := p.host.cfg.Refused; f != nil {
		f(p.entry.Region, method, reason)
	}
}

// malformed is the error of a reply that breaks the protocol.
func (p *Plugin) malformed(method string, format string, args ...any) *career.Error {
	p.refused(method, "malformed")
	return &career.Error{Code: career.Internal, Message: "the policy plugin sent a malformed reply", ID: "plugin kebijakan mengirim jawaban yang rusak",
		Err: fmt.Errorf("%s %s: %s", p.entry.Region, method, fmt.Sprintf(format, args...))}
}
