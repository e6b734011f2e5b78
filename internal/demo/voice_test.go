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
// three sites (and the history's families' answers), each site above the
// small-cell threshold; comments shared, hidden and pending; loading twice
// adds nothing.
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
			// LoadVoice's 41, and the answers of the history's families
			// (at reassessments and closures) in those months.
			want := 41
			for _, h := range historyPlan(now) {
				for _, on := range h.voice {
					if p := indicator.VoicePeriod(on); p >= "2026-07" && p <= "2026-12" {
						want++
					}
				}
			}
			if total != want || len(perSite) != 3 {
				t.Fatalf("%d responses at %d sites, want %d at 3", total, len(perSite), want)
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
			// LoadVoice's 5 pending, 3 shared and 1 hidden, and the history's
			// comments of the year.
			wantStates := map[indicator.VoiceCommentState]int{indicator.VoicePending: 5, indicator.VoiceShared: 3, indicator.VoiceHidden: 1}
			for _, c := range historyComments {
				if indicator.VoicePeriod(now.AddDate(0, -c.months, 0)) >= "2026-01" {
					wantStates[c.state]++
				}
			}
			for s, n := range wantStates {
				if states[s] != n {
					t.Fatalf("comments by state %v, want %v", states, wantStates)
				}
			}
			return nil
		})
	})
}
