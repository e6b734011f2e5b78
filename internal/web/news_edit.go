package web

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// The editors' pages: their articles (drafts and scheduled ones too), the
// article form (texts in each language, category, organisation, audience,
// publication now or at a chosen time, picture with its alternative text),
// deletion, and the categories for network coordinators. Who may publish
// for which organisation is the app's decision.

// newsZones are the time zones a publication time may be written in.
var newsZones = []string{"America/Toronto", "Europe/Brussels"}

type newsLangForm struct {
	Lang, Name             string
	Title, Summary, Body   string
	ImageAlt               string
	TitleLabel, SummaryLbl string
	BodyLabel, ImageAltLbl string
}

type newsForm struct {
	ID           int64
	Slug         string
	Langs        []newsLangForm
	Category     string
	Organization string
	Audience     string
	Status       string
	PublishDate  string
	PublishTime  string
	TimeZone     string
	HasImage     bool
}

type choiceCode struct{ Code, Label string }

type newsEditPage struct {
	Layout
	Audiences     []choice
	Statuses      []choice
	Form          newsForm
	Errors        formErrors
	Action        string
	Organizations []choice
	Categories    []choice
	Zones         []string
}

type categoryForm struct {
	ID     int64
	Name   string
	Fields []categoryField
}

type categoryField struct{ Code, Label, Value string }

type newsManagePage struct {
	Layout
	CategoryForms []categoryForm
	Items         []newsCardView
	NewsLanguages []choiceCode
	AllOrgs       bool
	Categories    []choice
	Notice        string
}

