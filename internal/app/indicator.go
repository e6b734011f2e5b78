package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// IndicatorService holds the use cases of process and outcome indicators
// (package indicator): the catalogue of definitions and its versions, the
// dashboards' computations for coordinators (their sites, identified
// aggregates) and evaluators (the network, de-identified: small cells and
// their complements suppressed), expected births, the threshold setting.
type IndicatorService struct {
	*App
	cache *measureCache
	// sideTx are the side transactions (inOwnTx) open at once, at most
	// half the read connections: indicators never take every connection
	// the pages read with.
	sideTx chan struct{}
	// sideTxBegun counts the side transactions that began (tests).
	sideTxBegun atomic.Int64
	recent      *recentResults
}

// SettingMinFamilies is the network setting of the evaluators' small-cell
// threshold: a number counting fewer families is suppressed.
const SettingMinFamilies = "indicators.min_families"

// Bounds of the threshold setting.
const (
	MinMinFamilies = 2
	MaxMinFamilies = 50
)

// IndicatorRequest says what a dashboard, an export or the API computes.
type IndicatorRequest struct {
	Codes  []string // empty: every indicator of the catalogue
	Period indicator.Period
	// SiteID, TeamID narrow to one site or one care team (0: every site
	// the actor may see).
	SiteID, TeamID int64
	// SiteSlug names the site by its slug instead (the command line).
	SiteSlug string
	// By are up to two breakdowns; an indicator that does not allow one is
	// computed without it.
	By [2]indicator.Dimension
	// ByPeriod breaks each indicator down by its own default period (month,
	// quarter or year) when By is empty.
	ByPeriod bool
	// Compare computes the previous period's total as well.
	Compare bool
	// Deidentified applies the evaluators' suppression; it is always on for
	// an actor without indicators.read.
	Deidentified bool
}

// Figure is one published number of an indicator.
type Figure struct {
	Value   float64
	Defined bool // false: nothing to compute from (a share of nothing)
	// Hidden: suppressed for evaluators (too few families, or a
	// complement); Value and the counts below are then zero.
	Hidden                 bool
	Numerator, Denominator float64 // share and ratio: the two quantities
	Families               int     // families behind the number (family measures)
}

// IndicatorResult is one indicator computed over a request.
type IndicatorResult struct {
	Definition indicator.Definition
	Expr       indicator.Expr
	Unit       indicator.Unit
	ValueUnit  string // the unit of a median's or mean's values: days, weeks
	Families   bool   // its measures count families (suppression applies)
	By         [2]indicator.Dimension
	Rows, Cols []string // the keys of each breakdown, in order
	Cells      map[indicator.Key]Figure
	RowTotals  map[string]Figure // by first key (two breakdowns)
	ColTotals  map[string]Figure // by second key (two breakdowns)
	Total      Figure
	Previous   *Figure // the previous period's total (Compare)
}

// Cell returns the figure at (row, col).
func (r IndicatorResult) Cell(row, col string) Figure { return r.Cells[indicator.Key{row, col}] }

// IndicatorReport is a request's indicators with what labels them.
type IndicatorReport struct {
	Request      IndicatorRequest
	Previous     indicator.Period
	Results      []IndicatorResult
	Deidentified bool
	MinFamilies  int
	Sites        []berceau.Site // the sites the actor may choose among
	Teams        []berceau.Team // their care teams
	SiteNames    map[string]string
	TeamNames    map[string]string
	// AsOf is when the figures' data was read: up to recentResultsAge
	// before the question was asked, when a save since is being counted in
	// the background.
	AsOf time.Time
}

// canReadIndicators reports what the actor may see: identified aggregates
// of their coordinated sites, or de-identified ones of the network.
func canReadIndicators(actor berceau.Actor) (identified, deidentified bool) {
	return actor.Can(berceau.PermIndicators), actor.Can(berceau.PermIndicatorsDeidentified)
}

