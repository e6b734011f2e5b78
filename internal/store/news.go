package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/knowledge"
)

// News: categories, articles and their pictures (migration 00105). Texts
// are stored as one JSON column per field.

func newsTextJSON(t berceau.Text) string {
	b, err := json.Marshal(t)
	if err != nil {
		return "{}"
	}
	return string(b)
}

func newsTextFromJSON(s string) berceau.Text {
	var t berceau.Text
	_ = json.Unmarshal([]byte(s), &t)
	return t
}

// CreateNewsCategory stores a new category and sets its id.
func (tx *Tx) CreateNewsCategory(ctx context.Context, c *knowledge.NewsCategory) error {
	id, err := tx.insertID(ctx, `INSERT INTO news_categories (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
		c.Slug, newsTextJSON(c.Name), tx.now)
	if err != nil {
		return wrapErr("create news category", err)
	}
	c.ID = id
	return nil
}

// UpdateNewsCategory renames a category (its address stays).
func (tx *Tx) UpdateNewsCategory(ctx context.Context, c knowledge.NewsCategory) error {
	return wrapErr("update news category", affectedOne(tx.exec(ctx, `UPDATE news_categories SET name = $1 WHERE id = $2`, newsTextJSON(c.Name), c.ID)))
}

func scanNewsCategory(row rowScanner) (knowledge.NewsCategory, error) {
	var c knowledge.NewsCategory
	var name string
	err := row.Scan(&c.ID, &c.Slug, &name)
	c.Name = newsTextFromJSON(name)
	return c, err
}

// NewsCategories lists every category in the order they were made.
func (tx *Tx) NewsCategories(ctx context.Context) ([]knowledge.NewsCategory, error) {
	return queryAll(ctx, tx, "list news categories", scanNewsCategory, `SELECT id, slug, name FROM news_categories ORDER BY id`)
}

// NewsCategoryBySlug reads one category by its address word.
func (tx *Tx) NewsCategoryBySlug(ctx context.Context, slug string) (knowledge.NewsCategory, error) {
	c, err := scanNewsCategory(tx.queryRow(ctx, `SELECT id, slug, name FROM news_categories WHERE slug = $1`, slug))
	return c, wrapErr("read news category", notFound(err, "news.error.category_not_found"))
}

// NewsCategoryByID reads one category.
func (tx *Tx) NewsCategoryByID(ctx context.Context, id int64) (knowledge.NewsCategory, error) {
	c, err := scanNewsCategory(tx.queryRow(ctx, `SELECT id, slug, name FROM news_categories WHERE id = $1`, id))
	return c, wrapErr("read news category", notFound(err, "news.error.category_not_found"))
}

// FreeSlug returns base, or base-2, base-3… the first not taken in table.
func (tx *Tx) FreeSlug(ctx context.Context, table, base string) (string, error) {
	if table != "news_items" && table != "news_categories" {
		return "", fmt.Errorf("store: find a free slug: no slugs in table %q", table)
	}
	if base == "" {
		base = "item"
	}
	for n := 1; n < 1000; n++ {
		slug := base
		if n > 1 {
			slug = base + "-" + strconv.Itoa(n)
		}
		var one int
		err := tx.queryRow(ctx, `SELECT 1 FROM `+table+` WHERE slug = $1`, slug).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return slug, nil
		}
		if err != nil {
			return "", wrapErr("find a free slug", err)
		}
	}
	return base + "-" + berceau.NewUUID()[:8], nil
}

const newsColumns = `id, slug, title, summary, body, COALESCE(category_id, 0), organization_id, audience, status, published_at,
	image_alt, image_type, COALESCE(created_by, 0), created_at, updated_at`

func scanNews(row rowScanner) (knowledge.NewsItem, error) {
	var n knowledge.NewsItem
	var title, summary, body, alt string
	var published sql.NullTime
	err := row.Scan(&n.ID, &n.Slug, &title, &summary, &body, &n.CategoryID, &n.OrganizationID, &n.Audience, &n.Status, &published,
		&alt, &n.ImageType, &n.CreatedBy, &n.CreatedAt, &n.UpdatedAt)
	n.Title, n.Summary, n.Body, n.ImageAlt = newsTextFromJSON(title), newsTextFromJSON(summary), newsTextFromJSON(body), newsTextFromJSON(alt)
	if published.Valid {
		n.PublishedAt = published.Time.UTC()
	}
	n.CreatedAt, n.UpdatedAt = n.CreatedAt.UTC(), n.UpdatedAt.UTC()
	return n, err
}

// CreateNewsItem stores a new article and sets its id.
func (tx *Tx) CreateNewsItem(ctx context.Context, n *knowledge.NewsItem) error {
	id, err := tx.insertID(ctx, `INSERT INTO news_items (slug, title, summary, body, category_id, organization_id, audience, status,
		published_at, image_alt, image_type, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
		n.Slug, newsTextJSON(n.Title), newsTextJSON(n.Summary), newsTextJSON(n.Body), nullID(n.CategoryID), n.OrganizationID, string(n.Audience),
		string(n.Status), nullTime(n.PublishedAt), newsTextJSON(n.ImageAlt), n.ImageType, nullID(n.CreatedBy), tx.now)
	if err != nil {
		return wrapErr("create news item", err)
	}
	n.ID, n.CreatedAt, n.UpdatedAt = id, tx.now, tx.now
	return nil
}

// UpdateNewsItem rewrites an article (its address stays).
func (tx *Tx) UpdateNewsItem(ctx context.Context, n *knowledge.NewsItem) error {
	err := affectedOne(tx.exec(ctx, `UPDATE news_items SET title = $1, summary = $2, body = $3, category_id = $4, organization_id = $5,
		audience = $6, status = $7, published_at = $8, image_alt = $9, image_type = $10, updated_at = $11 WHERE id = $12`,
		newsTextJSON(n.Title), newsTextJSON(n.Summary), newsTextJSON(n.Body), nullID(n.CategoryID), n.OrganizationID, string(n.Audience),
		string(n.Status), nullTime(n.PublishedAt), newsTextJSON(n.ImageAlt), n.ImageType, tx.now, n.ID))
	if err != nil {
		return wrapErr("update news item", err)
	}
	n.UpdatedAt = tx.now
	return nil
}

// DeleteNewsItem removes an article and its picture.
func (tx *Tx) DeleteNewsItem(ctx context.Context, id int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM news_images WHERE news_id = $1`, id); err != nil {
		return wrapErr("delete news image", err)
	}
	return wrapErr("delete news item", affectedOne(tx.exec(ctx, `DELETE FROM news_items WHERE id = $1`, id)))
}

// NewsItemByID reads one article.
func (tx *Tx) NewsItemByID(ctx context.Context, id int64) (knowledge.NewsItem, error) {
	n, err := scanNews(tx.queryRow(ctx, `SELECT `+newsColumns+` FROM news_items WHERE id = $1`, id))
	return n, wrapErr("read news item", notFound(err, "news.error.not_found"))
}

// NewsItemBySlug reads one article by its address word.
func (tx *Tx) NewsItemBySlug(ctx context.Context, slug string) (knowledge.NewsItem, error) {
	n, err := scanNews(tx.queryRow(ctx, `SELECT `+newsColumns+` FROM news_items WHERE slug = $1`, slug))
	return n, wrapErr("read news item", notFound(err, "news.error.not_found"))
}

// SetNewsImage stores (or replaces) an article's picture.
func (tx *Tx) SetNewsImage(ctx context.Context, newsID int64, img knowledge.NewsImage) error {
	if _, err := tx.exec(ctx, `DELETE FROM news_images WHERE news_id = $1`, newsID); err != nil {
		return wrapErr("replace news image", err)
	}
	_, err := tx.exec(ctx, `INSERT INTO news_images (news_id, content_type, content) VALUES ($1, $2, $3)`, newsID, img.ContentType, img.Content)
	return wrapErr("store news image", err)
}

// RemoveNewsImage drops an article's picture.
func (tx *Tx) RemoveNewsImage(ctx context.Context, newsID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM news_images WHERE news_id = $1`, newsID)
	return wrapErr("remove news image", err)
}

