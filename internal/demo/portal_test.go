package demo

import (
	"context"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

func TestDemoPortalHasThreePublishedPagesInFrenchAndEnglishOnce(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for range 2 { // loading twice adds nothing
			if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
				t.Fatal(err)
			}
		}
		var pages []knowledge.Page
		var aboutRevisions []knowledge.PageRevision
		err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			if pages, err = tx.PublishedPages(ctx); err != nil {
				return err
			}
			aboutRevisions, err = tx.PageRevisions(ctx, pages[0].ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 3 {
			t.Fatalf("%d published pages, want 3", len(pages))
		}
		for _, p := range pages {
			for _, lang := range []string{"fr", "en"} {
				if p.Title.Get(lang) == "" || p.Summary.Get(lang) == "" || len(p.Body.Get(lang)) < 200 {
					t.Errorf("%s: not written in %s", p.Slug, lang)
				}
			}
		}
		if pages[0].Slug != knowledge.PageAbout || len(aboutRevisions) != 2 || aboutRevisions[0].AuthorName == "" {
			t.Fatalf("the About page's history: %s, %d revisions", pages[0].Slug, len(aboutRevisions))
		}
	})
}