// coordinatedSites are the sites whose identified aggregates the actor
// sees: those they coordinate (the operator's command line: every site).
func coordinatedSites(actor berceau.Actor, sites []berceau.Site) []int64 {
	if actor.System {
		ids := make([]int64, len(sites))
		for i, s := range sites {
			ids[i] = s.ID
		}
		return ids
	}
	return berceau.CoordinatedSites(actor.User.Roles, func(org int64) []int64 {
		var ids []int64
		for _, s := range sites {
			if s.OrganisationID == org {
				ids = append(ids, s.ID)
			}
		}
		return ids
	})
}

// Catalogue lists the current version of every indicator.
func (s *IndicatorService) Catalogue(ctx context.Context, actor berceau.Actor) ([]indicator.Definition, error) {
	identified, deidentified := canReadIndicators(actor)
	var defs []indicator.Definition
	err := s.read(ctx, actor, "", nil, func(tx *store.Tx) error {
		if !identified && !deidentified && !actor.Can(berceau.PermIndicatorsManage) && !actor.System {
			return forbidden()
		}
		var err error
		defs, err = catalogue(ctx, tx)
		return err
	})
	return defs, err
}

// catalogue reads the definitions and fills in what a stored definition
// leaves to its measures (every breakdown they carry, the default period).
func catalogue(ctx context.Context, tx *store.Tx) ([]indicator.Definition, error) {
	defs, err := tx.IndicatorDefinitions(ctx)
	if err != nil {
		return nil, err
	}
	c := store.MeasureCatalog()
	out := defs[:0]
	for _, d := range defs {
		if _, err := d.Validate(c); err != nil {
			// A definition naming a measure the registry no longer has is
			// kept in the table and left off the dashboards.
			continue
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return slices.Index(indicator.Sections, out[i].Section) < slices.Index(indicator.Sections, out[j].Section)
	})
	return out, nil
}

// Versions lists every version of one indicator, newest first.
func (s *IndicatorService) Versions(ctx context.Context, actor berceau.Actor, code string) ([]indicator.Definition, error) {
	var list []indicator.Definition
	err := s.read(ctx, actor, "", nil, func(tx *store.Tx) error {
		identified, deidentified := canReadIndicators(actor)
		if !identified && !deidentified && !actor.Can(berceau.PermIndicatorsManage) {
			return forbidden()
		}
		var err error
		list, err = tx.IndicatorVersions(ctx, code)
		return err
	})
	return list, err
}

// Measures lists the measures a definition may name, for the form.
func (s *IndicatorService) Measures() indicator.Catalog { return store.MeasureCatalog() }

// MeasureNames lists the measures in the registry's order.
func (s *IndicatorService) MeasureNames() []string { return store.MeasureNames() }

// SaveDefinition adds an indicator to the catalogue, or a new version of
// one (same code): the old versions stay. The expression is checked
// against the measures; an error names the field and, for the expression,
// carries the *indicator.ParseError with its position.
func (s *IndicatorService) SaveDefinition(ctx context.Context, actor berceau.Actor, d indicator.Definition) (indicator.Definition, error) {
	if _, err := d.Validate(store.MeasureCatalog()); err != nil {
		return d, err
	}
	d.CreatedBy = actor.User.ID
	err := s.write(ctx, actor, berceau.PermIndicatorsManage, auditTarget{Action: "indicator.save", ObjectType: "indicator"},
		func(tx *store.Tx, t *auditTarget) error {
			if err := tx.SaveIndicatorDefinition(ctx, &d); err != nil {
				return err
			}
			t.ObjectID, t.Detail = d.ID, d.Code+" v"+strconv.Itoa(d.Version)+": "+d.Expression
			return nil
		})
	return d, err
}

// ExpectedBirths lists the expected births entered for the sites the actor
// coordinates (every site for an evaluator: figures, not people).
func (s *IndicatorService) ExpectedBirths(ctx context.Context, actor berceau.Actor) ([]indicator.ExpectedBirths, error) {
	var list []indicator.ExpectedBirths
	err := s.read(ctx, actor, berceau.PermIndicators, nil, func(tx *store.Tx) error {
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		mine := coordinatedSites(actor, sites)
		all, err := tx.ExpectedBirthsList(ctx)
		for _, b := range all {
			if slices.Contains(mine, b.SiteID) {
				list = append(list, b)
			}
		}
		return err
	})
	return list, err
}

