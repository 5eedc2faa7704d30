package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// requestInfo is what every layer of a request may need: its id (also sent as X-Request-Id and in problems), the
// language to answer in, and a logger that names the request.
type requestInfo struct {
	id     string
	lang   lang
	logger *slog.Logger
}

type requestInfoKey struct{}

// infoFrom returns the request's info, or a neutral one outside a request (Huma builds example errors with none).
func infoFrom(ctx context.Context) *requestInfo {
	if ctx != nil {
		if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
			return ri
		}
	}
	return &requestInfo{lang: indonesian, logger: slog.Default()}
}

// RequestID returns the id of the request ctx belongs to, or "" outside a request.
func RequestID(ctx context.Context) string { return infoFrom(ctx).id }

// Logger returns the request's logger (it carries request_id), or slog.Default outside a request.
func Logger(ctx context.Context) *slog.Logger { return infoFrom(ctx).logger }

func newRequestID() string {
	b := make([]byte, 12)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// withRequestInfo gives each request an id and a language, and logs it when done. The id is generated here, never
// taken from the client, so that it can be trusted in logs.
func withRequestInfo(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := &requestInfo{id: newRequestID(), lang: negotiateLang(r.Header.Get("Accept-Language"))}
		ri.logger = logger.With("request_id", ri.id)
		w.Header().Set("X-Request-Id", ri.id)
		w.Header().Set("Content-Language", ri.lang.String())
		w.Header().Add("Vary", "Accept-Language")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, ri)))
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first status written.
func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200 when no status was written.
func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer (flush, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// observe records metrics and an access log line for each request. It must wrap the ServeMux directly and pass the
// request on unchanged: the mux sets r.Pattern on that very request, and the pattern (not the raw path, which holds
// ids) is the route label.
func observe(m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		aborted := true
		defer func() {
			if !aborted {
				return
			}
			// The handler aborted the response (http.ErrAbortHandler, passed on by recoverPanics): count and log
			// it anyway, then let net/http drop the connection.
			v := recover()
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			route := r.Pattern
			if route == "" || route == "/" {
				route = "unmatched"
			}
			m.observe(r.Method, route, status, time.Since(start))
			Logger(r.Context()).Warn("request aborted", "method", r.Method, "route", route, "status", status, "duration", time.Since(start))
			if v != nil {
				panic(v)
			}
		}()
		next.ServeHTTP(rec, r)
		aborted = false
		elapsed := time.Since(start)
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		route := r.Pattern
		if route == "" || route == "/" {
			route = "unmatched"
		}
		m.observe(r.Method, route, status, elapsed)
		level := slog.LevelDebug
		if status >= 500 {
			level = slog.LevelWarn
		}
		Logger(r.Context()).Log(r.Context(), level, "request",
			"method", r.Method, "route", route, "status", status, "duration", elapsed)
	})
}

// recoverPanics turns a panicking handler into a logged internal error instead of a dropped connection.
func recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			Logger(r.Context()).Error("panic", "panic", v, "stack", string(debug.Stack()))
			writeProblem(w, newProblem(r.Context(), http.StatusInternalServerError, msgInternal))
		}()
		next.ServeHTTP(w, r)
	})
}
