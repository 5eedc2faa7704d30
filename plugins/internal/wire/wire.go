// Package wire converts between Jenjang's domain types and the protocol messages of jenjang.policy.v1 (package
// policyv1), so that neither the plugin author nor the host's callers ever see a protobuf type. It also holds the
// go-plugin handshake constants shared by the host, the SDK and the test plugins.
//
// Decoders are strict about what they cannot carry (an unparsable NIP or date becomes a career.Invalid error naming
// the field) and carry every other value verbatim: judging it is the policy's job.
package wire

import (
	"fmt"
	"time"
	"unsafe"

	"github.com/jenjang-asn/jenjang/career"
	pb "github.com/jenjang-asn/jenjang/plugins/internal/policyv1"
)

// The go-plugin handshake. The cookie is not a secret: it only stops a plugin binary from being run by hand by
// mistake. PluginName is the name of the one plugin in the protocol's plugin set.
const (
	MagicCookieKey   = "JENJANG_PLUGIN"
	MagicCookieValue = "6f0a3c1e-jenjang-region-policy"
	PluginName       = "policy"
	// MaxMessageBytes bounds one gRPC message in either direction: a batch of 10,000 candidates fits comfortably.
	MaxMessageBytes = 256 << 20
	// WindowBytes is the HTTP/2 flow-control window of a plugin connection and of each call, on both sides: a batch
	// of thousands goes in one burst instead of waiting for window updates 64 KiB at a time (the default), which the
	// connection otherwise grows only after several calls.
	WindowBytes = 16 << 20
	// BufferBytes is the size of the connection's read and write buffers.
	BufferBytes = 256 << 10
)

// Date encodes a date as YYYYMMDD; the zero Date is 0.
func Date(d career.Date) int32 {
	if d.IsZero() {
		return 0
	}
	return int32(d.Year()*10000 + int(d.Month())*100 + d.Day())
}

// ToDate decodes a YYYYMMDD date; 0 is the zero Date. A value that is not a calendar date is an Invalid error for
// field.
func ToDate(v int32, field string) (career.Date, error) {
	if v == 0 {
		return career.Date{}, nil
	}
	d, err := career.NewDate(int(v/10000), time.Month(v/100%100), int(v%100))
	if err != nil || v < 0 {
		return career.Date{}, career.Errorf(career.Invalid, field, "%d is not a date of the form YYYYMMDD", v)
	}
	return d, nil
}

// ToNIP parses a NIP sent over the wire; the empty string is the zero NIP.
func ToNIP(s, field string) (career.NIP, error) {
	if s == "" {
		return career.NIP{}, nil
	}
	n, err := career.ParseNIPAt(s, career.Date{})
	if err != nil {
		return career.NIP{}, career.Errorf(career.Invalid, field, "%s", career.ErrorMessage(err))
	}
	return n, nil
}

// Strings builds the strings table of one message: each distinct string once, index 0 the empty string.
//
// Most strings added are the same few constants over and over (a rule's code, source and texts), so a small cache
// keyed by the string's address answers them without hashing their bytes: the same address and length is the same
// string, and the cache keeps the address alive, so it cannot be reused for another.
type Strings struct {
	idx   map[string]uint32
	list  []string
	cache [cacheSize]cached
}

const cacheBits = 9
const cacheSize = 1 << cacheBits

type cached struct {
	p *byte
	n int
	i uint32
}

// NewStrings returns an empty table.
func NewStrings() *Strings {
	return &Strings{idx: make(map[string]uint32, 64), list: append(make([]string, 0, 64), "")}
}

// Reset empties the table for reuse, keeping its memory.
func (t *Strings) Reset() {
	clear(t.idx)
	t.cache = [cacheSize]cached{}
	t.list = append(t.list[:0], "")
}

// Add returns the index of s, adding it when new.
func (t *Strings) Add(s string) uint32 {
	if s == "" {
		return 0
	}
	p := unsafe.StringData(s)
	c := &t.cache[(uint64(uintptr(unsafe.Pointer(p)))^uint64(len(s)))*0x9e3779b97f4a7c15>>(64-cacheBits)]
	if c.p == p && c.n == len(s) {
		return c.i
	}
	i, ok := t.idx[s]
	if !ok {
		i = uint32(len(t.list))
		t.idx[s] = i
		t.list = append(t.list, s)
	}
	*c = cached{p: p, n: len(s), i: i}
	return i
}

// List returns the table to send.
func (t *Strings) List() []string { return t.list }

// Table is a received strings table.
type Table []string

// Get returns entry i; index 0 is always the empty string.
func (t Table) Get(i uint32) (string, error) {
	if i == 0 {
		return "", nil
	}
	if int(i) >= len(t) {
		return "", fmt.Errorf("string index %d outside a table of %d", i, len(t))
	}
	return t[i], nil
}

// lookup returns entry i, false when it is outside the table.
func (t Table) lookup(i uint32) (string, bool) {
	if int(i) < len(t) {
		return t[i], true
	}
	return "", false
}

// Remap rewrites the string indices of a decision encoded against one table into another: index i becomes
// remap[i]. A nil decision is left alone.
func Remap(m *pb.Decision, remap []uint32) {
	if m == nil {
		return
	}
	r := func(i *uint32) { *i = remap[*i] }
	r(&m.Kind)
	r(&m.Outcome)
	r(&m.PolicyRegion)
	r(&m.PolicyVersion)
	for i := range m.Criteria {
		if i%CriterionWidth != 1 { // every number but passed is an index
			r(&m.Criteria[i])
		}
	}
	for i := range m.Details {
		r(&m.Details[i])
	}
}
