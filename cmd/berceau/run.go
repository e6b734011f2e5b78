package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/config"
	"github.com/berceau/berceau/internal/store"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usageText = `Berceau: a platform for social perinatal care networks.

Usage:
  berceau serve   [--addr 127.0.0.1:8080] [--db PATH_OR_DSN]   run the server
  berceau demo    [--addr ...] [--db ...] [--families N]        migrate, load the demo network (N generated families more), run the server
  berceau migrate [--db ...]                                    apply pending database migrations
  berceau user add [--db ...] [--admin] [--name NAME] EMAIL      create an account (password from the terminal or standard input)
  berceau user outbox [--db ...] [--to EMAIL]                  print the mail waiting to be sent, links included (hidden in /admin/outbox)
  berceau user approve-second-factor-reset [--db ...] EMAIL    approve, as the operator, an administrator's request to remove a second factor
  berceau backup  [--db ...] FILE                               copy the SQLite database (or print the pg_dump command)
  berceau audit verify [--db ...]                               check that the audit trail's hash chain is unbroken
  berceau version [--db ...]                                    print the version (and the database's schema version)
  berceau import hsds [--db ...] [--lang fr|en] PATH            import an HSDS 3.1 package (folder or zip) or JSON file of services into the directory
  berceau export hsds [--db ...] [--format csv|json] [--public] PATH   export the directory as HSDS 3.1 (validated)
  berceau report internships [--db ...] --from 2025-04-01 --to 2026-03-31 [--format text|csv|json] [--lang fr|en]   the internship register's yearly figures
  berceau screen  --programme sippe [--thresholds FILE.csv] [--lang fr|en] < INPUT.json   evaluate eligibility (JSON in, JSON out; no database)

--db is a SQLite file path (default ./data/berceau.db) or a postgres:// DSN.
Every flag can also be set through its BERCEAU_* environment variable;
"berceau COMMAND --help" lists them.
`

// usageError is a mistake in the command line; main exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run is the whole program, so tests can start it exactly as a person would.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr, false)
	case "demo":
		return runServe(ctx, rest, getenv, stdout, stderr, true)
	case "migrate":
		return runMigrate(ctx, rest, getenv, stdout, stderr)
	case "user":
		return runUser(ctx, rest, getenv, stdin, stdout, stderr)
	case "backup":
		return runBackup(ctx, rest, getenv, stdout, stderr)
	case "audit":
		return runAudit(ctx, rest, getenv, stdout, stderr)
	case "screen":
		return runScreen(ctx, rest, getenv, stdin, stdout, stderr)
	case "import":
		return runImport(ctx, rest, getenv, stdout, stderr)
	case "export":
		return runExport(ctx, rest, getenv, stdout, stderr)
	case "report":
		return runReport(ctx, rest, getenv, stdout, stderr)
	case "version", "--version":
		return runVersion(ctx, rest, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageText)
		return nil
	}
	fmt.Fprint(stderr, usageText)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// parseFlags parses a subcommand's flags; --help prints them and succeeds.
func parseFlags(name string, args []string, getenv func(string) string, stderr io.Writer) (config.Config, *flag.FlagSet, error) {
	return parseFlagsWith(name, args, getenv, stderr, nil)
}

// parseFlagsWith also declares a subcommand's own flags.
func parseFlagsWith(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (config.Config, *flag.FlagSet, error) {
	var cfg config.Config
	fs := config.NewFlagSet(name, getenv, stderr, &cfg)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, fs, flag.ErrHelp
		}
		return cfg, fs, usageError{""}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fs, usageError{err.Error()}
	}
	return cfg, fs, nil
}

// parseFlagsAnywhere is parseFlagsWith for commands whose flags may come
// before, between or after their arguments, as the README shows them
// (berceau export hsds --format json FILE --public); "--" ends the flags.
// It returns the arguments that are not flags, in order.
func parseFlagsAnywhere(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (config.Config, []string, error) {
	var positional []string
	var cfg config.Config
	fs := config.NewFlagSet(name, getenv, stderr, &cfg)
	if extra != nil {
		extra(fs)
	}
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return cfg, nil, flag.ErrHelp
			}
			return cfg, nil, usageError{""}
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
	if err := cfg.Validate(); err != nil {
		return cfg, nil, usageError{err.Error()}
	}
	return cfg, positional, nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func newHasher(cfg config.Config) *auth.Hasher {
	return auth.NewHasher(auth.Argon2Params{
		MemoryKiB: uint32(cfg.Argon2MemoryKiB), Iterations: uint32(cfg.Argon2Iterations), Parallelism: 1,
	}, 4)
}

// openMigrated opens the database and applies pending migrations.
func openMigrated(ctx context.Context, cfg config.Config, log *slog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	for _, m := range applied {
		log.Info("migration applied", "version", m.Version, "file", m.Name)
	}
	return st, nil
}

func versionString() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v += " (" + rev
			if dirty {
				v += ", modified"
			}
			v += ")"
		}
		v += " " + info.GoVersion
	}
	return "berceau " + v
}
