package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/knowledge"
)

// The resource library's rows: resources and their versions. Every write
// raises library_revision in the same transaction, so that a search index
// older than the database is seen by every process sharing it.

func (tx *Tx) bumpLibraryRevision(ctx context.Context) error {
	_, err := tx.exec(ctx, `UPDATE library_revision SET revision = revision + 1 WHERE id = 1`)
	return err
}

// LibraryRevision counts the library's changes.
func (tx *Tx) LibraryRevision(ctx context.Context) (int64, error) {
	var rev int64
	err := tx.queryRow(ctx, `SELECT revision FROM library_revision WHERE id = 1`).Scan(&rev)
	return rev, wrapErr("read library revision", err)
}

func jsonText(t berceau.Text) (string, error) {
	b, err := json.Marshal(t)
	return string(b), err
}

// CreateResource stores a new resource and sets its id.
func (tx *Tx) CreateResource(ctx context.Context, r *knowledge.Resource) error {
	title, err := jsonText(r.Title)
	if err != nil {
		return wrapErr("create resource", err)
	}
	summary, err := jsonText(r.Summary)
	if err != nil {
		return wrapErr("create resource", err)
	}
	id, err := tx.insertID(ctx, `INSERT INTO library_resources (kind, title, summary, themes, languages, audience,
		audience_organization_id, organization_id, licence, link_url, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
		string(r.Kind), title, summary, strings.Join(r.Themes, " "), strings.Join(r.Languages, " "), string(r.Audience),
		nullText(r.AudienceOrganizationID), r.OrganizationID, r.Licence, r.LinkURL, nullID(r.CreatedBy), tx.now)
	if err != nil {
		return wrapErr("create resource", err)
	}
	r.ID, r.CreatedAt, r.UpdatedAt = id, tx.now, tx.now
	return wrapErr("create resource", tx.bumpLibraryRevision(ctx))
}

// UpdateResource rewrites a resource's description (not its files).
func (tx *Tx) UpdateResource(ctx context.Context, r *knowledge.Resource) error {
	title, err := jsonText(r.Title)
	if err != nil {
		return wrapErr("update resource", err)
	}
	summary, err := jsonText(r.Summary)
	if err != nil {
		return wrapErr("update resource", err)
	}
	if err := affectedOne(tx.exec(ctx, `UPDATE library_resources SET kind = $1, title = $2, summary = $3, themes = $4, languages = $5,
		audience = $6, audience_organization_id = $7, organization_id = $8, licence = $9, link_url = $10, updated_at = $11 WHERE id = $12`,
		string(r.Kind), title, summary, strings.Join(r.Themes, " "), strings.Join(r.Languages, " "), string(r.Audience),
		nullText(r.AudienceOrganizationID), r.OrganizationID, r.Licence, r.LinkURL, tx.now, r.ID)); err != nil {
		return wrapErr("update resource", notFound(err, "library.error.not_found"))
	}
	r.UpdatedAt = tx.now
	return wrapErr("update resource", tx.bumpLibraryRevision(ctx))
}

// DeleteResource removes a resource and its versions, and returns the
// content addresses of its files.
func (tx *Tx) DeleteResource(ctx context.Context, id int64) ([]string, error) {
	versions, err := tx.ResourceVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM library_versions WHERE resource_id = $1`, id); err != nil {
		return nil, wrapErr("delete resource versions", err)
	}
	if err := affectedOne(tx.exec(ctx, `DELETE FROM library_resources WHERE id = $1`, id)); err != nil {
		return nil, wrapErr("delete resource", notFound(err, "library.error.not_found"))
	}
	hashes := make([]string, len(versions))
	for i, v := range versions {
		hashes[i] = v.SHA256
	}
	return hashes, wrapErr("delete resource", tx.bumpLibraryRevision(ctx))
}

const resourceColumns = `id, kind, title, summary, themes, languages, audience, COALESCE(audience_organization_id, ''),
	organization_id, licence, link_url, COALESCE(created_by, 0), created_at, updated_at`

func scanResource(row rowScanner) (knowledge.Resource, error) {
	var r knowledge.Resource
	var kind, title, summary, themes, langs, audience string
	if err := row.Scan(&r.ID, &kind, &title, &summary, &themes, &langs, &audience, &r.AudienceOrganizationID,
		&r.OrganizationID, &r.Licence, &r.LinkURL, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return r, err
	}
	r.Kind, r.Audience = knowledge.ResourceKind(kind), knowledge.Audience(audience)
	r.Themes, r.Languages = strings.Fields(themes), strings.Fields(langs)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	if err := json.Unmarshal([]byte(title), &r.Title); err != nil {
		return r, err
	}
	return r, json.Unmarshal([]byte(summary), &r.Summary)
}

// ResourceByID reads one resource.
func (tx *Tx) ResourceByID(ctx context.Context, id int64) (knowledge.Resource, error) {
	r, err := scanResource(tx.queryRow(ctx, `SELECT `+resourceColumns+` FROM library_resources WHERE id = $1`, id))
	return r, wrapErr("read resource", notFound(err, "library.error.not_found"))
}

