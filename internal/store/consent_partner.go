package store

import "context"

// PartnerOrganisation is a directory organisation as the consent form
// offers it.
type PartnerOrganisation struct {
	ID     string
	NameFR string
	NameEN string
}

// PartnerOrganisations lists the directory's organisations by French name.
func (tx *Tx) PartnerOrganisations(ctx context.Context) ([]PartnerOrganisation, error) {
	return queryAll(ctx, tx, "list partner organisations", func(row rowScanner) (PartnerOrganisation, error) {
		var o PartnerOrganisation
		err := row.Scan(&o.ID, &o.NameFR, &o.NameEN)
		return o, err
	}, `SELECT id, name_fr, name_en FROM directory_organizations ORDER BY name_fr, id`)

}

// PartnerOrganisation reads one directory organisation's names.
func (tx *Tx) PartnerOrganisation(ctx context.Context, id string) (PartnerOrganisation, error) {
	o := PartnerOrganisation{ID: id}
	err := tx.queryRow(ctx, `SELECT name_fr, name_en FROM directory_organizations WHERE id = $1`, id).Scan(&o.NameFR, &o.NameEN)
	return o, notFound(wrapErr("read partner organisation", err), "daily_flows.partner_unknown")
}
