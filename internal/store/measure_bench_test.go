package store

import (
	"context"
	"os"
	"syscall"
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
// to saving a contact, on a table already holding 100,000 contacts, one
// contact per transaction: everything (their index on contacts,
// contacts_family_outcome_on_kind, and the triggers keeping
// indicator_contact_months), the index without the triggers, and neither.
// The summaries' cost is with_summaries against without_summaries.
func BenchmarkContactSaveWithIndicatorIndex(b *testing.B) {
	for _, engine := range testdb.Engines(b) {
		for _, variant := range []string{"with_summaries", "without_summaries", "without_index"} {
			b.Run(engine+"/"+variant, func(b *testing.B) {
				s := openMigrated(b, engine)
				loadIndicatorFixture(b, s)
				ctx := context.Background()
				var drop []string
				if variant != "with_summaries" {
					for _, trigger := range []string{"indicator_contact_months_insert", "indicator_contact_months_update", "indicator_contact_months_delete"} {
						if s.dialect == postgresDialect {
							drop = append(drop, `DROP TRIGGER `+trigger+` ON contacts`)
						} else {
							drop = append(drop, `DROP TRIGGER `+trigger)
						}
					}
				}
				if variant == "without_index" {
					drop = append(drop, `DROP INDEX contacts_family_outcome_on_kind`)
				}
				if err := s.WriteTx(ctx, func(tx *Tx) error {
					for _, q := range drop {
						if _, err := tx.exec(ctx, q); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					b.Fatal(err)
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
				cpu := processCPU()
				defer func() {
					if s.dialect == sqliteDialect { // PostgreSQL works in its own process
						b.ReportMetric(float64(processCPU()-cpu)/float64(b.N)/1e3, "cpu-µs/op")
					}
				}()
				for i := 0; i < b.N; i++ {
					c := care.Contact{FamilyID: int64(1 + i%4), Kind: care.ContactHomeVisit, On: day.AddDate(0, 0, i%3000), Minutes: 15,
						Outcome: care.ContactDone, WorkerIDs: []int64{1}}
					if err := s.WriteTx(ctx, func(tx *Tx) error { return tx.CreateContact(ctx, &c, 1) }); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
