package mentoring

import (
	"math"
	"slices"
)

// maxAbsScore bounds the scores Assign weighs: a score is counted in thousandths in an int64, with room for the sum
// of a path.
const maxAbsScore = 1e12

// Edge is an allowed mentor–mentee pair for Assign, with its score (higher is better).
type Edge struct {
	Mentee, Mentor int
	Score          float64
}

// Assign solves the capacitated assignment: each mentee gets at most one mentor, mentor j at most capacity[j]
// mentees, only along the given edges. Among assignments with the most pairs it returns one with the greatest total
// score (scores are compared to 1/1000). It returns, for each mentee, the index of its mentor or -1. The result
// depends only on the arguments: ties between equally good assignments are settled by a fixed exploration order.
//
// An edge whose mentee or mentor index is out of range, or whose score is not a finite number within ±1e12, is
// ignored: it names no pair that exists (an index past the mentors would otherwise land on the source or sink of the
// flow network), or cannot be weighed against the others. A capacity above the number of mentees counts as that
// number, so that any int fits the network's arcs.
//
// It is min-cost max-flow by successive shortest paths with Dijkstra and node potentials: a pair costs
// top − score (top above every score, so each unit of flow is worth more than any score difference: cardinality
// first, then score). With n mentees, V nodes and E edges it takes O(n · E log V); the graph is held in compressed
// adjacency arrays and Dijkstra uses an indexed heap with decrease-key, so one augmentation touches each edge once
// and allocates nothing.
func Assign(mentees int, capacity []int, edges []Edge) []int {
	mentees = max(mentees, 0)
	invalid := func(e Edge) bool {
		return e.Mentee < 0 || e.Mentee >= mentees || e.Mentor < 0 || e.Mentor >= len(capacity) ||
			math.IsNaN(e.Score) || math.Abs(e.Score) > maxAbsScore
	}
	if slices.ContainsFunc(edges, invalid) { // the common case, every edge valid, needs no copy
		edges = slices.DeleteFunc(slices.Clone(edges), invalid)
	}
	nodes := mentees + len(capacity) + 2
	s, t := nodes-2, nodes-1
	maxScore := 0.0
	for _, e := range edges {
		maxScore = math.Max(maxScore, e.Score)
	}
	top := int64(math.Round(maxScore*1000)) + 1
	var b builder
	b.init(nodes, mentees+len(edges)+len(capacity))
	for i := 0; i < mentees; i++ {
		b.add(s, i, 1, 0)
	}
	first := len(b.arcs)
	for _, e := range edges {
		b.add(e.Mentee, mentees+e.Mentor, 1, top-int64(math.Round(e.Score*1000)))
	}
	last := len(b.arcs)
	for j, c := range capacity {
		if c > 0 {
			b.add(mentees+j, t, min(c, mentees), 0)
		}
	}
	g, pos := b.build()
	g.run(s, t)
	out := make([]int, mentees)
	for i := range out {
		out[i] = -1
	}
	for k := first; k < last; k++ {
		a := b.arcs[k]
		if g.cap[pos[2*k]] == 0 { // saturated forward arc: this pair is used
			out[a.u] = int(a.v) - mentees
		}
	}
	return out
}

// arc is an arc as added: from u to v with capacity and cost.
type arc struct {
	u, v int32
	cap  int32
	cost int64
}

// builder collects arcs, then lays them out per node. Each node lists its arcs newest first (forward and reverse
// arcs interleaved in the order they were added), which fixes the exploration order and so the tie-breaking.
type builder struct {
	nodes int
	arcs  []arc
}

func (b *builder) init(nodes, arcs int) {
	b.nodes = nodes
	b.arcs = make([]arc, 0, arcs)
}

func (b *builder) add(u, v, c int, w int64) {
	b.arcs = append(b.arcs, arc{int32(u), int32(v), int32(c), w})
}

// graph is a residual graph in compressed adjacency form: the arcs out of node u are start[u] to start[u+1]; rev[k]
// is the index of the arc opposite to k.
type graph struct {
	start []int32
	to    []int32
	rev   []int32
	cap   []int32
	cost  []int64
}

