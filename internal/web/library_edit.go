package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// The publishers' pages: publish a document or a link, change its
// description, upload a new version, delete it. The app decides who may:
// content editors for any organisation, an organisation's editors for it.

// libraryTextLanguages are the languages the form asks titles and summaries
// in: those berceau.Text holds (French and English, Dutch once texts hold
// it).
var libraryTextLanguages = func() []string {
	var langs []string
	for _, l := range knowledge.ResourceLanguages {
		var t berceau.Text
		t.Set(l, "x")
		if t.Get(l) == "x" {
			langs = append(langs, l)
		}
	}
	return langs
}()

// libraryForm is a resource as its form holds it.
type libraryForm struct {
	ID                     int64
	Title, Summary         map[string]string
	Kind                   string
	Themes                 map[string]bool
	Languages              map[string]bool
	Audience               string
	AudienceOrganization   string
	Organization           string
	Licence                string
	Link                   string
	IsLink                 bool
	ExistingLink, Document bool // on an edit: what the resource is, which cannot change
}

// Mode is what the form publishes: "link" or "document".
func (f libraryForm) Mode() string {
	if f.IsLink {
		return "link"
	}
	return "document"
}

func libraryFormOf(r knowledge.Resource) libraryForm {
	f := libraryForm{ID: r.ID, Title: map[string]string{}, Summary: map[string]string{}, Kind: string(r.Kind), Themes: map[string]bool{},
		Languages: map[string]bool{}, Audience: string(r.Audience), AudienceOrganization: r.AudienceOrganizationID,
		Organization: r.OrganizationID, Licence: r.Licence, Link: r.LinkURL, IsLink: r.IsLink()}
	for _, l := range libraryTextLanguages {
		f.Title[l], f.Summary[l] = r.Title.Get(l), r.Summary.Get(l)
	}
	for _, t := range r.Themes {
		f.Themes[t] = true
	}
	for _, l := range r.Languages {
		f.Languages[l] = true
	}
	return f
}

func readLibraryForm(r *http.Request) (libraryForm, knowledge.Resource) {
	v := r.PostForm
	f := libraryForm{Title: map[string]string{}, Summary: map[string]string{}, Kind: v.Get("kind"), Themes: map[string]bool{},
		Languages: map[string]bool{}, Audience: v.Get("audience"), AudienceOrganization: v.Get("audience_organization"),
		Organization: v.Get("organization"), Licence: v.Get("licence"), Link: strings.TrimSpace(v.Get("link")),
		IsLink: v.Get("form") == "link"}
	res := knowledge.Resource{Kind: knowledge.ResourceKind(f.Kind), Audience: knowledge.Audience(f.Audience),
		AudienceOrganizationID: f.AudienceOrganization, OrganizationID: f.Organization, Licence: f.Licence, Themes: v["themes"],
		Languages: v["languages"]}
	for _, l := range libraryTextLanguages {
		f.Title[l], f.Summary[l] = v.Get("title_"+l), v.Get("summary_"+l)
		res.Title.Set(l, strings.TrimSpace(f.Title[l]))
		res.Summary.Set(l, strings.TrimSpace(f.Summary[l]))
	}
	for _, t := range v["themes"] {
		f.Themes[t] = true
	}
	for _, l := range v["languages"] {
		f.Languages[l] = true
	}
	if f.IsLink {
		res.LinkURL = f.Link
	}
	return f, res
}

// uploadedFile reads the form's file field, bounded by the library's
// limit; nil when none was chosen.
func (s *Server) uploadedFile(r *http.Request) (*app.LibraryUpload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	files := r.MultipartForm.File["file"]
	if len(files) == 0 || files[0].Size == 0 && files[0].Filename == "" {
		return nil, nil
	}
	fh := files[0]
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, s.app.Library.MaxFileBytes()+1))
	if err != nil {
		return nil, err
	}
	return &app.LibraryUpload{FileName: fh.Filename, DeclaredType: fh.Header.Get("Content-Type"), Content: content}, nil
}

type langField struct {
	Lang, Label, Title, Summary string
}

type libraryFormPage struct {
	Layout
	Form          libraryForm
	Errors        formErrors
	Texts         []langField
	Publishers    []choice
	Organizations []choice
	Themes        []choice
	Languages     []choice
	Kinds         []knowledge.ResourceKind
	Audiences     []knowledge.Audience
	Licences      []string
	Action        string
	Accept        string
	MaxMB         int64
}

