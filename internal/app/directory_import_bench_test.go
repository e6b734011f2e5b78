package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// BenchmarkImportGeneratedPackage reads and imports a package written by
// tools/gendirectory into a fresh SQLite file, once, to profile the import:
//
//	go run ./tools/gendirectory -n 100000 /tmp/hsds-100k
//	BERCEAU_HSDS_PACKAGE=/tmp/hsds-100k go test -run X -bench ImportGeneratedPackage -benchtime 1x -cpuprofile cpu.out -memprofile mem.out ./internal/app/
//
// Without BERCEAU_HSDS_PACKAGE it is skipped.
func BenchmarkImportGeneratedPackage(b *testing.B) {
	pkg := os.Getenv("BERCEAU_HSDS_PACKAGE")
	if pkg == "" {
		b.Skip("BERCEAU_HSDS_PACKAGE is not set")
	}
	ctx := context.Background()
	for b.Loop() {
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "berceau.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		ds, err := hsds.Read(pkg, hsds.Options{Lang: "fr"})
		if err != nil {
			b.Fatal(err)
		}
		a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
		if _, err := a.Directory.ImportDirectory(ctx, berceau.System("bench"), ds, nil); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}