// SetExpectedBirths enters a site's expected eligible births for a year: a
// coordinator of that site. Zero removes the figure.
func (s *IndicatorService) SetExpectedBirths(ctx context.Context, actor berceau.Actor, b indicator.ExpectedBirths) error {
	fields := map[string]string{}
	if b.Year < 2000 || b.Year > 2100 {
		fields["year"] = "indicator.year_invalid"
	}
	if b.Births < 0 || b.Births > indicator.MaxExpectedBirths {
		fields["births"] = "indicator.births_invalid"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	err := s.write(ctx, actor, berceau.PermIndicators, auditTarget{Action: "indicator.expected_births", ObjectType: "site", ObjectID: b.SiteID},
		func(tx *store.Tx, t *auditTarget) error {
			sites, err := tx.ListSites(ctx)
			if err != nil {
				return err
			}
			if !slices.Contains(coordinatedSites(actor, sites), b.SiteID) {
				return forbidden()
			}
			t.Detail = fmt.Sprintf("%d: %d", b.Year, b.Births)
			return tx.SetExpectedBirths(ctx, b, actor.User.ID)
		})
	if err == nil {
		// The coordinator who entered it looks at the reach next.
		s.recent.forget(s.now())
	}
	return err
}

// MinFamilies is the evaluators' small-cell threshold.
func (s *IndicatorService) MinFamilies(ctx context.Context) (int, error) {
	k := indicator.DefaultMinFamilies
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		k, err = minFamilies(ctx, tx)
		return err
	})
	return k, err
}

func minFamilies(ctx context.Context, tx *store.Tx) (int, error) {
	v, err := tx.Setting(ctx, SettingMinFamilies)
	if berceau.IsNotFound(err) {
		return indicator.DefaultMinFamilies, nil
	}
	if err != nil {
		return 0, err
	}
	if n, err := strconv.Atoi(v); err == nil && n >= MinMinFamilies && n <= MaxMinFamilies {
		return n, nil
	}
	return indicator.DefaultMinFamilies, nil
}

// SetMinFamilies changes the evaluators' small-cell threshold.
func (s *IndicatorService) SetMinFamilies(ctx context.Context, actor berceau.Actor, k int) error {
	if k < MinMinFamilies || k > MaxMinFamilies {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
			Fields: map[string]string{"min_families": "indicator.min_families_invalid"}}
	}
	return s.write(ctx, actor, berceau.PermIndicatorsManage, auditTarget{Action: "indicator.min_families", ObjectType: "setting"},
		func(tx *store.Tx, t *auditTarget) error {
			t.Detail = strconv.Itoa(k)
			return tx.SetSetting(ctx, SettingMinFamilies, strconv.Itoa(k))
		})
}

