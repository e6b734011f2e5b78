package store

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/berceau/berceau/indicator"
)

// BenchmarkMeasuresScaled times every measure over a year on a database
// loaded with `berceau demo --families 10000` (about 10⁶ contacts), named
// by BERCEAU_SCALED_DB (a SQLite path or a PostgreSQL URL); see
// docs/PERFORMANCE.md, "Indicators".
func BenchmarkMeasuresScaled(b *testing.B) {
	path := os.Getenv("BERCEAU_SCALED_DB")
	if path == "" {
		b.Skip("BERCEAU_SCALED_DB names no scaled demo database")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	today := indicator.Day(time.Now())
	p, _ := indicator.NewPeriod(today.AddDate(-1, 0, 0), today.AddDate(0, 0, -1))
	for _, name := range MeasureNames() {
		m := MeasureCatalog()[name]
		by := [2]indicator.Dimension{}
		if m.Has(indicator.DimSite) {
			by[0] = indicator.DimSite
		}
		if m.Has(indicator.DimMonth) {
			by[1] = indicator.DimMonth
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				err := s.ReadTx(ctx, func(tx *Tx) error {
					_, err := tx.MeasureCells(ctx, name, indicator.Query{Period: p, By: by, StaleMonths: 12})
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
