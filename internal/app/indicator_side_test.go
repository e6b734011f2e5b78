package app

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestIndicatorsAskedByMoreRequestsThanConnectionsAllAnswer: twice as many
// requests as there are read connections, for one indicator (its
// evaluations side by side) or for two (on PostgreSQL, a dashboard's
// indicators side by side), each holding its own transaction's connection
// while its side transactions look for one, all answer, with the figures
// a lone request gives. Side transactions that waited for a connection
// without end would leave every request waiting for another's.
func TestIndicatorsAskedByMoreRequestsThanConnectionsAllAnswer(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a, actor, _, _ := demoWorldOn(t, st)
		coordinator := actor(coordinatorEmail)
		today := indicator.Day(a.Now())
		n := 2*st.ReadConnections() + 2
		type request struct {
			period indicator.Period
			codes  []string
		}
		requests := make([]request, n)
		for i := range requests {
			requests[i].period, _ = indicator.NewPeriod(today.AddDate(-1, 0, -i), today.AddDate(0, 0, -i))
			requests[i].codes = []string{"home_visit_share"}
			if i%2 == 1 {
				requests[i].codes = []string{"home_visit_share", "rhythm_met"}
			}
		}
		ask := func(ctx context.Context, r request) ([]IndicatorResult, error) {
			rep, err := a.Indicators.Compute(ctx, coordinator, IndicatorRequest{Codes: r.codes, Period: r.period,
				By: [2]indicator.Dimension{indicator.DimSite, indicator.DimProgramme}, Compare: true})
			if err != nil {
				return nil, err
			}
			if len(rep.Results) != len(r.codes) || rep.Results[0].Previous == nil {
				return nil, fmt.Errorf("%d results, or no previous period", len(rep.Results))
			}
			return rep.Results, nil
		}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		got := make([][]IndicatorResult, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i, r := range requests {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], errs[i] = ask(ctx, r)
			}()
		}
		wg.Wait()
		for i, r := range requests {
			if errs[i] != nil {
				t.Fatalf("request %d of %d: %v", i+1, n, errs[i])
			}
			a.Indicators.cache, a.Indicators.recent = &measureCache{}, &recentResults{}
			begun := a.Indicators.sideTxBegun.Load()
			alone, err := ask(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			// Alone, one indicator's five evaluations (its cells, three
			// margins, the previous period) take up to four side
			// transactions (fewer when half the connections are taken).
			if side := a.Indicators.sideTxBegun.Load() - begun; len(r.codes) == 1 && (side < 1 || side > 4) {
				t.Fatalf("%s alone: %d side transactions, want 1 to 4", r.period, side)
			}
			for j, want := range alone {
				together := got[i][j]
				if together.Total != want.Total || *together.Previous != *want.Previous || len(together.Cells) != len(want.Cells) ||
					len(together.RowTotals) != len(want.RowTotals) || len(together.ColTotals) != len(want.ColTotals) {
					t.Fatalf("%s %s: together %+v, alone %+v", r.period, want.Definition.Code, together, want)
				}
				for k, f := range want.Cells {
					if together.Cells[k] != f {
						t.Fatalf("%s %s, cell %v: together %+v, alone %+v", r.period, want.Definition.Code, k, together.Cells[k], f)
					}
				}
			}
		}
	})
}
