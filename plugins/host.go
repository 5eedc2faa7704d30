package plugins

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
	"github.com/jenjang-asn/jenjang/plugins/internal/wire"
)

// Defaults of Config.
const (
	DefaultTimeout      = 10 * time.Second
	DefaultStartTimeout = 10 * time.Second
	DefaultMinBackoff   = 100 * time.Millisecond
	DefaultMaxBackoff   = 5 * time.Second
)

// Config configures a Host.
type Config struct {
	// Dir is the plugin directory, holding manifest.json and the binaries it names.
	Dir string
	// Timeout bounds every call to a plugin (DefaultTimeout when zero). A plugin that does not answer in time is
	// killed and replaced, and the call fails with a career.Timeout error.
	Timeout time.Duration
	// StartTimeout bounds a plugin's start-up handshake (DefaultStartTimeout when zero).
	StartTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait between restarts of a plugin that keeps failing: the first restart
	// is immediate, the next waits MinBackoff, doubling up to MaxBackoff.
	MinBackoff, MaxBackoff time.Duration
	// Logger receives go-plugin's log and the plugins' stderr. Nil logs errors to the host's stderr.
	Logger hclog.Logger
	// Observe, when set, is told of every call to a plugin once the plugin answered or failed: the region, the
	// method (the protocol's RPC name, "AssessPromotions"), how long it took and its error — nil when the plugin
	// answered (what the answer holds is Refused's to tell), a *career.Error with code Timeout or Unavailable when
	// the plugin hung or died, the context's error when the caller gave up. A server feeds its metrics with it. It
	// must be quick and safe for concurrent use.
	Observe func(region, method string, took time.Duration, err error)
	// Refused, when set, is told of every answer, or item of a batch answer, the host refused: reason "malformed"
	// for one that breaks the protocol (garbage, wrong counts, decisions out of order), "conflict" for a decision
	// that breaks a national floor (promotion.Floors, promotion.SelectionFloors). Quick and concurrency-safe too.
	Refused func(region, method, reason string)
}

func (c Config) withDefaults() Config {
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.StartTimeout <= 0 {
		c.StartTimeout = DefaultStartTimeout
	}
	if c.MinBackoff <= 0 {
		c.MinBackoff = DefaultMinBackoff
	}
	if c.MaxBackoff < c.MinBackoff {
		c.MaxBackoff = max(DefaultMaxBackoff, c.MinBackoff)
	}
	if c.Logger == nil {
		c.Logger = hclog.New(&hclog.LoggerOptions{Name: "jenjang.plugins", Level: hclog.Error, Output: os.Stderr})
	}
	return c
}

// Reasons a Host refuses a plugin; a *LoadError wraps one, so errors.Is(err, ErrChecksum) tells them apart.
var (
	ErrMissing   = errors.New("plugin binary missing")
	ErrChecksum  = errors.New("plugin binary checksum differs from the manifest")
	ErrProtocol  = errors.New("plugin speaks another protocol version")
	ErrNotPlugin = errors.New("file is not a Jenjang policy plugin")
	ErrMismatch  = errors.New("plugin describes another region than the manifest")
)

// LoadError says why the host refused a plugin: the region, the file and the reason (one of ErrMissing,
// ErrChecksum, ErrProtocol, ErrNotPlugin, ErrMismatch, ErrManifest), with the detail.
type LoadError struct {
	Region string
	Path   string
	Reason error
	Err    error
}

func (e *LoadError) Error() string {
	s := "plugins: refusing " + e.Path
	if e.Region != "" {
		s += " (region " + e.Region + ")"
	}
	s += ": " + e.Reason.Error()
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the reason and the detail.
func (e *LoadError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Reason}
	}
	return []error{e.Reason, e.Err}
}

// Host runs the region plugins of a plugin directory and supervises them: it verifies each binary against the
// manifest before every start, restarts a plugin that died, and replaces one that hung. It is safe for concurrent
// use. Close it to stop every plugin.
type Host struct {
	cfg     Config
	plugins map[string]*Plugin
	reaper  sync.WaitGroup // background kills of crashed or hung instances
	closed  sync.Once
}

