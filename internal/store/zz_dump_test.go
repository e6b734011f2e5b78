package store

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/indicator"
)

func TestZZDumpMeasureSQL(t *testing.T) {
	if os.Getenv("DUMP_SQL") == "" {
		t.Skip()
	}
	loadRegistry()
	p, _ := indicator.NewPeriod(time.Date(2025, 12, 3, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	var out strings.Builder
	out.WriteString(".timer on\n")
	for _, name := range MeasureNames() {
		e := entries[name]
		var args []any
		src := e.sql
		if e.fast != "" {
			src = e.fast
		}
		sql, err := sqliteDialect.expandTokens(src, indicator.Query{Period: p, StaleMonths: 12}, &args)
		if err != nil {
			t.Fatal(err)
		}
		for i := len(args); i >= 1; i-- {
			sql = strings.ReplaceAll(sql, fmt.Sprintf("?%d", i), "'"+args[i-1].(string)+"'")
		}
		fmt.Fprintf(&out, ".print %s\n%s\n", name, strings.Join(strings.Fields("WITH fam AS "+familiesDims+", m (family_id, site_id, team_id, programme, level, day, cat, cat2, value) AS ("+sql+") SELECT COUNT(*), COUNT(DISTINCT family_id) FROM m;"), " "))
	}
	_ = context.Background()
	os.WriteFile(os.Getenv("DUMP_SQL"), []byte(out.String()), 0o644)
}
