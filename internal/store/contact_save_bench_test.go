package store_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
)

// BenchmarkRecordContactSummaryOverhead measures what keeping the
// indicators' summaries adds to saving a contact as a key worker does it
// (issue 17: goal under 10 %): the application's RecordContact, which
// checks the family's scope and the workers, writes the contact and its
// audit entry and commits them, on the demo network with its two years of
// history and 100,000 more contacts, as the site coordinator, for each
// family of her site in turn, over the last two years (each family's
// month tallied a few times, as in use; a benchmark that saved to two
// families only would rewrite the same rows thousands of times and time
// PostgreSQL's dead row versions). Rounds of saves with every summary trigger (all) and without
// any (none) alternate as in BenchmarkContactSaveSummaryOverhead, whose
// figure is the store's insert alone, the summaries' worst case. It
// reports the medians per save: this process's CPU on SQLite (the
// database works in it), wall time on both. Run with -benchtime 1x.
func BenchmarkRecordContactSummaryOverhead(b *testing.B) {
	for _, engine := range testdb.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			st := testutil.OpenStore(b, engine)
			hasher := auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)
			box, _ := auth.NewSecretBox(auth.DeriveKey("benchmark secret key"))
			if _, err := demo.Load(ctx, st, hasher, box); err != nil {
				b.Fatal(err)
			}
			a := app.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{Hasher: hasher, SecretBox: box})
			defer a.Close()
			var coordinator berceau.Actor
			if err := st.ReadTx(ctx, func(tx *store.Tx) error {
				u, err := tx.UserByEmail(ctx, "coordination@berceau.example")
				if err != nil {
					return err
				}
				coordinator, err = a.Accounts.ActorFor(ctx, u.ID, "192.0.2.1")
				return err
			}); err != nil {
				b.Fatal(err)
			}
			coordinator.SecondFactor = true
			families, err := a.Care.ListFamilies(ctx, coordinator)
			if err != nil || len(families) < 20 {
				b.Fatalf("the coordinator's families: %d, %v", len(families), err)
			}
			today := a.Now().UTC().Truncate(24 * time.Hour)
			day := today.AddDate(-2, 0, 0)
			var bulk []care.Contact
			for i := 0; i < 100_000; i++ {
				bulk = append(bulk, care.Contact{FamilyID: families[i%len(families)].ID, Kind: care.ContactHomeVisit, On: day.AddDate(0, 0, i%730),
					Minutes: 30, Outcome: care.ContactDone, WorkerIDs: []int64{coordinator.User.ID}})
			}
			if err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.BulkContacts(ctx, bulk, coordinator.User.ID) }); err != nil {
				b.Fatal(err)
			}
			store.Settle(b, st)
			suspend, restore := store.SummaryTriggerSwitch(b, st)
			n := 0
			store.SummaryOverhead(b, engine == "sqlite", suspend, restore, func() {
				c := care.Contact{FamilyID: families[n%len(families)].ID, Kind: []care.ContactKind{care.ContactHomeVisit, care.ContactCall, care.ContactGroupMeeting}[n%3],
					On: day.AddDate(0, 0, (n*37)%730), Minutes: 15, Outcome: care.ContactDone}
				n++
				if _, err := a.Care.RecordContact(ctx, coordinator, c); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
