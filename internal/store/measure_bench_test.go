package store

import (
	"context"
	"os"
	"slices"
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
				day := loadFixtureContacts(b, s)
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

// summaryTriggerSwitch reads the indicators' summary triggers as the
// migrations created them, on contacts (the monthly tallies) and on the
// tallies (their summaries), and gives a function that drops them all and
// one that creates them again from their own definitions: what a save
// costs without them, for the overhead benchmarks.
func summaryTriggerSwitch(t testing.TB, s *Store) (suspend, restore func()) {
	t.Helper()
	ctx := context.Background()
	type trigger struct{ name, table, create string }
	var triggers []trigger
	err := s.ReadTx(ctx, func(tx *Tx) error {
		q := `SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'
			AND tbl_name IN ('contacts', 'indicator_contact_months') AND name LIKE 'indicator%' ORDER BY name`
		if s.dialect == postgresDialect {
			q = `SELECT tgname, CAST(tgrelid::regclass AS TEXT), pg_get_triggerdef(oid) FROM pg_trigger
				WHERE tgrelid IN ('contacts'::regclass, 'indicator_contact_months'::regclass) AND NOT tgisinternal
					AND tgname LIKE 'indicator%' ORDER BY tgname`
		}
		return tx.eachRow(ctx, "triggers", func(row rowScanner) error {
			var tr trigger
			if err := row.Scan(&tr.name, &tr.table, &tr.create); err != nil {
				return err
			}
			triggers = append(triggers, tr)
			return nil
		}, q)
	})
	if err != nil || len(triggers) < 4 {
		t.Fatalf("summary triggers: %v %v", triggers, err)
	}
	exec := func(qs ...string) {
		if err := s.WriteTx(ctx, func(tx *Tx) error {
			for _, q := range qs {
				if _, err := tx.exec(ctx, q); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	suspend = func() {
		var qs []string
		for _, tr := range triggers {
			if s.dialect == postgresDialect {
				qs = append(qs, "DROP TRIGGER "+tr.name+" ON "+tr.table)
			} else {
				qs = append(qs, "DROP TRIGGER "+tr.name)
			}
		}
		exec(qs...)
	}
	restore = func() {
		var qs []string
		for _, tr := range triggers {
			qs = append(qs, tr.create)
		}
		exec(qs...)
	}
	return suspend, restore
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// BenchmarkContactSaveSummaryOverhead measures what keeping the indicators'
// summaries adds to saving a contact (issue 17: goal under 10 %), on one
// database (the indicator fixture and 100,000 contacts), in rounds of saves
// with every summary trigger (all: those on contacts, which keep the
// monthly tallies, and those on the tallies, which keep
// indicator_contact_cells and indicator_contact_years) and without any
// (none: dropped, then created again from their own definitions),
// alternating which runs first, one contact per transaction. It reports
// the median per save of each and the overhead: CPU time of this process
// on SQLite (the database works in it), wall time on both. Run with
// -benchtime 1x (each iteration runs every round).
func BenchmarkContactSaveSummaryOverhead(b *testing.B) {
	for _, engine := range testdb.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			s := openMigrated(b, engine)
			loadIndicatorFixture(b, s)
			ctx := context.Background()
			day := loadFixtureContacts(b, s)
			Settle(b, s)
			suspend, restore := summaryTriggerSwitch(b, s)
			n := 0
			summaryOverhead(b, s.dialect == sqliteDialect, suspend, restore, func() {
				c := care.Contact{FamilyID: int64(1 + n%4), Kind: []care.ContactKind{care.ContactHomeVisit, care.ContactCall, care.ContactGroupMeeting}[n%3],
					On: day.AddDate(0, 0, n%3000), Minutes: 15, Outcome: care.ContactDone, WorkerIDs: []int64{1}}
				n++
				if err := s.WriteTx(ctx, func(tx *Tx) error { return tx.CreateContact(ctx, &c, 1) }); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// loadFixtureContacts adds 100,000 home visits to the indicator fixture's
// first four families, from the day it returns on, for the save benchmarks.
func loadFixtureContacts(b *testing.B, s *Store) time.Time {
	b.Helper()
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var bulk []care.Contact
	for i := 0; i < 100_000; i++ {
		bulk = append(bulk, care.Contact{FamilyID: int64(1 + i%4), Kind: care.ContactHomeVisit, On: day.AddDate(0, 0, i%2000),
			Minutes: 30, Outcome: care.ContactDone, WorkerIDs: []int64{1}})
	}
	if err := s.WriteTx(context.Background(), func(tx *Tx) error { return tx.BulkContacts(context.Background(), bulk, 1) }); err != nil {
		b.Fatal(err)
	}
	return day
}

// summaryOverhead alternates rounds of saves (save: one contact saved)
// with every summary trigger (all) and without any (none: suspend, then
// restore), which of the two runs first alternating from round to round,
// and reports the medians per save and the overhead: this process's CPU
// when the database works in it (onCPU: SQLite), wall time always. Run
// with -benchtime 1x (each iteration runs every round).
func summaryOverhead(b *testing.B, onCPU bool, suspend, restore, save func()) {
	const rounds, saves = 12, 300
	measure := func() (cpu, wall time.Duration) {
		// Dropping and creating triggers makes every connection plan its
		// statements (and PostgreSQL its trigger functions) again, a few ms
		// each: something a running server never pays.
		for i := 0; i < 30; i++ {
			save()
		}
		c0, w0 := processCPU(), time.Now()
		for i := 0; i < saves; i++ {
			save()
		}
		return (processCPU() - c0) / saves, time.Since(w0) / saves
	}
	for i := 0; i < 50; i++ { // warm the caches
		save()
	}
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		cpu, wall := map[string][]time.Duration{}, map[string][]time.Duration{}
		for r := 0; r < rounds; r++ {
			for k := range 2 {
				v := []string{"all", "none"}[(r+k)%2]
				if v == "none" {
					suspend()
				}
				c, w := measure()
				if v == "none" {
					restore()
				}
				cpu[v], wall[v] = append(cpu[v], c), append(wall[v], w)
			}
		}
		median := func(d []time.Duration) float64 {
			d = slices.Clone(d)
			slices.Sort(d)
			return float64(d[len(d)/2]+d[(len(d)-1)/2]) / 2 / 1e3
		}
		for _, v := range []string{"all", "none"} {
			b.Logf("%s: µs per save by round: cpu %v, wall %v", v, cpu[v], wall[v])
		}
		if onCPU {
			b.ReportMetric(median(cpu["all"]), "cpu-µs/save-all")
			b.ReportMetric(median(cpu["none"]), "cpu-µs/save-none")
			b.ReportMetric(100*(median(cpu["all"])/median(cpu["none"])-1), "cpu-%-all")
		}
		b.ReportMetric(median(wall["all"]), "µs/save-all")
		b.ReportMetric(median(wall["none"]), "µs/save-none")
		b.ReportMetric(100*(median(wall["all"])/median(wall["none"])-1), "wall-%-all")
	}
}