// Compute computes the request's indicators straight from the follow-up's
// tables. A coordinator sees their own sites, identified aggregates; an
// evaluator the network's, de-identified. One audit entry records the read.
func (s *IndicatorService) Compute(ctx context.Context, actor berceau.Actor, req IndicatorRequest) (IndicatorReport, error) {
	rep := IndicatorReport{Request: req, Previous: req.Period.Previous()}
	identified, deidentified := canReadIndicators(actor)
	detail := ""
	err := s.readAudited(ctx, actor, "indicator.read", "indicator", 0, func(tx *store.Tx) (string, error) {
		if actor.System {
			identified = true
		}
		if !identified && !deidentified {
			return "", forbidden()
		}
		rep.Deidentified = !identified || req.Deidentified
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return "", err
		}
		teams, err := tx.ListTeams(ctx)
		if err != nil {
			return "", err
		}
		allowed := coordinatedSites(actor, sites)
		if !identified {
			allowed = coordinatedSites(berceau.Actor{System: true}, sites)
		}
		if len(allowed) == 0 {
			return "", forbidden()
		}
		rep.SiteNames, rep.TeamNames = map[string]string{"0": ""}, map[string]string{}
		for _, site := range sites {
			if req.SiteSlug != "" && site.Slug == req.SiteSlug {
				req.SiteID = site.ID
			}
			rep.SiteNames[strconv.FormatInt(site.ID, 10)] = site.Name
			if slices.Contains(allowed, site.ID) {
				rep.Sites = append(rep.Sites, site)
			}
		}
		for _, t := range teams {
			rep.TeamNames[strconv.FormatInt(t.ID, 10)] = t.Name
			if slices.Contains(allowed, t.SiteID) {
				rep.Teams = append(rep.Teams, t)
			}
		}
		if req.SiteSlug != "" && req.SiteID == 0 {
			return "", berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		rep.Request = req
		q := indicator.Query{Period: req.Period, Sites: allowed, StaleMonths: s.staleMonths(ctx, tx)}
		if req.SiteID != 0 {
			if !slices.Contains(allowed, req.SiteID) {
				return "", forbidden()
			}
			q.Sites = []int64{req.SiteID}
		}
		if req.TeamID != 0 {
			found := false
			for _, t := range rep.Teams {
				if t.ID == req.TeamID && (req.SiteID == 0 || t.SiteID == req.SiteID) {
					found = true
				}
			}
			if !found {
				return "", forbidden()
			}
			q.Team = req.TeamID
		}
		if rep.MinFamilies, err = minFamilies(ctx, tx); err != nil {
			return "", err
		}
		defs, err := catalogue(ctx, tx)
		if err != nil {
			return "", err
		}
		if len(req.Codes) > 0 {
			var chosen []indicator.Definition
			for _, code := range req.Codes {
				i := slices.IndexFunc(defs, func(d indicator.Definition) bool { return d.Code == code })
				if i < 0 {
					return "", berceau.Errorf(berceau.KindNotFound, "indicator.not_found")
				}
				chosen = append(chosen, defs[i])
			}
			defs = chosen
		}
		results, readAt, err := s.resultsOf(ctx, tx, defs, req, q, rep.Deidentified, rep.MinFamilies)
		if err != nil {
			return "", err
		}
		rep.Results, rep.AsOf = results, readAt
		// The period is left out: the audit trail shows details as they are, and
		// a date there would read the English way on a French page.
		detail = fmt.Sprintf("%d days, sites %v, team %d, by %v, indicators %d", req.Period.Days(), q.Sites, q.Team, req.By, len(rep.Results))
		if rep.Deidentified {
			detail += " deidentified"
		}
		return detail, nil
	})
	return rep, err
}

// indicatorWorkers is how many indicators a dashboard computes at once on
// PostgreSQL, each in its own read transaction (a server with several
// cores runs them side by side). SQLite computes a dashboard's indicators
// one after the other in the request's transaction, leaving its few
// reader connections to the pages; a single indicator's evaluations run
// side by side on both engines (evaluateAll).
const indicatorWorkers = 4

