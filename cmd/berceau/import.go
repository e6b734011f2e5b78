package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/hsds"
	"golang.org/x/term"
)

const importUsage = "usage: berceau import hsds [--db ...] [--lang fr|en] PATH   (a folder or zip with datapackage.json, or a JSON file of services)"

// runImport reads an HSDS 3.1 input into the directory: all of it, or
// nothing when any row is invalid (each problem is printed with its file,
// row and field).
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "hsds" {
		return usageError{importUsage}
	}
	var lang string
	cfg, paths, err := parseFlagsAnywhere("import hsds", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&lang, "lang", "fr", "language of HSDS text fields that carry no Berceau fr./en. attribute: fr or en")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(paths) != 1 || (lang != "fr" && lang != "en") {
		return usageError{importUsage}
	}
	ds, err := hsds.Read(paths[0], hsds.Options{Lang: lang})
	var problems hsds.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(stderr, p.String())
		}
		return fmt.Errorf("%d invalid values: nothing imported", len(problems))
	}
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	a := app.New(st, log, app.Options{Hasher: newHasher(cfg)})
	defer a.Close() // before st.Close (deferred first)
	progress := progressBar(stderr)
	sum, err := a.Directory.ImportDirectory(ctx, berceau.System("cli"), ds, progress)
	if progress != nil {
		fmt.Fprintln(stderr)
	}
	var invalid *berceau.Error
	if errors.As(err, &invalid) && invalid.Kind == berceau.KindInvalid && len(invalid.Fields) > 0 {
		// One line per record and field at fault, like the reader's problems.
		lines := make([]string, 0, len(invalid.Fields))
		for field, key := range invalid.Fields {
			msg, ok := importMessages[key]
			if !ok {
				msg = key
			}
			lines = append(lines, field+": "+msg)
		}
		sort.Strings(lines)
		for _, l := range lines {
			fmt.Fprintln(stderr, l)
		}
		return fmt.Errorf("%d invalid values: nothing imported", len(lines))
	}
	if err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	fmt.Fprintf(stdout, "imported %d organisations, %d locations, %d services, %d taxonomy terms, %d history rows (%d matched by external identifier)\n",
		sum.Organizations, sum.Locations, sum.Services, sum.Terms, sum.History, sum.Remapped)
	return nil
}

// progressBar draws on w when w is a terminal, and is nil otherwise, so
// that logs and pipes get no control characters.
func progressBar(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return func(done, total int) {
		const width = 40
		filled := width * done / max(total, 1)
		fmt.Fprintf(w, "\r[%s%s] %d/%d services", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
	}
}

// importMessages say in words (English, like the reader's problems) what
// the domain's checks refused.
var importMessages = map[string]string{
	berceau.KeyTooLong:               "too long",
	berceau.KeyURLInvalid:            "not an absolute http or https address",
	berceau.KeyEmailInvalid:          "not one e-mail address",
	"error.required":                 "required",
	"directory.error.id_invalid":     "not a UUID",
	"directory.error.range_invalid":  "range not valid",
	"directory.error.status_invalid": "unknown status",
}
