package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

// TestConcurrentClients: 50 clients, each with its own token (10 admins, 20 tokens of the supervisor, 20 of the
// three staff), rate and finalise the same two appraisals and approve the same transfer at once. Every accepted
// rating is stored exactly once (and no refused one at all), each appraisal is finalised exactly once with one
// predicate and one decision, the transfer is approved once with one history step, and there is exactly one audit
// event per accepted change.
func TestConcurrentClients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		start := time.Now()
		w := newWorld(t, b, nil)
		w.seedPeople("kalianda")
		const k = "/v1/regions/kalianda"
		ctx := context.Background()

		ayu := fmt.Sprint(w.must(201, "POST", k+"/appraisals", "sup", map[string]any{"nip": nipAyu, "period": "2025", "peers": []string{nipBudi, nipCitra}})["id"])
		budi := fmt.Sprint(w.must(201, "POST", k+"/appraisals", "sup", map[string]any{"nip": nipBudi, "period": "2025", "peers": []string{nipCitra, nipAyu}})["id"])
		tf := w.must(201, "POST", k+"/transfers", "admin", map[string]any{"nip": nipAyu, "to": map[string]any{"agency": "Pemerintah Kabupaten Kalianda", "unit": "BKPSDM"},
			"to_position": map[string]any{"title": "Analis SDM Aparatur", "kind": "pelaksana", "field": "sdm"}, "on": "2026-04-01"})
		transfer := fmt.Sprint(tf["transfer"].(map[string]any)["id"])
		histBefore := len(w.must(200, "GET", k+"/employees/"+nipAyu+"/history", "admin", nil)["history"].([]any))

		type client struct {
			name string
			role auth.Role
			nip  string
		}
		var clients []client
		staff := []string{nipAyu, nipBudi, nipCitra}
		for i := range 50 {
			c := client{name: fmt.Sprintf("c%02d", i)}
			switch {
			case i < 10:
				c.role = auth.Admin
			case i < 30:
				c.role, c.nip = auth.Supervisor, nipBoss
			default:
				c.role, c.nip = auth.Employee, staff[i%3]
			}
			tok, _, err := w.store.CreateToken(ctx, "kalianda", c.role, c.nip)
			if err != nil {
				t.Fatal(err)
			}
			w.tokens[c.name] = tok
			clients = append(clients, c)
		}

		// What each client sends: its ratings of an appraisal (the source its role allows), then, for admins and
		// the supervisor, a finalisation; admins also approve the transfer.
		ratingsFor := func(c client, appraisee string, note string) []map[string]any {
			r := func(source, aspect, value string) map[string]any {
				m := map[string]any{"source": source, "aspect": aspect, "value": value, "note": note}
				if c.role == auth.Admin {
					m["rater"] = nipBoss
				}
				return m
			}
			switch {
			case c.role != auth.Employee:
				return []map[string]any{r("superior", "hasil_kerja", "sesuai"), r("superior", "perilaku_kerja", "di_atas")}
			case c.nip == appraisee:
				return []map[string]any{r("self", "hasil_kerja", "di_atas")}
			default:
				return []map[string]any{r("peer", "perilaku_kerja", "sesuai")}
			}
		}
		type call struct {
			client, action, target, note string
			status                       int
			rows                         int // ratings sent
		}
		var (
			mu        sync.Mutex
			calls     []call
			conflicts = map[string]int{} // detail of the 409s of ratings
		)
		record := func(c call) {
			mu.Lock()
			calls = append(calls, c)
			mu.Unlock()
		}
		// Phase 1: all rate both draft appraisals at once (ratings commute: every one must be accepted). Phase 2:
		// all rate again while the admins and the supervisor finalise and the admins approve the transfer.
		ready, phase2 := make(chan struct{}), make(chan struct{})
		var wg, rated sync.WaitGroup
		rated.Add(len(clients))
		go func() { rated.Wait(); close(phase2) }()
		for _, c := range clients {
			wg.Go(func() {
				<-ready
				for round := range 2 {
					if round == 1 {
						rated.Done()
						<-phase2
					}
					for _, ap := range []struct{ id, nip string }{{ayu, nipAyu}, {budi, nipBudi}} {
						note := fmt.Sprintf("%s/%s/%d", c.name, ap.id, round)
						status, body, _ := w.call("POST", k+"/appraisals/"+ap.id+"/ratings", c.name, map[string]any{"ratings": ratingsFor(c, ap.nip, note)})
						if status == http.StatusConflict {
							mu.Lock()
							conflicts[fmt.Sprint(body["detail"])]++
							mu.Unlock()
						}
						record(call{c.name, "appraisal.rate", ap.id, note, status, len(ratingsFor(c, ap.nip, note))})
						if round == 0 && status != http.StatusOK {
							t.Errorf("%s: rating a draft appraisal at phase 1: %d", note, status)
						}
					}
				}
				if c.role != auth.Employee {
					for _, id := range []string{ayu, budi} {
						status, _, _ := w.call("POST", k+"/appraisals/"+id+"/finalize", c.name, nil)
						record(call{c.name, "appraisal.finalize", id, "", status, 0})
					}
				}
				if c.role == auth.Admin {
					status, _, _ := w.call("POST", k+"/transfers/"+transfer+"/approve", c.name, map[string]any{"on": "2026-04-01"})
					record(call{c.name, "transfer.approve", transfer, "", status, 0})
				}
			})
		}
		t0 := time.Now()
		close(ready)
		wg.Wait()
		elapsed := time.Since(t0)

		// Statuses: every call either succeeded or was refused with a conflict (finalised already, approved already).
		accepted := map[string]int{}
		byStatus := map[string]int{}
		for _, c := range calls {
			byStatus[fmt.Sprintf("%s %d", c.action, c.status)]++
			switch c.status {
			case http.StatusOK:
				accepted[c.action]++
			case http.StatusConflict:
			default:
				t.Errorf("%s %s %s: status %d", c.client, c.action, c.target, c.status)
			}
		}
		t.Logf("%d calls in %s: %v; rating conflicts: %v", len(calls), elapsed.Round(time.Millisecond), byStatus, conflicts)
		for _, action := range []string{"appraisal.finalize", "transfer.approve"} {
			want := map[string]int{"appraisal.finalize": 2, "transfer.approve": 1}[action]
			if accepted[action] != want {
				t.Errorf("%s accepted %d times, want %d", action, accepted[action], want)
			}
		}

		// Ratings: each accepted call's ratings are stored exactly once; a refused call left none.
		var notes []struct {
			Note string
			N    int
		}
		if err := w.store.DB().NewSelect().TableExpr("appraisal_ratings").ColumnExpr("note, count(*) AS n").
			Where("region = ?", "kalianda").Group("note").Scan(ctx, &notes); err != nil {
			t.Fatal(err)
		}
		stored := map[string]int{}
		for _, n := range notes {
			stored[n.Note] = n.N
		}
		for _, c := range calls {
			if c.action != "appraisal.rate" {
				continue
			}
			want := 0
			if c.status == http.StatusOK {
				want = c.rows
			}
			if stored[c.note] != want {
				t.Errorf("rating %s (status %d): %d rows stored, want %d", c.note, c.status, stored[c.note], want)
			}
		}

		// One decision and one predicate per appraisal; the transfer made one history step.
		for _, ap := range []struct{ id, nip string }{{ayu, nipAyu}, {budi, nipBudi}} {
			if n, err := w.store.CountDecisions(ctx, "kalianda", "evaluation.predicate", ap.id); err != nil || n != 1 {
				t.Errorf("appraisal %s: %d predicate decisions, %v; want 1", ap.id, n, err)
			}
			n, err := w.store.DB().NewSelect().TableExpr("predicates").Where("region = ? AND nip = ? AND year = 2025", "kalianda", ap.nip).Count(ctx)
			if err != nil || n != 1 {
				t.Errorf("appraisal %s: %d predicates for 2025, %v; want 1", ap.id, n, err)
			}
		}
		if h := len(w.must(200, "GET", k+"/employees/"+nipAyu+"/history", "admin", nil)["history"].([]any)); h != histBefore+1 {
			t.Errorf("history of the transferred employee: %d steps, was %d; want one more", h, histBefore)
		}

		// Audit: exactly one event per accepted change.
		page, err := w.store.ListAudit(ctx, store.AuditFilter{Region: "kalianda", Limit: 5000})
		if err != nil {
			t.Fatal(err)
		}
		events := map[string]int{}
		for _, e := range page.Events {
			events[e.Action]++
		}
		for _, action := range []string{"appraisal.rate", "appraisal.finalize", "transfer.approve"} {
			if events[action] != accepted[action] {
				t.Errorf("%s: %d audit events, %d accepted calls", action, events[action], accepted[action])
			}
		}
		t.Logf("%s: total %s", b.Name, time.Since(start).Round(time.Millisecond))
	})
}
