package app

import (
	"context"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// Reassess records a reassessment of a family: its summary, the goals it
// updates (each as read at its version: a goal changed meanwhile aborts the
// whole reassessment with a conflict) and, when the level changes, the new
// level from the reassessment's date. One transaction, one audit entry.
func (a *App) Reassess(ctx context.Context, actor berceau.Actor, r berceau.Reassessment, goals []berceau.Goal) (berceau.Reassessment, error) {
	fields := map[string]string{}
	r.Summary = strings.TrimSpace(r.Summary)
	if r.Summary == "" {
		fields["summary"] = "error.required"
	}
	if r.On.IsZero() {
		fields["on"] = "error.required"
	}
	if len(fields) > 0 {
		return r, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	if err := a.mayChangeFamily(ctx, actor, "family.reassessment", r.FamilyID); err != nil {
		return r, err
	}
	for i := range goals {
		if goals[i].FamilyID != r.FamilyID {
			return r, a.refused(ctx, actor, "family.reassessment", r.FamilyID, berceau.Errorf(berceau.KindNotFound, "error.not_found_message"))
		}
	}
	r.By = actor.User.ID
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		orientations, err := orientationsOf(ctx, tx, r.FamilyID)
		if err != nil {
			return err
		}
		for i := range goals {
			if err := goals[i].Validate(orientations); err != nil {
				return err
			}
		}
		if r.LevelCode != "" {
			open, err := tx.OpenEnrollmentsOf(ctx, []int64{r.FamilyID})
			if err != nil {
				return err
			}
			e, ok := open[r.FamilyID]
			if !ok {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"level": "reassessment.no_enrollment"}}
			}
			p, err := tx.ProgrammeBySlug(ctx, e.Programme)
			if err != nil {
				return err
			}
			level, ok := p.Level(r.LevelCode)
			if !ok {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"level": "contact.level_invalid"}}
			}
			changes, err := tx.IntensityChanges(ctx, r.FamilyID)
			if err != nil {
				return err
			}
			if len(changes) > 0 && changes[len(changes)-1].Level.Code == level.Code {
				r.LevelCode = "" // unchanged: nothing to record
			} else if _, err := tx.AddIntensityChange(ctx, r.FamilyID, berceau.LevelChange{On: r.On, Level: level, Reason: r.Summary}, actor.User.ID); err != nil {
				return err
			}
		}
		for _, g := range goals {
			if err := tx.UpdateGoal(ctx, g); err != nil {
				return err
			}
		}
		if err := tx.AddReassessment(ctx, &r); err != nil {
			return err
		}
		return record(ctx, tx, actor, "family.reassessment", "family", r.FamilyID, berceau.OutcomeSuccess, r.LevelCode)
	})
	return r, a.refused(ctx, actor, "family.reassessment", r.FamilyID, err)
}

// SetLevel sets a family's level by its code in the programme of its open
// enrollment, from a date, for a reason.
func (a *App) SetLevel(ctx context.Context, actor berceau.Actor, familyID int64, code string, ch berceau.LevelChange) error {
	var level berceau.IntensityLevel
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		open, err := tx.OpenEnrollmentsOf(ctx, []int64{familyID})
		if err != nil {
			return err
		}
		e, ok := open[familyID]
		if !ok {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"level": "reassessment.no_enrollment"}}
		}
		p, err := tx.ProgrammeBySlug(ctx, e.Programme)
		if err != nil {
			return err
		}
		level, _ = p.Level(code)
		return nil
	})
	if err != nil {
		return domainError(err)
	}
	return a.SetIntensity(ctx, actor, familyID, level, ch.On, ch.Reason)
}
