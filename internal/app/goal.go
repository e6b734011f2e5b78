package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// AddGoal adds a goal, in the family's words, to its action plan.
func (a *CareService) AddGoal(ctx context.Context, actor berceau.Actor, g care.Goal) (care.Goal, error) {
	if g.Status == "" {
		g.Status = care.GoalNotStarted
	}
	g.Notes = nil
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, g.FamilyID, "family.plan.goal", func(tx *store.Tx, _ care.Family) (string, error) {
		if err := validateGoal(ctx, tx, g); err != nil {
			return "", err
		}
		return "", tx.CreateGoal(ctx, &g)
	})
	return g, err
}

// UpdateGoal changes a goal of the plan as it was read at g.Version. If
// someone changed it since, nothing is written and the error is a conflict
// (Key "plan.goal_changed"): re-read the plan to show their change.
func (a *CareService) UpdateGoal(ctx context.Context, actor berceau.Actor, g care.Goal) (care.Goal, error) {
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, g.FamilyID, "family.plan.update", func(tx *store.Tx, _ care.Family) (string, error) {
		if err := validateGoal(ctx, tx, g); err != nil {
			return "", err
		}
		return "", tx.UpdateGoal(ctx, g)
	})
	if err != nil {
		return g, err
	}
	g.Version++
	return g, nil
}

// AddGoalNote adds a dated progress note to a goal of the family's plan.
func (a *CareService) AddGoalNote(ctx context.Context, actor berceau.Actor, familyID, goalID int64, n care.ProgressNote) (care.ProgressNote, error) {
	n.By = actor.User.ID
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.plan.note", func(tx *store.Tx, _ care.Family) (string, error) {
		return "", tx.AddGoalNote(ctx, familyID, goalID, &n)
	})
	return n, err
}

// Plan reads a family's action plan with all its notes, internal ones too;
// reading it is a read of the file.
func (a *CareService) Plan(ctx context.Context, actor berceau.Actor, familyID int64) ([]care.Goal, error) {
	var goals []care.Goal
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.plan.read", func(tx *store.Tx, _ care.Family) (detail string, err error) {
		goals, err = tx.GoalsOfFamily(ctx, familyID)
		return "", err
	})
	if err != nil {
		return nil, err
	}
	return goals, nil
}

// FamilyPlan is the plan as printed for the family: the same goals, with
// only the notes the family may read.
func (a *CareService) FamilyPlan(ctx context.Context, actor berceau.Actor, familyID int64) ([]care.Goal, error) {
	goals, err := a.Plan(ctx, actor, familyID)
	if err != nil {
		return nil, err
	}
	for i := range goals {
		goals[i].Notes = goals[i].FamilyNotes()
	}
	return goals, nil
}

// orientationsOf reads the action-plan orientations of a family's
// programme: the programme of its open enrollment, SIPPE's when it has none.
func orientationsOf(ctx context.Context, tx *store.Tx, familyID int64) ([]care.Orientation, error) {
	slug := care.ProgrammeSIPPE
	open, err := tx.OpenEnrollmentsOf(ctx, []int64{familyID})
	if err != nil {
		return nil, err
	}
	if e, ok := open[familyID]; ok {
		slug = e.Programme
	}
	p, err := tx.ProgrammeBySlug(ctx, slug)
	return p.Orientations, err
}

// validateGoal checks a goal against its family's programme, inside the
// transaction that writes it.
func validateGoal(ctx context.Context, tx *store.Tx, g care.Goal) error {
	orientations, err := orientationsOf(ctx, tx, g.FamilyID)
	if err != nil {
		return err
	}
	return g.Validate(orientations)
}

// PlanFrame is what frames a family's plan: the family (names and members,
// for the heading), its programme's orientations, and the name of every
// orientation and sub-objective code (a goal set under another programme
// keeps its name).
type PlanFrame struct {
	Family       care.Family
	Orientations []care.Orientation
	Names        map[string]berceau.Text
}

// FamilyForPlan reads the frame of a family's plan, without an audit entry
// of its own: it is only called after Plan or FamilyPlan, whose read is
// audited.
func (a *CareService) FamilyForPlan(ctx context.Context, actor berceau.Actor, familyID int64) (PlanFrame, error) {
	var pf PlanFrame
	err := a.familyLook(ctx, actor, berceau.PermFamiliesRead, familyID, "family.plan.read", func(tx *store.Tx, f care.Family) error {
		pf.Family = f
		var err error
		if pf.Orientations, err = orientationsOf(ctx, tx, familyID); err != nil {
			return err
		}
		pf.Names, err = tx.DomainNames(ctx)
		return err
	})
	return pf, err
}
