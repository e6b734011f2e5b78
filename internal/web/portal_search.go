package web

import (
	"net/http"

	"github.com/berceau/berceau"
)

// searchPage is the portal's search: everything public that matches, one
// section per kind (directory services, events, pages, and whatever the
// other areas offer), in the sources' order.
type searchPage struct {
	Layout
	Search   searchBox
	Searched bool
	Sections []hitSection
	Total    int
}

// handlePortalSearch answers /search?q=. It is not kept in the page cache:
// every query would be a new entry that nothing bounds.
func (s *Server) handlePortalSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len([]rune(q)) > 200 {
		s.renderFieldError(w, r, http.StatusBadRequest, "portal.error.query_too_long", "q")
		return
	}
	p := &searchPage{Layout: s.newLayout(r, "search", "portal.search_title")}
	p.Search = searchBox{Layout: &p.Layout, Query: q}
	sections, err := s.app.Portal.Search(r.Context(), p.Lang, q)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Searched = len(berceau.QueryWords(q)) > 0
	p.Sections = p.hitSections(sections)
	for _, sec := range p.Sections {
		p.Total += len(sec.Hits)
	}
	if p.Searched {
		p.PageTitle = p.T("portal.search_title_for", "Query", q)
	}
	s.render(w, r, http.StatusOK, "portal_search", p)
}
