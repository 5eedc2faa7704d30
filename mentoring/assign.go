package mentoring

import (
	"container/heap"
	"math"
)

// Edge is an allowed mentor–mentee pair for Assign, with its score (higher is better).
type Edge struct {
	Mentee, Mentor int
	Score          float64
}

// Assign solves the capacitated assignment: each mentee gets at most one mentor, mentor j at most capacity[j]
// mentees, only along the given edges. Among assignments with the most pairs it returns one with the greatest total
// score (scores are compared to 1/1000). It returns, for each mentee, the index of its mentor or -1. The result is
// deterministic: ties go to the earlier edge.
//
// It is min-cost max-flow by successive shortest paths with Dijkstra and node potentials; with n mentees and E edges
// it takes O(n · E log V).
func Assign(mentees int, capacity []int, edges []Edge) []int {
	g := newFlow(mentees + len(capacity) + 2)
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

// flow is a residual graph in arrays: edge k and k^1 are a forward edge and its reverse.
type flow struct {
	head []int
	next []int
	to   []int
	cap  []int
	cost []int64
}

func newFlow(n int) *flow {
	h := make([]int, n)
	for i := range h {
		h[i] = -1
	}
	return &flow{head: h}
}

func (f *flow) add(u, v, c int, w int64) {
	f.to = append(f.to, v, u)
	f.cap = append(f.cap, c, 0)
	f.cost = append(f.cost, w, -w)
	f.next = append(f.next, f.head[u], f.head[v])
	f.head[u] = len(f.to) - 2
	f.head[v] = len(f.to) - 1
}

type item struct {
	node int
	dist int64
}

type pq []item

func (q pq) Len() int { return len(q) }
func (q pq) Less(i, j int) bool {
	if q[i].dist != q[j].dist {
		return q[i].dist < q[j].dist
	}
	return q[i].node < q[j].node
}
func (q pq) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *pq) Push(x any)   { *q = append(*q, x.(item)) }
func (q *pq) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

func (f *flow) run(s, t int) {
	n := len(f.head)
	pot := make([]int64, n) // all initial costs are non-negative, so zero potentials are valid
	dist := make([]int64, n)
	prev := make([]int, n)
	const inf = math.MaxInt64 / 4
	q := &pq{}
	for {
		for i := range dist {
			dist[i] = inf
			prev[i] = -1
		}
		dist[s] = 0
		*q = (*q)[:0]
		heap.Push(q, item{s, 0})
		for q.Len() > 0 {
			it := heap.Pop(q).(item)
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
					heap.Push(q, item{v, nd})
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
