package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// The register's editor pages (knowledge.edit): an entry's form, its
// deletion, and the BibTeX import with its preview.

type outreachForm struct {
	ID       int64
	Kind     string
	Title    string
	Authors  string // one per line; a line naming an account exactly is linked to it
	Date     string // 2026, 2026-03 or 2026-03-14
	Outlet   string
	DOI      string
	URL      string
	Abstract string
	Language string
	Staff    map[string]bool
	Sites    map[string]bool
}

type outreachEditPage struct {
	Layout
	Form      outreachForm
	Errors    formErrors
	Action    string
	Kinds     []choice
	Languages []choice
	People    []choice
	Sites     []choice
}

func outreachFormOf(e knowledge.OutreachEntry) outreachForm {
	f := outreachForm{ID: e.ID, Kind: string(e.Kind), Title: e.Title, Outlet: e.Outlet, DOI: e.DOI, URL: e.URL, Abstract: e.Abstract,
		Language: e.Language, Staff: map[string]bool{}, Sites: map[string]bool{}}
	if e.Year != 0 {
		f.Date = e.DateISO()
	}
	var names []string
	for _, a := range e.Authors {
		names = append(names, a.Name)
	}
	f.Authors = strings.Join(names, "\n")
	for _, id := range e.StaffIDs {
		f.Staff[strconv.FormatInt(id, 10)] = true
	}
	for _, id := range e.SiteIDs {
		f.Sites[strconv.FormatInt(id, 10)] = true
	}
	return f
}

func (s *Server) outreachEditPage(r *http.Request, f outreachForm, errs formErrors) (*outreachEditPage, error) {
	choices, err := s.app.Outreach.Choices(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	title, action := "outreach.new_title", "/outreach"
	if f.ID != 0 {
		title, action = "outreach.edit_title", "/outreach/"+strconv.FormatInt(f.ID, 10)
	}
	p := &outreachEditPage{Layout: s.newLayout(r, "outreach", title), Form: f, Errors: errs, Action: action}
	for _, k := range knowledge.OutreachKinds {
		p.Kinds = append(p.Kinds, choice{string(k), p.outreachKindName(k)})
	}
	for _, code := range knowledge.OutreachLanguages {
		p.Languages = append(p.Languages, choice{code, p.EventLanguage(code)})
	}
	for _, person := range choices.People {
		p.People = append(p.People, choice{strconv.FormatInt(person.ID, 10), person.Name})
	}
	for _, site := range choices.Sites {
		p.Sites = append(p.Sites, choice{strconv.FormatInt(site.ID, 10), site.Name})
	}
	return p, nil
}

// handleOutreachNew shows the form of a new entry.
func (s *Server) handleOutreachNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.outreachEditPage(r, outreachFormOf(knowledge.OutreachEntry{Kind: knowledge.OutreachPublication}), formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outreach_form", p)
}

// handleOutreachEdit shows the form of an entry.
func (s *Server) handleOutreachEdit(w http.ResponseWriter, r *http.Request) {
	id, ok := s.outreachID(w, r)
	if !ok {
		return
	}
	v, err := s.app.Outreach.Entry(r.Context(), id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p, err := s.outreachEditPage(r, outreachFormOf(v.Entry), formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outreach_form", p)
}

// parseOutreachDate reads 2026, 2026-03 or 2026-03-14.
func parseOutreachDate(s string) (year, month, day int, ok bool) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, 0, 0, false
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || (i > 0 && len(p) != 2) {
			return 0, 0, 0, false
		}
		nums[i] = n
	}
	return nums[0], nums[1], nums[2], true
}

// handleOutreachSave creates or changes an entry from the form.
func (s *Server) handleOutreachSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	if r.PathValue("id") != "" {
		var ok bool
		if id, ok = s.outreachID(w, r); !ok {
			return
		}
	}
	e := knowledge.OutreachEntry{ID: id, Kind: knowledge.OutreachKind(r.PostFormValue("kind")), Title: r.PostFormValue("title"),
		Outlet: r.PostFormValue("outlet"), DOI: r.PostFormValue("doi"), URL: r.PostFormValue("url"), Abstract: newsFormText(r, "abstract"),
		Language: r.PostFormValue("language")}
	for _, line := range strings.Split(newsFormText(r, "authors"), "\n") {
		e.Authors = append(e.Authors, knowledge.OutreachAuthor{Name: line})
	}
	fields := map[string]string{}
	for _, v := range r.PostForm["staff"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			fields["staff"] = "outreach.error.person_unknown"
		}
		e.StaffIDs = append(e.StaffIDs, n)
	}
	for _, v := range r.PostForm["sites"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			fields["sites"] = "outreach.error.site_unknown"
		}
		e.SiteIDs = append(e.SiteIDs, n)
	}
	form := outreachFormOf(e)
	form.Date, form.Authors = r.PostFormValue("date"), r.PostFormValue("authors")
	y, m, d, ok := parseOutreachDate(form.Date)
	if !ok {
		fields["date"] = "outreach.error.date"
	}
	e.Year, e.Month, e.Day = y, m, d
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		e, err = s.app.Outreach.SaveEntry(r.Context(), state(r).actor, e)
	}
	if err != nil {
		errs, isForm := formErrorsFrom(err)
		if !isForm {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.outreachEditPage(r, form, errs)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		s.render(w, r, statusForForm(err), "outreach_form", p)
		return
	}
	http.Redirect(w, r, "/outreach/"+strconv.FormatInt(e.ID, 10)+"?done=saved", http.StatusSeeOther)
}

