package app

import (
	"context"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// Reassess records a reassessment of a family: its summary, the goals it
// updates (each as read at its version: a goal changed meanwhile aborts the
// whole reassessment with a conflict) and, when the level changes, the new
// level from the reassessment's date. One transaction, one audit entry.
func (a *CareService) Reassess(ctx context.Context, actor berceau.Actor, r care.Reassessment, goals []care.Goal) (care.Reassessment, error) {
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
	r.By = actor.User.ID
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, r.FamilyID, "family.reassessment", func(tx *store.Tx, _ care.Family) (string, error) {
		for i := range goals {
			if goals[i].FamilyID != r.FamilyID {
				return "", berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
			}
		}
		if err := a.reassess(ctx, tx, actor, &r, goals); err != nil {
			return "", err
		}
		return r.LevelCode, nil
	})
	return r, err
}

// reassess writes a reassessment inside the transaction that authorized it.
func (a *CareService) reassess(ctx context.Context, tx *store.Tx, actor berceau.Actor, r *care.Reassessment, goals []care.Goal) error {
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
		} else if _, err := tx.AddIntensityChange(ctx, r.FamilyID, care.LevelChange{On: r.On, Level: level, Reason: r.Summary}, actor.User.ID); err != nil {
			return err
		}
	}
	for _, g := range goals {
		if err := tx.UpdateGoal(ctx, g); err != nil {
			return err
		}
	}
	return tx.AddReassessment(ctx, r)
}

// SetLevel sets a family's level by its code in the programme of its open
// enrollment, from a date, for a reason.
func (a *CareService) SetLevel(ctx context.Context, actor berceau.Actor, familyID int64, code string, ch care.LevelChange) error {
	return a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.intensity", func(tx *store.Tx, _ care.Family) (string, error) {
		open, err := tx.OpenEnrollmentsOf(ctx, []int64{familyID})
		if err != nil {
			return "", err
		}
		e, ok := open[familyID]
		if !ok {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"level": "reassessment.no_enrollment"}}
		}
		p, err := tx.ProgrammeBySlug(ctx, e.Programme)
		if err != nil {
			return "", err
		}
		level, _ := p.Level(code)
		if err := checkLevelChange(level, ch.On, strings.TrimSpace(ch.Reason)); err != nil {
			return "", err
		}
		return level.Code, addLevelChange(ctx, tx, actor, familyID, level, ch.On, strings.TrimSpace(ch.Reason))
	})
}
