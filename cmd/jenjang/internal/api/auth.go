package api

import (
	"context"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/auth"
)

// authenticate is the Huma middleware that enforces each operation's access rule (set by register):
//
//   - public operations pass;
//   - a remote address with too many recent failures gets 429 without its token being looked at;
//   - no bearer token, or one that is unknown or revoked: 401;
//   - a token of another region than the path's {region}: 403 (national tokens may act on any region);
//   - a role the operation does not allow: 403.
//
// The principal is then put in the request context (auth.FromContext). An operation without an access rule is
// refused: access is never granted by omission.
func (s *server) authenticate(hctx huma.Context, next func(huma.Context)) {
	ctx := hctx.Context()
	rule, ok := hctx.Operation().Metadata[accessKey].(access)
	if !ok {
		Logger(ctx).Error("operation has no access rule; register it with register()", "operation", hctx.Operation().OperationID)
		s.writeHumaProblem(hctx, newProblem(ctx, http.StatusForbidden, msgNoAccessRule))
		return
	}
	if rule.public {
		next(hctx)
		return
	}

	ip := remoteIP(hctx.RemoteAddr())
	if wait := s.failures.retryAfter(ip); wait > 0 {
		p := newProblem(ctx, http.StatusTooManyRequests, msgTooManyFailures)
		p.GetHeaders().Set("Retry-After", strconv.Itoa(int(wait.Round(time.Second)/time.Second)+1))
		s.writeHumaProblem(hctx, p)
		return
	}

	token, ok := bearerToken(hctx.Header("Authorization"))
	if !ok {
		p := newProblem(ctx, http.StatusUnauthorized, msgTokenMissing)
		p.GetHeaders().Set("WWW-Authenticate", `Bearer realm="jenjang"`)
		s.writeHumaProblem(hctx, p)
		return
	}
	principal, err := s.store.Authenticate(ctx, token)
	if err != nil {
		if career.ErrorCode(err) != career.Unauthorized {
			s.writeHumaProblem(hctx, problemFor(ctx, err))
			return
		}
		s.failures.fail(ip)
		Logger(ctx).Info("authentication failed", "remote_ip", ip)
		p := newProblem(ctx, http.StatusUnauthorized, msgTokenInvalid)
		p.GetHeaders().Set("WWW-Authenticate", `Bearer realm="jenjang", error="invalid_token"`)
		s.writeHumaProblem(hctx, p)
		return
	}

	if region := hctx.Param("region"); region != "" && !principal.CanAccess(region) {
		s.writeHumaProblem(hctx, newProblem(ctx, http.StatusForbidden, msgOtherRegion))
		return
	}
	if !slices.Contains(rule.roles, principal.Role) {
		s.writeHumaProblem(hctx, newProblem(ctx, http.StatusForbidden, msgRoleNotAllowed))
		return
	}
	next(huma.WithContext(hctx, auth.NewContext(ctx, principal)))
}

// writeHumaProblem sends p from a Huma middleware.
func (s *server) writeHumaProblem(hctx huma.Context, p *Problem) {
	for k, vs := range p.headers {
		for _, v := range vs {
			hctx.AppendHeader(k, v)
		}
	}
	hctx.SetHeader("Content-Type", "application/problem+json")
	hctx.SetStatus(p.Status)
	if err := s.api.Marshal(hctx.BodyWriter(), "application/json", p); err != nil {
		Logger(hctx.Context()).Warn("write problem", "err", err)
	}
}

// bearerToken extracts the token of an "Authorization: Bearer <token>" header.
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// remoteIP returns the host part of a remote address. Behind a reverse proxy every client shares the proxy's
// address; forwarded headers are not trusted because any client can set them.
func remoteIP(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return remoteAddr
	}
	return host
}

// principalFrom returns the authenticated caller; handlers behind a non-public access rule always have one.
func principalFrom(ctx context.Context) (auth.Principal, error) {
	p, ok := auth.FromContext(ctx)
	if !ok {
		return auth.Principal{}, catalogueError(career.Unauthorized, "", msgTokenMissing)
	}
	return p, nil
}

// failureLimiter counts failed authentications per remote address in a fixed window; an address that reaches the
// limit is refused until its window ends, which makes guessing tokens by brute force useless (a token has 256 bits
// anyway) and cheap to refuse.
type failureLimiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	byIP   map[string]*failureCount
}

type failureCount struct {
	n     int
	start time.Time
}

// maxTrackedAddresses bounds the limiter's memory; past it, expired entries are swept.
const maxTrackedAddresses = 10000

func newFailureLimiter(max int, window time.Duration) *failureLimiter {
	return &failureLimiter{max: max, window: window, now: time.Now, byIP: map[string]*failureCount{}}
}

// retryAfter returns how long ip must wait, or 0 if it may try.
func (l *failureLimiter) retryAfter(ip string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.byIP[ip]
	if !ok {
		return 0
	}
	left := c.start.Add(l.window).Sub(l.now())
	if left <= 0 {
		delete(l.byIP, ip)
		return 0
	}
	if c.n < l.max {
		return 0
	}
	return left
}

// fail records a failed attempt from ip.
func (l *failureLimiter) fail(ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	c, ok := l.byIP[ip]
	if !ok || now.Sub(c.start) >= l.window {
		if len(l.byIP) >= maxTrackedAddresses {
			l.sweep(now)
		}
		c = &failureCount{start: now}
		l.byIP[ip] = c
	}
	c.n++
}

func (l *failureLimiter) sweep(now time.Time) {
	for ip, c := range l.byIP {
		if now.Sub(c.start) >= l.window {
			delete(l.byIP, ip)
		}
	}
	if len(l.byIP) >= maxTrackedAddresses { // all recent: an attack from many addresses; start over
		clear(l.byIP)
	}
}
