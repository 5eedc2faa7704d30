package store

import (
	"testing"
	"time"
)

// TestTTLCache checks expiry, drop and the size bound of the cache behind Authenticate and GetRegion.
func TestTTLCache(t *testing.T) {
	c := newTTLCache[string, int](time.Second)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c.put("a", 1, t0)
	if v, ok := c.get("a", t0.Add(999*time.Millisecond)); !ok || v != 1 {
		t.Fatalf("fresh entry: %d, %v", v, ok)
	}
	if _, ok := c.get("a", t0.Add(time.Second)); ok {
		t.Fatal("an entry is served at its expiry")
	}
	c.put("b", 2, t0)
	c.drop("b")
	if _, ok := c.get("b", t0); ok {
		t.Fatal("a dropped entry is served")
	}
	for i := range cacheMax + 10 {
		c.put(string(rune(i+1000)), i, t0)
	}
	if n := len(c.m); n > cacheMax {
		t.Fatalf("cache holds %d entries, more than %d", n, cacheMax)
	}
}
