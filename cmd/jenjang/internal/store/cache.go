package store

import (
	"sync"
	"time"
)

// Authentication and the region lookup run on every request, before the query the request is about; with an SQLite
// statement costing tens of microseconds to parse, they would triple the cost of a point read. Both are read far
// more often than they change, so the store keeps them for a short time:
//
//   - a token's principal for tokenTTL. Revoking a token drops it from this replica's cache at once; another
//     replica may accept it for up to tokenTTL more.
//   - a region for regionTTL; PutRegion drops it from this replica's cache.
//
// Unknown tokens and regions are never cached, so a token or region created elsewhere works at once.
const (
	tokenTTL  = 2 * time.Second
	regionTTL = 5 * time.Second
	// cacheMax bounds each cache; when full it starts over rather than growing (tokens are few, so this is rare).
	cacheMax = 4096
)

// ttlCache is a small map whose entries expire. It is safe for concurrent use.
type ttlCache[K comparable, V any] struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[K]ttlEntry[V]
}

type ttlEntry[V any] struct {
	v       V
	expires time.Time
}

func newTTLCache[K comparable, V any](ttl time.Duration) *ttlCache[K, V] {
	return &ttlCache[K, V]{ttl: ttl, m: make(map[K]ttlEntry[V])}
}

func (c *ttlCache[K, V]) get(k K, now time.Time) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || !now.Before(e.expires) {
		var zero V
		return zero, false
	}
	return e.v, true
}

func (c *ttlCache[K, V]) put(k K, v V, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= cacheMax {
		clear(c.m)
	}
	c.m[k] = ttlEntry[V]{v: v, expires: now.Add(c.ttl)}
}

func (c *ttlCache[K, V]) drop(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}
