package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// A file closed and admitted again (a second pregnancy, a return to the
// territory) starts its rhythm afresh, as at its first admission: the level
// of its earlier follow-up no longer counts, and the clock starts at the
// level the team sets now. The old level made a re-admitted file about
// ninety days late on the day of its team decision.
func TestAReadmittedFileStartsItsRhythmAfresh(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorldOn(t, st)
		nurse, social, coordinator := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example"), actor("coordination@berceau.example")
		start := today.AddDate(0, -3, 0)
		id := enrolledFamily(t, a, actor, sites, teams, start)
		if err := a.Care.SetLevel(ctx, nurse, id, "1", care.LevelChange{On: start, Reason: "Grossesse à risque"}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, id, care.FamilyClosed, "Déménagement hors du territoire", care.ClosureFamilyMoved); err != nil {
			t.Fatal(err)
		}
		d, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: id, Verdict: care.VerdictAdmit,
			Rationale:      "Retour sur le territoire, nouvelle grossesse.",
			ParticipantIDs: []int64{nurse.User.ID, social.User.ID, coordinator.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"infirmiere@berceau.example", "travail.social@berceau.example"} {
			if d, err = a.Care.ConfirmDecision(ctx, actor(who), d.ID); err != nil {
				t.Fatal(err)
			}
		}
		if !d.Complete() {
			t.Fatal("the team decision is not complete")
		}
		// on reads the file on a day: its header, its follow-up, the files
		// behind and the header search.
		on := func(when string, day time.Time) (summary, followUp int, behind bool, search int, level string) {
			t.Helper()
			sum, err := a.Care.OpenFamilySummary(ctx, nurse, id, day)
			if err != nil {
				t.Fatal(err)
			}
			fu, err := a.Care.OpenFollowUp(ctx, nurse, id, day)
			if err != nil {
				t.Fatal(err)
			}
			if fu.Level.Code != sum.Level.Code {
				t.Errorf("%s: level %q on the follow-up, %q in the header", when, fu.Level.Code, sum.Level.Code)
			}
			all, err := a.Care.FamiliesBehind(ctx, nurse, day)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range all {
				behind = behind || b.FamilyID == id
			}
			found, err := a.Care.SearchFamilies(ctx, nurse, strconv.FormatInt(id, 10), day)
			if err != nil || len(found.Results) != 1 {
				t.Fatalf("%s: searching the file by its number: %+v %v", when, found.Results, err)
			}
			return sum.DaysBehind, fu.DaysBehind, behind, found.Results[0].DaysBehind, sum.Level.Code
		}
		if s, f, b, q, level := on("re-admitted", today); s != 0 || f != 0 || b || q != 0 || level != "" {
			t.Fatalf("re-admitted: days behind %d in the header, %d on the follow-up, listed behind %v, %d in the search, level %q in force",
				s, f, b, q, level)
		}
		if _, err := a.Care.Enroll(ctx, nurse, id, "sippe", today); err != nil {
			t.Fatal(err)
		}
		if err := a.Care.SetLevel(ctx, nurse, id, "1", care.LevelChange{On: today, Reason: "Nouvelle grossesse, isolement"}); err != nil {
			t.Fatal(err)
		}
		// Twenty days at a weekly level without a contact: thirteen days
		// late, counted from the new level, not from the old one.
		later := today.AddDate(0, 0, 20)
		if s, f, b, q, level := on("twenty days on", later); s != 13 || f != 13 || !b || q != 13 || level != "1" {
			t.Fatalf("twenty days on: days behind %d in the header, %d on the follow-up, listed behind %v, %d in the search, level %q; want 13 and level 1",
				s, f, b, q, level)
		}
	})
}
