package demo

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestTheDemoAgendaHasTheBassinSudCycleAndOneEventOfEachSort: the cycle's
// three sessions (one past, two open, in Brussels' zone), a training day
// in Montréal, a webinar online, an open house, each in French and
// English, loaded once however often the demo loads.
func TestTheDemoAgendaHasTheBassinSudCycleAndOneEventOfEachSort(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 2, 16, 10, 0, 0, 0, time.UTC)
		st.SetClock(func() time.Time { return now })
		for range 2 {
			if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
				t.Fatal(err)
			}
		}
		var events []knowledge.Event
		var cycles []knowledge.Cycle
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			if cycles, err = tx.Cycles(ctx); err != nil {
				return err
			}
			all, err := tx.Events(ctx, knowledge.EventFilter{}, store.EventReach{All: true})
			for _, e := range all {
				// The demo trainings' sessions are events too (training.go's test counts them).
				if training, err := tx.TrainingOfEvent(ctx, e.ID); err != nil {
					return err
				} else if training == 0 {
					events = append(events, e)
				}
			}
			return err
		})
		if len(cycles) != 1 || cycles[0].Title.Get("fr") != "Rencontres périnatalité 2026" || len(events) != 6 {
			t.Fatalf("%d cycles, %d events", len(cycles), len(events))
		}
		sessions, past, kinds, zones := 0, 0, map[knowledge.EventKind]int{}, map[string]int{}
		for _, e := range events {
			if e.Title.Get("fr") == "" || e.Title.Get("en") == "" || e.Summary.Get("fr") == "" || e.Summary.Get("en") == "" {
				t.Errorf("%s is not in both languages", e.Title.Get("fr"))
			}
			if err := e.Validate(); err != nil {
				t.Errorf("%s: %v", e.Title.Get("fr"), err)
			}
			kinds[e.Kind]++
			zones[e.TimeZone]++
			if e.CycleID == cycles[0].ID {
				sessions++
				if e.Past(now) {
					past++
				} else if !e.RegistrationOpen(now) {
					t.Errorf("%s is not open", e.Title.Get("fr"))
				}
			}
		}
		if sessions != 3 || past != 1 {
			t.Errorf("%d sessions, %d past; want 3 and 1", sessions, past)
		}
		for _, k := range []knowledge.EventKind{knowledge.KindMeeting, knowledge.KindTraining, knowledge.KindWebinar, knowledge.KindOpenHouse} {
			if kinds[k] == 0 {
				t.Errorf("no %s in the demo", k)
			}
		}
		if zones["Europe/Brussels"] == 0 || zones["America/Toronto"] == 0 {
			t.Errorf("zones %v", zones)
		}
	})
}