// computeAll computes the indicators, in order.
func (s *IndicatorService) computeAll(ctx context.Context, tx *store.Tx, defs []indicator.Definition, req IndicatorRequest,
	q indicator.Query, deidentified bool, k int) ([]IndicatorResult, error) {
	found := make([]*IndicatorResult, len(defs))
	if s.store.Engine() != "postgres" || len(defs) < 2 {
		if len(defs) < 2 {
			ctx = context.WithValue(ctx, evaluateSideBySide{}, true)
		}
		for i, d := range defs {
			var err error
			if found[i], err = s.computeOne(ctx, tx, d, req, q, deidentified, k); err != nil {
				return nil, err
			}
		}
	} else {
		// First, in the request's transaction, the indicators whose measures
		// are all cached (a warm dashboard opens no other transaction).
		warm := context.WithValue(ctx, cacheOnly{}, true)
		errs := make([]error, len(defs))
		for i, d := range defs {
			var err error
			if found[i], err = s.computeOne(warm, tx, d, req, q, deidentified, k); err != nil && !errors.Is(err, errNotCached) {
				return nil, err
			}
			errs[i] = err
		}
		sem := make(chan struct{}, indicatorWorkers)
		var wg sync.WaitGroup
		for i, d := range defs {
			if errs[i] == nil {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				errs[i] = s.inOwnTx(ctx, func(ctx context.Context, tx *store.Tx) error {
					var err error
					found[i], err = s.computeOne(ctx, tx, d, req, q, deidentified, k)
					return err
				})
			}()
		}
		wg.Wait()
		// Those that found no free connection, in the request's transaction.
		for i, d := range defs {
			if errors.Is(errs[i], errNoConnection) {
				found[i], errs[i] = s.computeOne(ctx, tx, d, req, q, deidentified, k)
			}
		}
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
	}
	var out []IndicatorResult
	for _, r := range found {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out, nil
}

// staleMonths is the directory's stale period, read in tx.
func (s *IndicatorService) staleMonths(ctx context.Context, tx *store.Tx) int {
	v, err := tx.Setting(ctx, directory.SettingDirectoryStaleMonths)
	if err == nil {
		if n, err := strconv.Atoi(v); err == nil && n >= directory.MinStaleMonths && n <= directory.MaxStaleMonths {
			return n
		}
	}
	return directory.DefaultStaleMonths
}

// computeOne computes one indicator; nil when the request's scope is one
// the indicator cannot be narrowed to (a network measure on a site's page).
func (s *IndicatorService) computeOne(ctx context.Context, tx *store.Tx, d indicator.Definition, req IndicatorRequest,
	q indicator.Query, deidentified bool, k int) (*IndicatorResult, error) {
	c := store.MeasureCatalog()
	e, err := indicator.Parse(d.Expression, c)
	if err != nil {
		return nil, err
	}
	r := &IndicatorResult{Definition: d, Expr: e, Unit: e.Unit(), Cells: map[indicator.Key]Figure{},
		RowTotals: map[string]Figure{}, ColTotals: map[string]Figure{}}
	for _, name := range e.Args {
		m := c[name]
		if m.Families {
			r.Families = true
		}
		if e.Func == indicator.FuncMedian || e.Func == indicator.FuncMean || e.Func == indicator.FuncSum {
			r.ValueUnit = m.Unit
		}
	}
	// A scope narrower than the network needs every measure to have sites.
	narrowed := req.SiteID != 0 || req.TeamID != 0
	for _, name := range e.Args {
		if narrowed && !c[name].Has(indicator.DimSite) {
			return nil, nil
		}
		if req.TeamID != 0 && !c[name].Has(indicator.DimTeam) {
			return nil, nil
		}
	}
	by := req.By
	if by == ([2]indicator.Dimension{}) && req.ByPeriod {
		by[0] = d.Period
	}
	for i := range by {
		if by[i] != "" && !d.Allows(by[i]) {
			by[i] = ""
		}
	}
	if by[0] == "" {
		by = [2]indicator.Dimension{by[1], ""}
	}
	r.By = by
	q.By = by
	if !c[e.Args[0]].Has(indicator.DimSite) {
		q.Sites = nil // a network measure: not by site
	}
	// The evaluations an indicator needs: its cells, then its margins and
	// the previous period's total (each from the raw rows: a family counts
	// once in a total even when it appears in several cells).
	queries := []indicator.Query{q}
	if by[0] != "" {
		queries = append(queries, withBy(q, "", ""))
	}
	if by[1] != "" {
		queries = append(queries, withBy(q, by[0], ""), withBy(q, by[1], ""))
	}
	if req.Compare {
		pq := withBy(q, "", "")
		pq.Period = req.Period.Previous()
		queries = append(queries, pq)
	}
	results, err := s.evaluateAll(ctx, tx, e, queries)
	if err != nil {
		return nil, err
	}
	cells := results[0]
	rest := results[1:]
	rowSet, colSet := map[string]bool{}, map[string]bool{}
	for key := range cells {
		rowSet[key[0]], colSet[key[1]] = true, true
	}
	r.Rows, r.Cols = sortedKeys(rowSet), sortedKeys(colSet)
	for key, f := range cells {
		r.Cells[key] = f
	}
	if by[0] != "" {
		r.Total = rest[0][indicator.Key{}]
		rest = rest[1:]
	} else {
		r.Total = cells[indicator.Key{}]
		r.Rows, r.Cols = nil, nil
	}
	if by[1] != "" {
		for key, f := range rest[0] {
			r.RowTotals[key[0]] = f
		}
		for key, f := range rest[1] {
			r.ColTotals[key[0]] = f
		}
		rest = rest[2:]
	}
	if req.Compare {
		p := rest[0][indicator.Key{}]
		r.Previous = &p
	}
	if deidentified {
		suppress(r, k)
		if r.Previous != nil && r.Families && r.Previous.Families > 0 && r.Previous.Families < k {
			*r.Previous = Figure{Hidden: true}
		}
	}
	return r, nil
}

func withBy(q indicator.Query, a, b indicator.Dimension) indicator.Query {
	q.By = [2]indicator.Dimension{a, b}
	return q
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, errA := strconv.Atoi(keys[i])
		b, errB := strconv.Atoi(keys[j])
		if errA == nil && errB == nil {
			return a < b
		}
		return keys[i] < keys[j]
	})
	return keys
}

