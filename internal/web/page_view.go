package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/berceau/berceau/internal/markdown"
)

// pageView is an editable page as visitors read it: the published
// revision, its Markdown rendered and sanitised (internal/markdown).
type pageView struct {
	Layout
	ID      int64
	Title   string
	Summary string
	Body    template.HTML
	Updated time.Time
	// Missing: the page is not written in the visitor's language; another
	// language's text is shown, marked with its language.
	Missing     bool
	ContentLang string
}

// handlePage shows /pages/{slug}. It is the same for every visitor in a
// language: served from the page cache.
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	s.renderSharedKey(w, r, "page", "page|"+slug, func() (page, error) {
		pg, err := s.app.Portal.PublishedPage(r.Context(), slug)
		if err != nil {
			return nil, err
		}
		p := &pageView{Layout: s.newLayout(r, "page", "app.name"), ID: pg.ID, Updated: pg.UpdatedAt}
		p.Title, p.Missing = pg.Title.In(p.Lang)
		p.Summary, _ = pg.Summary.In(p.Lang)
		body, bodyMissing := pg.Body.In(p.Lang)
		p.ContentLang = p.Lang
		if p.Missing || bodyMissing {
			p.Missing = true
			p.ContentLang = otherLanguageOf(pg.Body.Get, p.Lang, s.publicLanguages(r))
		}
		if p.Body, err = markdown.HTML(body); err != nil {
			return nil, err
		}
		p.PageTitle = p.Title
		if p.Public != nil {
			p.Public.Type = "article"
			if p.Summary != "" {
				p.Public.Description = p.Summary
			}
		}
		return p, nil
	})
}

// otherLanguageOf is the first language holding a text, for the lang
// attribute of a text shown in another language than the page's.
func otherLanguageOf(get func(string) string, lang string, langs []string) string {
	for _, l := range langs {
		if l != lang && get(l) != "" {
			return l
		}
	}
	return lang
}
