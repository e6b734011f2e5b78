package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// Each programme's action plan has the domains it is configured with: SIPPE
// the three orientations and ten sub-objectives of its framework, a social
// pediatrics centre its own. A goal is checked against its family's
// programme.
func TestAPlansDomainsAreItsProgrammes(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		counts := map[string][2]int{"sippe": {3, 10}, "mille-jours": {3, 10}, "cspc": {4, 11}}
		for slug, want := range counts {
			var p care.Programme
			if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) { p, err = tx.ProgrammeBySlug(ctx, slug); return err }); err != nil {
				t.Fatal(err)
			}
			subs := 0
			for _, o := range p.Orientations {
				subs += len(o.SubObjectives)
				if o.Name.Get("fr") == "" || o.Name.Get("en") == "" {
					t.Errorf("%s: orientation %s unnamed in a language", slug, o.ID)
				}
			}
			if len(p.Orientations) != want[0] || subs != want[1] {
				t.Errorf("%s: %d orientations, %d sub-objectives; want %v", slug, len(p.Orientations), subs, want)
			}
		}

		familyID := enrolledFamily(t, a, actor, sites, teams, civil(a.Now()))
		sippeGoal := breastfeedingGoal(familyID)
		if _, err := a.Care.AddGoal(ctx, nurse, sippeGoal); err != nil {
			t.Fatalf("a SIPPE goal for a SIPPE family: %v", err)
		}
		cspcGoal := care.Goal{FamilyID: familyID, Words: "Que Yara aille à la garderie en septembre",
			Orientation: "cspc_environment", SubObjective: "cspc_daycare_school"}
		if _, err := a.Care.AddGoal(ctx, nurse, cspcGoal); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a CSPC goal for a SIPPE family: %v, want invalid", err)
		}
		frame, err := a.Care.FamilyForPlan(ctx, nurse, familyID)
		if err != nil {
			t.Fatal(err)
		}
		if len(frame.Orientations) != 3 || frame.Names["cspc_daycare_school"].Get("fr") == "" || frame.Names["breastfeeding"].Get("en") == "" {
			t.Fatalf("plan frame: %d orientations, names %v", len(frame.Orientations), len(frame.Names))
		}
	})
}
