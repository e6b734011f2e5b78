package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/hsds"
)

const exportUsage = "usage: berceau export hsds [--db ...] [--format csv|json] [--public] PATH   (csv: a folder; json: a file of services)"

// runExport writes the whole directory as HSDS 3.1, validated against the
// official schemas before anything is written.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "hsds" {
		return usageError{exportUsage}
	}
	var format string
	var public bool
	cfg, paths, err := parseFlagsAnywhere("export hsds", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "csv", "csv (a tabular data package in a folder) or json (a file of services)")
		fs.BoolVar(&public, "public", false, "leave out professionals-only fields and redacted addresses")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(paths) != 1 || (format != "csv" && format != "json") {
		return usageError{exportUsage}
	}
	log := newLogger(cfg, stderr)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	a := app.New(st, log, app.Options{Hasher: newHasher(cfg)})
	defer a.Close() // before st.Close (deferred first)
	// The export is read as its reader may read it: the operator, or with
	// --public an anonymous visitor (the same rule as the pages and the API).
	operator := berceau.System("cli")
	reader := operator
	if public {
		reader = berceau.Anonymous("")
	}
	ds, err := a.Directory.ExportDirectory(ctx, operator, reader)
	if err != nil {
		return err
	}
	// Values stored before the domain refused them are left out, each
	// named here, rather than failing the whole export.
	for _, w := range ds.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	audience := app.DirectoryAudience(reader)
	out := paths[0]
	if format == "csv" {
		err = hsds.WriteCSV(out, ds, audience)
	} else {
		err = writeJSONFile(out, ds, audience)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported %d organisations, %d locations, %d services to %s (HSDS %s, %s, valid)\n",
		len(ds.Organizations), len(ds.Locations), len(ds.Services), out, hsds.Version, format)
	return nil
}

// writeJSONFile writes through a temporary file, so a failed export leaves
// no half file behind.
func writeJSONFile(path string, ds *hsds.Dataset, a hsds.Audience) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := hsds.WriteJSON(tmp, ds, a); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
