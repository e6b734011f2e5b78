package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// BenchmarkIndicatorsScaled computes each indicator of the catalogue as
// the network dashboard does (the last twelve months by the indicator's
// period, its margins, the previous period), cold (no cache), then the
// whole dashboard cold and warm, on a database loaded with `berceau demo
// --families 10000` named by BERCEAU_SCALED_DB (a SQLite path or a
// PostgreSQL URL). docs/PERFORMANCE.md, "Indicators", has the figures.
func BenchmarkIndicatorsScaled(b *testing.B) {
	path := os.Getenv("BERCEAU_SCALED_DB")
	if path == "" {
		b.Skip("BERCEAU_SCALED_DB names no scaled demo database")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Hasher: cheapHasher})
	defer a.Close()
	operator := berceau.System("bench")
	today := indicator.Day(a.Now())
	p, _ := indicator.NewPeriod(today.AddDate(-1, 0, 1), today)
	defs, err := a.Indicators.Catalogue(ctx, operator)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range defs {
		b.Run(d.Code, func(b *testing.B) {
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				a.Indicators.cache, a.Indicators.recent = &measureCache{}, &recentResults{}
				if _, err := a.Indicators.Compute(ctx, operator, IndicatorRequest{Period: p, Codes: []string{d.Code}, ByPeriod: true, Compare: true}); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	}
	b.Run("dashboard_cold", func(b *testing.B) {
		cpu := cpuTime()
		defer reportCPU(b, cpu)
		for i := 0; i < b.N; i++ {
			a.Indicators.cache, a.Indicators.recent = &measureCache{}, &recentResults{}
			if _, err := a.Indicators.Compute(ctx, operator, IndicatorRequest{Period: p, ByPeriod: true, Compare: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The dashboard asked again just after someone saved something (the
	// data's generation moved): answered with the figures computed before,
	// while they are brought up to date in the background (not timed).
	b.Run("dashboard_after_a_save", func(b *testing.B) {
		a.Indicators.cache, a.Indicators.recent = &measureCache{}, &recentResults{}
		req := IndicatorRequest{Period: p, ByPeriod: true, Compare: true}
		if _, err := a.Indicators.Compute(ctx, operator, req); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := st.WriteTx(ctx, func(*store.Tx) error { return nil }); err != nil {
				b.Fatal(err)
			}
			if _, err := a.Indicators.Compute(ctx, operator, req); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			for a.Indicators.recent.refreshes() > 0 {
				time.Sleep(time.Millisecond)
			}
			b.StartTimer()
		}
	})
	// The dashboard asked again with nothing saved since: its first
	// computation is not timed (before the seventh sitting it was, and the
	// figure was about a third of a cold one).
	b.Run("dashboard_warm", func(b *testing.B) {
		a.Indicators.cache, a.Indicators.recent = &measureCache{}, &recentResults{}
		if _, err := a.Indicators.Compute(ctx, operator, IndicatorRequest{Period: p, ByPeriod: true, Compare: true}); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := a.Indicators.Compute(ctx, operator, IndicatorRequest{Period: p, ByPeriod: true, Compare: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cpuTime is the CPU time this process has used (user and system): on a
// shared machine, a steadier figure than the wall clock.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// reportCPU reports the CPU milliseconds per operation since start, and
// the wall milliseconds, beside ns/op.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/1e6, "ms/op")
}
