package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/knowledge"
)

// The public news: the list (by category, paginated), an article's page
// and its picture. Readers see what their audience lets them: public
// articles for everyone, members' articles once signed in; drafts and
// scheduled articles only their editors.

type newsCardView struct {
	L            *Layout // the page's, for the card's translations (partials/news_card.html)
	Slug         string
	ID           int64
	Title        localText
	Summary      localText
	Category     string
	CategorySlug string
	Organization string
	Date         string
	DateISO      string
	Members      bool
	HasImage     bool
	ImageAlt     string
	Draft        bool
	Scheduled    bool
}

func (l *Layout) newsCard(c app.NewsCard, now time.Time) newsCardView {
	n := c.Item
	v := newsCardView{L: l, Slug: n.Slug, ID: n.ID, Title: l.local(n.Title), Summary: l.local(n.Summary), Organization: l.local(c.OrganizationName).Value,
		Members: n.Audience == knowledge.AudienceMembers, HasImage: n.ImageType != "", ImageAlt: l.local(n.ImageAlt).Value,
		Draft: n.Status == knowledge.NewsDraft, Scheduled: n.Scheduled(now)}
	if !n.PublishedAt.IsZero() {
		v.Date, v.DateISO = l.LongDate(n.PublishedAt), n.PublishedAt.Format(time.RFC3339)
	}
	if c.Category != nil {
		v.Category, v.CategorySlug = l.local(c.Category.Name).Value, c.Category.Slug
	}
	return v
}

type categoryLink struct {
	Slug, Name, URL string
	Current         bool
}

type newsListPage struct {
	Layout
	Items      []newsCardView
	Categories []categoryLink
	Category   string
	Total      int
	Page       int
	Pages      int
	PrevURL    string
	NextURL    string
	FeedRSS    string
	FeedAtom   string
	CanPublish bool
}

// handleNewsList shows the articles, newest first, of one category when
// the path names it.
func (s *Server) handleNewsList(w http.ResponseWriter, r *http.Request) {
	page, ok := berceau.ParsePage(r.URL.Query().Get("page"))
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	slug := r.PathValue("slug")
	ctx, actor := r.Context(), state(r).actor
	list, err := s.app.News.News(ctx, actor, app.NewsListQuery{CategorySlug: slug, Page: page})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &newsListPage{Layout: s.newLayout(r, "news", "news.list_title"), Total: list.Total, Page: page, Pages: list.Pages}
	now := s.app.Now()
	for _, c := range list.Items {
		p.Items = append(p.Items, p.newsCard(c, now))
	}
	base := "/news"
	p.FeedRSS, p.FeedAtom = "/news/feed.rss?lang="+p.Lang, "/news/feed.atom?lang="+p.Lang
	if list.Category != nil {
		p.Category = p.local(list.Category.Name).Value
		p.PageTitle = p.T("news.category_title", "Category", p.Category)
		base = "/news/category/" + list.Category.Slug
		p.FeedRSS, p.FeedAtom = base+"/feed.rss?lang="+p.Lang, base+"/feed.atom?lang="+p.Lang
	}
	for _, c := range list.Categories {
		p.Categories = append(p.Categories, categoryLink{Slug: c.Slug, Name: p.local(c.Name).Value, URL: "/news/category/" + c.Slug,
			Current: list.Category != nil && list.Category.ID == c.ID})
	}
	if page > 1 {
		p.PrevURL = base + "?page=" + strconv.Itoa(page-1)
	}
	if page < p.Pages {
		p.NextURL = base + "?page=" + strconv.Itoa(page+1)
	}
	if p.CanPublish, err = s.app.News.MayPublish(ctx, actor); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "news_list", p)
}

type newsArticlePage struct {
	Layout
	Card     newsCardView
	Body     template.HTML
	BodyLang string
	CanEdit  bool
	JSONLD   template.JS
	Notice   string
}

