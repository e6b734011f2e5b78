package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestDemoLibraryHasTwelveResourcesWithSearchableText: twelve resources of
// mixed audiences, PDFs whose words were extracted, one document with two
// versions; loading twice adds nothing.
func TestDemoLibraryHasTwelveResourcesWithSearchableText(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		hasher := auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)
		box, _ := auth.NewSecretBox(auth.DeriveKey("demo library test"))
		for range 2 {
			if _, err := Load(ctx, st, hasher, box); err != nil {
				t.Fatal(err)
			}
		}
		var entries []knowledge.LibraryEntry
		twoVersions := 0
		err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			if entries, err = tx.LibraryEntries(ctx); err != nil {
				return err
			}
			for _, e := range entries {
				vs, err := tx.ResourceVersions(ctx, e.Resource.ID)
				if err != nil {
					return err
				}
				if len(vs) == 2 && vs[1].Superseded && !vs[0].Superseded {
					twoVersions++
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		audiences := map[knowledge.Audience]int{}
		withWords := 0
		for _, e := range entries {
			audiences[e.Resource.Audience]++
			if strings.Contains(e.FileWords, "securite") || strings.Contains(e.FileWords, "congelateur") {
				withWords++
			}
		}
		if len(entries) != 12 || twoVersions != 1 || audiences[knowledge.AudienceMembers] == 0 || audiences[knowledge.AudienceStaff] == 0 ||
			withWords < 2 {
			t.Fatalf("%d resources, %d with two versions, audiences %v, %d PDFs with their words", len(entries), twoVersions, audiences, withWords)
		}
	})
}
