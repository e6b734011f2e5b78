package store

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/testdb"
)

// TestEveryMeasureRunsWithEveryBreakdown runs each measure of the registry
// with each of its breakdowns, alone and by site, on both engines: a
// measure whose SQL one engine refuses fails here.
func TestEveryMeasureRunsWithEveryBreakdown(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := openMigrated(t, engine)
			ctx := context.Background()
			p, _ := indicator.NewPeriod(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
			err := s.ReadTx(ctx, func(tx *Tx) error {
				for _, name := range MeasureNames() {
					m := MeasureCatalog()[name]
					queries := []indicator.Query{{Period: p, StaleMonths: 12}}
					for _, d := range m.Dimensions {
						queries = append(queries, indicator.Query{Period: p, By: [2]indicator.Dimension{d}, StaleMonths: 12})
						if m.Has(indicator.DimSite) {
							q := indicator.Query{Period: p, Sites: []int64{1}, By: [2]indicator.Dimension{indicator.DimSite, d}}
							if m.Has(indicator.DimTeam) {
								q.Team = 1
							}
							queries = append(queries, q)
						}
					}
					for _, q := range queries {
						if _, err := tx.MeasureCells(ctx, name, q); err != nil {
							t.Errorf("%s by %v: %v", name, q.By, err)
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestTheStartingSetIsStored(t *testing.T) {
	s := openMigrated(t, testdb.Engines(t)[0])
	err := s.ReadTx(context.Background(), func(tx *Tx) error {
		defs, err := tx.IndicatorDefinitions(context.Background())
		if err != nil {
			return err
		}
		if len(defs) < 29 {
			t.Errorf("%d definitions", len(defs))
		}
		for _, d := range defs {
			if d.Name.Get("fr") == "" || d.Name.Get("en") == "" || d.Version != 1 {
				t.Errorf("%s: %+v", d.Code, d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
