package web

import (
	"net/http"

	"github.com/berceau/berceau/internal/app"
)

type mySuggestionsPage struct {
	Layout
	Suggestions []app.SuggestionOfUser
}

// ServiceName is the suggestion's service in the page's language.
func (p *mySuggestionsPage) ServiceName(s app.SuggestionOfUser) string {
	if p.Lang == "en" && s.ServiceNameEN != "" {
		return s.ServiceNameEN
	}
	return s.ServiceNameFR
}

// handleMySuggestions lists the person's suggestions and what became of
// them (open, accepted, rejected).
func (s *Server) handleMySuggestions(w http.ResponseWriter, r *http.Request) {
	list, err := s.app.Directory.MySuggestions(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "directory_my_suggestions", &mySuggestionsPage{
		Layout: s.newLayout(r, "directory", "daily_flows.my_suggestions_title"), Suggestions: list})
}
