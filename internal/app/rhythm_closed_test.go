package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// A closed file keeps its last level in its history, but no rhythm: its
// header, its follow-up, the search and the list of files behind never
// call it late (the demo showed "742 days behind" on files closed years
// before). While it was followed, the same file was late.
func TestAClosedFileIsNeverLateOnItsRhythm(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorldOn(t, st)
		nurse := actor("infirmiere@berceau.example")
		start := today.AddDate(0, -3, 0)
		id := enrolledFamily(t, a, actor, sites, teams, start)
		if err := a.Care.SetLevel(ctx, nurse, id, "1", care.LevelChange{On: start, Reason: "Grossesse à risque"}); err != nil {
			t.Fatal(err)
		}
		late := func(when string) (summary, followUp int, behind bool, search int) {
			t.Helper()
			sum, err := a.Care.OpenFamilySummary(ctx, nurse, id, today)
			if err != nil {
				t.Fatal(err)
			}
			fu, err := a.Care.OpenFollowUp(ctx, nurse, id, today)
			if err != nil {
				t.Fatal(err)
			}
			all, err := a.Care.FamiliesBehind(ctx, nurse, today)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range all {
				behind = behind || b.FamilyID == id
			}
			found, err := a.Care.SearchFamilies(ctx, nurse, strconv.FormatInt(id, 10), today)
			if err != nil || len(found.Results) != 1 {
				t.Fatalf("%s: searching the file by its number: %+v %v", when, found.Results, err)
			}
			if when == "closed" && (sum.Level.Code != "" || fu.Level.Code != "" || fu.Expected28 != 0) {
				t.Errorf("closed: a level still in force (header %q, follow-up %q, %.1f contacts expected)", sum.Level.Code, fu.Level.Code, fu.Expected28)
			}
			return sum.DaysBehind, fu.DaysBehind, behind, found.Results[0].DaysBehind
		}
		// About ninety days without a contact at a weekly level: late.
		if s, f, b, q := late("followed"); s < 80 || f != s || !b || q != s {
			t.Fatalf("followed: days behind %d in the header, %d on the follow-up, listed behind %v, %d in the search", s, f, b, q)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, id, care.FamilyClosed, "Déménagement hors du territoire", care.ClosureFamilyMoved); err != nil {
			t.Fatal(err)
		}
		if s, f, b, q := late("closed"); s != 0 || f != 0 || b || q != 0 {
			t.Fatalf("closed: days behind %d in the header, %d on the follow-up, listed behind %v, %d in the search", s, f, b, q)
		}
	})
}
