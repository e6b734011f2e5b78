package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/berceau/berceau/indicator"
)

// measureEntry is one measure of the registry (measure_registry.go): its
// description for the expression language and its SELECT.
type measureEntry struct {
	m   indicator.Measure
	sql string
	// fast is the same measure read from the summary tables kept by
	// triggers (indicator_contact_months), used unless the breakdown asks
	// for one of its categories or a test compares it with sql.
	fast string
	// byMonth and total are the same measure from the tallies' own
	// summaries (indicator_contact_cells, indicator_contact_years), for a
	// breakdown by month (byMonth's rows carry a tenth column, families:
	// the families a summary row counts, which family_id does not name)
	// and for one without a period (total, over at most two calendar
	// years); fast otherwise.
	byMonth, total string
	// postgresFast: fast is PostgreSQL's SQL only (SQLite reads sql).
	postgresFast bool
	// pair names the measure whose rows are these with a condition (the
	// rhythm measured and met): pairTotal yields both at once, each row's
	// value telling whether it meets the condition, and the other is kept
	// for the transaction's next call (a share of the two reads them once).
	pair, pairTotal string
	conditioned     bool
	// twin names the measure read from the same summary rows with another
	// column (a share's numerator and denominator: home visits and contacts
	// held): twinByMonth and twinTotal yield both at once on PostgreSQL
	// (measureTwin), this measure first, and the twin's cells are kept for
	// the transaction's next call.
	twin, twinByMonth, twinTotal string
	// cats are the category dimensions cat and cat2 carry, in order.
	cats []indicator.Dimension
}

// categoryDims are the dimensions a measure's cat/cat2 columns carry.
var categoryDims = map[indicator.Dimension]bool{
	indicator.DimBasis: true, indicator.DimKind: true, indicator.DimService: true, indicator.DimOutcome: true,
	indicator.DimOrientation: true, indicator.DimClosure: true, indicator.DimSector: true, indicator.DimDiscipline: true,
}

// family describes a measure whose rows are families' (small cells are
// suppressed for evaluators); parts are dimensions or lists of them.
func family(name string, agg indicator.Aggregate, parts ...any) indicator.Measure {
	m := indicator.Measure{Name: name, Aggregate: agg, Families: true}
	for _, p := range parts {
		switch p := p.(type) {
		case indicator.Dimension:
			m.Dimensions = append(m.Dimensions, p)
		case []indicator.Dimension:
			m.Dimensions = append(m.Dimensions, p...)
		}
	}
	return m
}

// measure describes a measure of the network (events, directory, training)
// rather than of families.
func measure(name string, agg indicator.Aggregate, unit string, dims ...indicator.Dimension) indicator.Measure {
	return indicator.Measure{Name: name, Aggregate: agg, Unit: unit, Dimensions: dims}
}

func unit(m indicator.Measure, u string) indicator.Measure { m.Unit = u; return m }

var (
	catalogOnce sync.Once
	catalog     indicator.Catalog
	entries     map[string]*measureEntry
)

func loadRegistry() {
	catalogOnce.Do(func() {
		catalog = indicator.Catalog{}
		entries = map[string]*measureEntry{}
		for i := range measureRegistry {
			e := &measureRegistry[i]
			for _, d := range e.m.Dimensions {
				if categoryDims[d] {
					e.cats = append(e.cats, d)
				}
			}
			if len(e.cats) > 2 {
				panic("store: measure " + e.m.Name + " has more than two categories")
			}
			if _, dup := catalog[e.m.Name]; dup {
				panic("store: measure " + e.m.Name + " registered twice")
			}
			catalog[e.m.Name] = e.m
			entries[e.m.Name] = e
		}
	})
}

// MeasureCatalog is every measure indicators may name.
func MeasureCatalog() indicator.Catalog {
	loadRegistry()
	return catalog
}

// MeasureNames lists the registry's measures in its order.
func MeasureNames() []string {
	names := make([]string, 0, len(measureRegistry))
	for _, e := range measureRegistry {
		names = append(names, e.m.Name)
	}
	return names
}

