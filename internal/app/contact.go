package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// checkLevelChange checks a level change as typed, before anything is read.
func checkLevelChange(level care.IntensityLevel, effectiveOn time.Time, reason string) error {
	fields := map[string]string{}
	if strings.TrimSpace(level.Code) == "" || level.IntervalDays <= 0 {
		fields["level"] = "contact.level_invalid"
	}
	if effectiveOn.IsZero() {
		fields["effective_on"] = "error.required"
	}
	if reason == "" {
		fields["reason"] = "error.required"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// addLevelChange writes a level change inside the transaction that
// authorized it.
func addLevelChange(ctx context.Context, tx *store.Tx, actor berceau.Actor, familyID int64, level care.IntensityLevel, on time.Time, reason string) error {
	_, err := tx.AddIntensityChange(ctx, familyID, care.LevelChange{On: on, Level: level, Reason: reason}, actor.User.ID)
	return err
}

// RecordContact records a contact with a family of the actor's scope. With
// no workers named, the actor is the one who took part.
func (a *CareService) RecordContact(ctx context.Context, actor berceau.Actor, c care.Contact) (care.Contact, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	if len(c.WorkerIDs) == 0 {
		c.WorkerIDs = []int64{actor.User.ID}
	}
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, c.FamilyID, "family.contact", func(tx *store.Tx, _ care.Family) (string, error) {
		if err := a.checkSensitiveWrite(ctx, tx, actor, c); err != nil {
			return "", err
		}
		if err := checkWorkers(ctx, tx, actor, c.FamilyID, c.WorkerIDs, nil); err != nil {
			return "", err
		}
		return string(c.Kind), tx.CreateContact(ctx, &c, actor.User.ID)
	})
	return c, err
}

// checkWorkers refuses, inside the transaction that writes a contact, a
// worker who may not work with the family: every one named must be an
// enabled account allowed to change family files and a member of the
// family's care team or a coordinator of its site. The actor was checked
// already, and workers already on the contact (kept) stay, even if they
// have since left the team. An unknown id is refused the same way.
func checkWorkers(ctx context.Context, tx *store.Tx, actor berceau.Actor, familyID int64, workerIDs, kept []int64) error {
	var others []int64
	for _, id := range workerIDs {
		if id != actor.User.ID && !slices.Contains(kept, id) {
			others = append(others, id)
		}
	}
	if len(others) == 0 {
		return nil
	}
	f, err := tx.FamilyByID(ctx, familyID)
	if err != nil {
		return err
	}
	allowed, err := tx.CareWorkersAmong(ctx, f, berceau.PermFamiliesWrite, others)
	if err != nil {
		return err
	}
	for _, id := range others {
		if !allowed[id] {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
				Fields: map[string]string{"workers": "hardening_scope.workers_not_allowed"}}
		}
	}
	return nil
}

// UpdateContactOutcome sets what became of a contact, if nobody changed it
// since the actor read it at version; it returns the new version. A contact
// changed meanwhile gives a conflict.
func (a *CareService) UpdateContactOutcome(ctx context.Context, actor berceau.Actor, contactID int64, version int,
	outcome care.ContactOutcome) (int, error) {
	var next int
	err := a.familyWriteOf(ctx, actor, berceau.PermFamiliesWrite, "family.contact.outcome", "contact", contactID,
		func(tx *store.Tx) (int64, error) {
			c, err := tx.ContactByID(ctx, contactID)
			return c.FamilyID, err
		},
		func(tx *store.Tx, _ care.Family) (detail string, err error) {
			next, err = tx.UpdateContactOutcome(ctx, contactID, version, outcome)
			return string(outcome), err
		})
	return next, err
}

// levelInForce is the level of the latest change on or before on; changes
// come oldest first from the store.
func levelInForce(changes []care.LevelChange, on time.Time) care.IntensityLevel {
	y, m, d := on.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var lvl care.IntensityLevel
	for _, c := range changes {
		if !c.On.After(day) {
			lvl = c.Level
		}
	}
	return lvl
}

// Contact reads one contact of a family of the actor's scope, redacted to
// the compartments the actor was granted; the read is audited.
func (a *CareService) Contact(ctx context.Context, actor berceau.Actor, familyID, contactID int64) (care.Contact, error) {
	var c care.Contact
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.contact.read", func(tx *store.Tx, _ care.Family) (string, error) {
		var err error
		if c, err = tx.ContactByID(ctx, contactID); err != nil {
			return "", err
		}
		if c.FamilyID != familyID {
			return "", berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		granted, err := grantedCompartments(ctx, tx, actor, familyID)
		if err != nil {
			return "", err
		}
		c = c.Redacted(granted)
		return "", nil
	})
	if err != nil {
		return care.Contact{}, err
	}
	return c, nil
}

// EditContact changes a contact as the actor read it at c.Version. If
// someone changed it since, nothing is written and the error is a conflict
// (Key "contact.changed"): re-read it to show their change. An actor
// not granted the contact's compartment cannot see its sensitive note, so
// the note stays as it is.
func (a *CareService) EditContact(ctx context.Context, actor berceau.Actor, c care.Contact) (care.Contact, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	if len(c.WorkerIDs) == 0 {
		c.WorkerIDs = []int64{actor.User.ID}
	}
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, c.FamilyID, "family.contact.update", func(tx *store.Tx, _ care.Family) (string, error) {
		stored, err := tx.ContactByID(ctx, c.ID)
		if err != nil {
			return "", err
		}
		if stored.FamilyID != c.FamilyID {
			return "", berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		granted, err := grantedCompartments(ctx, tx, actor, c.FamilyID)
		if err != nil {
			return "", err
		}
		keep := stored.Compartment != "" && !granted[stored.Compartment]
		if c.Compartment != "" && !granted[c.Compartment] {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
				Fields: map[string]string{"compartment": "contact.compartment_not_granted"}}
		}
		if err := checkWorkers(ctx, tx, actor, c.FamilyID, c.WorkerIDs, stored.WorkerIDs); err != nil {
			return "", err
		}
		c.Version, err = tx.UpdateContact(ctx, c, keep)
		return string(c.Outcome), err
	})
	return c, err
}

// checkSensitiveWrite refuses a sensitive note in a compartment the actor
// was not granted: one cannot write what one may not read.
func (a *CareService) checkSensitiveWrite(ctx context.Context, tx *store.Tx, actor berceau.Actor, c care.Contact) error {
	if c.Compartment == "" {
		return nil
	}
	granted, err := grantedCompartments(ctx, tx, actor, c.FamilyID)
	if err != nil {
		return err
	}
	if !granted[c.Compartment] {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
			Fields: map[string]string{"compartment": "contact.compartment_not_granted"}}
	}
	return nil
}
