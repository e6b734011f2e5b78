package store

import (
	"context"

	"github.com/berceau/berceau"
)

// CreateSite inserts s and sets its ID and CreatedAt.
func (tx *Tx) CreateSite(ctx context.Context, s *berceau.Site) error {
	if err := s.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO sites (organisation_id, slug, name, address, city, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		s.OrganisationID, s.Slug, s.Name, s.Address, s.City, tx.now)
	if isUniqueViolation(err) {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "error.slug_taken", Fields: map[string]string{"slug": "error.slug_taken"}, Cause: err}
	}
	if err != nil {
		return wrapErr("create site", err)
	}
	s.ID, s.CreatedAt = id, tx.now
	return nil
}

// ListSites returns every site, by name.
func (tx *Tx) ListSites(ctx context.Context) ([]berceau.Site, error) {
	var sites []berceau.Site
	if err := tx.eachRow(ctx, "list sites", func(row rowScanner) error {
		var s berceau.Site
		if err := row.Scan(&s.ID, &s.OrganisationID, &s.Slug, &s.Name, &s.Address, &s.City, &s.CreatedAt); err != nil {
			return err
		}
		sites = append(sites, s)
		return nil
	}, `SELECT id, organisation_id, slug, name, address, city, created_at
		FROM sites ORDER BY name, id`); err != nil {
		return nil, err
	}
	return sites, nil
}

// UpdateSite changes a site's name and address.
func (tx *Tx) UpdateSite(ctx context.Context, s berceau.Site) error {
	return wrapErr("update site", affectedOne(tx.exec(ctx, `UPDATE sites SET name = $1, address = $2, city = $3 WHERE id = $4`, s.Name, s.Address, s.City, s.ID)))
}
