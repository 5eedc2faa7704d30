package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/plugins"
)

// metrics holds the server's Prometheus collectors. Each server has its own registry, so that several servers (in
// tests) never collide on the global one.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewRegistry returns a Prometheus registry holding the Go runtime and process collectors: what /metrics serves
// when Deps.Metrics is nil, and what a caller that adds its own collectors (NewPluginMetrics) passes instead.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

func newMetrics(reg *prometheus.Registry) *metrics {
	if reg == nil {
		reg = NewRegistry()
	}
	m := &metrics{
		registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "jenjang",
			Name:      "http_requests_total",
			Help:      "HTTP requests served, by method, route pattern and status code.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "jenjang",
			Name:      "http_request_duration_seconds",
			Help:      "Time to serve an HTTP request, by method and route pattern.",
			Buckets:   prometheus.DefBuckets,
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// observe records one request. route is the ServeMux pattern, so the label set stays small whatever the paths.
func (m *metrics) observe(method, route string, status int, elapsed time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(elapsed.Seconds())
}

// handler serves the registry in the Prometheus exposition format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// PluginMetrics are the Prometheus collectors of the region policy plugins: every call by region, method and
// result, its duration, the answers the host refused, and for each plugin whether a process runs and how many
// times one was started. A plugin
// that keeps being restarted, or calls that time out, show here before users complain.
type PluginMetrics struct {
	reg      prometheus.Registerer
	calls    *prometheus.CounterVec
	duration *prometheus.HistogramVec
	refused  *prometheus.CounterVec
}

// NewPluginMetrics returns the plugin call collectors, registered with reg. Pass its Observe and Refused as
// plugins.Config.Observe and Refused, and the host to Watch once it is open.
func NewPluginMetrics(reg prometheus.Registerer) *PluginMetrics {
	m := &PluginMetrics{
		reg: reg,
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "jenjang",
			Name:      "plugin_calls_total",
			Help:      "Calls to region policy plugins, by region, method and result (ok, timeout, unavailable, internal, canceled, …).",
		}, []string{"region", "method", "result"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "jenjang",
			Name:      "plugin_call_duration_seconds",
			Help:      "Time a call to a region policy plugin took, by region and method.",
			Buckets:   prometheus.ExponentialBuckets(0.0005, 4, 10), // 0.5 ms … 131 s
		}, []string{"region", "method"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "jenjang",
			Name:      "plugin_refused_total",
			Help:      "Answers (or items of batch answers) of region policy plugins the host refused, by region, method and reason: malformed (breaks the protocol) or conflict (breaks a national floor).",
		}, []string{"region", "method", "reason"}),
	}
	reg.MustRegister(m.calls, m.duration, m.refused)
	return m
}

// Observe records one plugin call; it is a plugins.Config.Observe. The result is "ok" when the plugin answered,
// the error's code when the plugin failed (timeout, unavailable, internal), and "canceled" when the caller gave up
// first (its context was cancelled or passed its deadline).
func (m *PluginMetrics) Observe(region, method string, took time.Duration, err error) {
	result := "ok"
	switch code := career.ErrorCode(err); {
	case err == nil:
	case code == career.Timeout || code == career.Unavailable:
		result = string(code)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		result = "canceled"
	default:
		result = string(code)
	}
	m.calls.WithLabelValues(region, method, result).Inc()
	m.duration.WithLabelValues(region, method).Observe(took.Seconds())
}

// Refused records an answer the host refused; it is a plugins.Config.Refused.
func (m *PluginMetrics) Refused(region, method, reason string) {
	m.refused.WithLabelValues(region, method, reason).Inc()
}

// Watch registers a collector that reads, at every scrape, the state of each plugin of h: jenjang_plugin_up (1
// while a process runs) and jenjang_plugin_starts_total (1 after loading; each restart adds one).
func (m *PluginMetrics) Watch(h *plugins.Host) {
	m.reg.MustRegister(pluginState{h})
}

var (
	pluginUpDesc = prometheus.NewDesc("jenjang_plugin_up", "Whether a process of the region's policy plugin runs (1) or not (0).",
		[]string{"region"}, nil)
	pluginStartsDesc = prometheus.NewDesc("jenjang_plugin_starts_total", "Processes of the region's policy plugin started: 1 after loading, one more for each restart.",
		[]string{"region"}, nil)
)

// pluginState is the collector of Watch.
type pluginState struct{ h *plugins.Host }

func (c pluginState) Describe(ch chan<- *prometheus.Desc) {
	ch <- pluginUpDesc
	ch <- pluginStartsDesc
}

func (c pluginState) Collect(ch chan<- prometheus.Metric) {
	for _, p := range c.h.Plugins() {
		up := 0.0
		if p.PID() != 0 {
			up = 1
		}
		ch <- prometheus.MustNewConstMetric(pluginUpDesc, prometheus.GaugeValue, up, p.Region())
		ch <- prometheus.MustNewConstMetric(pluginStartsDesc, prometheus.CounterValue, float64(p.Starts()), p.Region())
	}
}