// evaluateSideBySide marks a context whose indicator's evaluations may run
// side by side (computeAll computing a single indicator).
type evaluateSideBySide struct{}

// evaluateAll evaluates e over each query, in order. For a single
// indicator (evaluateSideBySide), the first in tx and the others at the
// same time, each in its own read transaction: the period's cells, its
// margins and the previous period's total are independent queries, which
// a server with several cores runs side by side (on SQLite, on its other
// reader connections). Like the dashboard's indicators computed four at a
// time on PostgreSQL, each sees the data as its own transaction began.
func (s *IndicatorService) evaluateAll(ctx context.Context, tx *store.Tx, e indicator.Expr, queries []indicator.Query) ([]map[indicator.Key]Figure, error) {
	out := make([]map[indicator.Key]Figure, len(queries))
	errs := make([]error, len(queries))
	var wg sync.WaitGroup
	here := len(queries) // evaluated in tx, in this goroutine
	if ctx.Value(evaluateSideBySide{}) != nil && ctx.Value(cacheOnly{}) == nil {
		here = 1
		for i, q := range queries[1:] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i+1] = s.inOwnTx(ctx, func(ctx context.Context, tx *store.Tx) error {
					var err error
					out[i+1], err = s.evaluate(ctx, tx, e, q)
					return err
				})
			}()
		}
	}
	for i, q := range queries[:here] {
		out[i], errs[i] = s.evaluate(ctx, tx, e, q)
	}
	wg.Wait()
	// Those that found no free connection, in tx.
	for i, q := range queries {
		if errors.Is(errs[i], errNoConnection) {
			out[i], errs[i] = s.evaluate(ctx, tx, e, q)
		}
	}
	return out, errors.Join(errs...)
}

// errNoConnection is inOwnTx finding no free side transaction or
// connection in time.
var errNoConnection = errors.New("indicators: no free connection for a side transaction")

// sideConnectionWait is how long a side transaction waits for a free
// connection before its work goes back to the request's transaction.
const sideConnectionWait = 25 * time.Millisecond

// inOwnTx runs fn in a read transaction of its own, or returns
// errNoConnection when sideTx is full or no read connection came free
// within sideConnectionWait: the caller then runs fn's work in its own. A
// request keeps its own transaction's connection while its side
// transactions run: were they to wait for a connection without end,
// requests holding every connection of the pool would wait for each
// other for ever (TestIndicatorsAskedByMoreRequestsThanConnectionsAllAnswer).
func (s *IndicatorService) inOwnTx(ctx context.Context, fn func(context.Context, *store.Tx) error) error {
	select {
	case s.sideTx <- struct{}{}:
		defer func() { <-s.sideTx }()
	default:
		return errNoConnection
	}
	err := s.store.ReadTxIfFree(ctx, sideConnectionWait, func(tx *store.Tx) error {
		s.sideTxBegun.Add(1)
		return fn(ctx, tx)
	})
	if errors.Is(err, store.ErrNoReadConnection) {
		return errNoConnection
	}
	return err
}

