package web

import (
	"net/http"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

type errorPage struct {
	Layout
	TitleKey   string
	MessageKey string
	Status     int
	Field      string // the form or query field at fault, named in the message
}

var errorKeys = map[int][2]string{
	http.StatusBadRequest:            {"error.bad_request_title", "error.bad_request_message"},
	http.StatusForbidden:             {"error.forbidden_title", "error.forbidden_message"},
	http.StatusNotFound:              {"error.not_found_title", "error.not_found_message"},
	http.StatusMethodNotAllowed:      {"error.method_title", "error.method_message"},
	http.StatusConflict:              {"error.conflict_title", "error.conflict_message"},
	http.StatusInternalServerError:   {"error.internal_title", "error.internal_message"},
	http.StatusRequestEntityTooLarge: {"hardening_input.too_large_title", "hardening_input.too_large_message"},
	http.StatusServiceUnavailable:    {"hardening_input.unavailable_title", "hardening_input.unavailable_message"},
}

// renderError shows the translated page for an HTTP error status.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int) {
	keys, ok := errorKeys[status]
	if !ok {
		status, keys = http.StatusInternalServerError, errorKeys[http.StatusInternalServerError]
	}
	p := &errorPage{Layout: s.newLayout(r, "", keys[0]), TitleKey: keys[0], MessageKey: keys[1], Status: status}
	p.Public = nil // an error is no page of the site to announce in other languages
	if status != http.StatusInternalServerError {
		p.RequestID = "" // the reference only helps when something broke
	}
	s.render(w, r, status, "error", p)
}

// renderFieldError shows the translated page of a request refused because
// of one field: messageKey's translation names it ({{.Field}}).
func (s *Server) renderFieldError(w http.ResponseWriter, r *http.Request, status int, messageKey, field string) {
	keys := errorKeys[status]
	p := &errorPage{Layout: s.newLayout(r, "", keys[0]), TitleKey: keys[0], MessageKey: messageKey, Status: status, Field: field}
	p.RequestID = ""
	s.render(w, r, status, "error", p)
}

// renderDomainError maps a domain error to its status page and logs the cause
// of unexpected ones.
func (s *Server) renderDomainError(w http.ResponseWriter, r *http.Request, err error) {
	status := map[berceau.ErrorKind]int{
		berceau.KindInvalid:   http.StatusBadRequest,
		berceau.KindNotFound:  http.StatusNotFound,
		berceau.KindForbidden: http.StatusForbidden,
		berceau.KindConflict:  http.StatusConflict,
	}[berceau.KindOf(err)]
	if status == 0 && unavailable(err) {
		s.log.Warn("database unavailable", "id", state(r).id, "route", state(r).route, "err", err)
		w.Header().Set("Retry-After", retryAfterSeconds)
		status = http.StatusServiceUnavailable
	}
	if status == 0 {
		s.log.Error("request failed", "id", state(r).id, "route", state(r).route, "err", err)
		status = http.StatusInternalServerError
	}
	s.renderError(w, r, status)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusNotFound)
}

// retryAfterSeconds is what a 503 asks clients to wait before retrying.
const retryAfterSeconds = "30"

// unavailable reports whether err means the database cannot answer now.
func unavailable(err error) bool { return app.Unavailable(err) }