func (s *Server) libraryFormPage(r *http.Request, form libraryForm, fe formErrors) (*libraryFormPage, error) {
	c, err := s.app.Library.FormChoices(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	titleKey, action := "library.new_title", "/library"
	if form.ID != 0 {
		titleKey, action = "library.edit_title", "/library/"+strconv.FormatInt(form.ID, 10)
	}
	p := &libraryFormPage{Layout: s.newLayout(r, "library", titleKey), Form: form, Errors: fe, Action: action,
		Kinds: knowledge.ResourceKinds, Audiences: knowledge.Audiences, Licences: knowledge.Licences,
		Accept: strings.Join(app.LibraryFileExtensions(), ","), MaxMB: s.app.Library.MaxFileBytes() >> 20}
	for _, l := range libraryTextLanguages {
		p.Texts = append(p.Texts, langField{Lang: l, Label: p.T("library.lang_" + l), Title: form.Title[l], Summary: form.Summary[l]})
	}
	for _, o := range c.Publishers {
		p.Publishers = append(p.Publishers, choice{o.ID, p.local(o.Name).Value})
	}
	for _, o := range c.Organizations {
		p.Organizations = append(p.Organizations, choice{o.ID, p.local(o.Name).Value})
	}
	for _, t := range c.Themes {
		p.Themes = append(p.Themes, choice{t.Code, p.local(t.Name).Value})
	}
	for _, l := range knowledge.ResourceLanguages {
		p.Languages = append(p.Languages, choice{l, p.T("library.lang_" + l)})
	}
	return p, nil
}

// handleLibraryNew shows an empty publication form: a public guide in the
// reader's language, under CC BY 4.0.
func (s *Server) handleLibraryNew(w http.ResponseWriter, r *http.Request) {
	form := libraryForm{Title: map[string]string{}, Summary: map[string]string{}, Themes: map[string]bool{},
		Languages: map[string]bool{state(r).lang: true}, Kind: string(knowledge.ResourceGuide),
		Audience: string(knowledge.AudiencePublic), Licence: knowledge.Licences[0], IsLink: r.URL.Query().Get("form") == "link"}
	p, err := s.libraryFormPage(r, form, formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "library_form", p)
}

// showLibraryForm shows the form again with what went wrong, or the error
// page when the error is not about the form.
func (s *Server) showLibraryForm(w http.ResponseWriter, r *http.Request, form libraryForm, err error) {
	fe, ok := formErrorsFrom(err)
	if !ok {
		s.renderDomainError(w, r, err)
		return
	}
	p, perr := s.libraryFormPage(r, form, fe)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	s.render(w, r, statusForForm(err), "library_form", p)
}

// handleLibraryCreate publishes a document (its file) or a link.
func (s *Server) handleLibraryCreate(w http.ResponseWriter, r *http.Request) {
	form, res := readLibraryForm(r)
	var file *app.LibraryUpload
	if !form.IsLink {
		var err error
		if file, err = s.uploadedFile(r); err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		if file == nil {
			s.showLibraryForm(w, r, form, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
				Fields: map[string]string{"file": "library.error.file_required"}})
			return
		}
	}
	res, err := s.app.Library.Publish(r.Context(), state(r).actor, res, file)
	if err != nil {
		s.showLibraryForm(w, r, form, err)
		return
	}
	http.Redirect(w, r, "/library/"+strconv.FormatInt(res.ID, 10)+"?done=published", http.StatusSeeOther)
}

// handleLibraryEdit shows a resource's form to its publishers.
func (s *Server) handleLibraryEdit(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Library.Resource(r.Context(), state(r).actor, id)
	if err == nil && !d.CanEdit {
		err = berceau.Errorf(berceau.KindForbidden, "library.error.not_publisher")
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	form := libraryFormOf(d.Resource)
	form.ExistingLink, form.Document = d.Resource.IsLink(), !d.Resource.IsLink()
	p, err := s.libraryFormPage(r, form, formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "library_form", p)
}

// handleLibraryUpdate saves a changed description.
func (s *Server) handleLibraryUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	form, res := readLibraryForm(r)
	form.ID, res.ID = id, id
	form.ExistingLink, form.Document = form.IsLink, !form.IsLink
	if _, err := s.app.Library.Update(r.Context(), state(r).actor, res); err != nil {
		s.showLibraryForm(w, r, form, err)
		return
	}
	http.Redirect(w, r, "/library/"+strconv.FormatInt(id, 10)+"?done=updated", http.StatusSeeOther)
}

// handleLibraryVersion uploads a new version of a document.
func (s *Server) handleLibraryVersion(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	file, err := s.uploadedFile(r)
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if file == nil {
		file = &app.LibraryUpload{}
	}
	if _, err := s.app.Library.AddVersion(r.Context(), state(r).actor, id, *file, strings.TrimSpace(r.PostForm.Get("note"))); err != nil {
		fe, isForm := formErrorsFrom(err)
		if !isForm {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.libraryResourcePage(r, id)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Errors = fe
		s.render(w, r, statusForForm(err), "library_resource", p)
		return
	}
	http.Redirect(w, r, "/library/"+strconv.FormatInt(id, 10)+"?done=version#versions", http.StatusSeeOther)
}

// handleLibraryDelete removes a resource.
func (s *Server) handleLibraryDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.Library.Delete(r.Context(), state(r).actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/library?done=deleted", http.StatusSeeOther)
}