// build lays the arcs out and returns the graph and, for the half-arc h (2k forward, 2k+1 reverse of added arc k),
// its index in the graph.
func (b *builder) build() (*graph, []int32) {
	n := b.nodes
	m := 2 * len(b.arcs)
	g := &graph{start: make([]int32, n+1), to: make([]int32, m), rev: make([]int32, m), cap: make([]int32, m), cost: make([]int64, m)}
	for _, a := range b.arcs {
		g.start[a.u+1]++
		g.start[a.v+1]++
	}
	for i := 0; i < n; i++ {
		g.start[i+1] += g.start[i]
	}
	fill := make([]int32, n) // arcs placed so far per node, from the end of its range (newest first)
	pos := make([]int32, m)
	place := func(u int32) int32 {
		fill[u]++
		return g.start[u+1] - fill[u]
	}
	for k, a := range b.arcs {
		// In the order added, the forward half goes to u, the reverse half to v; per node the newest comes first.
		f := place(a.u)
		r := place(a.v)
		g.to[f], g.cap[f], g.cost[f], g.rev[f] = a.v, a.cap, a.cost, r
		g.to[r], g.cap[r], g.cost[r], g.rev[r] = a.u, 0, -a.cost, f
		pos[2*k], pos[2*k+1] = f, r
	}
	return g, pos
}

// run pushes flow from s to t along shortest augmenting paths until none is left. Every augmenting path carries one
// unit (source arcs have capacity 1).
func (g *graph) run(s, t int) {
	n := len(g.start) - 1
	pot := make([]int64, n) // all initial costs are non-negative, so zero potentials are valid
	dist := make([]int64, n)
	prev := make([]int32, n)
	const inf = math.MaxInt64 / 4
	h := newIndexedHeap(n, dist)
	for {
		for i := range dist {
			dist[i] = inf
			prev[i] = -1
		}
		dist[s] = 0
		h.push(int32(s))
		for h.len() > 0 {
			u := h.pop()
			du := dist[u] + pot[u]
			for k := g.start[u]; k < g.start[u+1]; k++ {
				if g.cap[k] == 0 {
					continue
				}
				v := g.to[k]
				nd := du + g.cost[k] - pot[v]
				if nd < dist[v] {
					dist[v] = nd
					prev[v] = k
					if h.at[v] < 0 {
						h.push(v)
					} else {
						h.decrease(v)
					}
				}
			}
		}
		if dist[t] == inf {
			return
		}
		for i := range pot {
			if dist[i] < inf {
				pot[i] += dist[i]
			}
		}
		for v := int32(t); v != int32(s); v = g.to[g.rev[prev[v]]] {
			k := prev[v]
			g.cap[k]--
			g.cap[g.rev[k]]++
		}
	}
}

// indexedHeap is a binary min-heap of nodes keyed by (dist[node], node), with the position of each node so that a
// lowered distance moves the node up in place instead of adding a second entry.
type indexedHeap struct {
	nodes []int32
	at    []int32 // position of a node in nodes, -1 when absent
	dist  []int64
}

func newIndexedHeap(n int, dist []int64) *indexedHeap {
	h := &indexedHeap{nodes: make([]int32, 0, n), at: make([]int32, n), dist: dist}
	for i := range h.at {
		h.at[i] = -1
	}
	return h
}

func (h *indexedHeap) len() int { return len(h.nodes) }

func (h *indexedHeap) less(a, b int32) bool {
	da, db := h.dist[a], h.dist[b]
	return da < db || da == db && a < b
}

func (h *indexedHeap) push(v int32) {
	h.nodes = append(h.nodes, v)
	h.at[v] = int32(len(h.nodes) - 1)
	h.up(len(h.nodes) - 1)
}

func (h *indexedHeap) decrease(v int32) { h.up(int(h.at[v])) }

func (h *indexedHeap) pop() int32 {
	top := h.nodes[0]
	last := len(h.nodes) - 1
	h.nodes[0] = h.nodes[last]
	h.at[h.nodes[0]] = 0
	h.nodes = h.nodes[:last]
	h.at[top] = -1
	if last > 0 {
		h.down(0)
	}
	return top
}

func (h *indexedHeap) up(i int) {
	v := h.nodes[i]
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(v, h.nodes[p]) {
			break
		}
		h.nodes[i] = h.nodes[p]
		h.at[h.nodes[i]] = int32(i)
		i = p
	}
	h.nodes[i] = v
	h.at[v] = int32(i)
}

func (h *indexedHeap) down(i int) {
	n := len(h.nodes)
	v := h.nodes[i]
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h.less(h.nodes[c+1], h.nodes[c]) {
			c++
		}
		if !h.less(h.nodes[c], v) {
			break
		}
		h.nodes[i] = h.nodes[c]
		h.at[h.nodes[i]] = int32(i)
		i = c
	}
	h.nodes[i] = v
	h.at[v] = int32(i)
}
