package mentoring

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// This file keeps the first implementation of Assign (a linked residual graph and a lazy container/heap), as the
// reference the optimised Assign must agree with pair for pair.

func assignRef(mentees int, capacity []int, edges []Edge) []int {
	g := newRefFlow(mentees + len(capacity) + 2)
	s, t := mentees+len(capacity), mentees+len(capacity)+1
	maxScore := 0.0
	for _, e := range edges {
		maxScore = math.Max(maxScore, e.Score)
	}
	top := int64(math.Round(maxScore*1000)) + 1
	for i := 0; i < mentees; i++ {
		g.add(s, i, 1, 0)
	}
	first := len(g.to)
	for _, e := range edges {
		g.add(e.Mentee, mentees+e.Mentor, 1, top-int64(math.Round(e.Score*1000)))
	}
	last := len(g.to)
	for j, c := range capacity {
		if c > 0 {
			g.add(mentees+j, t, c, 0)
		}
	}
	g.run(s, t)
	out := make([]int, mentees)
	for i := range out {
		out[i] = -1
	}
	for k := first; k < last; k += 2 {
		if g.cap[k] == 0 { // saturated forward edge: this pair is used
			out[g.to[k^1]] = g.to[k] - mentees
		}
	}
	return out
}

// refFlow is a residual graph in arrays: edge k and k^1 are a forward edge and its reverse.
type refFlow struct {
	head []int
	next []int
	to   []int
	cap  []int
	cost []int64
}

func newRefFlow(n int) *refFlow {
	h := make([]int, n)
	for i := range h {
		h[i] = -1
	}
	return &refFlow{head: h}
}

func (f *refFlow) add(u, v, c int, w int64) {
	f.to = append(f.to, v, u)
	f.cap = append(f.cap, c, 0)
	f.cost = append(f.cost, w, -w)
	f.next = append(f.next, f.head[u], f.head[v])
	f.head[u] = len(f.to) - 2
	f.head[v] = len(f.to) - 1
}

type refItem struct {
	node int
	dist int64
}

type refPQ []refItem

func (q refPQ) Len() int { return len(q) }
func (q refPQ) Less(i, j int) bool {
	if q[i].dist != q[j].dist {
		return q[i].dist < q[j].dist
	}
	return q[i].node < q[j].node
}
func (q refPQ) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *refPQ) Push(x any)   { *q = append(*q, x.(refItem)) }
func (q *refPQ) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

func (f *refFlow) run(s, t int) {
	n := len(f.head)
	pot := make([]int64, n) // all initial costs are non-negative, so zero potentials are valid
	dist := make([]int64, n)
	prev := make([]int, n)
	const inf = math.MaxInt64 / 4
	q := &refPQ{}
	for {
		for i := range dist {
			dist[i] = inf
			prev[i] = -1
		}
		dist[s] = 0
		*q = (*q)[:0]
		heap.Push(q, refItem{s, 0})
		for q.Len() > 0 {
			it := heap.Pop(q).(refItem)
			u := it.node
			if it.dist > dist[u] {
				continue
			}
			for k := f.head[u]; k != -1; k = f.next[k] {
				if f.cap[k] == 0 {
					continue
				}
				v := f.to[k]
				nd := dist[u] + f.cost[k] + pot[u] - pot[v]
				if nd < dist[v] {
					dist[v] = nd
					prev[v] = k
					heap.Push(q, refItem{v, nd})
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
		// Every augmenting path carries one unit (source edges have capacity 1).
		for v := t; v != s; v = f.to[prev[v]^1] {
			f.cap[prev[v]]--
			f.cap[prev[v]^1]++
		}
	}
}

// TestAssignMatchesReference checks, on random instances of many shapes, that Assign returns exactly what the
// first implementation returned: the optimisation changed the speed, not a single pair.
func TestAssignMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 4))
	for trial := range 400 {
		mentees := 1 + rng.IntN(40)
		mentors := 1 + rng.IntN(15)
		capacity := make([]int, mentors)
		for j := range capacity {
			capacity[j] = rng.IntN(4)
		}
		density := 0.05 + rng.Float64()*0.9
		var edges []Edge
		for i := range mentees {
			for j := range mentors {
				if rng.Float64() < density {
					edges = append(edges, Edge{Mentee: i, Mentor: j, Score: float64(rng.IntN(10)) + float64(rng.IntN(4))/4})
				}
			}
		}
		rng.Shuffle(len(edges), func(a, b int) { edges[a], edges[b] = edges[b], edges[a] })
		got, want := Assign(mentees, capacity, edges), assignRef(mentees, capacity, edges)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (%d mentees, capacities %v, %d edges): Assign = %v, reference = %v", trial, mentees, capacity, len(edges), got, want)
		}
	}
}
