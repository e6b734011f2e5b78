package app

import (
	"context"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// ProposeReferral records a referral of a family of the actor's scope, as
// proposed. Sending it is a separate step (MoveReferral to sent), checked
// against the family's consents.
func (a *CareService) ProposeReferral(ctx context.Context, actor berceau.Actor, r care.Referral) (care.Referral, error) {
	r.Status, r.CreatedBy = care.ReferralProposed, actor.User.ID
	if err := r.Validate(); err != nil {
		return r, err
	}
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, r.FamilyID, "family.referral", func(tx *store.Tx, _ care.Family) (string, error) {
		return string(r.Status), tx.CreateReferral(ctx, &r)
	})
	return r, err
}

// ReferralMove is what the worker says when a referral moves on: its new
// status (or the same, to only change the follow-up date), why, and when to
// check on it next.
type ReferralMove struct {
	To           care.ReferralStatus
	Reason       string
	Partner      string    // who it goes to, when it is being sent and none was named
	NextFollowUp time.Time // zero: no further follow-up planned
}

// MoveReferral moves a referral of the family as the actor read it at
// version, with its history entry and audit in one transaction. Sending
// checks the family's sharing consents on that day; a referral changed
// meanwhile gives a conflict ("referral.changed").
func (a *CareService) MoveReferral(ctx context.Context, actor berceau.Actor, familyID, referralID int64, version int,
	m ReferralMove, now time.Time) (care.Referral, error) {
	var r care.Referral
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.referral.move", func(tx *store.Tx, _ care.Family) (string, error) {
		var err error
		if r, err = tx.ReferralByID(ctx, referralID); err != nil {
			return "", err
		}
		if r.FamilyID != familyID {
			return "", berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		if r.Version != version {
			return "", &berceau.Error{Kind: berceau.KindConflict, Key: "referral.changed"}
		}
		if r.Partner == "" && m.Partner != "" {
			r.Partner = m.Partner
		}
		var change care.ReferralChange
		if m.To == r.Status {
			change = care.ReferralChange{From: r.Status, To: r.Status, Reason: m.Reason, By: actor.User.ID, At: now}
		} else {
			consents, err := tx.ConsentsOf(ctx, familyID)
			if err != nil {
				return "", err
			}
			if change, err = r.Move(m.To, m.Reason, actor.User.ID, now, consents); err != nil {
				return "", err
			}
		}
		if r.Status.Terminal() {
			m.NextFollowUp = time.Time{}
		}
		r.NextFollowUp, change.NextFollowUp = m.NextFollowUp, m.NextFollowUp
		if err := r.Validate(); err != nil {
			return "", err
		}
		if r.Version, err = tx.SaveReferralChange(ctx, r, version, change); err != nil {
			return "", err
		}
		r.History = append(r.History, change)
		return string(r.Status), nil
	})
	return r, err
}

// Referral reads one referral of a family of the actor's scope with its
// history; the read is audited.
func (a *CareService) Referral(ctx context.Context, actor berceau.Actor, familyID, referralID int64) (care.Referral, error) {
	var r care.Referral
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.referral.read", func(tx *store.Tx, _ care.Family) (string, error) {
		var err error
		if r, err = tx.ReferralByID(ctx, referralID); err != nil {
			return "", err
		}
		if r.FamilyID != familyID {
			return "", berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		return "", nil
	})
	return r, err
}
