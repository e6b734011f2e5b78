package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// fileRhythm is how late a file is on its rhythm on a day, in the four
// places that say it: its header, its follow-up, the list of files behind
// and the header search; and the level in force, header and follow-up.
type fileRhythm struct {
	summary, followUp, search int
	behind                    bool
	level, followUpLevel      string
	expected28                float64
}

func readFileRhythm(t *testing.T, a *App, who berceau.Actor, id int64, day time.Time) fileRhythm {
	t.Helper()
	ctx := context.Background()
	sum, err := a.Care.OpenFamilySummary(ctx, who, id, day)
	if err != nil {
		t.Fatal(err)
	}
	fu, err := a.Care.OpenFollowUp(ctx, who, id, day)
	if err != nil {
		t.Fatal(err)
	}
	r := fileRhythm{summary: sum.DaysBehind, followUp: fu.DaysBehind, level: sum.Level.Code, followUpLevel: fu.Level.Code, expected28: fu.Expected28}
	all, err := a.Care.FamiliesBehind(ctx, who, day)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range all {
		r.behind = r.behind || b.FamilyID == id
	}
	found, err := a.Care.SearchFamilies(ctx, who, strconv.FormatInt(id, 10), day)
	if err != nil || len(found.Results) != 1 {
		t.Fatalf("searching the file by its number: %+v %v", found.Results, err)
	}
	r.search = found.Results[0].DaysBehind
	return r
}

// lateFileOnItsRhythm is an enrolled file at the weekly level for three
// months without a contact: about ninety days late.
func lateFileOnItsRhythm(t *testing.T, st *store.Store, today time.Time) (*App, func(string) berceau.Actor, int64) {
	t.Helper()
	a, actor, sites, teams := demoWorldOn(t, st)
	start := today.AddDate(0, -3, 0)
	id := enrolledFamily(t, a, actor, sites, teams, start)
	if err := a.Care.SetLevel(context.Background(), actor("infirmiere@berceau.example"), id, "1", care.LevelChange{On: start, Reason: "Grossesse à risque"}); err != nil {
		t.Fatal(err)
	}
	return a, actor, id
}

// A closed file keeps its last level in its history, but no rhythm: its
// header, its follow-up, the search and the list of files behind never
// call it late (the demo showed "742 days behind" on files closed years
// before). While it was followed, the same file was late.
func TestAClosedFileIsNeverLateOnItsRhythm(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		a, actor, id := lateFileOnItsRhythm(t, st, today)
		nurse := actor("infirmiere@berceau.example")
		if r := readFileRhythm(t, a, nurse, id, today); r.summary < 80 || r.followUp != r.summary || !r.behind || r.search != r.summary {
			t.Fatalf("followed: %+v, want about ninety days late everywhere", r)
		}
		if _, err := a.Care.ChangeStatus(context.Background(), nurse, id, care.FamilyClosed, "Déménagement hors du territoire", care.ClosureFamilyMoved); err != nil {
			t.Fatal(err)
		}
		if r := readFileRhythm(t, a, nurse, id, today); r != (fileRhythm{}) {
			t.Fatalf("closed: %+v, want no lateness and no level anywhere", r)
		}
	})
}

// A file closed and admitted again (a second pregnancy, a return to the
// territory) starts its rhythm afresh, as at its first admission: the level
// of its earlier follow-up no longer counts, and the clock starts at the
// level the team sets now. The old level made a re-admitted file about
// ninety days late on the day of its team decision.
func TestAReadmittedFileStartsItsRhythmAfresh(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, id := lateFileOnItsRhythm(t, st, today)
		nurse, social, coordinator := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example"), actor("coordination@berceau.example")
		if _, err := a.Care.ChangeStatus(ctx, nurse, id, care.FamilyClosed, "Déménagement hors du territoire", care.ClosureFamilyMoved); err != nil {
			t.Fatal(err)
		}
		d, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: id, Verdict: care.VerdictAdmit,
			Rationale:      "Retour sur le territoire, nouvelle grossesse.",
			ParticipantIDs: []int64{nurse.User.ID, social.User.ID, coordinator.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		for _, who := range []berceau.Actor{nurse, social} {
			if d, err = a.Care.ConfirmDecision(ctx, who, d.ID); err != nil {
				t.Fatal(err)
			}
		}
		if !d.Complete() {
			t.Fatal("the team decision is not complete")
		}
		if r := readFileRhythm(t, a, nurse, id, today); r != (fileRhythm{}) {
			t.Fatalf("re-admitted: %+v, want no lateness and no level anywhere", r)
		}
		if _, err := a.Care.Enroll(ctx, nurse, id, "sippe", today); err != nil {
			t.Fatal(err)
		}
		if err := a.Care.SetLevel(ctx, nurse, id, "1", care.LevelChange{On: today, Reason: "Nouvelle grossesse, isolement"}); err != nil {
			t.Fatal(err)
		}
		// Twenty days at a weekly level without a contact: thirteen days
		// late, counted from the new level, not from the old one.
		r := readFileRhythm(t, a, nurse, id, today.AddDate(0, 0, 20))
		if r.summary != 13 || r.followUp != 13 || !r.behind || r.search != 13 || r.level != "1" || r.followUpLevel != "1" {
			t.Fatalf("twenty days on: %+v, want 13 days late everywhere at level 1", r)
		}
	})
}
