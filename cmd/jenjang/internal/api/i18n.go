package api

import (
	"golang.org/x/text/language"

	"github.com/jenjang-asn/jenjang/career"
)

// lang is a language the server answers in. Indonesian is the default; English is used when Accept-Language
// prefers it.
type lang int

const (
	indonesian lang = iota
	english
)

var languageMatcher = language.NewMatcher([]language.Tag{language.Indonesian, language.English})

// negotiateLang picks the response language from an Accept-Language header value.
func negotiateLang(acceptLanguage string) lang {
	if acceptLanguage == "" {
		return indonesian
	}
	_, i := language.MatchStrings(languageMatcher, acceptLanguage)
	if i == 1 {
		return english
	}
	return indonesian
}

// String returns the BCP 47 tag of l, for the Content-Language header.
func (l lang) String() string {
	if l == english {
		return "en"
	}
	return "id"
}

// msg is a key of the message catalogue.
type msg string

// The fixed texts of the server. Domain messages (career.Error) carry their own Indonesian and English texts.
const (
	msgValidation           msg = "validation"
	msgBadRequest           msg = "bad_request"
	msgBodyRequired         msg = "body_required"
	msgBodyTooLarge         msg = "body_too_large"
	msgBodyTimeout          msg = "body_timeout"
	msgTokenMissing         msg = "token_missing"
	msgTokenInvalid         msg = "token_invalid"
	msgTooManyFailures      msg = "too_many_failures"
	msgOtherRegion          msg = "other_region"
	msgRoleNotAllowed       msg = "role_not_allowed"
	msgNoAccessRule         msg = "no_access_rule"
	msgNotFound             msg = "not_found"
	msgRouteNotFound        msg = "route_not_found"
	msgRegionNotFound       msg = "region_not_found"
	msgInternal             msg = "internal"
	msgUnavailable          msg = "unavailable"
	msgStorageFull          msg = "storage_full"
	msgTimeout              msg = "timeout"
	msgNotReady             msg = "not_ready"
	msgNotAcceptable        msg = "not_acceptable"
	msgPreconditionFailed   msg = "precondition_failed"
	msgPreconditionRequired msg = "precondition_required"
	msgCheckFailing         msg = "check_failing"
	msgRecordForbidden      msg = "record_forbidden"
	msgNoNIP                msg = "no_nip"
)

