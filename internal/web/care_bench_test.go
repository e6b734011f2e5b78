package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// Volumes of the follow-up benchmarks: the nurse's team follows
// benchFollowedFamilies files with benchContactsPerFamily contacts each
// (over five years), the nurse being key worker of benchCaseload of them;
// one file has benchBigFile contacts.
const (
	benchFollowedFamilies  = 1000
	benchContactsPerFamily = 100
	benchCaseload          = 40
	benchBigFile           = 300
)

// seedFollowUps writes the followed families and their contacts in large
// transactions through the store (generated history: no audit entries), and
// returns the id of the file with benchBigFile contacts.
func seedFollowUps(b *testing.B, st *store.Store, bt benchTeam) int64 {
	b.Helper()
	ctx := context.Background()
	today := storeToday(st)
	level := care.IntensityLevel{Code: "2", IntervalDays: 14}
	kinds := care.ContactKinds
	outcomes := []care.ContactOutcome{care.ContactDone, care.ContactDone, care.ContactDone, care.ContactMissed, care.ContactCancelled}
	var big int64
	for start := 0; start < benchFollowedFamilies; start += 100 {
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			for i := start; i < start+100; i++ {
				worker := bt.social.ID
				if i < benchCaseload {
					worker = bt.nurse.ID
				}
				f := benchFamily(bt, care.FamilyActive, worker, today.AddDate(-5, 0, 0))
				if err := tx.CreateFamily(ctx, f); err != nil {
					return err
				}
				if err := tx.CreateEnrollment(ctx, &care.Enrollment{FamilyID: f.ID, Programme: "sippe", StartDate: today.AddDate(-5, 0, 0)}); err != nil {
					return err
				}
				if _, err := tx.AddIntensityChange(ctx, f.ID, care.LevelChange{On: today.AddDate(-5, 0, 0), Level: level, Reason: "Banc d’essai"}, worker); err != nil {
					return err
				}
				n := benchContactsPerFamily
				if i == 0 {
					n, big = benchBigFile, f.ID
				}
				for c := 0; c < n; c++ {
					on := today.AddDate(0, 0, -(c*1825)/n)
					outcome := outcomes[c%len(outcomes)]
					if c < 2 {
						on, outcome = today.AddDate(0, 0, c+1), care.ContactPlanned
					}
					contact := care.Contact{FamilyID: f.ID, Kind: kinds[c%len(kinds)], On: on, Minutes: 60, Outcome: outcome,
						Notes: "Visite de suivi, banc d’essai", WorkerIDs: []int64{worker}}
					if err := tx.CreateContact(ctx, &contact, worker); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return big
}

func benchGet(b *testing.B, ts *testServer, path, want string) {
	br := ts.newBrowser(b)
	br.signIn("infirmiere@berceau.example")
	if resp, body := br.get(path); resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
		b.Fatalf("GET %s: status %d, %q missing", path, resp.StatusCode, want)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if resp, _ := br.get(path); resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkFollowUpPageWith300Contacts serves a family's follow-up page
// (level, rhythm, every contact, plan, referrals) over real HTTP, for a file
// with 300 contacts in a network of 1,000 followed files and 100,300
// contacts.
func BenchmarkFollowUpPageWith300Contacts(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	bt := loadBenchTeam(b, ts.store)
	start := time.Now()
	id := seedFollowUps(b, ts.store, bt)
	b.Logf("seeded %d files and %d contacts in %s", benchFollowedFamilies, benchFollowedFamilies*benchContactsPerFamily+benchBigFile-benchContactsPerFamily, time.Since(start))
	benchGet(b, ts, "/families/"+itoa(id)+"/follow-up", "Banc-Essai")
}

// BenchmarkMyDay serves the nurse's day (40 files as key worker, planned
// contacts of the week, families behind, referrals and reassessments due)
// in the same network.
func BenchmarkMyDay(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	bt := loadBenchTeam(b, ts.store)
	seedFollowUps(b, ts.store, bt)
	benchGet(b, ts, "/my-day", "Banc-Essai")
}
