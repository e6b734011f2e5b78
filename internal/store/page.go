package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/knowledge"
)

// The portal's editable pages (migration 00090): a row per page, a row per
// revision, texts as JSON by language.

func textJSON(t berceau.Text) (string, error) {
	b, err := json.Marshal(t)
	return string(b), err
}

func scanText(raw string, t *berceau.Text) error {
	if raw == "" {
		return nil
	}
	return json.Unmarshal([]byte(raw), t)
}

// pageColumns read a page with the texts of revision r (the latest or the
// published one, named by the join).
const pageColumns = `p.id, p.slug, p.revision, p.published, r.title, r.summary, r.body, r.created_at, COALESCE(u.display_name, '')`

func scanPage(row rowScanner) (knowledge.Page, error) {
	var p knowledge.Page
	var title, summary, body string
	if err := row.Scan(&p.ID, &p.Slug, &p.Revision, &p.Published, &title, &summary, &body, &p.UpdatedAt, &p.UpdatedBy); err != nil {
		return p, err
	}
	p.UpdatedAt = p.UpdatedAt.UTC()
	if err := scanText(title, &p.Title); err != nil {
		return p, err
	}
	if err := scanText(summary, &p.Summary); err != nil {
		return p, err
	}
	return p, scanText(body, &p.Body)
}

// latestPage joins each page to its latest revision; publishedPage to the
// revision visitors read (pages never published are left out).
const (
	latestPage = ` FROM portal_pages p JOIN portal_page_revisions r ON r.page_id = p.id AND r.number = p.revision
		LEFT JOIN users u ON u.id = r.author_id`
	publishedPage = ` FROM portal_pages p JOIN portal_page_revisions r ON r.page_id = p.id AND r.number = p.published
		LEFT JOIN users u ON u.id = r.author_id`
)

// CreatePage stores a new page's first revision and sets the page's id,
// revision and publication.
func (tx *Tx) CreatePage(ctx context.Context, p *knowledge.Page, rev knowledge.PageRevision) error {
	id, err := tx.insertID(ctx, `INSERT INTO portal_pages (slug, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id`, p.Slug, tx.now)
	if isUniqueViolation(err) {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "portal.error.slug_taken", Fields: map[string]string{"slug": "portal.error.slug_taken"}, Cause: err}
	}
	if err != nil {
		return wrapErr("create page", err)
	}
	p.ID = id
	rev.PageID = id
	return wrapErr("create page", tx.AddPageRevision(ctx, p, rev))
}

// AddPageRevision stores rev as the page's next revision (its number is
// set here), makes it the latest, and the published one when rev says so.
func (tx *Tx) AddPageRevision(ctx context.Context, p *knowledge.Page, rev knowledge.PageRevision) error {
	var number int
	if err := tx.queryRow(ctx, `SELECT revision FROM portal_pages WHERE id = $1`, p.ID).Scan(&number); err != nil {
		return wrapErr("add page revision", notFound(err, "portal.error.not_found"))
	}
	number++
	texts := make([]string, 3)
	for i, t := range []berceau.Text{rev.Title, rev.Summary, rev.Body} {
		s, err := textJSON(t)
		if err != nil {
			return wrapErr("add page revision", err)
		}
		texts[i] = s
	}
	if _, err := tx.exec(ctx, `INSERT INTO portal_page_revisions (page_id, number, title, summary, body, note, published, restored_from,
		author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		p.ID, number, texts[0], texts[1], texts[2], rev.Note, boolInt(rev.Published), rev.RestoredFrom, nullID(rev.AuthorID), tx.now); err != nil {
		return wrapErr("add page revision", err)
	}
	published := p.Published
	if rev.Published {
		published = number
	}
	if err := affectedOne(tx.exec(ctx, `UPDATE portal_pages SET revision = $1, published = $2, updated_at = $3 WHERE id = $4`,
		number, published, tx.now, p.ID)); err != nil {
		return wrapErr("add page revision", err)
	}
	p.Revision, p.Published, p.UpdatedAt = number, published, tx.now
	p.Title, p.Summary, p.Body = rev.Title, rev.Summary, rev.Body
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// SetPagePublished makes revision n the one visitors read (0: none).
func (tx *Tx) SetPagePublished(ctx context.Context, id int64, n int) error {
	return wrapErr("set page published", affectedOne(tx.exec(ctx, `UPDATE portal_pages SET published = $1, updated_at = $2 WHERE id = $3`,
		n, tx.now, id)))
}

// DeletePage removes a page and its revisions.
func (tx *Tx) DeletePage(ctx context.Context, id int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM portal_page_revisions WHERE page_id = $1`, id); err != nil {
		return wrapErr("delete page", err)
	}
	return wrapErr("delete page", affectedOne(tx.exec(ctx, `DELETE FROM portal_pages WHERE id = $1`, id)))
}

