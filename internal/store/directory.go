package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/directory/search"
)

// serviceRecord is the JSON of a service's public fields that no query
// filters on.
type serviceRecord struct {
	ProgramID              string                     `json:"program_id,omitempty"`
	Name                   berceau.Text               `json:"name"`
	AlternateName          string                     `json:"alternate_name,omitempty"`
	Description            berceau.Text               `json:"description"`
	Eligibility            berceau.Text               `json:"eligibility"`
	ApplicationProcess     berceau.Text               `json:"application_process"`
	FeesDescription        berceau.Text               `json:"fees_description"`
	URL                    string                     `json:"url,omitempty"`
	Email                  string                     `json:"email,omitempty"`
	InterpretationServices string                     `json:"interpretation_services,omitempty"`
	Accreditations         string                     `json:"accreditations,omitempty"`
	Alert                  string                     `json:"alert,omitempty"`
	MinimumAge             *float64                   `json:"minimum_age,omitempty"`
	MaximumAge             *float64                   `json:"maximum_age,omitempty"`
	Profile                directory.PerinatalProfile `json:"profile"`
	NeedIDs                []string                   `json:"needs,omitempty"`
	Capacity               directory.CapacitySignal   `json:"capacity"`
	TimeZone               string                     `json:"time_zone,omitempty"`
	Details                directory.ServiceDetails   `json:"details"`
}

// serviceRestricted is what only professionals see.
type serviceRestricted struct {
	Phones        []directory.DirectoryPhone `json:"phones,omitempty"`
	InternalNotes string                     `json:"internal_notes,omitempty"`
}

type organizationRecord struct {
	Name          berceau.Text                  `json:"name"`
	AlternateName string                        `json:"alternate_name,omitempty"`
	Description   berceau.Text                  `json:"description"`
	Email         string                        `json:"email,omitempty"`
	Website       string                        `json:"website,omitempty"`
	Details       directory.OrganizationDetails `json:"details"`
}

type locationRecord struct {
	Description string                    `json:"description,omitempty"`
	Details     directory.LocationDetails `json:"details"`
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain structs are marshalled here
	}
	return string(b)
}

// bumpDirectory counts a change to the directory.
func (tx *Tx) bumpDirectory(ctx context.Context) error {
	_, err := tx.exec(ctx, `UPDATE directory_state SET revision = revision + 1 WHERE id = 1`)
	return wrapErr("bump directory", err)
}

// PrepareBulkWrite readies the connection for a large write: on SQLite, a
// page cache of 256 MiB instead of 2 MiB for this connection, so that a
// 100 000-service import does not reread its own pages. PostgreSQL needs
// nothing.
func (tx *Tx) PrepareBulkWrite(ctx context.Context) error {
	if tx.dialect != sqliteDialect {
		return nil
	}
	_, err := tx.exec(ctx, `PRAGMA cache_size = -262144`)
	return wrapErr("prepare bulk write", err)
}

// DirectoryRevision counts the directory's changes.
func (tx *Tx) DirectoryRevision(ctx context.Context) (int64, error) {
	var rev int64
	err := tx.queryRow(ctx, `SELECT revision FROM directory_state WHERE id = 1`).Scan(&rev)
	return rev, wrapErr("directory revision", err)
}

// PutTaxonomy creates or replaces a taxonomy.
func (tx *Tx) PutTaxonomy(ctx context.Context, t directory.DirectoryTaxonomy) error {
	_, err := tx.exec(ctx, `INSERT INTO directory_taxonomies (id, name, description, uri, version) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, uri = excluded.uri, version = excluded.version`,
		t.ID, t.Name, t.Description, t.URI, t.Version)
	if err != nil {
		return wrapErr("put taxonomy", err)
	}
	return tx.bumpDirectory(ctx)
}

// PutTaxonomyTerm creates or replaces a taxonomy term.
func (tx *Tx) PutTaxonomyTerm(ctx context.Context, t directory.TaxonomyTerm) error {
	_, err := tx.exec(ctx, `INSERT INTO directory_taxonomy_terms (id, taxonomy_id, code, name_fr, name_en, description_fr, description_en, parent_id, language, term_uri, translations)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (id) DO UPDATE SET taxonomy_id = excluded.taxonomy_id, code = excluded.code, name_fr = excluded.name_fr, name_en = excluded.name_en,
			description_fr = excluded.description_fr, description_en = excluded.description_en, parent_id = excluded.parent_id,
			language = excluded.language, term_uri = excluded.term_uri, translations = excluded.translations`,
		t.ID, t.TaxonomyID, t.Code, t.Name.Get("fr"), t.Name.Get("en"), t.Description.Get("fr"), t.Description.Get("en"), t.ParentID,
		t.Language, t.TermURI, textsOf("name", t.Name, "description", t.Description))
	return wrapErr("put taxonomy term", err)
}