// expandTokens replaces the registry's tokens by the dialect's SQL and the
// period's parameters (one placeholder per occurrence, so both engines
// bind them by position).
func (d *dialect) expandTokens(sql string, q indicator.Query, args *[]any) (string, error) {
	sql = strings.ReplaceAll(sql, "{fam}", "fam")
	sql = strings.ReplaceAll(sql, "{followed}", followedFamilies)
	stale := q.Period.End().AddDate(0, -q.StaleMonths, 0)
	wholeFrom, wholeEnd := wholeMonths(q.Period)
	for {
		open := -1
		closeAt := -1
		for i := 0; i < len(sql); i++ {
			if sql[i] == '{' {
				open = i
			} else if sql[i] == '}' && open >= 0 {
				closeAt = i
				break
			}
		}
		if closeAt < 0 {
			return sql, nil
		}
		token := sql[open+1 : closeAt]
		var out string
		param := func(day time.Time) string {
			*args = append(*args, day.Format(time.DateOnly))
			// Numbered, since tokens are expanded innermost first, not in
			// the order they end up in the text.
			if d == postgresDialect {
				return "CAST($" + strconv.Itoa(len(*args)) + " AS DATE)"
			}
			return "?" + strconv.Itoa(len(*args))
		}
		monthParam := func(day time.Time) string {
			*args = append(*args, day.Format("2006-01"))
			if d == postgresDialect {
				return "$" + strconv.Itoa(len(*args))
			}
			return "?" + strconv.Itoa(len(*args))
		}
		switch {
		case token == "fence" && d == postgresDialect:
			out = "OFFSET 0"
		case token == "fence":
			out = ""
		case token == "from":
			out = param(q.Period.From)
		case token == "end":
			out = param(q.Period.End())
		case token == "period_days":
			// The period's length in days, computed here: a date difference per
			// row (julianday twice on SQLite) was a third of the rhythm's time.
			*args = append(*args, int64(q.Period.End().Sub(q.Period.From).Round(24*time.Hour)/(24*time.Hour)))
			out = "CAST($" + strconv.Itoa(len(*args)) + " AS INTEGER)"
			if d != postgresDialect {
				out = "?" + strconv.Itoa(len(*args))
			}
		case token == "stale_from":
			out = param(stale)
		case token == "whole_from":
			out = param(wholeFrom)
		case token == "whole_end":
			out = param(wholeEnd)
		case token == "whole_from_month":
			out = monthParam(wholeFrom)
		case token == "whole_end_month":
			out = monthParam(wholeEnd)
		case token == "from_month":
			out = monthParam(q.Period.From)
		case token == "whole_from_last_month":
			out = monthParam(wholeFrom.AddDate(0, 0, -1))
		case token == "end_month":
			out = monthParam(q.Period.End())
		case token == "end_days":
			// The days of the end's month before it (bit 0 = the 1st).
			*args = append(*args, int64(1)<<(q.Period.End().Day()-1)-1)
			out = "CAST($" + strconv.Itoa(len(*args)) + " AS BIGINT)"
			if d != postgresDialect {
				out = "?" + strconv.Itoa(len(*args))
			}
		case token == "end_last_month":
			out = monthParam(q.Period.End().AddDate(0, 0, -1))
		case token == "start_month_first":
			out = param(time.Date(q.Period.From.Year(), q.Period.From.Month(), 1, 0, 0, 0, 0, time.UTC))
		case token == "end_month_next":
			out = param(wholeEnd.AddDate(0, 1, 0))
		case token == "start_mask" || token == "start_rest" || token == "start_direct" ||
			token == "end_mask" || token == "end_rest" || token == "end_direct":
			start, end := partialDays(q.Period)
			side := start
			if strings.HasPrefix(token, "end_") {
				side = end
			}
			v := side.mask
			switch {
			case strings.HasSuffix(token, "_rest"):
				v = side.rest
			case strings.HasSuffix(token, "_direct"):
				v = 0
				if side.direct {
					v = 1
				}
			}
			*args = append(*args, v)
			out = "CAST($" + strconv.Itoa(len(*args)) + " AS BIGINT)"
			if d != postgresDialect {
				out = "?" + strconv.Itoa(len(*args))
			}
		case token == "years_year" || token == "years_mask":
			year, mask, _ := yearsWindow(q.Period)
			v := int64(year)
			if token == "years_mask" {
				v = mask
			}
			*args = append(*args, v)
			out = "CAST($" + strconv.Itoa(len(*args)) + " AS BIGINT)"
			if d != postgresDialect {
				out = "?" + strconv.Itoa(len(*args))
			}
		default:
			name, rest, ok := strings.Cut(token, "(")
			if !ok || !strings.HasSuffix(rest, ")") {
				return "", fmt.Errorf("store: measure token %q", token)
			}
			a := splitArgs(rest[:len(rest)-1])
			pg := d == postgresDialect
			switch {
			case name == "fence_by" && len(a) == 1 && pg:
				out = "ORDER BY " + a[0] + " OFFSET 0"
			case name == "fence_by" && len(a) == 1:
				out = ""
			case name == "day" && len(a) == 1 && pg:
				out = "to_char(" + a[0] + ", 'YYYY-MM-DD')"
			case name == "day" && len(a) == 1:
				out = "substr(" + a[0] + ", 1, 10)"
			case name == "date" && len(a) == 1 && pg:
				out = "CAST(" + a[0] + " AS DATE)"
			case name == "date" && len(a) == 1:
				out = "(" + a[0] + ")"
			case name == "days" && len(a) == 2 && pg:
				out = "(CAST(" + a[1] + " AS DATE) - CAST(" + a[0] + " AS DATE))"
			case name == "days" && len(a) == 2:
				out = "(julianday(substr(" + a[1] + ", 1, 10)) - julianday(substr(" + a[0] + ", 1, 10)))"
			case name == "greatest" && len(a) == 2 && pg:
				out = "GREATEST(" + a[0] + ", " + a[1] + ")"
			case name == "greatest" && len(a) == 2:
				out = "max(" + a[0] + ", " + a[1] + ")"
			case name == "least" && len(a) == 2 && pg:
				out = "LEAST(" + a[0] + ", " + a[1] + ")"
			case name == "least" && len(a) == 2:
				out = "min(" + a[0] + ", " + a[1] + ")"
			default:
				return "", fmt.Errorf("store: measure token %q", token)
			}
		}
		sql = sql[:open] + out + sql[closeAt+1:]
	}
}