// Open starts every plugin the manifest in cfg.Dir lists and checks that it is the region's policy speaking
// ProtocolVersion. It refuses the whole directory when one plugin is refused, so a server never starts with a
// region silently missing; the error joins one *LoadError per refused plugin.
func Open(ctx context.Context, cfg Config) (*Host, error) {
	cfg = cfg.withDefaults()
	entries, err := LoadManifest(cfg.Dir)
	if err != nil {
		return nil, err
	}
	h := &Host{cfg: cfg, plugins: make(map[string]*Plugin, len(entries))}
	var errs []error
	for _, e := range entries {
		p, err := h.load(ctx, e)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		h.plugins[e.Region] = p
	}
	if len(errs) > 0 {
		h.Close()
		return nil, errors.Join(errs...)
	}
	return h, nil
}

func (h *Host) load(ctx context.Context, e ManifestEntry) (*Plugin, error) {
	path, err := filepath.Abs(filepath.Join(h.cfg.Dir, e.Binary))
	if err != nil {
		return nil, &LoadError{Region: e.Region, Path: e.Binary, Reason: ErrMissing, Err: err}
	}
	sum, _ := hex.DecodeString(e.SHA256)
	p := &Plugin{host: h, entry: e, path: path, sum: sum}
	inst, err := p.start()
	if err != nil {
		return nil, err
	}
	fail := func(reason error, format string, args ...any) (*Plugin, error) {
		inst.kill()
		return nil, &LoadError{Region: e.Region, Path: path, Reason: reason, Err: fmt.Errorf(format, args...)}
	}
	cctx, cancel := context.WithTimeout(ctx, h.cfg.Timeout)
	defer cancel()
	m, err := inst.rpc.Describe(cctx, &pb.DescribeRequest{})
	if err != nil {
		return fail(ErrNotPlugin, "Describe failed: %v", err)
	}
	d := toDescription(m)
	if d.Protocol != ProtocolVersion {
		return fail(ErrProtocol, "it describes protocol %d, the host speaks %d", d.Protocol, ProtocolVersion)
	}
	if d.Region != e.Region {
		return fail(ErrMismatch, "the manifest binds it to %q but it describes region %q", e.Region, d.Region)
	}
	p.desc = d
	p.setCur(inst)
	return p, nil
}

// Plugin returns the plugin of a region.
func (h *Host) Plugin(region string) (*Plugin, bool) {
	p, ok := h.plugins[region]
	return p, ok
}

// Plugins returns the plugins, by region code.
func (h *Host) Plugins() []*Plugin {
	out := make([]*Plugin, 0, len(h.plugins))
	for _, p := range h.plugins {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Plugin) int { return strings.Compare(a.entry.Region, b.entry.Region) })
	return out
}

// Ready reports whether every plugin answers now, restarting any that died; it joins the errors of those that do
// not. A server's /readyz calls it.
func (h *Host) Ready(ctx context.Context) error {
	var errs []error
	for _, p := range h.Plugins() {
		if err := p.Ready(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Close stops every plugin and waits until their processes are gone. Calls made after Close fail with
// career.Unavailable. Close is idempotent.
func (h *Host) Close() error {
	h.closed.Do(func() {
		var wg sync.WaitGroup
		for _, p := range h.plugins {
			wg.Go(p.close)
		}
		wg.Wait()
		h.reaper.Wait()
	})
	return nil
}

// clientConfig is the go-plugin configuration of one start of a plugin binary.
func (h *Host) clientConfig(path string, sum []byte) *plugin.ClientConfig {
	cmd := newCommand(path)
	return &plugin.ClientConfig{
		HandshakeConfig:  handshake(),
		VersionedPlugins: map[int]plugin.PluginSet{ProtocolVersion: {wire.PluginName: &grpcPlugin{}}},
		Cmd:              cmd,
		SecureConfig:     &plugin.SecureConfig{Checksum: sum, Hash: sha256.New()},
		AutoMTLS:         true,
		SkipHostEnv:      true,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		StartTimeout:     h.cfg.StartTimeout,
		Logger:           h.cfg.Logger.Named(filepath.Base(path)),
		GRPCDialOptions: []grpc.DialOption{grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(wire.MaxMessageBytes), grpc.MaxCallSendMsgSize(wire.MaxMessageBytes)),
			grpc.WithInitialWindowSize(wire.WindowBytes), grpc.WithInitialConnWindowSize(wire.WindowBytes),
			grpc.WithReadBufferSize(wire.BufferBytes), grpc.WithWriteBufferSize(wire.BufferBytes)},
	}
}

func newCommand(path string) *exec.Cmd {
	cmd := exec.Command(path)
	cmd.Dir = filepath.Dir(path)
	dieWithHost(cmd)
	return cmd
}
