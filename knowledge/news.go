package knowledge

import (
	"strings"
	"time"
	"unicode"

	"github.com/berceau/berceau"
)

// News are the network's articles: written in its languages, drafted, then
// published at once or at a chosen time, in a category, with a picture
// that always has an alternative text, for the public or for members.

// NewsStatus says whether an article is a draft or published.
type NewsStatus string

// The states of an article. A published article whose publication time is
// still ahead is scheduled: nobody but its editors sees it until then.
const (
	NewsDraft     NewsStatus = "draft"
	NewsPublished NewsStatus = "published"
)

// NewsAudiences are the audiences an article may have: everyone (the
// public pages and the feeds) or the network's members only.
var NewsAudiences = []Audience{AudiencePublic, AudienceMembers}

// Limits of an article, in bytes of each language's text.
const (
	MaxNewsTitle   = 200
	MaxNewsSummary = 600
	MaxNewsBody    = 40_000
	MaxNewsAlt     = 300
	// MaxNewsImage bounds a picture's size.
	MaxNewsImage = 2 << 20
)

// NewsImageTypes are the picture types accepted, sniffed from the content.
var NewsImageTypes = []string{"image/png", "image/jpeg", "image/gif", "image/webp"}

// TextLanguages are the languages a multilingual text of this area may
// hold, in the order forms show them.
var TextLanguages = []string{"fr", "en", "nl"}

// NewsCategory groups articles; feeds and the newsletter are per category.
type NewsCategory struct {
	ID   int64
	Slug string
	Name berceau.Text
}

// Validate checks a category an editor submits.
func (c NewsCategory) Validate() error {
	fields := berceau.FieldCheck{}
	if c.Name.Empty() {
		fields.Set("name", "error.required")
	}
	fields.Text("name", c.Name, 100)
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// NewsItem is one article.
type NewsItem struct {
	ID             int64
	Slug           string // stable once created: the article's address
	Title          berceau.Text
	Summary        berceau.Text
	Body           berceau.Text // Markdown, rendered and sanitised when shown
	CategoryID     int64        // 0: no category
	OrganizationID string       // the directory organisation it is published for
	Audience       Audience     // AudiencePublic or AudienceMembers
	Status         NewsStatus
	PublishedAt    time.Time // when a published article becomes visible
	ImageType      string    // "" when it has no picture
	ImageAlt       berceau.Text
	CreatedBy      int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// NewsImage is an article's picture.
type NewsImage struct {
	ContentType string
	Content     []byte
}

// Visible reports whether the article is out at now: published and its
// publication time reached.
func (n NewsItem) Visible(now time.Time) bool {
	return n.Status == NewsPublished && !n.PublishedAt.IsZero() && !n.PublishedAt.After(now)
}

// Scheduled reports whether the article is published for a time still to come.
func (n NewsItem) Scheduled(now time.Time) bool {
	return n.Status == NewsPublished && n.PublishedAt.After(now)
}

// Normalize trims what an editor typed.
func (n *NewsItem) Normalize() {
	for _, t := range []*berceau.Text{&n.Title, &n.Summary, &n.Body, &n.ImageAlt} {
		for _, lang := range TextLanguages {
			if v := t.Get(lang); v != strings.TrimSpace(v) {
				t.Set(lang, strings.TrimSpace(v))
			}
		}
	}
	n.OrganizationID = strings.TrimSpace(n.OrganizationID)
	if n.Status == "" {
		n.Status = NewsDraft
	}
	if n.Audience == "" {
		n.Audience = AudiencePublic
	}
}

// Validate checks an article an editor submits; hasImage says whether it
// keeps or receives a picture, which then needs its alternative text.
func (n NewsItem) Validate(hasImage bool) error {
	fields := berceau.FieldCheck{}
	if n.Title.Empty() {
		fields.Set("title", "error.required")
	}
	if n.Body.Empty() {
		fields.Set("body", "error.required")
	}
	for _, lang := range TextLanguages {
		fields.Length("title", n.Title.Get(lang), MaxNewsTitle)
		fields.Length("summary", n.Summary.Get(lang), MaxNewsSummary)
		fields.Length("body", n.Body.Get(lang), MaxNewsBody)
		fields.Length("image_alt", n.ImageAlt.Get(lang), MaxNewsAlt)
	}
	if n.OrganizationID == "" || !berceau.ValidUUID(n.OrganizationID) {
		fields.Set("organization", "news.error.organization_required")
	}
	if n.Audience != AudiencePublic && n.Audience != AudienceMembers {
		fields.Set("audience", "error.required")
	}
	if n.Status != NewsDraft && n.Status != NewsPublished {
		fields.Set("status", "error.required")
	}
	if hasImage && n.ImageAlt.Empty() {
		fields.Set("image_alt", "news.error.alt_required")
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// SniffNewsImage checks a picture's size and type (from its bytes, never
// from its name or the browser's word) and returns the type.
func SniffNewsImage(content []byte, sniff func([]byte) string) (string, error) {
	if len(content) == 0 {
		return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"image": "news.error.image_empty"}}
	}
	if len(content) > MaxNewsImage {
		return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"image": "news.error.image_too_big"}}
	}
	kind := sniff(content)
	if i := strings.IndexByte(kind, ';'); i >= 0 {
		kind = kind[:i]
	}
	for _, ok := range NewsImageTypes {
		if kind == ok {
			return kind, nil
		}
	}
	return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"image": "news.error.image_type"}}
}

// Slugify makes an address word of a title: lower case, accents removed,
// words joined by hyphens, at most 60 characters.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range berceau.FoldText(s) {
		if unicode.IsLetter(r) && r < 0x80 || unicode.IsDigit(r) && r < 0x80 {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 60 {
				break
			}
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-")
}

// FirstText is a text's value in the first language that has one.
func FirstText(t berceau.Text) string {
	for _, lang := range TextLanguages {
		if v := t.Get(lang); v != "" {
			return v
		}
	}
	return ""
}
