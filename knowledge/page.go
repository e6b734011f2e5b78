package knowledge

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// A Page is one of the network's editable public pages (About, social
// perinatal care, partners, contact…): a title, a summary and a body in
// Markdown, in each of the network's languages. Every save is a revision;
// visitors read the revision last published, editors work on the latest.
type Page struct {
	ID   int64
	Slug string // its address: /pages/{slug}
	// Title, Summary and Body are the latest revision's; Summary is one or
	// two plain sentences (the home page and search results show it, Open
	// Graph describes the page with it); Body is Markdown.
	Title, Summary, Body berceau.Text
	// Revision is the latest revision's number; Published the number of the
	// revision visitors read, 0 while the page is not published.
	Revision  int
	Published int
	UpdatedAt time.Time
	UpdatedBy string // the display name of who saved the latest revision
}

// PageRevision is one saved state of a page: who saved it, when, why.
type PageRevision struct {
	PageID               int64
	Number               int
	Title, Summary, Body berceau.Text
	Note                 string // the change note the editor gave
	// Published tells whether this save published the page.
	Published  bool
	AuthorID   int64
	AuthorName string
	CreatedAt  time.Time
	// RestoredFrom is the revision this one copies, 0 for an edit.
	RestoredFrom int
}

// The slugs of the pages every network has: the portal's home page shows
// the first two, and links to all of them.
const (
	PageAbout     = "about"
	PagePerinatal = "social-perinatal-care"
	PagePartners  = "partners"
	PageContact   = "contact"
)

// StandardPages are the pages a network is expected to write, in the order
// the portal links them.
var StandardPages = []string{PageAbout, PagePerinatal, PagePartners, PageContact}

// MaxSlugLength bounds a page's address.
const MaxSlugLength = 60

// ValidSlug reports whether s can be a page's address: lowercase letters,
// digits and single hyphens between them.
func ValidSlug(s string) bool {
	if s == "" || len(s) > MaxSlugLength || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Normalize trims what an editor typed.
func (p *Page) Normalize(langs []string) {
	p.Slug = strings.ToLower(strings.TrimSpace(p.Slug))
	for _, lang := range langs {
		p.Title.Set(lang, strings.TrimSpace(p.Title.Get(lang)))
		p.Summary.Set(lang, strings.TrimSpace(p.Summary.Get(lang)))
		p.Body.Set(lang, strings.TrimRight(p.Body.Get(lang), " \t\r\n"))
	}
}

// Validate checks a page before it is saved in langs: a valid address for
// a new page (a page keeps its address), a title in at least one language,
// every text within its bound, and a body wherever there is a title.
func (p Page) Validate(langs []string, note string) error {
	fields := map[string]string{}
	if p.ID == 0 && !ValidSlug(p.Slug) {
		fields["slug"] = "portal.error.slug"
	}
	if p.Title.Empty() {
		fields["title_"+langs[0]] = "portal.error.title_required"
	}
	for _, lang := range langs {
		if utf8.RuneCountInString(p.Title.Get(lang)) > berceau.MaxNameLength {
			fields["title_"+lang] = berceau.KeyNameTooLong
		}
		if utf8.RuneCountInString(p.Summary.Get(lang)) > berceau.MaxShortTextLength {
			fields["summary_"+lang] = berceau.KeyTooLong
		}
		if utf8.RuneCountInString(p.Body.Get(lang)) > berceau.MaxLongTextLength {
			fields["body_"+lang] = berceau.KeyTooLong
		}
		if p.Title.Get(lang) != "" && strings.TrimSpace(p.Body.Get(lang)) == "" {
			fields["body_"+lang] = "portal.error.body_required"
		}
	}
	if utf8.RuneCountInString(note) > berceau.MaxShortTextLength {
		fields["note"] = berceau.KeyTooLong
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}