// evaluate computes the expression in every cell of q.
func (s *IndicatorService) evaluate(ctx context.Context, tx *store.Tx, e indicator.Expr, q indicator.Query) (map[indicator.Key]Figure, error) {
	perMeasure := map[string]indicator.Cells{}
	keys := map[indicator.Key]bool{}
	for _, name := range e.Args {
		cells, err := s.cells(ctx, tx, name, q)
		if err != nil {
			return nil, err
		}
		perMeasure[name] = cells
		for k := range cells {
			keys[k] = true
		}
	}
	if len(keys) == 0 && q.By == ([2]indicator.Dimension{}) {
		keys[indicator.Key{}] = true
	}
	out := map[indicator.Key]Figure{}
	for key := range keys {
		quantities := map[string]indicator.Quantity{}
		f := Figure{}
		for i, name := range e.Args {
			qty := perMeasure[name][key]
			quantities[name] = qty
			f.Families = max(f.Families, qty.Families)
			switch i {
			case 0:
				f.Numerator = qty.Count
			case 1:
				f.Denominator = qty.Count
			}
		}
		if len(e.Args) > 1 {
			// The smallest family count of a share or a ratio is the one that
			// could single someone out.
			f.Families = perMeasure[e.Args[0]][key].Families
			if n := perMeasure[e.Args[1]][key].Families; n > 0 && (f.Families == 0 || n < f.Families) {
				f.Families = n
			}
		}
		f.Value, f.Defined = e.Evaluate(quantities)
		out[key] = f
	}
	return out, nil
}

// suppress hides, for evaluators, every number of r counting fewer than k
// families and every number that would let one be recomputed from the
// margins (indicator.Suppress).
func suppress(r *IndicatorResult, k int) {
	if !r.Families {
		return
	}
	rows, cols := r.Rows, r.Cols
	if r.By[0] == "" {
		if r.Total.Families > 0 && r.Total.Families < k {
			r.Total = Figure{Hidden: true}
		}
		return
	}
	at := func(c indicator.Cell) *Figure {
		switch {
		case c == indicator.Grand:
			return &r.Total
		case c.Row >= 0 && c.Col >= 0:
			f := r.Cells[indicator.Key{rows[c.Row], cols[c.Col]}]
			return &f
		case c.Col == -1:
			f := r.RowTotals[rows[c.Row]]
			return &f
		default:
			f := r.ColTotals[cols[c.Col]]
			return &f
		}
	}
	hidden := indicator.Suppress(len(rows), len(cols), k, func(c indicator.Cell) int { return at(c).Families })
	// A table of one column (or one row) publishes its margins as well,
	// but each equals a cell (or the grand total): they share its fate.
	if len(cols) == 1 {
		for i := range rows {
			hidden[indicator.Cell{Row: i, Col: -1}] = hidden[indicator.Cell{Row: i, Col: 0}]
		}
		if len(rows) == 1 {
			hidden[indicator.Grand] = hidden[indicator.Cell{Row: 0, Col: 0}]
		}
		hidden[indicator.Cell{Row: -1, Col: 0}] = hidden[indicator.Grand]
	}
	if len(rows) == 1 {
		for j := range cols {
			hidden[indicator.Cell{Row: -1, Col: j}] = hidden[indicator.Cell{Row: 0, Col: j}]
		}
		hidden[indicator.Cell{Row: 0, Col: -1}] = hidden[indicator.Grand]
	}
	for c, h := range hidden {
		if !h {
			continue
		}
		switch {
		case c == indicator.Grand:
			r.Total = Figure{Hidden: true}
		case c.Row >= 0 && c.Col >= 0:
			r.Cells[indicator.Key{rows[c.Row], cols[c.Col]}] = Figure{Hidden: true}
		case c.Col == -1:
			r.RowTotals[rows[c.Row]] = Figure{Hidden: true}
		default:
			r.ColTotals[cols[c.Col]] = Figure{Hidden: true}
		}
	}
}