// handleOutreachDelete removes an entry.
func (s *Server) handleOutreachDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := s.outreachID(w, r)
	if !ok {
		return
	}
	if err := s.app.Outreach.DeleteEntry(r.Context(), state(r).actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/outreach?done=deleted", http.StatusSeeOther)
}

// The import form's two buttons.
const (
	importActionPreview = "preview"
	importActionImport  = "import"
)

type outreachImportPage struct {
	Layout
	ActionPreview, ActionImport string
	BibTeX                      string
	Items                       []outreachImportItem
	Errors                      formErrors
	CanDo                       bool // every entry can be imported
	Preview                     bool
}

type outreachImportItem struct {
	Line    int
	Key     string
	Kind    string
	Title   string
	Authors string
	Date    string
	Reason  string   // translated: why it cannot be read
	Fields  []string // translated: what is wrong with it
}

func (l *Layout) importItems(items []app.ImportItem) ([]outreachImportItem, bool) {
	all := true
	var out []outreachImportItem
	for _, it := range items {
		v := outreachImportItem{Line: it.Line, Key: it.Key}
		if it.Reason != "" {
			v.Reason = l.T(it.Reason)
		} else {
			e := it.Entry
			v.Kind, v.Title = l.outreachKindName(e.Kind), e.Title
			var names []string
			for _, a := range e.Authors {
				names = append(names, a.Name)
			}
			v.Authors = strings.Join(names, ", ")
			if e.Year != 0 {
				v.Date = e.DateISO()
			}
			for _, field := range sortedKeys(it.Fields) {
				v.Fields = append(v.Fields, l.T("outreach.import.field_error", "Field", l.T("outreach.field_"+importField(field)), "Message", l.T(it.Fields[field])))
			}
		}
		all = all && it.OK()
		out = append(out, v)
	}
	return out, all
}

// importField maps a validation field to its label's key part.
func importField(field string) string {
	switch field {
	case "kind", "title", "authors", "date", "outlet", "doi", "url", "abstract", "language":
		return field
	}
	return "other"
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// handleOutreachImportForm shows the import form.
func (s *Server) handleOutreachImportForm(w http.ResponseWriter, r *http.Request) {
	if !state(r).actor.Can(berceau.PermKnowledgeEdit) {
		s.renderError(w, r, http.StatusForbidden)
		return
	}
	s.render(w, r, http.StatusOK, "outreach_import", &outreachImportPage{Layout: s.newLayout(r, "outreach", "outreach.import_title"),
		ActionPreview: importActionPreview, ActionImport: importActionImport})
}

// handleOutreachImport previews a BibTeX list (action=preview) or imports
// it (action=import): all of it, or nothing when any entry is wrong.
func (s *Server) handleOutreachImport(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), state(r).actor
	bib := newsFormText(r, "bibtex")
	p := &outreachImportPage{Layout: s.newLayout(r, "outreach", "outreach.import_title"), BibTeX: bib, Preview: true,
		ActionPreview: importActionPreview, ActionImport: importActionImport}
	var items []app.ImportItem
	var err error
	if r.PostFormValue("action") == importActionImport {
		items, err = s.app.Outreach.Import(ctx, actor, bib)
		if err == nil {
			http.Redirect(w, r, "/outreach?done=imported", http.StatusSeeOther)
			return
		}
	} else {
		items, err = s.app.Outreach.ImportPreview(ctx, actor, bib)
	}
	status := http.StatusOK
	if err != nil {
		errs, isForm := formErrorsFrom(err)
		if !isForm {
			s.renderDomainError(w, r, err)
			return
		}
		p.Errors, status = errs, statusForForm(err)
	}
	p.Items, p.CanDo = p.importItems(items)
	p.CanDo = p.CanDo && len(items) > 0
	s.render(w, r, status, "outreach_import", p)
}
