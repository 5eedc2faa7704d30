package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/cmd/jenjang/internal/store"
)

// StatusClientClosedRequest is the status recorded (metrics, access log) for a request whose client went away
// before the answer: nginx's 499. No client ever receives it.
const StatusClientClosedRequest = 499

// ProblemTypeBase prefixes the stable type URI of every problem: ProblemTypeBase + "not-found", and so on.
const ProblemTypeBase = "https://jenjang.dev/problems/"

// Problem is an RFC 9457 problem detail, the body of every error response (application/problem+json). Code is
// stable and machine-readable (the career error code where there is one); Title, Detail and the errors' messages are
// in the language the client asked for (for a domain error, its own Indonesian or English text: career.ErrorMessageIn);
// RequestID matches the X-Request-Id header and the server's log.
type Problem struct {
	Type      string        `json:"type" format:"uri" example:"https://jenjang.dev/problems/invalid" doc:"Stable URI of the problem type"`
	Title     string        `json:"title" example:"Data tidak valid" doc:"Short summary of the problem type, localised"`
	Status    int           `json:"status" example:"422" doc:"HTTP status code"`
	Detail    string        `json:"detail,omitempty" doc:"What went wrong this time, in the language asked for (Indonesian unless Accept-Language prefers English)"`
	Code      string        `json:"code" example:"invalid" doc:"Stable machine-readable code: invalid, unauthorized, forbidden, not_found, conflict, policy_conflict, internal, …"`
	RequestID string        `json:"request_id,omitempty" doc:"Id of the request, also in the X-Request-Id header; quote it when reporting a problem"`
	Errors    []*FieldError `json:"errors,omitempty" doc:"One entry per input at fault"`

	headers http.Header
}

// FieldError names one input at fault.
type FieldError struct {
	Location string `json:"location,omitempty" example:"body.nip" doc:"Where the error is: body.<field>, path.<param>, query.<param>, header.<name>"`
	Message  string `json:"message" doc:"What is wrong with it, in the language of the detail"`
}

// Error returns the detail.
func (p *Problem) Error() string { return p.Detail }

// GetStatus returns the HTTP status (huma.StatusError).
func (p *Problem) GetStatus() int { return p.Status }

// GetHeaders returns headers to send with the problem, such as Retry-After (huma.HeadersError).
func (p *Problem) GetHeaders() http.Header {
	if p.headers == nil {
		p.headers = http.Header{}
	}
	return p.headers
}

// ContentType makes Huma send application/problem+json.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

// codeForStatus is the problem code of a status when there is no domain error to say more.
func codeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnauthorized:
		return string(career.Unauthorized)
	case http.StatusForbidden:
		return string(career.Forbidden)
	case http.StatusNotFound:
		return string(career.NotFound)
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusNotAcceptable:
		return "not_acceptable"
	case http.StatusRequestTimeout:
		return "request_timeout"
	case http.StatusConflict:
		return string(career.Conflict)
	case http.StatusPreconditionFailed:
		return "precondition_failed"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusUnprocessableEntity:
		return string(career.Invalid)
	case http.StatusPreconditionRequired:
		return "precondition_required"
	case http.StatusTooManyRequests:
		return "too_many_requests"
	case http.StatusServiceUnavailable:
		return string(career.Unavailable)
	case http.StatusGatewayTimeout:
		return string(career.Timeout)
	case http.StatusInsufficientStorage:
		return "insufficient_storage"
	case StatusClientClosedRequest:
		return "client_closed_request"
	}
	if status >= 500 {
		return string(career.Internal)
	}
	return "http_" + strconv.Itoa(status)
}

