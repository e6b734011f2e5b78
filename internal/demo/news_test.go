package demo

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestTheDemoHasEightNewsInBothLanguagesAndTenOutreachEntries: three
// categories, eight published articles in French and English (one for
// members, two with a described picture), ten outreach entries of every
// kind with valid DOIs, some authored by demo accounts; loaded once however
// often the demo loads.
func TestTheDemoHasEightNewsInBothLanguagesAndTenOutreachEntries(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 2, 16, 10, 0, 0, 0, time.UTC)
		st.SetClock(func() time.Time { return now })
		for range 2 {
			if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
				t.Fatal(err)
			}
		}
		var items []knowledge.NewsItem
		var cats []knowledge.NewsCategory
		var entries []knowledge.OutreachEntry
		err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			if cats, err = tx.NewsCategories(ctx); err != nil {
				return err
			}
			if items, _, err = tx.NewsList(ctx, store.NewsQuery{}); err != nil {
				return err
			}
			entries, _, err = tx.OutreachEntries(ctx, knowledge.OutreachFilter{})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(cats) != 3 || len(items) != 8 || len(entries) != 10 {
			t.Fatalf("%d categories, %d articles, %d outreach entries", len(cats), len(items), len(entries))
		}
		members, pictures := 0, 0
		for _, n := range items {
			if n.Title.Get("fr") == "" || n.Title.Get("en") == "" || n.Body.Get("fr") == "" || n.Body.Get("en") == "" || !n.Visible(now) {
				t.Errorf("article %s: not in both languages or not published", n.Slug)
			}
			if err := n.Validate(n.ImageType != ""); err != nil {
				t.Errorf("article %s: %v", n.Slug, err)
			}
			if n.Audience == knowledge.AudienceMembers {
				members++
			}
			if n.ImageType != "" {
				pictures++
			}
		}
		if members != 1 || pictures != 2 {
			t.Errorf("%d members' articles, %d pictures", members, pictures)
		}
		kinds, linked, dois := map[knowledge.OutreachKind]int{}, 0, 0
		for _, e := range entries {
			kinds[e.Kind]++
			if err := e.Validate(); err != nil {
				t.Errorf("entry %q: %v", e.Title, err)
			}
			if e.DOI != "" {
				dois++
			}
			for _, a := range e.Authors {
				if a.UserID != 0 {
					linked++
					break
				}
			}
		}
		if len(kinds) != 4 || dois < 4 || linked < 5 {
			t.Errorf("kinds %v, %d DOIs, %d entries by network people", kinds, dois, linked)
		}
	})
}
