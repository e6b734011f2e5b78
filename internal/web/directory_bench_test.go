package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
)

// BenchmarkDirectorySearchPageAtScale serves /directory from a database
// imported by scripts/directory-load.sh (100 000 services), through the whole
// middleware chain, 16 requests at a time, without the page cache, to profile
// what a request costs:
//
//	BERCEAU_DIRECTORY_DB=/tmp/berceau.db go test -run X -bench DirectorySearchPageAtScale -cpuprofile cpu.out ./internal/web/
//
// Without BERCEAU_DIRECTORY_DB it is skipped.
func BenchmarkDirectorySearchPageAtScale(b *testing.B) {
	db := os.Getenv("BERCEAU_DIRECTORY_DB")
	if db == "" {
		b.Skip("BERCEAU_DIRECTORY_DB is not set")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	bundle, err := i18n.Load(log)
	if err != nil {
		b.Fatal(err)
	}
	box, _ := auth.NewSecretBox(auth.DeriveKey("web bench secret key"))
	srv, err := New(app.New(st, log, app.Options{SecretBox: box}), bundle, log, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := srv.app.Directory.DirectoryIndex(ctx); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"q=famille", "q=p%C3%A9diatr", "q=allaitement&lang=ar&week=20", "need=food&near=H1G+3K3",
		"q=consultation&free=1&open=1"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(8) // 16 on 2 cores, as wrk -c16
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					srv.searchPages.clear() // every request renders its page
					req := httptest.NewRequest("GET", "/directory?"+q, nil)
					req.Header.Set("Accept-Language", "fr-CA")
					rec := httptest.NewRecorder()
					srv.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Errorf("status %d", rec.Code)
						return
					}
				}
			})
		})
	}
}