// Taxonomies lists every taxonomy by name.
func (tx *Tx) Taxonomies(ctx context.Context) ([]directory.DirectoryTaxonomy, error) {
	var list []directory.DirectoryTaxonomy
	if err := tx.eachRow(ctx, "read taxonomies", func(row rowScanner) error {
		var t directory.DirectoryTaxonomy
		if err := row.Scan(&t.ID, &t.Name, &t.Description, &t.URI, &t.Version); err != nil {
			return err
		}
		list = append(list, t)
		return nil
	}, `SELECT id, name, description, uri, version FROM directory_taxonomies ORDER BY name, id`); err != nil {
		return nil, err
	}
	return list, nil
}

// TaxonomyTerms lists the terms of a taxonomy, or every term when
// taxonomyID is empty, by taxonomy then code.
func (tx *Tx) TaxonomyTerms(ctx context.Context, taxonomyID string) ([]directory.TaxonomyTerm, error) {
	var list []directory.TaxonomyTerm
	if err := tx.eachRow(ctx, "read taxonomy terms", func(row rowScanner) error {
		var t directory.TaxonomyTerm
		var nameFR, nameEN, descFR, descEN, raw string
		if err := row.Scan(&t.ID, &t.TaxonomyID, &t.Code, &nameFR, &nameEN, &descFR, &descEN,
			&t.ParentID, &t.Language, &t.TermURI, &raw); err != nil {
			return err
		}
		x, err := readTranslations(raw)
		if err != nil {
			return err
		}
		t.Name, t.Description = x.text("name", nameFR, nameEN), x.text("description", descFR, descEN)
		list = append(list, t)
		return nil
	}, `SELECT id, taxonomy_id, code, name_fr, name_en, description_fr, description_en, parent_id, language, term_uri, translations
		FROM directory_taxonomy_terms WHERE $1 = '' OR taxonomy_id = $1 ORDER BY taxonomy_id, code, id`, taxonomyID); err != nil {
		return nil, err
	}
	return list, nil
}

