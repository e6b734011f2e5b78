package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// RecordConsent records a consent the family gave, in a file of the actor's
// scope.
func (a *CareService) RecordConsent(ctx context.Context, actor berceau.Actor, c care.Consent) (care.Consent, error) {
	c.RecordedBy = actor.User.ID
	if c.Kind != care.ConsentSharing {
		c.Partner, c.PartnerOrgID = "", ""
	}
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, c.FamilyID, "family.consent", func(tx *store.Tx, _ care.Family) (string, error) {
		if c.PartnerOrgID != "" {
			// Picked from the directory: the name kept is the directory's.
			o, err := tx.PartnerOrganisation(ctx, c.PartnerOrgID)
			if berceau.IsNotFound(err) {
				return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"partner_org": "daily_flows.partner_unknown"}}
			}
			if err != nil {
				return "", err
			}
			c.Partner = o.NameFR
		}
		return string(c.Kind), tx.CreateConsent(ctx, &c)
	})
	return c, err
}

// WithdrawConsent records that the family withdrew a consent today.
func (a *CareService) WithdrawConsent(ctx context.Context, actor berceau.Actor, familyID, consentID int64) error {
	return a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.consent.withdraw", func(tx *store.Tx, _ care.Family) (string, error) {
		ok, err := tx.WithdrawConsent(ctx, familyID, consentID, tx.Now())
		if err == nil && !ok {
			err = berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		return "", err
	})
}

// Consents lists a family's consents; reading them is a read of the file.
func (a *CareService) Consents(ctx context.Context, actor berceau.Actor, familyID int64) ([]care.Consent, error) {
	var list []care.Consent
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.consent.read", func(tx *store.Tx, _ care.Family) (detail string, err error) {
		list, err = tx.ConsentsOf(ctx, familyID)
		return "", err
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// PartnerOrganisations lists the directory's organisations a sharing
// consent may name.
func (a *CareService) partnerOrganisations(ctx context.Context) ([]store.PartnerOrganisation, error) {
	var list []store.PartnerOrganisation
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		list, err = tx.PartnerOrganisations(ctx)
		return err
	})
	return list, domainError(err)
}
