package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestEveryDefinitionRunsOnTheDemo computes every indicator of the
// catalogue on the demo network, with every breakdown it allows, as the
// site coordinator and as the evaluator, on both engines.
func TestEveryDefinitionRunsOnTheDemo(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		today := indicator.Day(a.Now())
		p, _ := indicator.NewPeriod(today.AddDate(-2, 0, 0), today)
		coordinator, evaluator := actor(coordinatorEmail), actor(evaluatorEmail)
		defs, err := a.Indicators.Catalogue(ctx, coordinator)
		if err != nil {
			t.Fatal(err)
		}
		if len(defs) < 29 {
			t.Fatalf("%d definitions", len(defs))
		}
		for _, d := range defs {
			for _, by := range append([]indicator.Dimension{""}, d.Dimensions...) {
				for _, who := range []berceau.Actor{coordinator, evaluator} {
					rep, err := a.Indicators.Compute(ctx, who, IndicatorRequest{Codes: []string{d.Code}, Period: p, Compare: true,
						By: [2]indicator.Dimension{by}})
					if err != nil {
						t.Fatalf("%s by %q as %s: %v", d.Code, by, who.User.Email, err)
					}
					if len(rep.Results) != 1 {
						t.Fatalf("%s by %q: %d results", d.Code, by, len(rep.Results))
					}
				}
			}
		}
	})
}

// TestEvaluatorsCannotRecomputeASuppressedCell: the evaluator's export of
// every indicator by site and by programme, with its margins, hides every
// number of fewer than k families, and subtracting published numbers along
// rows and columns recovers none of the hidden ones. The coordinator's
// export of the same shows them.
func TestEvaluatorsCannotRecomputeASuppressedCell(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		today := indicator.Day(a.Now())
		p, _ := indicator.NewPeriod(today.AddDate(-5, 0, 0), today)
		req := IndicatorRequest{Period: p, By: [2]indicator.Dimension{indicator.DimSite, indicator.DimKind}, Codes: []string{"home_visit_share"}}
		coord, err := a.Indicators.Compute(ctx, actor(coordinatorEmail), req)
		if err != nil {
			t.Fatal(err)
		}
		if coord.Deidentified || len(coord.Results) != 1 {
			t.Fatalf("coordinator's report: deidentified %v, %d results", coord.Deidentified, len(coord.Results))
		}
		suppressedSomewhere := false
		for _, by := range [][2]indicator.Dimension{{indicator.DimSite, indicator.DimProgramme}, {indicator.DimSite, indicator.DimKind},
			{indicator.DimProgramme, indicator.DimLevel}, {indicator.DimSite, ""}} {
			rep, err := a.Indicators.Compute(ctx, actor(evaluatorEmail), IndicatorRequest{Period: p, By: by})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Deidentified || rep.MinFamilies != indicator.DefaultMinFamilies {
				t.Fatalf("evaluator's report: deidentified %v, k %d", rep.Deidentified, rep.MinFamilies)
			}
			var buf bytes.Buffer
			if err := WriteIndicatorCSV(&buf, IndicatorCSVHeader, rep.Rows(nil)); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"Haddad", "Tremblay", "infirmiere@", "Banque alimentaire"} {
				if strings.Contains(buf.String(), name) {
					t.Errorf("the evaluator's export names %q", name)
				}
			}
			if attackExport(t, buf.Bytes(), rep.MinFamilies) {
				suppressedSomewhere = true
			}
		}
		if !suppressedSomewhere {
			t.Error("no cell of the demo was suppressed: the attack tried nothing")
		}
	})
}

