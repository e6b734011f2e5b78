package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// RecordConsent records a consent the family gave, in a file of the actor's
// scope.
func (a *App) RecordConsent(ctx context.Context, actor berceau.Actor, c berceau.Consent) (berceau.Consent, error) {
	if !actor.Can(berceau.PermFamiliesWrite) {
		a.recordAlone(ctx, actor, "family.consent", "family", c.FamilyID, berceau.OutcomeDenied, "")
		return c, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	if _, err := a.familyInWriteReach(ctx, actor, "family.consent", c.FamilyID); err != nil {
		return c, err
	}
	c.RecordedBy = actor.User.ID
	if c.Kind != berceau.ConsentSharing {
		c.Partner, c.PartnerOrgID = "", ""
	}
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if c.PartnerOrgID != "" {
			// Picked from the directory: the name kept is the directory's.
			o, err := tx.PartnerOrganisation(ctx, c.PartnerOrgID)
			if berceau.IsNotFound(err) {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"partner_org": "daily_flows.partner_unknown"}}
			}
			if err != nil {
				return err
			}
			c.Partner = o.NameFR
		}
		if err := tx.CreateConsent(ctx, &c); err != nil {
			return err
		}
		return record(ctx, tx, actor, "family.consent", "family", c.FamilyID, berceau.OutcomeSuccess, string(c.Kind))
	})
	return c, a.refused(ctx, actor, "family.consent", c.FamilyID, err)
}

// WithdrawConsent records that the family withdrew a consent today.
func (a *App) WithdrawConsent(ctx context.Context, actor berceau.Actor, familyID, consentID int64) error {
	if !actor.Can(berceau.PermFamiliesWrite) {
		a.recordAlone(ctx, actor, "family.consent.withdraw", "family", familyID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	if _, err := a.familyInWriteReach(ctx, actor, "family.consent.withdraw", familyID); err != nil {
		return err
	}
	return a.refused(ctx, actor, "family.consent.withdraw", familyID, a.store.WriteTx(ctx, func(tx *store.Tx) error {
		ok, err := tx.WithdrawConsent(ctx, familyID, consentID, tx.Now())
		if err != nil {
			return err
		}
		if !ok {
			return berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		return record(ctx, tx, actor, "family.consent.withdraw", "family", familyID, berceau.OutcomeSuccess, "")
	}))
}

// Consents lists a family's consents; reading them is a read of the file.
func (a *App) Consents(ctx context.Context, actor berceau.Actor, familyID int64) ([]berceau.Consent, error) {
	var list []berceau.Consent
	err := a.readFamily(ctx, actor, "family.consent.read", familyID, func(tx *store.Tx, _ berceau.Family) (detail string, err error) {
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
func (a *App) partnerOrganisations(ctx context.Context) ([]store.PartnerOrganisation, error) {
	var list []store.PartnerOrganisation
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		list, err = tx.PartnerOrganisations(ctx)
		return err
	})
	return list, domainError(err)
}