// PutOrganization creates or replaces an organisation and its identifiers.
func (tx *Tx) PutOrganization(ctx context.Context, o directory.DirectoryOrganization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if o.LastModified.IsZero() {
		o.LastModified = tx.now
	}
	rec := organizationRecord{Name: o.Name, AlternateName: o.AlternateName, Description: o.Description, Email: o.Email,
		Website: o.Website, Details: o.Details}
	_, err := tx.exec(ctx, `INSERT INTO directory_organizations (id, name_fr, name_en, kind_id, record, last_modified)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (id) DO UPDATE SET name_fr = excluded.name_fr, name_en = excluded.name_en, kind_id = excluded.kind_id,
			record = excluded.record, last_modified = excluded.last_modified`,
		o.ID, o.Name.Get("fr"), o.Name.Get("en"), o.KindID, mustJSON(rec), o.LastModified.UTC())
	if err != nil {
		return wrapErr("put organization", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM directory_organization_identifiers WHERE organization_id = $1`, o.ID); err != nil {
		return wrapErr("put organization", err)
	}
	for _, id := range o.Identifiers {
		if _, err := tx.exec(ctx, `INSERT INTO directory_organization_identifiers (id, organization_id, identifier_scheme, identifier_type, identifier)
			VALUES ($1, $2, $3, $4, $5)`, id.ID, o.ID, id.IdentifierScheme, id.IdentifierType, id.Identifier); err != nil {
			if isUniqueViolation(err) {
				return &berceau.Error{Kind: berceau.KindConflict, Key: "directory.error.identifier_taken", Cause: err}
			}
			return wrapErr("put organization", err)
		}
	}
	return tx.bumpDirectory(ctx)
}

// OrganizationIDByIdentifier finds the organisation an external identifier
// names; ok is false when none does.
func (tx *Tx) OrganizationIDByIdentifier(ctx context.Context, identifierType, identifier string) (string, bool, error) {
	var id string
	err := tx.queryRow(ctx, `SELECT organization_id FROM directory_organization_identifiers WHERE identifier_type = $1 AND identifier = $2`,
		identifierType, identifier).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return id, err == nil, wrapErr("organization id by identifier", err)
}

const organizationColumns = `id, kind_id, record, last_modified`

func scanOrganization(row interface{ Scan(...any) error }) (directory.DirectoryOrganization, error) {
	var o directory.DirectoryOrganization
	var rec string
	if err := row.Scan(&o.ID, &o.KindID, &rec, &o.LastModified); err != nil {
		return o, err
	}
	var r organizationRecord
	if err := json.Unmarshal([]byte(rec), &r); err != nil {
		return o, err
	}
	o.Name, o.AlternateName, o.Description, o.Email, o.Website, o.Details = r.Name, r.AlternateName, r.Description, r.Email, r.Website, r.Details
	o.LastModified = o.LastModified.UTC()
	return o, nil
}

// DirectoryOrganizationByID reads an organisation with its identifiers.
func (tx *Tx) DirectoryOrganizationByID(ctx context.Context, id string) (directory.DirectoryOrganization, error) {
	o, err := scanOrganization(tx.queryRow(ctx, `SELECT `+organizationColumns+` FROM directory_organizations WHERE id = $1`, id))
	if err != nil {
		return o, notFound(wrapErr("read directory organization by ID", err), "directory.error.not_found")
	}
	ids, err := tx.identifiersOf(ctx, []string{id})
	o.Identifiers = ids[id]
	return o, err
}

func (tx *Tx) identifiersOf(ctx context.Context, orgIDs []string) (map[string][]directory.OrganizationIdentifier, error) {
	out := map[string][]directory.OrganizationIdentifier{}
	if len(orgIDs) == 0 {
		return out, nil
	}
	if err := tx.eachRow(ctx, "read identifiers of organisations", func(row rowScanner) error {
		var org string
		var id directory.OrganizationIdentifier
		if err := row.Scan(&org, &id.ID, &id.IdentifierScheme, &id.IdentifierType, &id.Identifier); err != nil {
			return err
		}
		out[org] = append(out[org], id)
		return nil
	}, `SELECT organization_id, id, identifier_scheme, identifier_type, identifier FROM directory_organization_identifiers
		WHERE organization_id IN (`+placeholders(1, len(orgIDs))+`) ORDER BY identifier_type, identifier`, stringArgs(orgIDs)...); err != nil {
		return nil, err
	}
	return out, nil
}

func stringArgs(list []string) []any {
	args := make([]any, len(list))
	for i, s := range list {
		args[i] = s
	}
	return args
}

// DirectoryPage selects one page of a list, and what changed after a time.
type DirectoryPage struct {
	Offset, Limit  int // Limit 0: all
	ModifiedAfter  time.Time
	OrganizationID string
	IDs            []string // only these, when set
}

func (p DirectoryPage) where(from int, orgColumn string) (string, []any) {
	where, args := ` WHERE 1 = 1`, []any{}
	n := from
	if !p.ModifiedAfter.IsZero() {
		where += ` AND last_modified > ` + placeholders(n, 1)
		args = append(args, p.ModifiedAfter.UTC())
		n++
	}
	if p.OrganizationID != "" && orgColumn != "" {
		where += ` AND ` + orgColumn + ` = ` + placeholders(n, 1)
		args = append(args, p.OrganizationID)
		n++
	}
	if p.IDs != nil {
		if len(p.IDs) == 0 {
			return where + ` AND 1 = 0`, args
		}
		where += ` AND id IN (` + placeholders(n, len(p.IDs)) + `)`
		args = append(args, stringArgs(p.IDs)...)
	}
	return where, args
}

func (p DirectoryPage) limit() string {
	if p.Limit <= 0 {
		return ""
	}
	return ` LIMIT ` + strconv.Itoa(p.Limit) + ` OFFSET ` + strconv.Itoa(p.Offset)
}

// DirectoryOrganizations lists organisations by id, with their identifiers,
// and counts all that the page's conditions select.
func (tx *Tx) DirectoryOrganizations(ctx context.Context, p DirectoryPage) ([]directory.DirectoryOrganization, int, error) {
	where, args := p.where(1, "")
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM directory_organizations`+where, args...).Scan(&total); err != nil {
		return nil, 0, wrapErr("directory organizations", err)
	}
	list, err := queryAll(ctx, tx, "list directory organisations", scanOrganization,
		`SELECT `+organizationColumns+` FROM directory_organizations`+where+` ORDER BY id`+p.limit(), args...)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(list))
	for i, o := range list {
		ids[i] = o.ID
	}

	byOrg, err := tx.identifiersOf(ctx, ids)
	for i := range list {
		list[i].Identifiers = byOrg[list[i].ID]
	}
	return list, total, err
}