// attackExport reads an evaluator's CSV back and, indicator by indicator,
// rebuilds its table of family counts from the published numbers, then
// subtracts along every row and column (indicator.Recover). It fails the
// test when a hidden count is recovered or a small count is shown, and
// reports whether anything was hidden.
func attackExport(t *testing.T, data []byte, k int) bool {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	type table struct {
		rows, cols []string
		known      map[[2]string]float64
		hidden     map[[2]string]bool
	}
	tables := map[string]*table{}
	anyHidden := false
	for _, rec := range records[1:] {
		code := rec[col["indicator"]]
		tb := tables[code]
		if tb == nil {
			tb = &table{known: map[[2]string]float64{}, hidden: map[[2]string]bool{}}
			tables[code] = tb
		}
		k1, k2 := rec[col["key1"]], rec[col["key2"]]
		if rec[col["total"]] == "true" {
			if rec[col["key1"]] == "" {
				k1 = "*"
			}
			if rec[col["by2"]] == "" || rec[col["key2"]] == "" {
				k2 = "*"
			}
		} else if rec[col["by2"]] == "" {
			k2 = ""
		}
		if rec[col["total"]] == "false" {
			if !contains(tb.rows, k1) {
				tb.rows = append(tb.rows, k1)
			}
			if !contains(tb.cols, k2) {
				tb.cols = append(tb.cols, k2)
			}
		}
		key := [2]string{k1, k2}
		if rec[col["suppressed"]] == "true" {
			tb.hidden[key] = true
			anyHidden = true
			continue
		}
		if f := rec[col["families"]]; f != "" {
			n, _ := strconv.Atoi(f)
			if n > 0 && n < k {
				t.Errorf("%s %v: %d families shown", code, key, n)
			}
			tb.known[key] = float64(n)
		} else {
			tb.known[key] = 0
		}
	}
	for code, tb := range tables {
		if len(tb.hidden) == 0 || len(tb.rows) == 0 {
			continue
		}
		addr := func(k [2]string) indicator.Cell {
			c := indicator.Cell{Row: -1, Col: -1}
			for i, r := range tb.rows {
				if r == k[0] {
					c.Row = i
				}
			}
			for j, x := range tb.cols {
				if x == k[1] {
					c.Col = j
				}
			}
			if len(tb.cols) == 1 && k[1] == "*" && c.Row >= 0 {
				c.Col = 0 // one column: a row's total is its cell
			}
			return c
		}
		known, hidden := map[indicator.Cell]float64{}, indicator.Masked{}
		for key, v := range tb.known {
			known[addr(key)] = v
		}
		for key := range tb.hidden {
			hidden[addr(key)] = true
		}
		for c := range indicator.Recover(len(tb.rows), len(tb.cols), known, hidden) {
			t.Errorf("%s: hidden cell %v recovered from the export's totals", code, c)
		}
	}
	return anyHidden
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestAnIndicatorIsAddedAsANewVersion: a coordinator adds an indicator
// from existing measures and edits it; both versions stay, the dashboard
// computes the newest, and a wrong expression says where it is wrong.
func TestAnIndicatorIsAddedAsANewVersion(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		coordinator := actor(coordinatorEmail)
		d := indicator.Definition{Code: "calls_share", Section: indicator.SectionIntensity,
			Name: berceau.TextOf("fr", "Part des appels", "en", "Share of calls"), Expression: "count(contacts_held)"}
		if _, err := a.Indicators.SaveDefinition(ctx, coordinator, d); err != nil {
			t.Fatal(err)
		}
		d.Expression = "share(home_visits, contacts_held)"
		saved, err := a.Indicators.SaveDefinition(ctx, coordinator, d)
		if err != nil || saved.Version != 2 {
			t.Fatalf("second version: %+v %v", saved, err)
		}
		versions, err := a.Indicators.Versions(ctx, coordinator, "calls_share")
		if err != nil || len(versions) != 2 || versions[1].Expression != "count(contacts_held)" {
			t.Fatalf("versions: %+v %v", versions, err)
		}
		rep, err := a.Indicators.Compute(ctx, coordinator, IndicatorRequest{Period: indicator.Year(a.Now().Year()), Codes: []string{"calls_share"}})
		if err != nil || rep.Results[0].Unit != indicator.UnitPercent {
			t.Fatalf("computed: %+v %v", rep.Results, err)
		}
		d.Expression = "share(home_visits, contact_held)"
		_, err = a.Indicators.SaveDefinition(ctx, coordinator, d)
		var pe *indicator.ParseError
		if !errors.As(err, &pe) || pe.Pos != 19 || pe.Key != "indicator.expr_unknown_measure" {
			t.Fatalf("wrong expression: %v", err)
		}
		if v, _ := a.Indicators.Versions(ctx, coordinator, "calls_share"); len(v) != 2 {
			t.Fatalf("a refused edit wrote a version: %d", len(v))
		}
		if err := a.Indicators.SetMinFamilies(ctx, actor(adminEmail), 1); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("threshold 1: %v", err)
		}
		if err := a.Indicators.SetMinFamilies(ctx, actor(adminEmail), 7); err != nil {
			t.Fatal(err)
		}
		if k, _ := a.Indicators.MinFamilies(ctx); k != 7 {
			t.Fatalf("threshold %d, want 7", k)
		}
	})
}

// TestCoordinatorsSeeOnlyTheirSites: a coordinator's indicators cover the
// sites they coordinate; another site is refused; the evaluator's the
// whole network.
func TestCoordinatorsSeeOnlyTheirSites(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, _ := demoWorldOn(t, st)
		p := indicator.Year(a.Now().Year())
		rep, err := a.Indicators.Compute(ctx, actor(coordinatorEmail), IndicatorRequest{Period: p, Codes: []string{"families_followed"}})
		if err != nil {
			t.Fatal(err)
		}
		eval, err := a.Indicators.Compute(ctx, actor(evaluatorEmail), IndicatorRequest{Period: p, Codes: []string{"families_followed"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Sites) >= len(eval.Sites) || len(rep.Sites) == 0 {
			t.Fatalf("coordinator sees %d sites, evaluator %d", len(rep.Sites), len(eval.Sites))
		}
		var other int64
		for slug, id := range sites {
			mine := false
			for _, s := range rep.Sites {
				mine = mine || s.ID == id
			}
			if !mine {
				other = id
				_ = slug
			}
		}
		_, err = a.Indicators.Compute(ctx, actor(coordinatorEmail), IndicatorRequest{Period: p, SiteID: other})
		if berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("another site: %v", err)
		}
		if _, err := a.Indicators.Compute(ctx, actor(nurseEmail), IndicatorRequest{Period: p}); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner: %v", err)
		}
	})
}
