package web

import (
	"errors"
	"net/http"

	"github.com/berceau/berceau"
)

// formErrors holds what went wrong with a submitted form, as translation
// keys: one for the whole form and one per field.
type formErrors struct {
	FormKey string
	Fields  map[string]string
}

// Has reports whether the form has any error.
func (e formErrors) Has() bool { return e.FormKey != "" || len(e.Fields) > 0 }

// Field returns the translation key of a field's error, or "".
func (e formErrors) Field(name string) string { return e.Fields[name] }

// formErrorsFrom turns a domain error into form errors; ok is false for an
// error that is not about the form (internal, forbidden, not found).
func formErrorsFrom(err error) (formErrors, bool) {
	var de *berceau.Error
	if !errors.As(err, &de) || (de.Kind != berceau.KindInvalid && de.Kind != berceau.KindConflict) {
		return formErrors{}, false
	}
	return formErrors{FormKey: de.Key, Fields: de.Fields}, true
}

// statusForForm is the status of a form shown again with its errors.
func statusForForm(err error) int {
	if berceau.KindOf(err) == berceau.KindConflict {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}
