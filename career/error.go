package career

import (
	"errors"
	"fmt"
)

// Code classifies an error for the layers above the domain packages. The HTTP server maps each code to a status once, at
// its edge; the plugin host maps transport failures to Unavailable and Timeout. The set is small on purpose.
type Code string

// The error vocabulary shared by every Jenjang package.
const (
	Invalid        Code = "invalid"         // the input breaks a rule; Field and Message say which and why
	NotFound       Code = "not_found"       // the thing asked for does not exist (in this region)
	Conflict       Code = "conflict"        // the request clashes with the current state (finalised, changed since read)
	Forbidden      Code = "forbidden"       // the caller may not do this
	Unauthorized   Code = "unauthorized"    // the caller is not known
	PolicyConflict Code = "policy_conflict" // a region policy produced a decision the national hard floors forbid
	Unavailable    Code = "unavailable"     // a dependency (a plugin, the database) cannot answer now; retry later
	Timeout        Code = "timeout"         // a dependency did not answer before the deadline
	Internal       Code = "internal"        // anything else; its text is logged, never shown
)

// Error is the typed error of the domain packages. Message is safe to show to a user; Field names the input at fault,
// in the dotted form of the input ("nip", "ratings[2].value") when there is one.
type Error struct {
	Code    Code
	Field   string
	Message string
	Err     error // the underlying cause, if any; never shown to a user
}

func (e *Error) Error() string {
	s := string(e.Code)
	if e.Field != "" {
		s += ": " + e.Field
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code, field and formatted message.
func Errorf(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, Internal for any other non-nil error and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorField returns the field of the first *Error in err's chain, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorMessage returns the user-safe message of the first *Error in err's chain; for any other error it returns a
// generic text, so that internal detail never leaks.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		return e.Message
	}
	return "internal error"
}
