package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/app"
)

const indicatorsUsage = "usage: berceau indicators --from YYYY-MM-DD --to YYYY-MM-DD [--site SLUG] [--indicator CODE] [--by DIM[,DIM]] [--deidentified] [--format csv|json] [--db ...]"

// runIndicators prints indicators computed from the database, as the
// operator: every site, or one; aggregates only (with --deidentified, as
// an evaluator sees them: small cells and their complements suppressed).
func runIndicators(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var from, to, site, format, code, by string
	var deidentified bool
	cfg, rest, err := parseFlagsAnywhere("indicators", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&from, "from", "", "first day of the period (YYYY-MM-DD)")
		fs.StringVar(&to, "to", "", "last day of the period (YYYY-MM-DD), included")
		fs.StringVar(&site, "site", "", "one site, by its slug (default: every site)")
		fs.StringVar(&code, "indicator", "", "one indicator, by its code (default: every indicator)")
		fs.StringVar(&by, "by", "", "up to two breakdowns, comma-separated: site, team, programme, level, month, quarter, year, basis, kind, service, outcome, orientation, closure_reason, sector, discipline")
		fs.BoolVar(&deidentified, "deidentified", false, "suppress small cells and their complements, as evaluators see them")
		fs.StringVar(&format, "format", "csv", "csv or json")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) != 0 || (format != "csv" && format != "json") {
		return usageError{indicatorsUsage}
	}
	f, errF := time.Parse(time.DateOnly, from)
	t, errT := time.Parse(time.DateOnly, to)
	period, ok := indicator.NewPeriod(f, t)
	if errF != nil || errT != nil || !ok {
		return usageError{indicatorsUsage + "\n--from and --to are days (YYYY-MM-DD), --to not before --from, at most ten years apart"}
	}
	req := app.IndicatorRequest{Period: period, Deidentified: deidentified}
	if code != "" {
		req.Codes = []string{code}
	}
	if by != "" {
		dims := strings.Split(by, ",")
		if len(dims) > 2 {
			return usageError{indicatorsUsage + "\n--by takes two breakdowns at most"}
		}
		for i, d := range dims {
			req.By[i] = indicator.Dimension(strings.TrimSpace(d))
			if !req.By[i].Valid() {
				return usageError{fmt.Sprintf("%s\nunknown breakdown %q", indicatorsUsage, d)}
			}
		}
	}
	log := newLogger(cfg, stderr)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	a := app.New(st, log, app.Options{Hasher: newHasher(cfg)})
	defer a.Close() // before st.Close (deferred first)
	operator := berceau.System("cli")
	req.SiteSlug = site
	rep, err := a.Indicators.Compute(ctx, operator, req)
	if err != nil {
		return err
	}
	rows := rep.Rows(nil)
	if format == "json" {
		return app.WriteIndicatorJSON(stdout, rows)
	}
	return app.WriteIndicatorCSV(stdout, app.IndicatorCSVHeader, rows)
}
