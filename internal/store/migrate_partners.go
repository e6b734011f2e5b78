package store

import (
	"context"
	"database/sql"

	"github.com/berceau/berceau/care"
	"github.com/pressly/goose/v3"
)

// partnerMigration (00047) matches the sharing consents recorded before
// partners were picked from the directory to a directory organisation, when
// their typed name is the organisation's French or English name exactly or
// once folded (berceau.PartnerKey), and only when one organisation matches.
// Their text stays as typed. Referrals to a directory service get the
// service's organisation. It is written in Go because the folding (accents,
// apostrophes) is beyond portable SQL; both engines run the same code.
func partnerMigration() *goose.Migration {
	return goose.NewGoMigration(47,
		&goose.GoFunc{RunTx: matchConsentPartners},
		&goose.GoFunc{RunTx: func(context.Context, *sql.Tx) error { return nil }})
}

func matchConsentPartners(ctx context.Context, sqlTx *sql.Tx) error {
	tx := &Tx{tx: sqlTx}                  // for eachRow; the migration stamps no time
	byKey := map[string]map[string]bool{} // folded name → organisation ids
	err := tx.eachRow(ctx, "migration 47: read the directory organisations", func(row rowScanner) error {
		var id, fr, en string
		if err := row.Scan(&id, &fr, &en); err != nil {
			return err
		}
		for _, name := range []string{fr, en} {
			if k := care.PartnerKey(name); k != "" {
				if byKey[k] == nil {
					byKey[k] = map[string]bool{}
				}
				byKey[k][id] = true
			}
		}
		return nil
	}, `SELECT id, name_fr, name_en FROM directory_organizations`)
	if err != nil {
		return err
	}
	matched := map[int64]string{}
	err = tx.eachRow(ctx, "migration 47: read the sharing consents", func(row rowScanner) error {
		var id int64
		var partner string
		if err := row.Scan(&id, &partner); err != nil {
			return err
		}
		if ids := byKey[care.PartnerKey(partner)]; len(ids) == 1 {
			for org := range ids {
				matched[id] = org
			}
		}
		return nil
	}, `SELECT id, partner FROM consents WHERE kind = $1 AND partner_org_id = '' AND partner <> ''`,
		string(care.ConsentSharing))
	if err != nil {
		return err
	}
	for id, org := range matched {
		if _, err := tx.exec(ctx, `UPDATE consents SET partner_org_id = $1 WHERE id = $2`, org, id); err != nil {
			return wrapErr("migration 47: match a consent to its partner", err)
		}
	}
	_, err = tx.exec(ctx, `UPDATE referrals SET partner_org_id = COALESCE((SELECT s.organization_id FROM directory_services s
		WHERE s.id = referrals.service_id), '') WHERE service_id <> '' AND partner_org_id = ''`)
	return wrapErr("migration 47: match referrals to their service's organisation", err)
}
