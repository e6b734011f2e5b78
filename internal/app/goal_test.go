package app

import (
	"context"
	"errors"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// planWorld creates the Haddad file in the Parc-Extension team and returns
// the app, the actor lookup and the family's id.
func planWorld(t *testing.T, st *store.Store) (*App, func(string) berceau.Actor, int64) {
	t.Helper()
	a, actor, sites, teams := demoWorld(t, st)
	f, _, err := a.Care.CreateFamily(context.Background(), actor("infirmiere@berceau.example"),
		haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
	if err != nil {
		t.Fatal(err)
	}
	return a, actor, f.ID
}

func breastfeedingGoal(familyID int64) care.Goal {
	return care.Goal{FamilyID: familyID, Words: "Je veux allaiter au moins trois mois",
		Orientation: "child_development", SubObjective: "breastfeeding", TargetDate: day("2027-08-20")}
}

func TestAGoalIsAddedUpdatedAndNoted(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, familyID := planWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		g, err := a.Care.AddGoal(ctx, nurse, breastfeedingGoal(familyID))
		if err != nil {
			t.Fatal(err)
		}
		if g.ID == 0 || g.Version != 1 || g.Status != care.GoalNotStarted {
			t.Fatalf("added goal: %+v", g)
		}
		bad := breastfeedingGoal(familyID)
		bad.SubObjective = "home_safety"
		if _, err := a.Care.AddGoal(ctx, nurse, bad); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a sub-objective of another orientation was accepted: %v", err)
		}
		g.Status, g.Progress = care.GoalInProgress, 2
		if g, err = a.Care.UpdateGoal(ctx, nurse, g); err != nil || g.Version != 2 {
			t.Fatalf("update: %v, version %d", err, g.Version)
		}
		if _, err := a.Care.AddGoalNote(ctx, nurse, familyID, g.ID, care.ProgressNote{Text: "Première tétée réussie"}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.AddGoalNote(ctx, nurse, familyID, g.ID, care.ProgressNote{Text: "Fatigue, à surveiller", Internal: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.AddGoalNote(ctx, nurse, familyID, g.ID, care.ProgressNote{Text: "  "}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an empty note: %v", err)
		}
		if _, err := a.Care.AddGoalNote(ctx, nurse, familyID, g.ID+1000, care.ProgressNote{Text: "x"}); !berceau.IsNotFound(err) {
			t.Fatalf("a note on a goal that does not exist: %v", err)
		}
		plan, err := a.Care.Plan(ctx, nurse, familyID)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan) != 1 || plan[0].Status != care.GoalInProgress || plan[0].Progress != 2 || plan[0].Version != 2 ||
			!plan[0].TargetDate.Equal(day("2027-08-20")) || len(plan[0].Notes) != 2 {
			t.Fatalf("plan read back: %+v", plan)
		}
		n := plan[0].Notes[0]
		if n.Text != "Première tétée réussie" || n.Internal || n.By != nurse.User.ID || n.At.IsZero() {
			t.Fatalf("note read back: %+v", n)
		}
	})
}

func TestTwoPeopleEditingTheSameGoalGetAConflict(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, familyID := planWorld(t, st)
		nurse, coordinator := actor("infirmiere@berceau.example"), actor("coordination@berceau.example")
		if _, err := a.Care.AddGoal(ctx, nurse, breastfeedingGoal(familyID)); err != nil {
			t.Fatal(err)
		}
		first, _ := a.Care.Plan(ctx, nurse, familyID)
		second, _ := a.Care.Plan(ctx, coordinator, familyID)
		if len(first) != 1 || first[0].Version != 1 || second[0].Version != 1 {
			t.Fatalf("both should read version 1: %+v %+v", first, second)
		}
		mine, theirs := first[0], second[0]
		mine.Progress = 3
		if _, err := a.Care.UpdateGoal(ctx, nurse, mine); err != nil {
			t.Fatal(err)
		}
		theirs.Words, theirs.Status = "Allaiter six mois", care.GoalAbandoned
		_, err := a.Care.UpdateGoal(ctx, coordinator, theirs)
		if berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("the second edit was not refused as a conflict: %v", err)
		}
		var e *berceau.Error
		if !errors.As(err, &e) || e.Key != "plan.goal_changed" {
			t.Fatalf("conflict message: %#v", err)
		}
		plan, _ := a.Care.Plan(ctx, coordinator, familyID)
		if g := plan[0]; g.Version != 2 || g.Progress != 3 || g.Words != "Je veux allaiter au moins trois mois" || g.Status != care.GoalNotStarted {
			t.Fatalf("the first edit was overwritten: %+v", g)
		}
		// Re-read, the coordinator can make the change on top of the nurse's.
		theirs = plan[0]
		theirs.Status = care.GoalInProgress
		if _, err := a.Care.UpdateGoal(ctx, coordinator, theirs); err != nil {
			t.Fatal(err)
		}
	})
}