// cells reads one measure, from the cache when the data have not changed
// since it was computed. Requests asking for the same measure at the same
// time compute it once: the others wait for it (a dashboard after a write
// is computed once, not once per visitor).
func (s *IndicatorService) cells(ctx context.Context, tx *store.Tx, name string, q indicator.Query) (indicator.Cells, error) {
	key := fmt.Sprintf("%s|%s|%v|%d|%v|%d", name, q.Period, q.Sites, q.Team, q.By, q.StaleMonths)
	// The generation before tx began: cells computed in tx and kept under
	// it are never newer than it says (a write since moves it on).
	gen := tx.Generation()
	// SQLite is written by this process alone: its generation says exactly
	// when the data changed. PostgreSQL may be written by other instances,
	// whose writes are seen after at most measureCacheAge.
	maxAge := time.Duration(0)
	if s.store.Engine() == "postgres" {
		maxAge = measureCacheAge
	}
	if ctx.Value(cacheOnly{}) != nil {
		if c, ok := s.cache.peek(key, gen, maxAge); ok {
			return c, nil
		}
		return nil, errNotCached
	}
	for {
		c, wait, ok := s.cache.get(key, gen, maxAge)
		if ok {
			return c, nil
		}
		if wait == nil {
			break
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	c, err := tx.MeasureCells(ctx, name, q)
	s.cache.put(key, gen, maxAge, c, err)
	return c, err
}

// measureCache keeps computed measures until this process writes anything
// (the store's generation moves) and, on PostgreSQL, for measureCacheAge
// at most (another instance's writes). Bounded: it starts again when full.
type measureCache struct {
	mu         sync.Mutex
	generation uint64
	started    time.Time
	entries    map[string]indicator.Cells
	computing  map[string]chan struct{} // closed when the key's computation ends
}

const measureCacheAge = 30 * time.Second

const measureCacheSize = 2048

// get returns the cached cells; or, when another request is computing
// them, a channel to wait on; or neither: the caller computes them (and
// calls put).
func (c *measureCache) get(key string, gen uint64, maxAge time.Duration) (indicator.Cells, chan struct{}, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reset(gen, maxAge)
	if v, ok := c.entries[key]; ok {
		return v, nil, true
	}
	if wait, ok := c.computing[key]; ok {
		return nil, wait, false
	}
	if c.computing == nil {
		c.computing = map[string]chan struct{}{}
	}
	c.computing[key] = make(chan struct{})
	return nil, nil, false
}

// cacheOnly marks a context whose measures come from the cache or not at
// all (errNotCached).
type cacheOnly struct{}

var errNotCached = errors.New("indicators: measure not cached")

// peek returns the cached cells, if any.
func (c *measureCache) peek(key string, gen uint64, maxAge time.Duration) (indicator.Cells, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || c.generation != gen || (maxAge > 0 && time.Since(c.started) > maxAge) {
		return nil, false
	}
	v, ok := c.entries[key]
	return v, ok
}

// put stores what the caller computed (nothing after an error) and wakes
// those waiting for it.
func (c *measureCache) put(key string, gen uint64, maxAge time.Duration, v indicator.Cells, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if wait, ok := c.computing[key]; ok {
		close(wait)
		delete(c.computing, key)
	}
	if err != nil {
		return
	}
	c.reset(gen, maxAge)
	if c.generation == gen && len(c.entries) < measureCacheSize {
		c.entries[key] = v
	}
}

// reset empties the cache when the data changed or it is too old or full.
func (c *measureCache) reset(gen uint64, maxAge time.Duration) {
	if c.entries == nil || c.generation != gen || (maxAge > 0 && time.Since(c.started) > maxAge) || len(c.entries) >= measureCacheSize {
		c.generation, c.entries, c.started = gen, map[string]indicator.Cells{}, time.Now()
	}
}

// ParseExpression checks an expression for the form's live feedback.
func (s *IndicatorService) ParseExpression(src string) (indicator.Expr, error) {
	return indicator.Parse(strings.TrimSpace(src), store.MeasureCatalog())
}
