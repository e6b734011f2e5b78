package demo

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestTheDemoVoice: 41 anonymous responses over the last six months at the
// three sites, each site above the small-cell threshold; comments shared,
// hidden and pending; loading twice adds nothing.
func TestTheDemoVoice(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		st.SetClock(func() time.Time { return now })
		for range 2 {
			if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
				t.Fatal(err)
			}
		}
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			counts, err := tx.VoiceCounts(ctx, "2026-07", "2026-12")
			if err != nil {
				t.Fatal(err)
			}
			perSite, total := map[int64]int{}, 0
			for _, c := range counts {
				if c.QuestionID == 0 {
					perSite[c.SiteID] += c.Count
					total += c.Count
				}
			}
			if total != 41 || len(perSite) != 3 {
				t.Fatalf("%d responses at %d sites, want 41 at 3", total, len(perSite))
			}
			for site, n := range perSite {
				if n < indicator.DefaultVoiceMinResponses {
					t.Errorf("site %d has %d responses: under the threshold, the demo would show nothing", site, n)
				}
			}
			states := map[indicator.VoiceCommentState]int{}
			for _, s := range []indicator.VoiceCommentState{indicator.VoicePending, indicator.VoiceShared, indicator.VoiceHidden} {
				list, err := tx.VoiceComments(ctx, store.VoiceCommentFilter{State: s, AllSites: true, From: "2026-01", To: "2026-12"})
				if err != nil {
					t.Fatal(err)
				}
				states[s] = len(list)
			}
			if states[indicator.VoicePending] != 5 || states[indicator.VoiceShared] != 3 || states[indicator.VoiceHidden] != 1 {
				t.Fatalf("comments by state %v, want 5 pending, 3 shared, 1 hidden", states)
			}
			return nil
		})
	})
}