// AddResourceVersion stores a new version of a document, numbered after
// the last one, with the words of its text, and marks the resource
// changed.
func (tx *Tx) AddResourceVersion(ctx context.Context, v *knowledge.ResourceVersion, words string) error {
	var last int
	if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(number), 0) FROM library_versions WHERE resource_id = $1`, v.ResourceID).Scan(&last); err != nil {
		return wrapErr("add resource version", err)
	}
	v.Number = last + 1
	id, err := tx.insertID(ctx, `INSERT INTO library_versions (resource_id, number, file_name, content_type, size, sha256, change_note,
		text_words, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		v.ResourceID, v.Number, v.FileName, v.ContentType, v.Size, v.SHA256, v.ChangeNote, words, nullID(v.CreatedBy), tx.now)
	if err != nil {
		return wrapErr("add resource version", err)
	}
	v.ID, v.CreatedAt = id, tx.now
	if err := affectedOne(tx.exec(ctx, `UPDATE library_resources SET updated_at = $1 WHERE id = $2`, tx.now, v.ResourceID)); err != nil {
		return wrapErr("add resource version", notFound(err, "library.error.not_found"))
	}
	return wrapErr("add resource version", tx.bumpLibraryRevision(ctx))
}

const versionColumns = `id, resource_id, number, file_name, content_type, size, sha256, change_note, COALESCE(created_by, 0), created_at`

func scanVersion(row rowScanner) (knowledge.ResourceVersion, error) {
	var v knowledge.ResourceVersion
	err := row.Scan(&v.ID, &v.ResourceID, &v.Number, &v.FileName, &v.ContentType, &v.Size, &v.SHA256, &v.ChangeNote, &v.CreatedBy, &v.CreatedAt)
	v.CreatedAt = v.CreatedAt.UTC()
	return v, err
}

// ResourceVersions lists a document's versions, newest first, every one
// but the first marked superseded.
func (tx *Tx) ResourceVersions(ctx context.Context, resourceID int64) ([]knowledge.ResourceVersion, error) {
	list, err := queryAll(ctx, tx, "list resource versions", scanVersion,
		`SELECT `+versionColumns+` FROM library_versions WHERE resource_id = $1 ORDER BY number DESC`, resourceID)
	for i := 1; i < len(list); i++ {
		list[i].Superseded = true
	}
	return list, err
}

// ResourceVersion reads one version of a document, marked superseded when
// a newer one exists.
func (tx *Tx) ResourceVersion(ctx context.Context, resourceID int64, number int) (knowledge.ResourceVersion, error) {
	v, err := scanVersion(tx.queryRow(ctx, `SELECT `+versionColumns+` FROM library_versions WHERE resource_id = $1 AND number = $2`,
		resourceID, number))
	if err != nil {
		return v, wrapErr("read resource version", notFound(err, "library.error.not_found"))
	}
	var newer int
	err = tx.queryRow(ctx, `SELECT COUNT(*) FROM library_versions WHERE resource_id = $1 AND number > $2`, resourceID, number).Scan(&newer)
	v.Superseded = newer > 0
	return v, wrapErr("read resource version", err)
}

// FileReferenced reports whether a version of any resource holds the file
// of hash.
func (tx *Tx) FileReferenced(ctx context.Context, hash string) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM library_versions WHERE sha256 = $1`, hash).Scan(&n)
	return n > 0, wrapErr("count file references", err)
}

// LibraryEntries reads every resource with the words of its current file,
// what the search index is built from.
func (tx *Tx) LibraryEntries(ctx context.Context) ([]knowledge.LibraryEntry, error) {
	return queryAll(ctx, tx, "list library entries", func(row rowScanner) (knowledge.LibraryEntry, error) {
		var e knowledge.LibraryEntry
		var words sql.NullString
		r, err := scanResource(scanPrefix{row, &words})
		e.Resource, e.FileWords = r, words.String
		return e, err
	}, `SELECT r.id, r.kind, r.title, r.summary, r.themes, r.languages, r.audience, COALESCE(r.audience_organization_id, ''),
		r.organization_id, r.licence, r.link_url, COALESCE(r.created_by, 0), r.created_at, r.updated_at, v.text_words
		FROM library_resources r LEFT JOIN library_versions v ON v.resource_id = r.id
		AND v.number = (SELECT MAX(number) FROM library_versions m WHERE m.resource_id = r.id)`)
}

// scanPrefix scans the resource's columns, then extra columns after them.
type scanPrefix struct {
	row   rowScanner
	extra *sql.NullString
}

func (s scanPrefix) Scan(dest ...any) error { return s.row.Scan(append(dest, s.extra)...) }

// ResourcesOf lists the resources an organisation publishes, newest first.
func (tx *Tx) ResourcesOf(ctx context.Context, organizationID string) ([]knowledge.Resource, error) {
	return queryAll(ctx, tx, "list resources of organisation", scanResource,
		`SELECT `+resourceColumns+` FROM library_resources WHERE organization_id = $1 ORDER BY updated_at DESC, id DESC`, organizationID)
}

// OrganizationNames reads the names of directory organisations by id.
func (tx *Tx) OrganizationNames(ctx context.Context, ids []string) (map[string]berceau.Text, error) {
	names := map[string]berceau.Text{}
	if len(ids) == 0 {
		return names, nil
	}
	args := make([]any, len(ids))
	marks := make([]string, len(ids))
	for i, id := range ids {
		args[i], marks[i] = id, "$"+strconv.Itoa(i+1)
	}
	err := tx.eachRow(ctx, "read organisation names", func(row rowScanner) error {
		var id, fr, en string
		if err := row.Scan(&id, &fr, &en); err != nil {
			return err
		}
		names[id] = berceau.TextOf("fr", fr, "en", en)
		return nil
	}, `SELECT id, name_fr, name_en FROM directory_organizations WHERE id IN (`+strings.Join(marks, ", ")+`)`, args...)
	return names, err
}