func TestThePlanOfAFileOutOfScopeIsRefused(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, familyID := planWorld(t, st)
		nurse, midwife := actor("infirmiere@berceau.example"), actor("sage-femme@berceau.example")
		g, err := a.Care.AddGoal(ctx, nurse, breastfeedingGoal(familyID))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.AddGoal(ctx, midwife, breastfeedingGoal(familyID)); !berceau.IsNotFound(err) {
			t.Errorf("a midwife of another site added a goal: %v", err)
		}
		g.Progress = 4
		if _, err := a.Care.UpdateGoal(ctx, midwife, g); !berceau.IsNotFound(err) {
			t.Errorf("a midwife of another site changed a goal: %v", err)
		}
		if _, err := a.Care.AddGoalNote(ctx, midwife, familyID, g.ID, care.ProgressNote{Text: "x"}); !berceau.IsNotFound(err) {
			t.Errorf("a midwife of another site noted a goal: %v", err)
		}
		if _, err := a.Care.Plan(ctx, midwife, familyID); !berceau.IsNotFound(err) {
			t.Errorf("a midwife of another site read the plan: %v", err)
		}
		if _, err := a.Care.FamilyPlan(ctx, midwife, familyID); !berceau.IsNotFound(err) {
			t.Errorf("a midwife of another site printed the plan: %v", err)
		}
		if _, err := a.Care.Plan(ctx, actor("evaluation@berceau.example"), familyID); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("an evaluator read the plan: %v", err)
		}
		plan, _ := a.Care.Plan(ctx, nurse, familyID)
		if len(plan) != 1 || plan[0].Progress != 0 || plan[0].Version != 1 {
			t.Fatalf("the plan changed: %+v", plan)
		}
	})
}

func TestInternalNotesAreLeftOutOfThePrintedPlan(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, familyID := planWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		g, err := a.Care.AddGoal(ctx, nurse, breastfeedingGoal(familyID))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []care.ProgressNote{{Text: "Visite de la consultante en lactation"}, {Text: "Inquiétude sur l’humeur", Internal: true}} {
			if _, err := a.Care.AddGoalNote(ctx, nurse, familyID, g.ID, n); err != nil {
				t.Fatal(err)
			}
		}
		printed, err := a.Care.FamilyPlan(ctx, nurse, familyID)
		if err != nil {
			t.Fatal(err)
		}
		if len(printed) != 1 || len(printed[0].Notes) != 1 || printed[0].Notes[0].Text != "Visite de la consultante en lactation" {
			t.Fatalf("printed plan: %+v", printed)
		}
	})
}

func TestPlanChangesAndReadsAreAudited(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, familyID := planWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		g, err := a.Care.AddGoal(ctx, nurse, breastfeedingGoal(familyID))
		if err != nil {
			t.Fatal(err)
		}
		g.Progress = 1
		if _, err := a.Care.UpdateGoal(ctx, nurse, g); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.AddGoalNote(ctx, nurse, familyID, g.ID, care.ProgressNote{Text: "ok"}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.Plan(ctx, nurse, familyID); err != nil {
			t.Fatal(err)
		}
		_, _ = a.Care.Plan(ctx, actor("sage-femme@berceau.example"), familyID)
		for action, want := range map[string][2]int{
			"family.plan.goal": {1, 0}, "family.plan.update": {1, 0}, "family.plan.note": {1, 0}, "family.plan.read": {1, 1},
		} {
			var page berceau.AuditPage
			_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
				page, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: action, ObjectType: "family"})
				return err
			})
			var got [2]int
			for _, e := range page.Entries {
				if e.ObjectID != "" && e.ObjectID != itoaApp(familyID) {
					continue
				}
				switch e.Outcome {
				case berceau.OutcomeSuccess:
					got[0]++
				case berceau.OutcomeDenied:
					got[1]++
				}
			}
			if got != want {
				t.Errorf("%s: %d successes and %d denials audited; want %v", action, got[0], got[1], want)
			}
		}
	})
}
