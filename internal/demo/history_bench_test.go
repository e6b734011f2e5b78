package demo

import (
	"context"
	"syscall"
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
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := testutil.OpenStore(b, engine)
				st.SetClock(func() time.Time { return now })
				if err := loadPresent(ctx, st, cheapHasher, testBox); err != nil {
					b.Fatal(err)
				}
				before := cpuTime()
				b.StartTimer()
				if err := LoadHistory(ctx, st, cheapHasher, testBox); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cpuTime() - before
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
