package app

import (
	"context"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// RecordBirth records the birth of a family's unborn child: the pregnancy
// becomes the child, and the follow-up goes on.
func (a *CareService) RecordBirth(ctx context.Context, actor berceau.Actor, familyID, memberID int64, birth time.Time, givenName string) error {
	return a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.birth", func(tx *store.Tx, f care.Family) (string, error) {
		var unborn care.HouseholdMember
		for _, m := range f.Members {
			if m.ID == memberID {
				unborn = m
			}
		}
		if unborn.ID == 0 {
			// A member of another file (or none) named under this one.
			return "", &authError{err: berceau.Errorf(berceau.KindNotFound, "error.not_found_message"),
				detail: "member " + strconv.FormatInt(memberID, 10) + " not of this file"}
		}
		if !birth.IsZero() && birth.After(a.now()) {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"birth_date": "family_edit.birth_in_future"}}
		}
		child, err := unborn.RecordBirth(birth, givenName)
		if err != nil {
			return "", err
		}
		return "", tx.RecordBirth(ctx, familyID, child)
	})
}

// UpdateContact changes a family's languages, interpreter need and contact
// details.
func (a *CareService) UpdateContact(ctx context.Context, actor berceau.Actor, f care.Family) error {
	f.Email = strings.TrimSpace(f.Email)
	return a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, f.ID, "family.contact", func(tx *store.Tx, _ care.Family) (string, error) {
		if f.Email != "" {
			if _, err := mail.ParseAddress(f.Email); err != nil {
				return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"email": "error.email_invalid"}}
			}
		}
		return "", tx.UpdateFamilyContact(ctx, f)
	})
}
