package store

import (
	"context"

	"github.com/berceau/berceau"
)

// CreateOrganisation inserts o and sets its ID and CreatedAt.
func (tx *Tx) CreateOrganisation(ctx context.Context, o *berceau.Organisation) error {
	if err := o.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO organisations (slug, name, city, created_at)
		VALUES ($1, $2, $3, $4) RETURNING id`, o.Slug, o.Name, o.City, tx.now)
	if isUniqueViolation(err) {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "error.slug_taken", Fields: map[string]string{"slug": "error.slug_taken"}, Cause: err}
	}
	if err != nil {
		return wrapErr("create organisation", err)
	}
	o.ID, o.CreatedAt = id, tx.now
	return nil
}

// OrganisationBySlug finds one organisation, without its sites.
func (tx *Tx) OrganisationBySlug(ctx context.Context, slug string) (berceau.Organisation, error) {
	var o berceau.Organisation
	err := tx.queryRow(ctx, `SELECT id, slug, name, city, created_at FROM organisations WHERE slug = $1`, slug).
		Scan(&o.ID, &o.Slug, &o.Name, &o.City, &o.CreatedAt)
	return o, notFound(wrapErr("read organisation by slug", err), "error.organisation_not_found")
}

// ListOrganisations returns every organisation by name, each with its sites.
func (tx *Tx) ListOrganisations(ctx context.Context) ([]berceau.Organisation, error) {
	var orgs []berceau.Organisation
	index := map[int64]int{}
	if err := tx.eachRow(ctx, "list organisations", func(row rowScanner) error {
		var o berceau.Organisation
		if err := row.Scan(&o.ID, &o.Slug, &o.Name, &o.City, &o.CreatedAt); err != nil {
			return err
		}
		index[o.ID] = len(orgs)
		orgs = append(orgs, o)
		return nil
	}, `SELECT id, slug, name, city, created_at FROM organisations ORDER BY name, id`); err != nil {
		return nil, err
	}
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range sites {
		if i, ok := index[s.OrganisationID]; ok {
			orgs[i].Sites = append(orgs[i].Sites, s)
		}
	}
	return orgs, nil
}

// UpdateOrganisation changes an organisation's name and city.
func (tx *Tx) UpdateOrganisation(ctx context.Context, o berceau.Organisation) error {
	return wrapErr("update organisation", affectedOne(tx.exec(ctx, `UPDATE organisations SET name = $1, city = $2 WHERE id = $3`, o.Name, o.City, o.ID)))
}
