package berceau

import (
	"errors"
	"fmt"
)

// ErrorKind says what went wrong in terms a handler can map to a status.
type ErrorKind string

const (
	KindInvalid   ErrorKind = "invalid"
	KindNotFound  ErrorKind = "not_found"
	KindForbidden ErrorKind = "forbidden"
	KindConflict  ErrorKind = "conflict"
	KindInternal  ErrorKind = "internal"
)

// Error is a domain error. Key is a translation key: users see its
// translation, never Cause, which only reaches the logs.
type Error struct {
	Kind   ErrorKind
	Key    string
	Fields map[string]string // field name → translation key
	Cause  error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s (%s): %v", e.Key, e.Kind, e.Cause)
	}
	return fmt.Sprintf("%s (%s)", e.Key, e.Kind)
}

func (e *Error) Unwrap() error { return e.Cause }

// Errorf builds a domain error of the given kind and translation key.
func Errorf(kind ErrorKind, key string) *Error { return &Error{Kind: kind, Key: key} }

// Wrap marks an unexpected error as internal, keeping its cause for the logs.
func Wrap(cause error, key string) *Error {
	return &Error{Kind: KindInternal, Key: key, Cause: cause}
}

// KindOf returns the kind of err, KindInternal for anything that is not a
// domain error.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// IsNotFound reports whether err is a domain not-found error.
func IsNotFound(err error) bool { return err != nil && KindOf(err) == KindNotFound }