// catalogue holds each message in Indonesian and English.
var catalogue = map[msg][2]string{
	msgValidation:           {"Validasi gagal: periksa kolom yang disebut di errors.", "Validation failed: check the fields listed in errors."},
	msgBadRequest:           {"Permintaan tidak dapat dibaca.", "The request cannot be read."},
	msgBodyRequired:         {"Isi permintaan wajib ada.", "A request body is required."},
	msgBodyTooLarge:         {"Isi permintaan terlalu besar.", "The request body is too large."},
	msgBodyTimeout:          {"Isi permintaan terlalu lama diterima.", "The request body took too long to arrive."},
	msgTokenMissing:         {"Token akses diperlukan: kirim header Authorization: Bearer <token>.", "An access token is required: send Authorization: Bearer <token>."},
	msgTokenInvalid:         {"Token akses tidak valid atau sudah dicabut.", "The access token is invalid or revoked."},
	msgTooManyFailures:      {"Terlalu banyak percobaan gagal dari alamat ini; coba lagi nanti.", "Too many failed attempts from this address; try again later."},
	msgOtherRegion:          {"Token ini tidak berlaku untuk wilayah tersebut.", "This token is not valid for that region."},
	msgRoleNotAllowed:       {"Peran token ini tidak diizinkan melakukan tindakan ini.", "The role of this token may not do this."},
	msgNoAccessRule:         {"Operasi ini belum memiliki aturan akses.", "This operation has no access rule."},
	msgNotFound:             {"Data tidak ditemukan.", "Not found."},
	msgRouteNotFound:        {"Alamat tidak ditemukan.", "No such path."},
	msgRegionNotFound:       {"Wilayah tidak ditemukan.", "Region not found."},
	msgInternal:             {"Terjadi kesalahan internal; laporkan request_id kepada pengelola.", "An internal error occurred; report the request_id to the operator."},
	msgUnavailable:          {"Layanan sedang tidak tersedia; coba lagi nanti.", "The service is unavailable; try again later."},
	msgStorageFull:          {"Penyimpanan server penuh; perubahan tidak disimpan. Data tetap dapat dibaca.", "The server's storage is full; the change was not saved. Reading still works."},
	msgTimeout:              {"Layanan tidak menjawab tepat waktu.", "The service did not answer in time."},
	msgNotReady:             {"Server belum siap melayani.", "The server is not ready."},
	msgNotAcceptable:        {"Format jawaban yang diminta tidak didukung.", "The requested response format is not supported."},
	msgPreconditionFailed:   {"Data sudah berubah sejak dibaca (If-Match tidak cocok); baca ulang lalu coba lagi.", "The data changed since it was read (If-Match does not match); read it again and retry."},
	msgPreconditionRequired: {"Header If-Match wajib untuk perubahan ini.", "An If-Match header is required for this change."},
	msgCheckFailing:         {"gagal", "failing"},
	msgRecordForbidden:      {"Anda tidak berhak atas data pegawai ini.", "You may not access this employee's records."},
	msgNoNIP:                {"Token ini tidak terikat pada NIP pegawai.", "This token is not bound to an employee's NIP."},
}

// text returns message m in language l.
func (l lang) text(m msg) string {
	t, ok := catalogue[m]
	if !ok {
		return string(m)
	}
	return t[l]
}

// titles are the problem titles, per problem code, in Indonesian and English.
var titles = map[string][2]string{
	"invalid":                {"Data tidak valid", "Invalid input"},
	"bad_request":            {"Permintaan tidak valid", "Bad request"},
	"unauthorized":           {"Tidak terautentikasi", "Unauthorized"},
	"forbidden":              {"Akses ditolak", "Forbidden"},
	"not_found":              {"Tidak ditemukan", "Not found"},
	"method_not_allowed":     {"Metode tidak diizinkan", "Method not allowed"},
	"not_acceptable":         {"Format tidak didukung", "Not acceptable"},
	"conflict":               {"Konflik", "Conflict"},
	"policy_conflict":        {"Konflik kebijakan", "Policy conflict"},
	"precondition_failed":    {"Prasyarat gagal", "Precondition failed"},
	"precondition_required":  {"Prasyarat diperlukan", "Precondition required"},
	"too_large":              {"Permintaan terlalu besar", "Request too large"},
	"unsupported_media_type": {"Jenis isi tidak didukung", "Unsupported media type"},
	"too_many_requests":      {"Terlalu banyak permintaan", "Too many requests"},
	"request_timeout":        {"Waktu permintaan habis", "Request timeout"},
	"internal":               {"Kesalahan internal", "Internal error"},
	"unavailable":            {"Layanan tidak tersedia", "Service unavailable"},
	"insufficient_storage":   {"Penyimpanan penuh", "Insufficient storage"},
	"client_closed_request":  {"Klien menutup permintaan", "Client closed request"},
	"timeout":                {"Waktu habis", "Timeout"},
}

// catalogueError is a career error whose message is m of the catalogue, in both languages: the server's own texts
// travel as career errors like the domain's, and are localised where every error is (problemFor).
func catalogueError(code career.Code, field string, m msg) *career.Error {
	t := catalogue[m]
	return &career.Error{Code: code, Field: field, ID: t[indonesian], Message: t[english]}
}

// title returns the title of problem code in language l.
func (l lang) title(code string) string {
	if t, ok := titles[code]; ok {
		return t[l]
	}
	return code
}
