package web

import (
	"net/http"
	"strconv"

	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// The content editors' pages (knowledge.edit): the list of pages, a page's
// form in every language with its revision history, and the actions on a
// page (publish, unpublish, restore a revision, delete). Every change is
// audited by the app.

type pageListPage struct {
	Layout
	Pages []pageListRow
	Done  string // what just happened, a catalog key
}

type pageListRow struct {
	ID                  int64
	Slug, Title         string
	Revision, Published int
	UpdatedAt           string
	UpdatedBy           string
}

func (s *Server) handlePageList(w http.ResponseWriter, r *http.Request) {
	pages, err := s.app.Portal.Pages(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &pageListPage{Layout: s.newLayout(r, "portal", "portal.pages_title"), Done: doneKey(r.URL.Query().Get("done"))}
	for _, pg := range pages {
		title, _ := pg.Title.In(p.Lang)
		p.Pages = append(p.Pages, pageListRow{ID: pg.ID, Slug: pg.Slug, Title: title, Revision: pg.Revision, Published: pg.Published,
			UpdatedAt: p.Date(pg.UpdatedAt), UpdatedBy: pg.UpdatedBy})
	}
	s.render(w, r, http.StatusOK, "page_list", p)
}

// doneKey is the notice of what the last action did, from a known list.
func doneKey(done string) string {
	switch done {
	case "saved", "published", "restored", "unpublished", "deleted":
		return "portal.done." + done
	}
	return ""
}

// pageEditPage is a page's form and history.
type pageEditPage struct {
	Layout
	New       bool
	ID        int64
	Slug      string
	BaseRev   int
	Published int
	Note      string
	Langs     []pageLangForm
	Revisions []revisionRow
	Errors    formErrors
	Done      string
}

// pageLangForm is a page's texts in one language.
type pageLangForm struct {
	Code, Name           string
	Title, Summary, Body string
	TitleErr, SummaryErr string
	BodyErr              string
}

type revisionRow struct {
	Number       int
	When, Author string
	Note         string
	Published    bool
	Current      bool // the latest revision
	Live         bool // the revision visitors read
	RestoredFrom int
	Title        string
	Body         string
}

func (s *Server) pageForm(r *http.Request, pg knowledge.Page, errs formErrors) *pageEditPage {
	p := &pageEditPage{Layout: s.newLayout(r, "portal", "portal.page_edit_title"), New: pg.ID == 0, ID: pg.ID, Slug: pg.Slug,
		BaseRev: pg.Revision, Published: pg.Published, Errors: errs}
	if p.New {
		p.PageTitle = p.T("portal.page_new_title")
	}
	for _, lang := range app.PageLanguages() {
		p.Langs = append(p.Langs, pageLangForm{Code: lang, Name: s.i18n.Localizer(lang).T("language.name"),
			Title: pg.Title.Get(lang), Summary: pg.Summary.Get(lang), Body: pg.Body.Get(lang),
			TitleErr: errs.Field("title_" + lang), SummaryErr: errs.Field("summary_" + lang), BodyErr: errs.Field("body_" + lang)})
	}
	return p
}

func (s *Server) handlePageNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "page_edit", s.pageForm(r, knowledge.Page{}, formErrors{}))
}

// readPageForm reads a posted page: its texts in every language, the
// revision it was edited from, the change note and the button pressed.
func readPageForm(r *http.Request, id int64) app.PageSave {
	v := r.PostForm
	in := app.PageSave{Page: knowledge.Page{ID: id, Slug: v.Get("slug")}, Note: v.Get("note"), Publish: v.Get("publish") != ""}
	in.BaseRev, _ = strconv.Atoi(v.Get("base_rev"))
	for _, lang := range app.PageLanguages() {
		in.Page.Title.Set(lang, v.Get("title_"+lang))
		in.Page.Summary.Set(lang, v.Get("summary_"+lang))
		in.Page.Body.Set(lang, v.Get("body_"+lang))
	}
	return in
}

func (s *Server) handlePageCreate(w http.ResponseWriter, r *http.Request) {
	s.savePage(w, r, 0)
}

func (s *Server) handlePageSave(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pageID(w, r)
	if !ok {
		return
	}
	s.savePage(w, r, id)
}

func (s *Server) savePage(w http.ResponseWriter, r *http.Request, id int64) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	in := readPageForm(r, id)
	saved, err := s.app.Portal.SavePage(r.Context(), state(r).actor, in)
	if err != nil {
		errs, isForm := formErrorsFrom(err)
		if !isForm {
			s.renderDomainError(w, r, err)
			return
		}
		p := s.pageForm(r, in.Page, errs)
		p.BaseRev, p.Note = in.BaseRev, in.Note
		if id != 0 {
			if ed, rerr := s.app.Portal.PageForEditing(r.Context(), state(r).actor, id); rerr == nil {
				p.Slug, p.Published = ed.Page.Slug, ed.Page.Published
				p.Revisions = revisionRows(&p.Layout, ed)
			}
		}
		s.render(w, r, statusForForm(err), "page_edit", p)
		return
	}
	done := "saved"
	if in.Publish {
		done = "published"
	}
	http.Redirect(w, r, "/portal/pages/"+strconv.FormatInt(saved.ID, 10)+"?done="+done, http.StatusSeeOther)
}

// pageID reads the {id} of a page's route, answering 404 when it is no id.
func (s *Server) pageID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, ok := pathID(r)
	if !ok {
		s.handleNotFound(w, r)
	}
	return id, ok
}

func (s *Server) handlePageEdit(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pageID(w, r)
	if !ok {
		return
	}
	ed, err := s.app.Portal.PageForEditing(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := s.pageForm(r, ed.Page, formErrors{})
	p.Revisions = revisionRows(&p.Layout, ed)
	p.Done = doneKey(r.URL.Query().Get("done"))
	s.render(w, r, http.StatusOK, "page_edit", p)
}

func revisionRows(l *Layout, ed app.PageEditor) []revisionRow {
	rows := make([]revisionRow, 0, len(ed.Revisions))
	for _, rev := range ed.Revisions {
		title, _ := rev.Title.In(l.Lang)
		body, _ := rev.Body.In(l.Lang)
		rows = append(rows, revisionRow{Number: rev.Number, When: l.Date(rev.CreatedAt), Author: rev.AuthorName, Note: rev.Note,
			Published: rev.Published, Current: rev.Number == ed.Page.Revision, Live: rev.Number == ed.Page.Published,
			RestoredFrom: rev.RestoredFrom, Title: title, Body: body})
	}
	return rows
}

func (s *Server) handlePageRestore(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pageID(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n <= 0 {
		s.handleNotFound(w, r)
		return
	}
	if _, err := s.app.Portal.RestorePageRevision(r.Context(), state(r).actor, id, n); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/portal/pages/"+strconv.FormatInt(id, 10)+"?done=restored", http.StatusSeeOther)
}

func (s *Server) handlePageUnpublish(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pageID(w, r)
	if !ok {
		return
	}
	if err := s.app.Portal.UnpublishPage(r.Context(), state(r).actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/portal/pages/"+strconv.FormatInt(id, 10)+"?done=unpublished", http.StatusSeeOther)
}

func (s *Server) handlePageDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pageID(w, r)
	if !ok {
		return
	}
	if err := s.app.Portal.DeletePage(r.Context(), state(r).actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/portal/pages?done=deleted", http.StatusSeeOther)
}