// statusForCode maps the domain error vocabulary to HTTP, once for the whole server.
func statusForCode(code career.Code) int {
	switch code {
	case career.Invalid:
		return http.StatusUnprocessableEntity
	case career.NotFound:
		return http.StatusNotFound
	case career.Conflict:
		return http.StatusConflict
	case career.Forbidden:
		return http.StatusForbidden
	case career.Unauthorized:
		return http.StatusUnauthorized
	case career.PolicyConflict:
		return http.StatusConflict
	case career.Unavailable:
		return http.StatusServiceUnavailable
	case career.Timeout:
		return http.StatusGatewayTimeout
	}
	return http.StatusInternalServerError
}

// defaultDetail is the catalogue text for a status when the caller gave none worth showing.
func defaultDetail(status int) msg {
	switch status {
	case http.StatusBadRequest:
		return msgBadRequest
	case http.StatusUnauthorized:
		return msgTokenMissing
	case http.StatusNotFound:
		return msgNotFound
	case http.StatusNotAcceptable:
		return msgNotAcceptable
	case http.StatusRequestEntityTooLarge:
		return msgBodyTooLarge
	case http.StatusUnprocessableEntity:
		return msgValidation
	case http.StatusPreconditionFailed:
		return msgPreconditionFailed
	case http.StatusPreconditionRequired:
		return msgPreconditionRequired
	case http.StatusTooManyRequests:
		return msgTooManyFailures
	case http.StatusServiceUnavailable:
		return msgUnavailable
	case http.StatusGatewayTimeout:
		return msgTimeout
	case http.StatusInsufficientStorage:
		return msgStorageFull
	}
	return msgInternal
}

// newProblem returns a problem of the given status with a catalogue detail, in the request's language.
func newProblem(ctx context.Context, status int, detail msg) *Problem {
	return newProblemCode(ctx, status, codeForStatus(status), detail)
}

func newProblemCode(ctx context.Context, status int, code string, detail msg) *Problem {
	ri := infoFrom(ctx)
	return &Problem{
		Type:      ProblemTypeBase + strings.ReplaceAll(code, "_", "-"),
		Title:     ri.lang.title(code),
		Status:    status,
		Detail:    ri.lang.text(detail),
		Code:      code,
		RequestID: ri.id,
	}
}

// humaMessages are the fixed texts Huma passes to NewError, mapped to the catalogue so that they are localised.
var humaMessages = map[string]msg{
	"validation failed":          msgValidation,
	"request body is required":   msgBodyRequired,
	"request body read timeout":  msgBodyTimeout,
	"unable to marshal response": msgNotAcceptable,
	"unexpected error occurred":  msgInternal,
	"cannot read request body":   msgInternal,
}

// humaError builds the problem for an error Huma raises itself (validation, body limits, content negotiation) or
// for a handler error that did not go through register. It replaces huma.NewErrorWithContext, so every error the
// API sends has the same shape.
func humaError(ctx context.Context, status int, message string, errs ...error) huma.StatusError {
	if status == 0 { // Huma asks for an example error to describe in the OpenAPI document
		return newProblemCode(ctx, 0, string(career.Invalid), msgValidation)
	}
	if status >= 500 {
		// An error from a handler registered without register, or Huma failing to read the body: classify it like
		// any other handler error.
		for _, err := range errs {
			if err != nil {
				return problemFor(ctx, err)
			}
		}
	}
	m, ok := humaMessages[message]
	if !ok {
		m = defaultDetail(status)
		if strings.HasPrefix(message, "request body is too large") {
			m = msgBodyTooLarge
		}
	}
	p := newProblem(ctx, status, m)
	if status >= 500 {
		Logger(ctx).Error("internal error", "status", status, "message", message)
		return p
	}
	for _, err := range errs {
		if err == nil {
			continue
		}
		var d huma.ErrorDetailer
		if errors.As(err, &d) {
			dd := d.ErrorDetail()
			p.Errors = append(p.Errors, &FieldError{Location: dd.Location, Message: dd.Message})
			continue
		}
		// A client error Huma found in the client's own input (malformed JSON, a bad parameter): safe to echo.
		p.Errors = append(p.Errors, &FieldError{Message: err.Error()})
	}
	return p
}

