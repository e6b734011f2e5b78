package app

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestIndicatorsAreAnsweredWhileTheyAreBroughtUpToDate: after a contact is
// saved, the same question asked within recentResultsAge is answered at
// once with the figures computed before it, while a background computation
// brings them up to date; the next answer counts the contact. Figures read
// longer ago than that are never given: the question is computed again
// there and then. Expected births entered show at once.
func TestIndicatorsAreAnsweredWhileTheyAreBroughtUpToDate(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		coordinator, evaluator := actor(coordinatorEmail), actor(evaluatorEmail)
		start := a.Now()
		now := start
		a.SetClock(func() time.Time { return now })
		today := indicator.Day(start)
		p, _ := indicator.NewPeriod(today.AddDate(-1, 0, 1), today)
		var asOf time.Time
		homeVisits := func() float64 {
			t.Helper()
			rep, err := a.Indicators.Compute(ctx, coordinator, IndicatorRequest{Codes: []string{"home_visit_share"}, Period: p, Compare: true})
			if err != nil || len(rep.Results) != 1 {
				t.Fatalf("%d results, %v", len(rep.Results), err)
			}
			asOf = rep.AsOf
			return rep.Results[0].Total.Numerator
		}
		families, err := a.Care.ListFamilies(ctx, coordinator)
		if err != nil || len(families) == 0 {
			t.Fatalf("the coordinator's families: %d, %v", len(families), err)
		}
		visit := func() {
			t.Helper()
			if _, err := a.Care.RecordContact(ctx, coordinator, care.Contact{FamilyID: families[0].ID, Kind: care.ContactHomeVisit,
				On: today.AddDate(0, 0, -1), Minutes: 45, Outcome: care.ContactDone}); err != nil {
				t.Fatal(err)
			}
		}
		settled := func() {
			t.Helper()
			for deadline := time.Now().Add(30 * time.Second); a.Indicators.recent.refreshes() > 0; time.Sleep(5 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the background computation did not end")
				}
			}
		}
		before := homeVisits()
		visit()
		now = now.Add(10 * time.Second)
		if got := homeVisits(); got != before || !asOf.Equal(start) {
			t.Fatalf("asked again 10 s later: %v home visits as of %v, want the recent %v as of %v", got, asOf, before, start)
		}
		// The same question asked by the evaluator (the network,
		// de-identified) is another one: computed for her, now.
		eval, err := a.Indicators.Compute(ctx, evaluator, IndicatorRequest{Codes: []string{"home_visit_share"}, Period: p, Compare: true})
		if err != nil || !eval.AsOf.Equal(now) {
			t.Fatalf("the evaluator's figures as of %v, want %v (%v)", eval.AsOf, now, err)
		}
		settled()
		if got := homeVisits(); got != before+1 || !asOf.Equal(now) {
			t.Fatalf("once brought up to date: %v home visits as of %v, want %v as of %v", got, asOf, before+1, now)
		}
		visit()
		now = now.Add(recentResultsAge + time.Second)
		if got := homeVisits(); got != before+2 {
			t.Fatalf("figures older than %s: %v home visits, want %v computed now", recentResultsAge, got, before+2)
		}
		// Expected births: the coordinator sees the reach she entered at once.
		reach := func() (float64, int64) {
			t.Helper()
			rep, err := a.Indicators.Compute(ctx, coordinator, IndicatorRequest{Codes: []string{"reach"}, Period: p})
			if err != nil || len(rep.Results) != 1 || len(rep.Sites) == 0 {
				t.Fatalf("%d results, %v", len(rep.Results), err)
			}
			return rep.Results[0].Total.Denominator, rep.Sites[0].ID
		}
		_, site := reach()
		var last float64
		for i, births := range []int{400, 900} {
			for _, year := range []int{today.Year() - 1, today.Year()} {
				if err := a.Indicators.SetExpectedBirths(ctx, coordinator, indicator.ExpectedBirths{SiteID: site, Year: year, Births: births}); err != nil {
					t.Fatal(err)
				}
			}
			// The period covers a year across two calendar years: 400, then
			// 900 births a year in each add up to 400, then 900.
			got, _ := reach()
			if i == 1 && (got-last < 495 || got-last > 505) {
				t.Fatalf("expected births from 400 to 900 a year: the reach's denominator went from %v to %v", last, got)
			}
			last = got
		}
	})
}

// TestMeasuresComputedBeforeASaveAreNotKeptAsNewer: a transaction that
// began before a contact was saved computes a measure without it; kept,
// it is kept as of before the save, so that the next transaction computes
// it again with the contact. (Keyed by the generation read after the
// save, it was given as fresh until the next save.)
func TestMeasuresComputedBeforeASaveAreNotKeptAsNewer(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, _ := demoWorldOn(t, st)
		coordinator := actor(coordinatorEmail)
		today := indicator.Day(a.Now())
		p, _ := indicator.NewPeriod(today.AddDate(-1, 0, 1), today)
		q := indicator.Query{Period: p}
		for _, id := range sites {
			q.Sites = append(q.Sites, id)
		}
		families, err := a.Care.ListFamilies(ctx, coordinator)
		if err != nil || len(families) == 0 {
			t.Fatalf("the coordinator's families: %d, %v", len(families), err)
		}
		homeVisits := func(tx *store.Tx) float64 {
			t.Helper()
			cells, err := a.Indicators.cells(ctx, tx, "home_visits", q)
			if err != nil {
				t.Fatal(err)
			}
			return cells[indicator.Key{}].Count
		}
		var before float64
		if err := st.ReadTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.ListSites(ctx); err != nil { // the transaction's snapshot
				return err
			}
			if _, err := a.Care.RecordContact(ctx, coordinator, care.Contact{FamilyID: families[0].ID, Kind: care.ContactHomeVisit,
				On: today.AddDate(0, 0, -1), Minutes: 45, Outcome: care.ContactDone}); err != nil {
				return err
			}
			before = homeVisits(tx)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var after, recount float64
		if err := st.ReadTx(ctx, func(tx *store.Tx) error { after = homeVisits(tx); return nil }); err != nil {
			t.Fatal(err)
		}
		a.Indicators.cache = &measureCache{}
		if err := st.ReadTx(ctx, func(tx *store.Tx) error { recount = homeVisits(tx); return nil }); err != nil {
			t.Fatal(err)
		}
		// (On PostgreSQL each statement of a read-committed transaction sees
		// the saves committed before it: there the first already counts it.)
		if after != recount {
			t.Fatalf("home visits: %v in the transaction begun before the save, %v in the next one, %v recounted", before, after, recount)
		}
	})
}
