package berceau

import (
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Field length limits, in characters. Every way in (web forms, the JSON API,
// suggestions, HSDS import) reaches the domain's Validate methods, which
// enforce them, so no layer needs its own copy.
const (
	// MaxNameLength bounds a name: a person's given name or surname, a
	// service's or an organisation's name, a label.
	MaxNameLength = 200
	// MaxShortTextLength bounds a one-line text: an address, a phone, an
	// alert, a reason, languages spoken.
	MaxShortTextLength = 1000
	// MaxLongTextLength bounds free text: a description, notes.
	MaxLongTextLength = 20000
	// MaxURLLength bounds a web address.
	MaxURLLength = 2000
	// MaxEmailLength is RFC 5321's limit of a forward path.
	MaxEmailLength = 254
)

// Dates outside [MinYear, MaxYear] are refused wherever a date is read: no
// family, contact or consent of this network falls outside, and PostgreSQL
// refuses year 0 where SQLite would store it.
const (
	MinYear = 1900
	MaxYear = 2100
)

// Translation keys of the input checks (hardening-input catalogs).
const (
	KeyTooLong      = "hardening_input.too_long"
	KeyNameTooLong  = "hardening_input.name_too_long"
	KeyURLInvalid   = "hardening_input.url_invalid"
	KeyEmailInvalid = "hardening_input.email_invalid"
	KeyDateInvalid  = "hardening_input.date_invalid"
	KeyDateRange    = "hardening_input.date_out_of_range"
)

// ValidWebURL reports whether s is an absolute http or https address with a
// host, and nothing a browser could run (javascript:, data:) or misread
// (spaces, control characters).
func ValidWebURL(s string) bool {
	if s == "" || len(s) > MaxURLLength || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return false
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// ValidEmailAddress reports whether s is one bare e-mail address (no
// display name, no list), as net/mail reads it.
func ValidEmailAddress(s string) bool {
	if s == "" || len(s) > MaxEmailLength || !utf8.ValidString(s) {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s && strings.Count(s, "@") == 1
}

// DateInRange reports whether t's year is within [MinYear, MaxYear].
func DateInRange(t time.Time) bool { return t.Year() >= MinYear && t.Year() <= MaxYear }

// ParseDate reads a civil date written YYYY-MM-DD and refuses one outside
// [MinYear, MaxYear]. The error is a domain error whose key says which.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, &Error{Kind: KindInvalid, Key: KeyDateInvalid, Cause: err}
	}
	if !DateInRange(t) {
		return time.Time{}, &Error{Kind: KindInvalid, Key: KeyDateRange}
	}
	return t, nil
}

// ParsePage reads a page number from a query: "" is page 1; anything else
// must be a whole number from 1 to MaxPage, so that no offset computed from
// it can overflow. ok is false for anything else.
func ParsePage(s string) (page int, ok bool) {
	if s == "" {
		return 1, true
	}
	if len(s) > 7 { // MaxPage has 7 digits: longer is refused before parsing
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxPage {
		return 0, false
	}
	return n, true
}

// MaxPage is the largest page number a list accepts: at 500 items a page
// (the largest page size), offsets stay far below any integer's limit.
const MaxPage = 1_000_000

// FieldCheck collects field errors for a Validate method.
type FieldCheck map[string]string

// Length notes field when v is longer than max characters.
func (f FieldCheck) Length(field, v string, max int) {
	if len(v) > max && utf8.RuneCountInString(v) > max {
		f.Set(field, KeyTooLong)
	}
}

// URL notes field when v is set and not an http(s) address.
func (f FieldCheck) URL(field, v string) {
	if v != "" && !ValidWebURL(v) {
		f.Set(field, KeyURLInvalid)
	}
}

// Email notes field when v is set and not one e-mail address.
func (f FieldCheck) Email(field, v string) {
	if v != "" && !ValidEmailAddress(v) {
		f.Set(field, KeyEmailInvalid)
	}
}

func (f FieldCheck) Text(field string, t Text, max int) {
	for _, lang := range t.Langs() {
		f.Length(field+"."+lang, t.Get(lang), max)
	}
}

// Set keeps the first error of a field.
func (f FieldCheck) Set(field, key string) {
	if _, ok := f[field]; !ok {
		f[field] = key
	}
}

// Merge adds f's errors to fields (the caller's own errors win).
func (f FieldCheck) Merge(fields map[string]string) {
	for k, v := range f {
		if _, ok := fields[k]; !ok {
			fields[k] = v
		}
	}
}
