package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/training"
)

// seedInternshipYears adds, over years fiscal years from April 2021, perYear
// interns a year on the demo's Montréal sites, each in a 20-week internship
// with every week logged and countersigned.
func seedInternshipYears(tb testing.TB, st *store.Store, years, perYear int) (rows, weeks int) {
	tb.Helper()
	ctx := context.Background()
	err := st.WriteTx(ctx, func(tx *store.Tx) error {
		kinds, err := tx.InternshipKinds(ctx)
		if err != nil {
			return err
		}
		fields, err := tx.StudyFields(ctx)
		if err != nil {
			return err
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		nurse, err := tx.UserByEmail(ctx, nurseEmail)
		if err != nil {
			return err
		}
		schools := []string{"Université de Montréal", "Université McGill", "UQAM", "Université de Sherbrooke", "Cégep du Vieux Montréal"}
		for y := 0; y < years; y++ {
			first := training.WeekStart(time.Date(2021+y, time.April, 12, 0, 0, 0, 0, time.UTC))
			for n := 0; n < perYear; n++ {
				start := first.AddDate(0, 0, 7*(n%30))
				i := training.Internship{SiteID: sites[n%len(sites)].ID, KindID: kinds[n%len(kinds)].ID, FieldID: fields[n%len(fields)].ID,
					InternName: "Stagiaire " + strconv.Itoa(y*perYear+n), School: schools[n%len(schools)],
					SupervisorIDs: []int64{nurse.ID}, StartsOn: start, EndsOn: start.AddDate(0, 0, 20*7-3), PlannedHours: 420}
				if err := tx.CreateInternship(ctx, &i); err != nil {
					return err
				}
				rows++
				for w := 0; w < 20; w++ {
					week := training.WeekHours{InternshipID: i.ID, Week: start.AddDate(0, 0, 7*w), LoggedMinutes: 21 * 60, LoggedBy: nurse.ID}
					if err := tx.LogInternshipWeek(ctx, &week); err != nil {
						return err
					}
					if err := tx.SignInternshipWeek(ctx, week.ID, 21*60, nurse.ID, ""); err != nil {
						return err
					}
					weeks++
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return rows, weeks
}

// BenchmarkInternshipReportFiveYears is the yearly report over a register
// of 5 years × 200 interns × 20 weekly rows (1,000 internships, 20,000
// countersigned weeks, beside the demo's): one fiscal year, and the five
// years at once (goal: under 200 ms on SQLite).
func BenchmarkInternshipReportFiveYears(b *testing.B) {
	st := testutil.OpenStore(b, "sqlite")
	ctx := context.Background()
	if _, err := demo.Load(ctx, st, cheapHasher, testBox); err != nil {
		b.Fatal(err)
	}
	rows, weeks := seedInternshipYears(b, st, 5, 200)
	a := newTestApp(b, st)
	admin := mustActor(ctx, a, adminEmail)
	b.Logf("register: %d internships and %d weeks seeded", rows, weeks)
	for _, c := range []struct {
		name     string
		from, to time.Time
		want     int
	}{
		{"one-year", time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), 200},
		{"five-years", time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), 1000 + 125},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				v, err := a.Internships.Report(ctx, admin, c.from, c.to)
				if err != nil || v.Internships != c.want {
					b.Fatalf("%d internships (%v), want %d", v.Internships, err, c.want)
				}
			}
		})
	}
}