// NewsImageOf reads an article's picture.
func (tx *Tx) NewsImageOf(ctx context.Context, newsID int64) (knowledge.NewsImage, error) {
	var img knowledge.NewsImage
	err := tx.queryRow(ctx, `SELECT content_type, content FROM news_images WHERE news_id = $1`, newsID).Scan(&img.ContentType, &img.Content)
	return img, wrapErr("read news image", notFound(err, "news.error.not_found"))
}

// NewsQuery selects articles.
type NewsQuery struct {
	// Visible at Now only (published, publication time reached); otherwise
	// every article, drafts and scheduled ones too (editors' list).
	VisibleOnly bool
	Now         time.Time
	Members     bool     // members' articles too (with VisibleOnly)
	OrgIDs      []string // only articles of these organisations (editors'), nil: all
	CategoryID  int64
	Since       time.Time // published strictly after Since (digests)
	Limit       int
	Offset      int
}

func (q NewsQuery) where() (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if q.VisibleOnly {
		conds = append(conds, "status = 'published' AND published_at <= "+arg(q.Now.UTC()))
		if !q.Members {
			conds = append(conds, "audience = 'public'")
		}
	}
	if q.OrgIDs != nil {
		if len(q.OrgIDs) == 0 {
			conds = append(conds, "1 = 0")
		} else {
			marks := make([]string, len(q.OrgIDs))
			for i, id := range q.OrgIDs {
				marks[i] = arg(id)
			}
			conds = append(conds, "organization_id IN ("+strings.Join(marks, ", ")+")")
		}
	}
	if q.CategoryID != 0 {
		conds = append(conds, "category_id = "+arg(q.CategoryID))
	}
	if !q.Since.IsZero() {
		conds = append(conds, "published_at > "+arg(q.Since.UTC()))
	}
	if len(conds) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// NewsList returns the selected articles, newest first, and how many match.
func (tx *Tx) NewsList(ctx context.Context, q NewsQuery) ([]knowledge.NewsItem, int, error) {
	where, args := q.where()
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM news_items`+where, args...).Scan(&total); err != nil {
		return nil, 0, wrapErr("count news", err)
	}
	limit := q.Limit
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	args = append(args, limit, max(q.Offset, 0))
	list, err := queryAll(ctx, tx, "list news", scanNews, `SELECT `+newsColumns+` FROM news_items`+where+`
		ORDER BY COALESCE(published_at, updated_at) DESC, id DESC LIMIT $`+strconv.Itoa(len(args)-1)+` OFFSET $`+strconv.Itoa(len(args)), args...)
	return list, total, err
}

// OrganizationName is a directory organisation's id and name.
type OrganizationName struct {
	ID   string
	Name berceau.Text
}

// DirectoryOrganizationNames lists the directory's organisations by name:
// what a network coordinator may publish news for.
func (tx *Tx) DirectoryOrganizationNames(ctx context.Context) ([]OrganizationName, error) {
	return queryAll(ctx, tx, "list organisation names", func(row rowScanner) (OrganizationName, error) {
		var o OrganizationName
		var fr, en string
		err := row.Scan(&o.ID, &fr, &en)
		o.Name = berceau.TextOf("fr", fr, "en", en)
		return o, err
	}, `SELECT id, name_fr, name_en FROM directory_organizations ORDER BY name_fr, id LIMIT 2000`)
}
