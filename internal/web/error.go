package web

import (
	"net/http"

	"github.com/berceau/berceau"
)

type errorPage struct {
	Layout
	TitleKey   string
	MessageKey string
	Status     int
}

var errorKeys = map[int][2]string{
	http.StatusBadRequest:          {"error.bad_request_title", "error.bad_request_message"},
	http.StatusForbidden:           {"error.forbidden_title", "error.forbidden_message"},
	http.StatusNotFound:            {"error.not_found_title", "error.not_found_message"},
	http.StatusMethodNotAllowed:    {"error.method_title", "error.method_message"},
	http.StatusConflict:            {"error.conflict_title", "error.conflict_message"},
	http.StatusInternalServerError: {"error.internal_title", "error.internal_message"},
}

// renderError shows the translated page for an HTTP error status.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int) {
	keys, ok := errorKeys[status]
	if !ok {
		status, keys = http.StatusInternalServerError, errorKeys[http.StatusInternalServerError]
	}
	p := &errorPage{Layout: s.newLayout(r, "", keys[0]), TitleKey: keys[0], MessageKey: keys[1], Status: status}
	if status != http.StatusInternalServerError {
		p.RequestID = "" // the reference only helps when something broke
	}
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
	if status == 0 {
		s.log.Error("request failed", "id", state(r).id, "route", state(r).route, "err", err)
		status = http.StatusInternalServerError
	}
	s.renderError(w, r, status)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, http.StatusNotFound)
}
