package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/api"
)

// TestPluginMetricsResults checks the result label of each kind of call outcome, and the refusals.
func TestPluginMetricsResults(t *testing.T) {
	reg := api.NewRegistry()
	m := api.NewPluginMetrics(reg)
	for _, err := range []error{
		nil,
		career.Newf(career.Timeout, "", "habis waktu", "timed out"),
		career.Newf(career.Unavailable, "", "berhenti", "stopped"),
		fmt.Errorf("acquire: %w", context.DeadlineExceeded), // the caller's deadline, waiting out a restart
		context.Canceled,
		&career.Error{Code: career.Internal, Message: "the policy plugin failed", Err: fmt.Errorf("rpc error")},
	} {
		m.Observe("kalianda", "AssessPromotions", 3*time.Millisecond, err)
	}
	m.Refused("kalianda", "AssessPromotions", "conflict")
	m.Refused("kalianda", "Rank", "malformed")

	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, line := range []string{
		`jenjang_plugin_calls_total{method="AssessPromotions",region="kalianda",result="canceled"} 2`,
		`jenjang_plugin_calls_total{method="AssessPromotions",region="kalianda",result="internal"} 1`,
		`jenjang_plugin_calls_total{method="AssessPromotions",region="kalianda",result="ok"} 1`,
		`jenjang_plugin_calls_total{method="AssessPromotions",region="kalianda",result="timeout"} 1`,
		`jenjang_plugin_calls_total{method="AssessPromotions",region="kalianda",result="unavailable"} 1`,
		`jenjang_plugin_refused_total{method="AssessPromotions",reason="conflict",region="kalianda"} 1`,
		`jenjang_plugin_refused_total{method="Rank",reason="malformed",region="kalianda"} 1`,
		`jenjang_plugin_call_duration_seconds_count{method="AssessPromotions",region="kalianda"} 6`,
	} {
		if !strings.Contains(body, line+"\n") {
			t.Errorf("/metrics lacks %s", line)
		}
	}
	if n := strings.Count(body, "\njenjang_plugin_calls_total{"); n != 5 {
		t.Errorf("%d call series, want 5:\n%s", n, body)
	}
}
