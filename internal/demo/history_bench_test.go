package demo

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
)

// BenchmarkLoadHistory measures what the history adds to loading the small
// demo: each iteration loads the present-day demo on a fresh store (timer
// stopped), then the history alone. See PERFORMANCE.md (issue 17, demo
// history).
func BenchmarkLoadHistory(b *testing.B) {
	for _, engine := range testdb.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := testutil.OpenStore(b, engine)
				st.SetClock(func() time.Time { return now })
				if err := loadPresent(ctx, st, cheapHasher, testBox); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := LoadHistory(ctx, st, cheapHasher, testBox); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