// handleNewsManage lists the articles the editor may change.
func (s *Server) handleNewsManage(w http.ResponseWriter, r *http.Request) {
	ed, err := s.app.News.Editing(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &newsManagePage{Layout: s.newLayout(r, "news", "news.manage_title"), AllOrgs: ed.AllOrgs}
	now := s.app.Now()
	for _, c := range ed.Items {
		p.Items = append(p.Items, p.newsCard(c, now))
	}
	for _, c := range ed.Categories {
		p.Categories = append(p.Categories, choice{strconv.FormatInt(c.ID, 10), p.local(c.Name).Value})
		f := categoryForm{ID: c.ID, Name: p.local(c.Name).Value}
		for _, lang := range newsLanguages() {
			f.Fields = append(f.Fields, categoryField{Code: lang, Value: c.Name.Get(lang),
				Label: p.T("news.category_name", "Language", s.i18n.Localizer(lang).T("language.name"))})
		}
		p.CategoryForms = append(p.CategoryForms, f)
	}
	for _, lang := range newsLanguages() {
		p.NewsLanguages = append(p.NewsLanguages, choiceCode{Code: lang,
			Label: p.T("news.category_name", "Language", s.i18n.Localizer(lang).T("language.name"))})
	}
	if done := r.URL.Query().Get("done"); done == "deleted" || done == "category" {
		p.Notice = "news.notice_" + done
	}
	s.render(w, r, http.StatusOK, "news_manage", p)
}

func (s *Server) newsEditPage(r *http.Request, f newsForm, errs formErrors) (*newsEditPage, error) {
	ed, err := s.app.News.Editing(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	title := "news.new_title"
	action := "/news/manage"
	if f.ID != 0 {
		title, action = "news.edit_title", "/news/manage/"+strconv.FormatInt(f.ID, 10)
	}
	p := &newsEditPage{Layout: s.newLayout(r, "news", title), Form: f, Errors: errs, Action: action, Zones: newsZones}
	p.Audiences = []choice{{string(knowledge.AudiencePublic), p.T("news.audience_public")}, {string(knowledge.AudienceMembers), p.T("news.audience_members")}}
	p.Statuses = []choice{{string(knowledge.NewsDraft), p.T("news.status_draft_choice")}, {string(knowledge.NewsPublished), p.T("news.status_published_choice")}}
	for _, o := range ed.Organizations {
		p.Organizations = append(p.Organizations, choice{o.ID, p.local(o.Name).Value})
	}
	for _, c := range ed.Categories {
		p.Categories = append(p.Categories, choice{strconv.FormatInt(c.ID, 10), p.local(c.Name).Value})
	}
	for i := range p.Form.Langs {
		lf := &p.Form.Langs[i]
		lf.Name = s.i18n.Localizer(lf.Lang).T("language.name")
		lf.TitleLabel = p.T("news.field_title", "Language", lf.Name)
		lf.SummaryLbl = p.T("news.field_summary", "Language", lf.Name)
		lf.BodyLabel = p.T("news.field_body", "Language", lf.Name)
		lf.ImageAltLbl = p.T("news.field_image_alt", "Language", lf.Name)
	}
	return p, nil
}

// newsFormOf fills the form from an article (or an empty new one).
func newsFormOf(n knowledge.NewsItem) newsForm {
	f := newsForm{ID: n.ID, Slug: n.Slug, Organization: n.OrganizationID, Audience: string(n.Audience), Status: string(n.Status),
		TimeZone: newsZones[0], HasImage: n.ImageType != ""}
	if f.Audience == "" {
		f.Audience = string(knowledge.AudiencePublic)
	}
	if f.Status == "" {
		f.Status = string(knowledge.NewsDraft)
	}
	if n.CategoryID != 0 {
		f.Category = strconv.FormatInt(n.CategoryID, 10)
	}
	if !n.PublishedAt.IsZero() {
		loc, _ := time.LoadLocation(f.TimeZone)
		at := n.PublishedAt.In(loc)
		f.PublishDate, f.PublishTime = at.Format("2006-01-02"), at.Format("15:04")
	}
	for _, lang := range newsLanguages() {
		f.Langs = append(f.Langs, newsLangForm{Lang: lang, Title: n.Title.Get(lang), Summary: n.Summary.Get(lang), Body: n.Body.Get(lang),
			ImageAlt: n.ImageAlt.Get(lang)})
	}
	return f
}

// handleNewsNew shows the form of a new article.
func (s *Server) handleNewsNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.newsEditPage(r, newsFormOf(knowledge.NewsItem{}), formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if len(p.Organizations) == 1 {
		p.Form.Organization = p.Organizations[0].Value
	}
	s.render(w, r, http.StatusOK, "news_form", p)
}

// handleNewsEdit shows the form of an existing article.
func (s *Server) handleNewsEdit(w http.ResponseWriter, r *http.Request) {
	d, err := s.app.News.NewsItem(r.Context(), state(r).actor, r.PathValue("id"))
	if err == nil && !d.CanEdit {
		err = berceau.Errorf(berceau.KindNotFound, "news.error.not_found")
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p, err := s.newsEditPage(r, newsFormOf(d.Item), formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "news_form", p)
}

// handleNewsSave creates or changes an article from the form.
func (s *Server) handleNewsSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	if ref := r.PathValue("id"); ref != "" {
		n, err := strconv.ParseInt(ref, 10, 64)
		if err != nil || n <= 0 {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
		id = n
	}
	n := knowledge.NewsItem{ID: id, OrganizationID: r.PostFormValue("organization"), Audience: knowledge.Audience(r.PostFormValue("audience")),
		Status: knowledge.NewsStatus(r.PostFormValue("status"))}
	for _, lang := range newsLanguages() {
		n.Title.Set(lang, r.PostFormValue("title_"+lang))
		n.Summary.Set(lang, newsFormText(r, "summary_"+lang))
		n.Body.Set(lang, newsFormText(r, "body_"+lang))
		n.ImageAlt.Set(lang, r.PostFormValue("image_alt_"+lang))
	}
	form := newsFormOf(n)
	form.Category, form.PublishDate, form.PublishTime, form.TimeZone = r.PostFormValue("category"), r.PostFormValue("publish_date"), r.PostFormValue("publish_time"), r.PostFormValue("time_zone")
	fields := map[string]string{}
	if form.Category != "" {
		c, err := strconv.ParseInt(form.Category, 10, 64)
		if err != nil || c <= 0 {
			fields["category"] = "news.error.category_not_found"
		}
		n.CategoryID = c
	}
	if form.PublishDate != "" {
		loc, err := time.LoadLocation(form.TimeZone)
		if err != nil || !contains(newsZones, form.TimeZone) {
			fields["publish"] = "news.error.publish_time"
		} else {
			clock := form.PublishTime
			if clock == "" {
				clock = "00:00"
			}
			at, err := time.ParseInLocation("2006-01-02 15:04", form.PublishDate+" "+clock, loc)
			if err != nil || !berceau.DateInRange(at) {
				fields["publish"] = "news.error.publish_time"
			}
			n.PublishedAt = at.UTC()
		}
	}
	change := app.NewsChange{Item: n, RemoveImage: r.PostFormValue("remove_image") == "1"}
	if file, _, err := r.FormFile("image"); err == nil {
		content, err := io.ReadAll(io.LimitReader(file, knowledge.MaxNewsImage+1))
		file.Close()
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		if len(content) > 0 {
			change.Image = &app.NewsUpload{Content: content}
		}
	}
	if len(fields) > 0 {
		s.newsFormAgain(w, r, form, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields})
		return
	}
	saved, err := s.app.News.SaveNews(r.Context(), state(r).actor, change)
	if err != nil {
		s.newsFormAgain(w, r, form, err)
		return
	}
	http.Redirect(w, r, "/news/"+saved.Slug+"?done=saved", http.StatusSeeOther)
}

func (s *Server) newsFormAgain(w http.ResponseWriter, r *http.Request, form newsForm, err error) {
	errs, ok := formErrorsFrom(err)
	if !ok {
		s.renderDomainError(w, r, err)
		return
	}
	if form.ID != 0 {
		if d, err := s.app.News.NewsItem(r.Context(), state(r).actor, strconv.FormatInt(form.ID, 10)); err == nil {
			form.HasImage, form.Slug = d.Item.ImageType != "", d.Item.Slug
		}
	}
	p, perr := s.newsEditPage(r, form, errs)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	s.render(w, r, statusForForm(err), "news_form", p)
}

// handleNewsDelete removes an article.
func (s *Server) handleNewsDelete(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.News.DeleteNews(r.Context(), state(r).actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/news/manage?done=deleted", http.StatusSeeOther)
}

// handleNewsCategorySave creates a category, or renames one.
func (s *Server) handleNewsCategorySave(w http.ResponseWriter, r *http.Request) {
	var c knowledge.NewsCategory
	if ref := r.PathValue("id"); ref != "" {
		id, err := strconv.ParseInt(ref, 10, 64)
		if err != nil || id <= 0 {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
		c.ID = id
	}
	for _, lang := range newsLanguages() {
		c.Name.Set(lang, r.PostFormValue("name_"+lang))
	}
	if _, err := s.app.News.SaveCategory(r.Context(), state(r).actor, c); err != nil {
		if berceau.KindOf(err) == berceau.KindInvalid {
			s.renderFieldError(w, r, http.StatusBadRequest, "news.error.category_name", "name")
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/news/manage?done=category", http.StatusSeeOther)
}