// PutLocation creates or replaces a location.
func (tx *Tx) PutLocation(ctx context.Context, l directory.DirectoryLocation) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if l.LastModified.IsZero() {
		l.LastModified = tx.now
	}
	rec := locationRecord{Description: l.Description, Details: l.Details}
	_, err := tx.exec(ctx, `INSERT INTO directory_locations (id, organization_id, location_type, name, latitude, longitude, postal_code,
			external_identifier, external_identifier_type, redacted, record, last_modified)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, location_type = excluded.location_type, name = excluded.name,
			latitude = excluded.latitude, longitude = excluded.longitude, postal_code = excluded.postal_code,
			external_identifier = excluded.external_identifier, external_identifier_type = excluded.external_identifier_type,
			redacted = excluded.redacted, record = excluded.record, last_modified = excluded.last_modified`,
		l.ID, l.OrganizationID, l.Type, l.Name, nullFloat(l.Latitude), nullFloat(l.Longitude), search.NormalizePostalCode(l.PostalCode()),
		l.ExternalIdentifier, l.ExternalIdentifierType, l.Redacted, mustJSON(rec), l.LastModified.UTC())
	if err != nil {
		return wrapErr("put location", err)
	}
	return tx.bumpDirectory(ctx)
}

// LocationIDByExternalIdentifier finds a location by another system's id.
func (tx *Tx) LocationIDByExternalIdentifier(ctx context.Context, idType, id string) (string, bool, error) {
	var found string
	err := tx.queryRow(ctx, `SELECT id FROM directory_locations WHERE external_identifier_type = $1 AND external_identifier = $2 ORDER BY id LIMIT 1`,
		idType, id).Scan(&found)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return found, err == nil, wrapErr("location id by external identifier", err)
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

const locationColumns = `id, organization_id, location_type, name, latitude, longitude, external_identifier, external_identifier_type, redacted, record, last_modified`

func scanLocation(row interface{ Scan(...any) error }) (directory.DirectoryLocation, error) {
	var l directory.DirectoryLocation
	var lat, lon sql.NullFloat64
	var rec string
	if err := row.Scan(&l.ID, &l.OrganizationID, &l.Type, &l.Name, &lat, &lon, &l.ExternalIdentifier, &l.ExternalIdentifierType,
		&l.Redacted, &rec, &l.LastModified); err != nil {
		return l, err
	}
	if lat.Valid && lon.Valid {
		l.Latitude, l.Longitude = &lat.Float64, &lon.Float64
	}
	var r locationRecord
	if err := json.Unmarshal([]byte(rec), &r); err != nil {
		return l, err
	}
	l.Description, l.Details, l.LastModified = r.Description, r.Details, l.LastModified.UTC()
	return l, nil
}

// DirectoryLocations lists locations by id.
func (tx *Tx) DirectoryLocations(ctx context.Context, p DirectoryPage) ([]directory.DirectoryLocation, error) {
	where, args := p.where(1, "organization_id")
	var list []directory.DirectoryLocation
	if err := tx.eachRow(ctx, "read directory locations", func(row rowScanner) error {
		l, err := scanLocation(row)
		if err != nil {
			return err
		}
		list = append(list, l)
		return nil
	}, `SELECT `+locationColumns+` FROM directory_locations`+where+` ORDER BY id`+p.limit(), args...); err != nil {
		return nil, err
	}
	return list, nil
}

// DirectoryLocationByID reads one location.
func (tx *Tx) DirectoryLocationByID(ctx context.Context, id string) (directory.DirectoryLocation, error) {
	l, err := scanLocation(tx.queryRow(ctx, `SELECT `+locationColumns+` FROM directory_locations WHERE id = $1`, id))
	return l, notFound(wrapErr("read directory location by ID", err), "directory.error.not_found")
}
