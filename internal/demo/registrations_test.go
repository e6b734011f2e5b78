package demo

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestTheDemoRegistrations: the past Bassin Sud session has attendance,
// hours and feedback, with no general practitioner, gynaecologist nor
// hospital; the second session is full with three people waiting;
// members and guests in both languages; loading twice adds nothing.
func TestTheDemoRegistrations(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 2, 16, 10, 0, 0, 0, time.UTC)
		st.SetClock(func() time.Time { return now })
		for range 2 {
			if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
				t.Fatal(err)
			}
		}
		counts := func(uid string) (knowledge.Event, map[knowledge.RegistrationState]int, map[knowledge.Sector]bool, map[string]bool, int) {
			states, sectors, langs := map[knowledge.RegistrationState]int{}, map[knowledge.Sector]bool{}, map[string]bool{}
			var e knowledge.Event
			feedback := 0
			_ = st.ReadTx(ctx, func(tx *store.Tx) error {
				events, err := tx.Events(ctx, knowledge.EventFilter{}, store.EventReach{All: true})
				if err != nil {
					return err
				}
				for _, ev := range events {
					if ev.UID == directory.NameUUID(uid) {
						e = ev
					}
				}
				list, err := tx.EventRegistrations(ctx, e.ID)
				for _, r := range list {
					states[r.State]++
					sectors[r.Sector] = true
					langs[r.Language] = true
				}
				fb, _ := tx.EventFeedback(ctx, e.ID)
				feedback = len(fb)
				return err
			})
			return e, states, sectors, langs, feedback
		}
		_, past, sectors, langs, feedback := counts("demo-event:bassin-sud-1")
		if past[knowledge.StateAttended] < 8 || past[knowledge.StateNoShow] != 1 || past[knowledge.StateCancelled] != 1 || feedback != 5 {
			t.Fatalf("past session: %v, %d feedback", past, feedback)
		}
		if sectors[knowledge.SectorGeneralPractice] || sectors[knowledge.SectorObstetrics] || sectors[knowledge.SectorHospital] || !langs["en"] || !langs["fr"] {
			t.Fatalf("past session's sectors %v, languages %v", sectors, langs)
		}
		full, open, _, _, _ := counts("demo-event:bassin-sud-2")
		if open[knowledge.StateRegistered] != full.Capacity || open[knowledge.StateWaitlisted] != 3 {
			t.Fatalf("open session (%d places): %v", full.Capacity, open)
		}
	})
}
