package career

import (
	"errors"
	"fmt"
	"slices"
	"strings"
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
//
// Message is in English and ID, when set, says the same in Bahasa Indonesia, the language of the HR offices that
// read it (DESIGN §6: messages in Indonesian or English). Build both with Newf; ErrorMessageIn picks one for a
// language. An error with no ID (built with Errorf, or by code outside Jenjang) shows its English Message in every
// language. Error() is for logs and stays in English.
type Error struct {
	Code    Code
	Field   string
	Message string // English
	ID      string // Bahasa Indonesia; "" when there is no Indonesian text
	Err     error  // the underlying cause, if any; never shown to a user
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

// Errorf returns an *Error with the given code, field and formatted message, in English only. Errors a user can see
// are built with Newf, which says it in Indonesian too.
func Errorf(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Newf returns an *Error with the given code and field and a message in both languages: id (Bahasa Indonesia) and
// en (English) are formats applied to the same args. An arg of type Message is its ID in the Indonesian text and its
// EN in the English one, for a word that differs between them (an aspect, a rating source). When the languages
// order the args differently, use explicit argument indexes ("%[2]d … %[1]q"); a test checks that the two formats of
// every call use the same args with the same verbs.
//
//	career.Newf(career.Invalid, "nip", "NIP harus terdiri dari 18 digit, %q memiliki %d karakter",
//		"NIP must have 18 digits, %q has %d characters", s, len(s))
func Newf(code Code, field, id, en string, args ...any) *Error {
	if !slices.ContainsFunc(args, isMessage) {
		return &Error{Code: code, Field: field, ID: fmt.Sprintf(id, args...), Message: fmt.Sprintf(en, args...)}
	}
	idArgs, enArgs := slices.Clone(args), slices.Clone(args)
	for i, a := range args {
		if m, ok := a.(Message); ok {
			idArgs[i], enArgs[i] = m.ID, m.EN
		}
	}
	return &Error{Code: code, Field: field, ID: fmt.Sprintf(id, idArgs...), Message: fmt.Sprintf(en, enArgs...)}
}

func isMessage(a any) bool { _, ok := a.(Message); return ok }

// In returns the message for a language tag ("id", "en-US"): English for tags starting with "en", Indonesian
// otherwise (the default, as in Message.In), falling back to the English Message when there is no Indonesian text.
func (e *Error) In(lang string) string {
	if e.ID == "" || english(lang) {
		return e.Message
	}
	return e.ID
}

// english reports whether lang is an English tag.
func english(lang string) bool {
	return len(lang) >= 2 && strings.EqualFold(lang[:2], "en")
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

// ErrorMessage returns the user-safe message of the first *Error in err's chain, in English; for any other error (or
// an Internal one) it returns a generic text, so that internal detail never leaks.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		return e.Message
	}
	return "internal error"
}

// ErrorMessageIn is ErrorMessage in a language: for a tag starting with "en" the English message, for any other
// tag (Indonesian is the default) the Indonesian one, or the English one when the error has no Indonesian text.
// Any other error (or an Internal one) gives a generic text in that language.
func ErrorMessageIn(err error, lang string) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		return e.In(lang)
	}
	if english(lang) {
		return "internal error"
	}
	return "kesalahan internal"
}