// PageByID reads a page with its latest revision.
func (tx *Tx) PageByID(ctx context.Context, id int64) (knowledge.Page, error) {
	p, err := scanPage(tx.queryRow(ctx, `SELECT `+pageColumns+latestPage+` WHERE p.id = $1`, id))
	return p, wrapErr("read page", notFound(err, "portal.error.not_found"))
}

// PageBySlug reads a page with its latest revision.
func (tx *Tx) PageBySlug(ctx context.Context, slug string) (knowledge.Page, error) {
	p, err := scanPage(tx.queryRow(ctx, `SELECT `+pageColumns+latestPage+` WHERE p.slug = $1`, slug))
	return p, wrapErr("read page by slug", notFound(err, "portal.error.not_found"))
}

// PublishedPageBySlug reads a published page with the revision visitors read.
func (tx *Tx) PublishedPageBySlug(ctx context.Context, slug string) (knowledge.Page, error) {
	p, err := scanPage(tx.queryRow(ctx, `SELECT `+pageColumns+publishedPage+` WHERE p.slug = $1`, slug))
	return p, wrapErr("read published page", notFound(err, "portal.error.not_found"))
}

// Pages lists every page with its latest revision, by address.
func (tx *Tx) Pages(ctx context.Context) ([]knowledge.Page, error) {
	return queryAll(ctx, tx, "list pages", scanPage, `SELECT `+pageColumns+latestPage+` ORDER BY p.slug`)
}

// PublishedPages lists the published pages with the revision visitors read,
// by address.
func (tx *Tx) PublishedPages(ctx context.Context) ([]knowledge.Page, error) {
	return queryAll(ctx, tx, "list published pages", scanPage, `SELECT `+pageColumns+publishedPage+` ORDER BY p.slug`)
}

const revisionColumns = `r.page_id, r.number, r.title, r.summary, r.body, r.note, r.published, r.restored_from, COALESCE(r.author_id, 0),
	COALESCE(u.display_name, ''), r.created_at`

func scanPageRevision(row rowScanner) (knowledge.PageRevision, error) {
	var r knowledge.PageRevision
	var title, summary, body string
	var published int
	if err := row.Scan(&r.PageID, &r.Number, &title, &summary, &body, &r.Note, &published, &r.RestoredFrom, &r.AuthorID,
		&r.AuthorName, &r.CreatedAt); err != nil {
		return r, err
	}
	r.Published, r.CreatedAt = published != 0, r.CreatedAt.UTC()
	for _, f := range []struct {
		raw string
		t   *berceau.Text
	}{{title, &r.Title}, {summary, &r.Summary}, {body, &r.Body}} {
		if err := scanText(f.raw, f.t); err != nil {
			return r, fmt.Errorf("revision %d: %w", r.Number, err)
		}
	}
	return r, nil
}

// PageRevisions lists a page's revisions, newest first.
func (tx *Tx) PageRevisions(ctx context.Context, pageID int64) ([]knowledge.PageRevision, error) {
	return queryAll(ctx, tx, "list page revisions", scanPageRevision, `SELECT `+revisionColumns+` FROM portal_page_revisions r
		LEFT JOIN users u ON u.id = r.author_id WHERE r.page_id = $1 ORDER BY r.number DESC`, pageID)
}

// PageRevision reads revision n of a page.
func (tx *Tx) PageRevision(ctx context.Context, pageID int64, n int) (knowledge.PageRevision, error) {
	r, err := scanPageRevision(tx.queryRow(ctx, `SELECT `+revisionColumns+` FROM portal_page_revisions r
		LEFT JOIN users u ON u.id = r.author_id WHERE r.page_id = $1 AND r.number = $2`, pageID, n))
	return r, wrapErr("read page revision", notFound(err, "portal.error.revision_not_found"))
}
