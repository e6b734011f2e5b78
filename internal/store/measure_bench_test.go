package store

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/testdb"
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

// BenchmarkContactSaveWithIndicatorIndex measures what the indicators add
// to saving a contact: the one index of theirs on contacts
// (contacts_family_outcome_on_kind, migration 00110), with it and without
// it, on a table already holding 100,000 contacts. The indicators keep no
// summary table: nothing else runs when a contact is saved.
func BenchmarkContactSaveWithIndicatorIndex(b *testing.B) {
	for _, engine := range testdb.Engines(b) {
		for _, withIndex := range []bool{true, false} {
			name := engine + "/with_index"
			if !withIndex {
				name = engine + "/without_index"
			}
			b.Run(name, func(b *testing.B) {
				s := openMigrated(b, engine)
				loadIndicatorFixture(b, s)
				ctx := context.Background()
				if !withIndex {
					if err := s.WriteTx(ctx, func(tx *Tx) error {
						_, err := tx.exec(ctx, `DROP INDEX contacts_family_outcome_on_kind`)
						return err
					}); err != nil {
						b.Fatal(err)
					}
				}
				day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
				var bulk []care.Contact
				for i := 0; i < 100_000; i++ {
					bulk = append(bulk, care.Contact{FamilyID: int64(1 + i%4), Kind: care.ContactHomeVisit, On: day.AddDate(0, 0, i%2000),
						Minutes: 30, Outcome: care.ContactDone, WorkerIDs: []int64{1}})
				}
				if err := s.WriteTx(ctx, func(tx *Tx) error { return tx.BulkContacts(ctx, bulk, 1) }); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					c := care.Contact{FamilyID: int64(1 + i%4), Kind: care.ContactCall, On: day.AddDate(0, 0, i%3000), Minutes: 15,
						Outcome: care.ContactDone, WorkerIDs: []int64{1}}
					if err := s.WriteTx(ctx, func(tx *Tx) error { return tx.CreateContact(ctx, &c, 1) }); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
