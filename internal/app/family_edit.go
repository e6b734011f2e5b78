package app

import (
	"context"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// RecordBirth records the birth of a family's unborn child: the pregnancy
// becomes the child, and the follow-up goes on.
func (a *App) RecordBirth(ctx context.Context, actor berceau.Actor, familyID, memberID int64, birth time.Time, givenName string) error {
	if !actor.Can(berceau.PermFamiliesWrite) {
		a.recordAlone(ctx, actor, "family.birth", "family", familyID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	f, err := a.familyInWriteReach(ctx, actor, "family.birth", familyID)
	if err != nil {
		return err
	}
	var unborn berceau.HouseholdMember
	for _, m := range f.Members {
		if m.ID == memberID {
			unborn = m
		}
	}
	if unborn.ID == 0 {
		// A member of another file (or none) named under this one.
		a.recordAlone(ctx, actor, "family.birth", "family", familyID, berceau.OutcomeDenied,
			"member "+strconv.FormatInt(memberID, 10)+" not of this file")
		return berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
	}
	if !birth.IsZero() && birth.After(a.now()) {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"birth_date": "family_edit.birth_in_future"}}
	}
	child, err := unborn.RecordBirth(birth, givenName)
	if err != nil {
		return err
	}
	return a.refused(ctx, actor, "family.birth", familyID, a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.RecordBirth(ctx, familyID, child); err != nil {
			return err
		}
		return record(ctx, tx, actor, "family.birth", "family", familyID, berceau.OutcomeSuccess, "")
	}))
}

// UpdateContact changes a family's languages, interpreter need and contact
// details.
func (a *App) UpdateContact(ctx context.Context, actor berceau.Actor, f berceau.Family) error {
	if !actor.Can(berceau.PermFamiliesWrite) {
		a.recordAlone(ctx, actor, "family.contact", "family", f.ID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	if _, err := a.familyInWriteReach(ctx, actor, "family.contact", f.ID); err != nil {
		return err
	}
	f.Email = strings.TrimSpace(f.Email)
	if f.Email != "" {
		if _, err := mail.ParseAddress(f.Email); err != nil {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"email": "error.email_invalid"}}
		}
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateFamilyContact(ctx, f); err != nil {
			return err
		}
		return record(ctx, tx, actor, "family.contact", "family", f.ID, berceau.OutcomeSuccess, "")
	}))
}
