package demo

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/training"
)

// TestTheDemoInternshipsTellTheYear rebuilds the past fiscal year's figures
// from the demo's rows (internships and countersigned weeks, read back from
// the database): more than 2,400 hours, 17 professional internships over
// six fields, 14 in social medicine, 32 externs, 62 residents, on the
// Montréal sites only; the demo trainee's current internship lies outside
// that year and has weeks waiting for a countersignature; loading twice adds
// nothing.
func TestTheDemoInternshipsTellTheYear(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
		st.SetClock(func() time.Time { return now })
		for range 2 {
			if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
				t.Fatal(err)
			}
		}
		var report training.InternshipReport
		var all []training.Internship
		var siteSlugs = map[int64]string{}
		err := st.ReadTx(ctx, func(tx *store.Tx) error {
			kinds, err := tx.InternshipKinds(ctx)
			if err != nil {
				return err
			}
			fields, err := tx.StudyFields(ctx)
			if err != nil {
				return err
			}
			rows, err := tx.ReportInternships(ctx, DemoFiscalYear[0], DemoFiscalYear[1], nil, true)
			if err != nil {
				return err
			}
			report = training.BuildReport(DemoFiscalYear[0], DemoFiscalYear[1], kinds, fields, rows)
			if all, err = tx.Internships(ctx, store.InternshipFilter{AllSites: true}); err != nil {
				return err
			}
			sites, err := tx.ListSites(ctx)
			for _, s := range sites {
				siteSlugs[s.ID] = s.Slug
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 17+14+32+62+1 {
			t.Fatalf("the demo holds %d internships, want 126 (loaded twice?)", len(all))
		}
		if report.TotalMinutes%60 != 0 || report.TotalHours() != DemoCountersignedHours || report.TotalHours() <= 2400 || report.HoursFloor() != 2400 {
			t.Errorf("countersigned: %d min (%d h, floor %d), want %d h, over 2,400", report.TotalMinutes, report.TotalHours(), report.HoursFloor(), DemoCountersignedHours)
		}
		want := map[string]int{"professional": 17, "social_medicine": 14, "medical_extern": 32, "medical_resident": 62}
		got := map[string]int{}
		var professionalFields []string
		for _, k := range report.ByKind {
			got[k.Kind.Code] = k.Internships
			if k.Kind.Code == "professional" {
				for _, f := range k.Fields {
					professionalFields = append(professionalFields, f.Code)
				}
			}
		}
		for code, n := range want {
			if got[code] != n {
				t.Errorf("%s: %d internships, want %d", code, got[code], n)
			}
		}
		if len(got) != len(want) || report.Internships != 125 {
			t.Errorf("kinds %v, %d internships, want exactly %v", got, report.Internships, want)
		}
		wantFields := []string{"nursing", "special_education", "nutrition", "drama_therapy", "social_work", "midwifery"}
		if len(professionalFields) != len(wantFields) {
			t.Fatalf("professional internships in %v, want %v", professionalFields, wantFields)
		}
		for i := range wantFields {
			if professionalFields[i] != wantFields[i] {
				t.Errorf("professional fields %v, want %v", professionalFields, wantFields)
			}
		}
		for _, s := range report.BySite {
			if slug := siteSlugs[s.SiteID]; slug != "premiers-pas-parc-ex" && slug != "premiers-pas-hochelaga" {
				t.Errorf("an internship of the past year at %s: the demo's interns are in Montréal", slug)
			}
		}
		// The trainee's current internship: after the past year, running
		// today, with weeks overdue for a countersignature.
		current := all[0]
		for _, i := range all {
			if i.InternUserID != 0 {
				current = i
			}
		}
		if current.InternUserID == 0 || !current.ActiveOn(now) || current.Overlaps(DemoFiscalYear[0], DemoFiscalYear[1]) {
			t.Fatalf("the demo trainee's internship %+v: want one running today, after the past fiscal year", current)
		}
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			weeks, err := tx.InternshipWeeks(ctx, current.ID)
			overdue := 0
			for _, w := range weeks {
				if w.Overdue(now) {
					overdue++
				}
			}
			if err != nil || overdue != 3 {
				t.Errorf("the trainee's weeks overdue: %d (%v), want 3", overdue, err)
			}
			return nil
		})
	})
}
