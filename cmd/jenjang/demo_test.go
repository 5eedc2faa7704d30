package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store/storetest"
)

var demoToken = regexp.MustCompile(`demo region (\w+) admin token: (jjg_[A-Za-z0-9_-]{43})`)

// TestServeDemo starts `jenjang serve --demo` on both databases and tries the seeded regions over HTTP.
func TestServeDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		addrFile := filepath.Join(t.TempDir(), "addr")
		ctx, cancel := context.WithCancel(context.Background())
		stderr := &syncBuffer{}
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"jenjang", "serve", "--addr", "127.0.0.1:0", "--db", b.DSN, "--plugins", t.TempDir()},
				envOf(map[string]string{"JENJANG_ADDR_FILE": addrFile, "JENJANG_DEMO": "true"}), strings.NewReader(""), io.Discard, stderr)
		}()
		t.Cleanup(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve: %v\n%s", err, stderr)
				}
			case <-time.After(20 * time.Second):
				t.Errorf("serve did not stop\n%s", stderr)
			}
		})
		var base string
		for deadline := time.Now().Add(30 * time.Second); base == ""; {
			if b, err := os.ReadFile(addrFile); err == nil {
				base = "http://" + strings.TrimSpace(string(b))
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("not listening\n%s", stderr)
			}
			time.Sleep(20 * time.Millisecond)
		}
		tokens := map[string]string{}
		for _, m := range demoToken.FindAllStringSubmatch(stderr.String(), -1) {
			tokens[m[1]] = m[2]
		}
		if len(tokens) != 5 {
			t.Fatalf("demo tokens %v\n%s", tokens, stderr)
		}
		if !strings.Contains(stderr.String(), "region plugin not loaded") {
			t.Errorf("no warning about the missing plugins\n%s", stderr)
		}
		status, _, body := get(t, base+"/v1/regions/kalianda/promotions/eligibility", tokens["kalianda"])
		var elig struct {
			Results []struct{ NIP string }
			Summary map[string]int
		}
		if status != 200 || json.Unmarshal([]byte(body), &elig) != nil {
			t.Fatalf("eligibility: %d %s", status, body)
		}
		if len(elig.Results) < 15 || elig.Summary["eligible"] == 0 || elig.Summary["not_yet"]+elig.Summary["not_eligible"] == 0 {
			t.Fatalf("demo eligibility summary %v over %d employees", elig.Summary, len(elig.Results))
		}
		// One employee's promotion waits for a disciplinary sanction to end, and GET of that employee shows it.
		if n := strings.Count(body, `"code":"promotion.no_sanction","passed":false`); n != 1 {
			t.Errorf("employees deferred by a sanction: %d, want 1\n%.2000s", n, body)
		}
		for _, code := range []string{"semarang", "pauh", "wanggar", "tanjungpinang"} {
			if status, _, body := get(t, base+"/v1/regions/"+code+"/training/programs", tokens[code]); status != 200 || !strings.Contains(body, `"code"`) {
				t.Errorf("%s catalogue: %d %s", code, status, body)
			}
			if status, _, _ := get(t, base+"/v1/regions/"+code+"/employees", tokens["kalianda"]); status != http.StatusForbidden {
				t.Errorf("kalianda's token reads %s: %d", code, status)
			}
		}
	})
}