// wholeMonths are the whole calendar months of p, [from, end): the
// summary tables' months; the days of p before from and from end on are
// read from the raw rows. Both are p's end when p holds no whole month.
func wholeMonths(p indicator.Period) (from, end time.Time) {
	from = time.Date(p.From.Year(), p.From.Month(), 1, 0, 0, 0, 0, time.UTC)
	if from.Before(p.From) {
		from = from.AddDate(0, 1, 0)
	}
	e := p.End()
	end = time.Date(e.Year(), e.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !from.Before(end) {
		return e, e
	}
	return from, end
}

// yearsWindow is how indicator_contact_years answers for p's whole
// months: the year whose rows cover them (a row of year Y has a bit per
// month from January of Y-1, bit 0, to December of Y, bit 23) and the
// mask of their bits; ok is false when p has no whole month or they span
// more than those two years.
func yearsWindow(p indicator.Period) (year int, mask int64, ok bool) {
	from, end := wholeMonths(p)
	if !from.Before(end) {
		return 0, 0, false
	}
	year = end.AddDate(0, -1, 0).Year()
	if from.Year() < year-1 {
		return 0, 0, false
	}
	for m := from; m.Before(end); m = m.AddDate(0, 1, 0) {
		mask |= 1 << ((m.Year()-(year-1))*12 + int(m.Month()) - 1)
	}
	return year, mask, true
}

// partialMonth is a period's days in its first (or last) month when that
// month is not whole: mask, their bits in a tally's days (bit 0 = the
// 1st); rest, the bits of the month's other days; direct, whether they
// are fewer than the others (their contacts are counted; otherwise the
// others' are, and taken from the month's tally). A whole or absent
// month has no bits.
type partialMonth struct {
	mask, rest int64
	direct     bool
}

// partialDays are p's partial first and last months (wholeMonths), for
// the tallies' days (migration 00124).
func partialDays(p indicator.Period) (start, end partialMonth) {
	wholeFrom, wholeEnd := wholeMonths(p)
	days := func(first, last int) (bits int64) { // days first..last, 1-based
		for d := first; d <= last; d++ {
			bits |= 1 << (d - 1)
		}
		return bits
	}
	inMonth := func(t time.Time) int { return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day() }
	if p.From.Before(wholeFrom) {
		d, n := p.From.Day(), inMonth(p.From)
		start = partialMonth{mask: days(d, n), rest: days(1, d-1), direct: n-d+1 <= d-1}
	}
	if e := p.End(); wholeEnd.Before(e) {
		d, n := e.Day(), inMonth(wholeEnd)
		end = partialMonth{mask: days(1, d-1), rest: days(d, n), direct: d-1 <= n-d+1}
	}
	return start, end
}

// splitArgs splits a token's arguments at the commas outside parentheses
// and quotes.
func splitArgs(s string) []string {
	var out []string
	depth, start, quoted := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// dimensionColumn is the SQL of a breakdown over the measure's columns
// (m.site_id, m.day …), or "" when the measure does not carry it.
func (e *measureEntry) dimensionColumn(d indicator.Dimension) string {
	switch d {
	case "":
		return "''"
	case indicator.DimSite:
		return "CAST(COALESCE(m.site_id, 0) AS TEXT)"
	case indicator.DimTeam:
		return "CAST(m.team_id AS TEXT)"
	case indicator.DimProgramme:
		return "m.programme"
	case indicator.DimLevel:
		return "m.level"
	case indicator.DimMonth:
		return "substr(m.day, 1, 7)"
	case indicator.DimYear:
		return "substr(m.day, 1, 4)"
	case indicator.DimQuarter:
		return "substr(m.day, 1, 4) || '-Q' || CAST((CAST(substr(m.day, 6, 2) AS INTEGER) + 2) / 3 AS TEXT)"
	}
	for i, c := range e.cats {
		if c == d {
			return []string{"m.cat", "m.cat2"}[i]
		}
	}
	return ""
}

// MeasureCells computes one measure over q: its quantity in every cell of
// q's breakdowns, straight from the raw tables, in the caller's
// transaction.
func (tx *Tx) MeasureCells(ctx context.Context, name string, q indicator.Query) (indicator.Cells, error) {
	loadRegistry()
	e, ok := entries[name]
	if !ok {
		return nil, fmt.Errorf("store: measure %q: unknown", name)
	}
	var cols [2]string
	for i, d := range q.By {
		if cols[i] = e.dimensionColumn(d); cols[i] == "" {
			return nil, fmt.Errorf("store: measure %q: no breakdown by %s", name, d)
		}
	}
	pairKey := measurePairKey(name, q, tx.rawRows)
	if c, ok := tx.measurePairs[pairKey]; ok {
		delete(tx.measurePairs, pairKey)
		return c, nil
	}
	if err := tx.measureQueryJIT(ctx); err != nil {
		return nil, err
	}
	var args []any
	source := e.sql
	counted := false
	if e.fast != "" && !tx.rawRows && (!e.postgresFast || tx.dialect == postgresDialect) && (len(e.cats) == 0 || (!slices.Contains(q.By[:], e.cats[0]) && (len(e.cats) < 2 || !slices.Contains(q.By[:], e.cats[1])))) {
		source = e.fast
		temporal := 0
		for _, d := range q.By {
			if d == indicator.DimMonth || d == indicator.DimQuarter || d == indicator.DimYear {
				temporal++
			}
		}
		_, _, fits := yearsWindow(q.Period)
		wholeFrom, wholeEnd := wholeMonths(q.Period)
		switch {
		case e.byMonth != "" && temporal == 1 && slices.Contains(q.By[:], indicator.DimMonth) && wholeFrom.Before(wholeEnd):
			source, counted = e.byMonth, true
			if e.twin != "" && tx.dialect == postgresDialect {
				return tx.measureTwin(ctx, e, q, cols, e.twinByMonth, true)
			}
		case e.total != "" && temporal == 0 && fits:
			source = e.total
			if e.pair != "" {
				return tx.measurePair(ctx, e, q, cols)
			}
			if e.twin != "" && tx.dialect == postgresDialect {
				return tx.measureTwin(ctx, e, q, cols, e.twinTotal, false)
			}
		}
	}
	inner, err := tx.dialect.expandTokens(source, q, &args)
	if err != nil {
		return nil, err
	}
	filter, err := e.filter(name, q, tx.dialect)
	if err != nil {
		return nil, err
	}
	double := "REAL"
	if tx.dialect == postgresDialect {
		double = "DOUBLE PRECISION"
	}
	// The measure's columns are named by the CTE, which both engines inline
	// into the query (it is read once).
	with := "WITH fam AS " + tx.famSource() + ", m (family_id, site_id, team_id, programme, level, day, cat, cat2, value) AS (" + inner + ") "
	from := " FROM m" + filter
	cells := indicator.Cells{}
	what := "measure " + name
	if counted {
		// Few rows (a month's summary cells, the partial months' contacts):
		// one stage on both engines. A summary row's families are counted
		// already; a contact's family is counted distinct (a month's cells
		// come from the summary or from the contacts, never both).
		families := "COUNT(DISTINCT m.family_id) + COALESCE(SUM(m.families), 0)"
		count := "COALESCE(SUM(m.value), 0)"
		if e.m.Aggregate == indicator.AggFamilies {
			count = families
		}
		with = "WITH m (family_id, site_id, team_id, programme, level, day, cat, cat2, value, families) AS (" + inner + ") "
		err = tx.scanCells(ctx, what, cells, with+"SELECT "+cols[0]+", "+cols[1]+", CAST("+count+" AS "+double+"), "+families+from+groupByClause(cols[0], cols[1]), args...)
		return cells, err
	}
	if e.m.Aggregate == indicator.AggValues {
		// A distribution's rows are few (admissions, referrals, closures):
		// read once, the families of each cell counted here.
		seen := map[indicator.Key]map[int64]bool{}
		err = tx.eachRow(ctx, what, func(row rowScanner) error {
			var k indicator.Key
			var family *int64
			var v float64
			if err := row.Scan(&k[0], &k[1], &family, &v); err != nil {
				return err
			}
			c := cells[k]
			c.Values = append(c.Values, v)
			c.Count = float64(len(c.Values))
			if family != nil {
				if seen[k] == nil {
					seen[k] = map[int64]bool{}
				}
				if !seen[k][*family] {
					seen[k][*family] = true
					c.Families++
				}
			}
			cells[k] = c
			return nil
		}, with+"SELECT "+cols[0]+", "+cols[1]+", m.family_id, CAST(m.value AS "+double+")"+from, args...)
		return cells, err
	}
	// Two stages: per family and cell first (rows arrive family by family),
	// then per cell; the number of families of a cell is the number of its
	// first-stage groups, with no COUNT(DISTINCT) to sort for.
	agg := "COALESCE(SUM(m.value), 0)" // rows (a summary's row tallies several) and sums
	if e.m.Aggregate == indicator.AggFamilies {
		agg = "1"
	}
	if tx.dialect == sqliteDialect {
		// SQLite: one stage, the families of a cell counted distinct (about
		// a third faster there than grouping by family first; PostgreSQL
		// hashes the two stages faster than it sorts for DISTINCT).
		count := "COALESCE(SUM(m.value), 0)"
		if e.m.Aggregate == indicator.AggFamilies {
			count = "COUNT(DISTINCT m.family_id)"
		}
		err = tx.scanCells(ctx, what, cells, with+"SELECT "+cols[0]+", "+cols[1]+", CAST("+count+" AS REAL), COUNT(DISTINCT m.family_id)"+from+groupByClause(cols[0], cols[1]), args...)
		return cells, err
	}
	// A summary's rows name no family (contactTotal's quantities): they
	// are not families to count.
	total := "SUM(g.v)"
	if e.m.Aggregate == indicator.AggFamilies {
		total = "COUNT(g.family_id)"
	}
	err = tx.scanCells(ctx, what, cells, with+"SELECT g.k0, g.k1, CAST("+total+" AS "+double+"), COUNT(g.family_id) FROM (SELECT m.family_id, "+cols[0]+" AS k0, "+
		cols[1]+" AS k1, "+agg+" AS v"+from+" GROUP BY "+groupBy("m.family_id", cols[0], cols[1])+") g GROUP BY g.k0, g.k1", args...)
	return cells, err
}

// measureQueryJIT turns PostgreSQL's JIT compilation off for the rest of
// the transaction, once: a measure's plan often costs more than
// jit_above_cost (its estimates count every correlated look-up), and the
// compilation then took 20–33 ms of a 20–100 ms query, never paid back
// (docs/PERFORMANCE.md, "Sixth sitting"). SQLite has none.
func (tx *Tx) measureQueryJIT(ctx context.Context) error {
	if tx.dialect != postgresDialect || tx.noJIT {
		return nil
	}
	if _, err := tx.exec(ctx, "SET LOCAL jit = off"); err != nil {
		return fmt.Errorf("store: measures without JIT: %w", err)
	}
	tx.noJIT = true
	return nil
}

// measurePairKey names a measure's cells over q in Tx.pairs.
func measurePairKey(name string, q indicator.Query, raw bool) string {
	return fmt.Sprintf("%s|%v|%v|%v|%d|%d|%v", name, q.Period, q.By, q.Sites, q.Team, q.StaleMonths, raw)
}

// measurePair computes e (a family measure) and its pair over q in one
// query from e.pairTotal, returns e's cells and keeps the pair's for the
// transaction's next call. Rows whose value is 1 are the conditioned
// measure's (the one with the condition); every row is the other's.
func (tx *Tx) measurePair(ctx context.Context, e *measureEntry, q indicator.Query, cols [2]string) (indicator.Cells, error) {
	var args []any
	inner, err := tx.dialect.expandTokens(e.pairTotal, q, &args)
	if err != nil {
		return nil, err
	}
	filter, err := e.filter(e.m.Name, q, tx.dialect)
	if err != nil {
		return nil, err
	}
	all, met := indicator.Cells{}, indicator.Cells{}
	err = tx.eachRow(ctx, "measure "+e.m.Name, func(row rowScanner) error {
		var k indicator.Key
		var n, m int
		if err := row.Scan(&k[0], &k[1], &n, &m); err != nil {
			return err
		}
		// As each measure's own query gives them: on SQLite, one row with
		// no breakdown even without families; on PostgreSQL (families
		// grouped first), none.
		ungrouped := tx.dialect == sqliteDialect && groupBy(cols[0], cols[1]) == ""
		if n > 0 || ungrouped {
			all[k] = indicator.Quantity{Count: float64(n), Families: n}
		}
		if m > 0 || ungrouped {
			met[k] = indicator.Quantity{Count: float64(m), Families: m}
		}
		return nil
	}, "WITH fam AS "+tx.famSource()+", m (family_id, site_id, team_id, programme, level, day, cat, cat2, value) AS ("+inner+") "+
		"SELECT "+cols[0]+", "+cols[1]+", COUNT(DISTINCT m.family_id), COUNT(DISTINCT CASE WHEN m.value = 1 THEN m.family_id END) FROM m"+
		filter+groupByClause(cols[0], cols[1]), args...)
	if err != nil {
		return nil, err
	}
	mine, other := all, met
	if e.conditioned {
		mine, other = met, all
	}
	if tx.measurePairs == nil {
		tx.measurePairs = map[string]indicator.Cells{}
	}
	tx.measurePairs[measurePairKey(e.pair, q, tx.rawRows)] = other
	return mine, nil
}

// measureTwin computes e and its twin (both counting rows, AggRows) over
// q in one query from source (twinByMonth, counted: a month's summary
// rows carry their families' counts; or twinTotal), returns e's cells
// and keeps the twin's for the transaction's next call. Each row carries
// both quantities and whether it is each measure's (in1, in2): a cell is
// a measure's when one of its rows is, as each measure's own query gives
// it; a family counts for a measure when one of its rows is that
// measure's. PostgreSQL only (its two stages, as MeasureCells).
func (tx *Tx) measureTwin(ctx context.Context, e *measureEntry, q indicator.Query, cols [2]string, source string, counted bool) (indicator.Cells, error) {
	var args []any
	inner, err := tx.dialect.expandTokens(source, q, &args)
	if err != nil {
		return nil, err
	}
	filter, err := e.filter(e.m.Name, q, tx.dialect)
	if err != nil {
		return nil, err
	}
	var query string
	if counted {
		query = "WITH m (family_id, site_id, team_id, programme, level, day, cat, cat2, value, value2, in1, in2, families, families2) AS (" + inner + ") " +
			"SELECT " + cols[0] + ", " + cols[1] + ", " +
			"CAST(COALESCE(SUM(m.value), 0) AS DOUBLE PRECISION), COUNT(DISTINCT CASE WHEN m.in1 = 1 THEN m.family_id END) + COALESCE(SUM(m.families), 0), SUM(m.in1), " +
			"CAST(COALESCE(SUM(m.value2), 0) AS DOUBLE PRECISION), COUNT(DISTINCT CASE WHEN m.in2 = 1 THEN m.family_id END) + COALESCE(SUM(m.families2), 0), SUM(m.in2) " +
			"FROM m" + filter + groupByClause(cols[0], cols[1])
	} else {
		query = "WITH m (family_id, site_id, team_id, programme, level, day, cat, cat2, value, value2, in1, in2) AS (" + inner + ") " +
			"SELECT g.k0, g.k1, CAST(SUM(g.v1) AS DOUBLE PRECISION), COUNT(CASE WHEN g.i1 > 0 THEN g.family_id END), SUM(g.i1), " +
			"CAST(SUM(g.v2) AS DOUBLE PRECISION), COUNT(CASE WHEN g.i2 > 0 THEN g.family_id END), SUM(g.i2) " +
			"FROM (SELECT m.family_id, " + cols[0] + " AS k0, " + cols[1] + " AS k1, COALESCE(SUM(m.value), 0) AS v1, COALESCE(SUM(m.value2), 0) AS v2, " +
			"SUM(m.in1) AS i1, SUM(m.in2) AS i2 FROM m" + filter + " GROUP BY " + groupBy("m.family_id", cols[0], cols[1]) + ") g GROUP BY g.k0, g.k1"
	}
	mine, other := indicator.Cells{}, indicator.Cells{}
	err = tx.eachRow(ctx, "measure "+e.m.Name, func(row rowScanner) error {
		var k indicator.Key
		var v1, v2 float64
		var f1, f2 int
		var n1, n2 int64
		if err := row.Scan(&k[0], &k[1], &v1, &f1, &n1, &v2, &f2, &n2); err != nil {
			return err
		}
		if n1 > 0 {
			mine[k] = indicator.Quantity{Count: v1, Families: f1}
		}
		if n2 > 0 {
			other[k] = indicator.Quantity{Count: v2, Families: f2}
		}
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	if tx.measurePairs == nil {
		tx.measurePairs = map[string]indicator.Cells{}
	}
	tx.measurePairs[measurePairKey(e.twin, q, tx.rawRows)] = other
	return mine, nil
}

// groupBy lists the expressions to group by, leaving out the constant of
// an absent breakdown (PostgreSQL refuses a constant there).
func groupBy(exprs ...string) string {
	var out []string
	for _, e := range exprs {
		if e != "''" {
			out = append(out, e)
		}
	}
	return strings.Join(out, ", ")
}

func groupByClause(exprs ...string) string {
	if g := groupBy(exprs...); g != "" {
		return " GROUP BY " + g
	}
	return ""
}

// famSource is {fam}'s table: indicator_families, or the raw rows when a
// test set tx.rawRows to compare the two.
func (tx *Tx) famSource() string {
	if tx.rawRows {
		return "MATERIALIZED " + familiesDimsRaw
	}
	return familiesDims
}

// filter is the WHERE clause of q's sites and team over a measure's rows m.
func (e *measureEntry) filter(name string, q indicator.Query, d *dialect) (string, error) {
	var where []string
	// On SQLite, a filter on the family's site or team made the planner
	// start from the families of those sites and read every row of each
	// (all their goals, all their contacts) instead of the period's rows
	// through the measure's own index: the unary + keeps that filter off
	// the indexes (a dashboard's sites are most of the network anyway).
	noIndex := ""
	if d == sqliteDialect {
		noIndex = "+"
	}
	if len(q.Sites) > 0 {
		if !e.m.Has(indicator.DimSite) {
			return "", fmt.Errorf("store: measure %q: no site to filter by", name)
		}
		ids := make([]string, len(q.Sites))
		for i, id := range q.Sites {
			ids[i] = strconv.FormatInt(id, 10)
		}
		where = append(where, noIndex+"m.site_id IN ("+strings.Join(ids, ", ")+")")
	}
	if q.Team != 0 {
		if !e.m.Has(indicator.DimTeam) {
			return "", fmt.Errorf("store: measure %q: no team to filter by", name)
		}
		where = append(where, noIndex+"m.team_id = "+strconv.FormatInt(q.Team, 10))
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), nil
}

// scanCells reads rows of (key, key, value, families) into cells.
func (tx *Tx) scanCells(ctx context.Context, what string, cells indicator.Cells, query string, args ...any) error {
	return tx.eachRow(ctx, what, func(row rowScanner) error {
		var k indicator.Key
		var v float64
		var n int
		if err := row.Scan(&k[0], &k[1], &v, &n); err != nil {
			return err
		}
		cells[k] = indicator.Quantity{Count: v, Families: n}
		return nil
	}, query, args...)
}