func init() {
	// Huma builds every error through these two hooks; they are global in Huma, so they are set once here and
	// take everything else from the request context.
	huma.NewErrorWithContext = func(hctx huma.Context, status int, message string, errs ...error) huma.StatusError {
		var ctx context.Context
		if hctx != nil {
			ctx = hctx.Context()
		}
		return humaError(ctx, status, message, errs...)
	}
	huma.NewError = func(status int, message string, errs ...error) huma.StatusError {
		return humaError(context.Background(), status, message, errs...)
	}
}

// problemFor maps an error returned by a handler or the store to the problem sent to the client. Problems pass
// through (with headers of a huma.ErrorWithHeaders wrapper kept); other Huma status errors keep their status; career
// errors map by code (their user-safe message, in the request's language, becomes the detail and their field an
// errors entry); anything else is internal: logged with the request id, never shown.
func problemFor(ctx context.Context, err error) *Problem {
	var p *Problem
	if !errors.As(err, &p) {
		p = classify(ctx, err)
	}
	var he huma.HeadersError
	if errors.As(err, &he) && he != huma.HeadersError(p) {
		for k, vs := range he.GetHeaders() {
			for _, v := range vs {
				p.GetHeaders().Add(k, v)
			}
		}
	}
	return p
}

func classify(ctx context.Context, err error) *Problem {
	var se huma.StatusError
	if errors.As(err, &se) && se.GetStatus() < 500 {
		p := newProblem(ctx, se.GetStatus(), defaultDetail(se.GetStatus()))
		if se.Error() != "" {
			p.Detail = se.Error()
		}
		return p
	}
	if ctx != nil && ctx.Err() == context.Canceled && errors.Is(err, context.Canceled) {
		// The client went away before its answer (found under load: every call cut at the end of a run was a
		// logged "internal error" and a 500 in the metrics). Nobody reads this answer and the server is not at
		// fault: it is counted as 499, nginx's "client closed request", so that 5xx in metrics and alerts mean
		// server faults, and logged at info.
		Logger(ctx).Info("request canceled by the client", "err", err)
		return newProblem(ctx, StatusClientClosedRequest, msgInternal)
	}
	code := career.ErrorCode(err)
	switch {
	case code != career.Internal && code != career.Unavailable:
	case store.IsStorageFull(err):
		// The database has no room: the change is refused, reads go on. 507, never the driver's text.
		Logger(ctx).Error("database storage full", "err", err)
		return newProblem(ctx, http.StatusInsufficientStorage, msgStorageFull)
	case code == career.Internal && errors.Is(err, context.DeadlineExceeded):
		code = career.Timeout
	case code == career.Internal && store.IsUnavailable(err):
		// The database is down, restarting or unreachable (or its file read-only or locked): a 503 the client may
		// retry, not an internal error; the pool drops the broken connections and recovers without a restart.
		code = career.Unavailable
	}
	status := statusForCode(code)
	switch code {
	case career.Internal:
		Logger(ctx).Error("internal error", "err", err)
		return newProblem(ctx, status, msgInternal)
	case career.Unavailable, career.Timeout:
		Logger(ctx).Warn("dependency failed", "code", code, "err", err)
	}
	p := newProblemCode(ctx, status, string(code), defaultDetail(status))
	if m := career.ErrorMessageIn(err, infoFrom(ctx).lang.String()); m != "" && career.ErrorCode(err) != career.Internal {
		p.Detail = m // in the caller's language: Indonesian unless Accept-Language prefers English
	}
	if field := career.ErrorField(err); field != "" {
		p.Errors = []*FieldError{{Location: field, Message: p.Detail}}
	}
	return p
}

// writeProblem sends p outside Huma's own error path (middleware, plain handlers).
func writeProblem(w http.ResponseWriter, p *Problem) {
	for k, vs := range p.headers {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}
