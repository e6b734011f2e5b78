package app

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// FamilyRhythm is how late a family is on the rhythm its level prescribes.
type FamilyRhythm struct {
	FamilyID   int64
	DaysBehind int
	Level      berceau.IntensityLevel
}

// SetIntensity sets a family's follow-up level from a date, for a reason.
func (a *App) SetIntensity(ctx context.Context, actor berceau.Actor, familyID int64, level berceau.IntensityLevel,
	effectiveOn time.Time, reason string) error {
	reason = strings.TrimSpace(reason)
	if err := checkLevelChange(level, effectiveOn, reason); err != nil {
		return err
	}
	return a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.intensity", func(tx *store.Tx, _ berceau.Family) (string, error) {
		return level.Code, addLevelChange(ctx, tx, actor, familyID, level, effectiveOn, reason)
	})
}

// checkLevelChange checks a level change as typed, before anything is read.
func checkLevelChange(level berceau.IntensityLevel, effectiveOn time.Time, reason string) error {
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
func addLevelChange(ctx context.Context, tx *store.Tx, actor berceau.Actor, familyID int64, level berceau.IntensityLevel, on time.Time, reason string) error {
	_, err := tx.AddIntensityChange(ctx, familyID, berceau.LevelChange{On: on, Level: level, Reason: reason}, actor.User.ID)
	return err
}

// RecordContact records a contact with a family of the actor's scope. With
// no workers named, the actor is the one who took part.
func (a *App) RecordContact(ctx context.Context, actor berceau.Actor, c berceau.Contact) (berceau.Contact, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	if len(c.WorkerIDs) == 0 {
		c.WorkerIDs = []int64{actor.User.ID}
	}
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, c.FamilyID, "family.contact", func(tx *store.Tx, _ berceau.Family) (string, error) {
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
func (a *App) UpdateContactOutcome(ctx context.Context, actor berceau.Actor, contactID int64, version int,
	outcome berceau.ContactOutcome) (int, error) {
	var next int
	err := a.familyWriteOf(ctx, actor, berceau.PermFamiliesWrite, "family.contact.outcome", "contact", contactID,
		func(tx *store.Tx) (int64, error) {
			c, err := tx.ContactByID(ctx, contactID)
			return c.FamilyID, err
		},
		func(tx *store.Tx, _ berceau.Family) (detail string, err error) {
			next, err = tx.UpdateContactOutcome(ctx, contactID, version, outcome)
			return string(outcome), err
		})
	return next, err
}

// FamiliesBehind reports, for every file of the actor's scope that has a
// level in force on a date, how many days it is behind its rhythm, most
// behind first. It reads the changes and the contacts of all those files in
// two queries.
func (a *App) FamiliesBehind(ctx context.Context, actor berceau.Actor, on time.Time) ([]FamilyRhythm, error) {
	var out []FamilyRhythm
	err := a.scopedRead(ctx, actor, berceau.PermFamiliesRead, func(tx *store.Tx, scope berceau.FamilyScope) error {
		families, err := tx.ListFamilies(ctx, scope)
		if err != nil {
			return err
		}
		ids := make([]int64, len(families))
		for i, f := range families {
			ids[i] = f.ID
		}
		changes, err := tx.IntensityChangesOf(ctx, ids)
		if err != nil {
			return err
		}
		contacts, err := tx.ContactRecordsOf(ctx, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			days, ok := berceau.DaysBehind(changes[id], contacts[id], on)
			if !ok {
				continue
			}
			out = append(out, FamilyRhythm{FamilyID: id, DaysBehind: days, Level: levelInForce(changes[id], on)})
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DaysBehind != out[j].DaysBehind {
			return out[i].DaysBehind > out[j].DaysBehind
		}
		return out[i].FamilyID < out[j].FamilyID
	})
	return out, err
}

// levelInForce is the level of the latest change on or before on; changes
// come oldest first from the store.
func levelInForce(changes []berceau.LevelChange, on time.Time) berceau.IntensityLevel {
	y, m, d := on.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var lvl berceau.IntensityLevel
	for _, c := range changes {
		if !c.On.After(day) {
			lvl = c.Level
		}
	}
	return lvl
}
