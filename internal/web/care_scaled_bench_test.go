package web

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
)

// BenchmarkScaledPages serves the pages of scripts/load-followup.sh in
// process, on the scaled demo, so that a CPU profile shows where their time
// goes: BERCEAU_BENCH_SCALED_DB names a SQLite file, filled on first use with
// BERCEAU_BENCH_SCALED_FAMILIES families (default 10000; about 70 s) and
// kept for later runs. Skipped when unset.
//
//	BERCEAU_BENCH_SCALED_DB=/tmp/scaled.db go test -run X -bench ScaledPages -cpuprofile cpu.out ./internal/web/
func BenchmarkScaledPages(b *testing.B) {
	path := os.Getenv("BERCEAU_BENCH_SCALED_DB")
	if path == "" {
		b.Skip("BERCEAU_BENCH_SCALED_DB is not set")
	}
	families := 10000
	if n, err := strconv.Atoi(os.Getenv("BERCEAU_BENCH_SCALED_FAMILIES")); err == nil && n > 0 {
		families = n
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	ts := newTestServer(b, st, Options{})
	hasher := auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)
	box, _ := auth.NewSecretBox(auth.DeriveKey("web test secret key"))
	report, err := demo.Scale(ctx, st, hasher, box, families)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("scaled demo: %d families (already loaded: %v), showcase family %d", report.Families, report.AlreadyLoaded, report.ShowcaseFamilyID)
	// One sign-in for both pages: a second-factor code is used once.
	br := ts.newBrowser(b)
	br.signIn("infirmiere@berceau.example")
	for name, path := range map[string]string{"my-day": "/my-day", "follow-up-300": "/families/" + itoa(report.ShowcaseFamilyID) + "/follow-up"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if resp, _ := br.get(path); resp.StatusCode != http.StatusOK {
					b.Fatalf("GET %s: %d", path, resp.StatusCode)
				}
			}
		})
	}
}
