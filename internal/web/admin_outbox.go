package web

import (
	"net/http"

	"github.com/berceau/berceau/internal/app"
)

type adminOutboxPage struct {
	Layout
	Messages []app.OutboxMessage
}

// handleAdminOutbox shows mail waiting for (or sent through) SMTP: without
// an SMTP server, this is where administrators find invitation links.
func (s *Server) handleAdminOutbox(w http.ResponseWriter, r *http.Request) {
	msgs, err := s.app.Admin.Outbox(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, http.StatusOK, "admin_outbox", &adminOutboxPage{Layout: s.newLayout(r, "admin", "admin.outbox_title"), Messages: msgs})
}