// handleNewsArticle shows one article, its Markdown rendered and sanitised.
func (s *Server) handleNewsArticle(w http.ResponseWriter, r *http.Request) {
	d, err := s.app.News.NewsItem(r.Context(), state(r).actor, r.PathValue("ref"))
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &newsArticlePage{Layout: s.newLayout(r, "news", "news.list_title"), CanEdit: d.CanEdit}
	p.Card = p.newsCard(d.NewsCard, s.app.Now())
	p.PageTitle = p.Card.Title.Value
	body, missing := d.Item.Body.In(p.Lang)
	p.Body = renderMarkdown(body)
	if missing {
		p.BodyLang = otherLanguage(d.Item.Body, p.Lang)
	}
	if done := r.URL.Query().Get("done"); done == "saved" {
		p.Notice = "news.notice_saved"
	}
	if p.Public != nil { // the portal's Open Graph card: an article, with its summary
		p.Public.Type = "article"
		if p.Card.Summary.Value != "" {
			p.Public.Description = p.Card.Summary.Value
		}
	}
	p.JSONLD = newsJSONLD(&p.Layout, s.siteBase(r), d)
	s.render(w, r, http.StatusOK, "news_article", p)
}

// otherLanguage names the language a text fell back on.
func otherLanguage(t berceau.Text, lang string) string {
	for _, l := range knowledge.TextLanguages {
		if l != lang && t.Get(l) != "" {
			return l
		}
	}
	return ""
}

// siteBase is the site's address for links that leave it (feeds, JSON-LD):
// the configured base URL, else the address asked.
func (s *Server) siteBase(r *http.Request) string {
	if base := s.app.Events.BaseURL(); base != "" {
		return base
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// newsJSONLD is the schema.org NewsArticle of an article's page.
func newsJSONLD(l *Layout, base string, d app.NewsDetail) template.JS {
	n := d.Item
	title, _ := n.Title.In(l.Lang)
	summary, _ := n.Summary.In(l.Lang)
	pageURL := base + "/news/" + n.Slug
	ld := map[string]any{"@context": "https://schema.org", "@type": "NewsArticle", "@id": pageURL, "url": pageURL,
		"headline": title, "dateModified": n.UpdatedAt.Format(time.RFC3339), "inLanguage": l.Lang}
	if !n.PublishedAt.IsZero() {
		ld["datePublished"] = n.PublishedAt.Format(time.RFC3339)
	}
	if summary != "" {
		ld["description"] = summary
	}
	if org, _ := d.OrganizationName.In(l.Lang); org != "" {
		ld["author"] = map[string]any{"@type": "Organization", "name": org}
	}
	if n.ImageType != "" {
		ld["image"] = base + "/news/image/" + strconv.FormatInt(n.ID, 10)
	}
	if d.Category != nil {
		ld["articleSection"], _ = d.Category.Name.In(l.Lang)
	}
	return newsJSONLDScript(ld)
}

// handleNewsImage serves an article's picture to whoever may read it, with
// its sniffed type, never sniffed again by the browser.
func (s *Server) handleNewsImage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	img, err := s.app.News.NewsImage(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", img.ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Header().Set("Content-Length", strconv.Itoa(len(img.Content)))
	_, _ = w.Write(img.Content)
}

// newsLanguages are the languages an editor writes in: the site's.
func newsLanguages() []string { return i18n.Languages }

// feedLang reads a feed's language: ?lang=, else the visitor's.
func (s *Server) feedLang(r *http.Request) (string, bool) {
	lang := r.URL.Query().Get("lang")
	if lang == "" {
		return state(r).lang, true
	}
	for _, l := range newsLanguages() {
		if l == lang {
			return lang, true
		}
	}
	return "", false
}

// NewsFeedLinks are a page's <link rel="alternate"> to the news feeds, in
// the page's language: every page announces them (partials/news_feed_links.html).
func (l *Layout) NewsFeedLinks() newsFeedLinks {
	q := "?lang=" + url.QueryEscape(l.Lang)
	return newsFeedLinks{RSS: "/news/feed.rss" + q, Atom: "/news/feed.atom" + q,
		RSSTitle: l.T("news.feed_rss_title"), AtomTitle: l.T("news.feed_atom_title")}
}

type newsFeedLinks struct{ RSS, Atom, RSSTitle, AtomTitle string }

// newsFormText reads a form text without Windows line ends.
func newsFormText(r *http.Request, name string) string {
	return strings.ReplaceAll(r.PostFormValue(name), "\r\n", "\n")
}
