package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestTextsKeepTheirDutchInTheOlderTables: events, cycles and taxonomy
// terms keep French and English in their columns and any other language in
// their translations column; all come back, on both engines, and a row
// written before the column existed ("{}") reads as French and English.
func TestTextsKeepTheirDutchInTheOlderTables(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		title := berceau.TextOf("fr", "Atelier portage", "en", "Babywearing workshop", "nl", "Workshop draagdoek")
		body := berceau.TextOf("fr", "Apprendre", "nl", "Leren")
		start := time.Date(2027, 3, 4, 9, 0, 0, 0, time.UTC)
		e := knowledge.Event{Kind: knowledge.KindWorkshop, Title: title, Summary: berceau.TextOf("fr", "Résumé"), Body: body,
			Place: knowledge.Place{Kind: knowledge.PlaceAddress, Address: "Rue de la Victoire 96, 1060 Bruxelles"},
			Start: start, End: start.Add(2 * time.Hour), TimeZone: "Europe/Brussels", Audience: knowledge.AudiencePublic, Free: true}
		c := knowledge.Cycle{Title: berceau.TextOf("fr", "Cycle", "nl", "Cyclus")}
		term := directory.TaxonomyTerm{ID: directory.NameUUID("test-term"), TaxonomyID: directory.NeedsTaxonomy.ID, Code: "test",
			Name: berceau.TextOf("fr", "Essai", "en", "Test", "nl", "Proef")}
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateCycle(ctx, &c); err != nil {
				return err
			}
			if err := tx.CreateEvent(ctx, &e); err != nil {
				return err
			}
			return tx.PutTaxonomyTerm(ctx, term)
		})
		if err != nil {
			t.Fatal(err)
		}
		var got knowledge.Event
		var cycle knowledge.Cycle
		var terms []directory.TaxonomyTerm
		err = st.ReadTx(ctx, func(tx *store.Tx) error {
			var err error
			if got, err = tx.EventByID(ctx, e.ID); err != nil {
				return err
			}
			if cycle, err = tx.CycleByID(ctx, c.ID); err != nil {
				return err
			}
			terms, err = tx.TaxonomyTerms(ctx, directory.NeedsTaxonomy.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !got.Title.Equal(title) || !got.Body.Equal(body) || got.Summary.Get("nl") != "" {
			t.Errorf("event texts: %v %q / %v", got.Title.Langs(), got.Title.Get("nl"), got.Body.Langs())
		}
		if cycle.Title.Get("nl") != "Cyclus" {
			t.Errorf("cycle title: %v", cycle.Title.Langs())
		}
		found := false
		for _, tt := range terms {
			if tt.ID == term.ID {
				found = tt.Name.Equal(term.Name)
			}
		}
		if !found {
			t.Error("the term's Dutch name was lost")
		}
		// Dutch removed: the translations column forgets it.
		got.Title.Set("nl", "")
		if err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.UpdateEvent(ctx, &got) }); err != nil {
			t.Fatal(err)
		}
		_ = st.ReadTx(ctx, func(tx *store.Tx) error { got, err = tx.EventByID(ctx, e.ID); return err })
		if got.Title.Get("nl") != "" || got.Body.Get("nl") != "Leren" {
			t.Errorf("after removing the Dutch title: %v, body %v", got.Title.Langs(), got.Body.Langs())
		}
	})
}
