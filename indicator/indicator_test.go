package indicator

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/berceau/berceau"
)

var testCatalog = Catalog{
	"admitted":            {Name: "admitted", Aggregate: AggFamilies, Families: true, Dimensions: []Dimension{DimSite, DimMonth, DimYear}},
	"admitted_before_20w": {Name: "admitted_before_20w", Aggregate: AggFamilies, Families: true, Dimensions: []Dimension{DimSite, DimYear}},
	"days_overdue":        {Name: "days_overdue", Aggregate: AggValues, Unit: "days", Families: true, Dimensions: []Dimension{DimSite}},
	"training_hours":      {Name: "training_hours", Aggregate: AggSum, Unit: "hours", Dimensions: []Dimension{DimYear}},
	"events_held":         {Name: "events_held", Aggregate: AggRows, Dimensions: []Dimension{DimYear}},
}

func TestParseAcceptsTheLanguage(t *testing.T) {
	for src, want := range map[string]string{
		"share(admitted_before_20w, admitted)": "share(admitted_before_20w, admitted)",
		"  COUNT( admitted )":                  "count(admitted)",
		"median(days_overdue)":                 "median(days_overdue)",
		"mean(days_overdue)":                   "mean(days_overdue)",
		"ratio(training_hours,events_held)":    "ratio(training_hours, events_held)",
		"sum(training_hours)":                  "sum(training_hours)",
		"count(events_held)":                   "count(events_held)",
	} {
		e, err := Parse(src, testCatalog)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		if e.String() != want {
			t.Errorf("Parse(%q) = %s, want %s", src, e, want)
		}
	}
}

func TestParseRefusesWithThePosition(t *testing.T) {
	for _, tc := range []struct {
		src string
		key string
		pos int
	}{
		{"", "indicator.expr_empty", 0},
		{"share(admitted_before_20w, admited)", "indicator.expr_unknown_measure", 27},
		{"avg(admitted)", "indicator.expr_unknown_function", 0},
		{"count(admitted", "indicator.expr_unexpected_end", 14},
		{"count admitted", "indicator.expr_want_open", 6},
		{"count(admitted) admitted", "indicator.expr_trailing", 16},
		{"share(admitted)", "indicator.expr_too_few_arguments", 14},
		{"count(admitted, admitted)", "indicator.expr_too_many_arguments", 16},
		{"median(admitted)", "indicator.expr_wrong_measure_median", 7},
		{"count(days_overdue)", "indicator.expr_wrong_measure_count", 6},
		{"share(count(admitted), admitted)", "indicator.expr_no_nesting", 6},
		{"count(admitted; DROP TABLE families)", "indicator.expr_bad_character", 14},
		{"count(é)", "indicator.expr_bad_character", 6},
		{"count(,)", "indicator.expr_want_measure", 6},
		{"count(admitted admitted)", "indicator.expr_want_comma", 15},
		{"count(1)", "indicator.expr_bad_character", 6},
	} {
		_, err := Parse(tc.src, testCatalog)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want a ParseError", tc.src, err)
			continue
		}
		if pe.Key != tc.key || pe.Pos != tc.pos {
			t.Errorf("Parse(%q) = %s at %d, want %s at %d", tc.src, pe.Key, pe.Pos, tc.key, tc.pos)
		}
	}
	long := "count(" + string(make([]byte, MaxExpressionLength)) + ")"
	if _, err := Parse(long, testCatalog); err == nil {
		t.Error("an over-long expression was accepted")
	}
}

func TestEvaluate(t *testing.T) {
	q := map[string]Quantity{
		"admitted":            {Count: 8, Families: 8},
		"admitted_before_20w": {Count: 2, Families: 2},
		"days_overdue":        {Values: []float64{9, 1, 4, 30}},
	}
	for src, want := range map[string]float64{
		"share(admitted_before_20w, admitted)": 25,
		"count(admitted)":                      8,
		"median(days_overdue)":                 6.5,
		"mean(days_overdue)":                   11,
	} {
		e, _ := Parse(src, testCatalog)
		if got, ok := e.Evaluate(q); !ok || got != want {
			t.Errorf("%s = %v %v, want %v", src, got, ok, want)
		}
	}
	e, _ := Parse("share(admitted_before_20w, admitted)", testCatalog)
	if _, ok := e.Evaluate(map[string]Quantity{}); ok {
		t.Error("a share of nothing has a value")
	}
	if dims := e.Dimensions(testCatalog); len(dims) != 2 || dims[0] != DimSite || dims[1] != DimYear {
		t.Errorf("dimensions = %v, want [site year]", dims)
	}
}

func TestDefinitionValidation(t *testing.T) {
	d := Definition{Code: "early", Section: SectionAccess, Name: berceau.TextOf("fr", "Admises tôt", "en", "Admitted early"),
		Expression: "share(admitted_before_20w, admitted)"}
	if _, err := d.Validate(testCatalog); err != nil {
		t.Fatal(err)
	}
	if len(d.Dimensions) != 2 || d.Period != DimYear {
		t.Errorf("defaults: dimensions %v period %s", d.Dimensions, d.Period)
	}
	bad := Definition{Code: "Bad code", Expression: "share(admitted_before_20w, nope)", Dimensions: []Dimension{DimMonth}}
	_, err := bad.Validate(testCatalog)
	var e *berceau.Error
	if !errors.As(err, &e) || e.Fields["code"] == "" || e.Fields["name"] == "" || e.Fields["expression"] != "indicator.expr_unknown_measure" {
		t.Fatalf("invalid definition: %v", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Pos != 27 {
		t.Errorf("the position is lost: %v", err)
	}
	month := Definition{Code: "early", Section: SectionAccess, Name: berceau.TextOf("en", "x"),
		Expression: "share(admitted_before_20w, admitted)", Dimensions: []Dimension{DimMonth}}
	if _, err := month.Validate(testCatalog); err == nil {
		t.Error("a breakdown one measure lacks was accepted")
	}
}

func TestPeriods(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse(time.DateOnly, s); return v }
	for _, tc := range []struct{ from, to, pfrom, pto string }{
		{"2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31"},
		{"2026-04-01", "2026-06-30", "2026-01-01", "2026-03-31"},
		{"2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28"},
		{"2026-03-10", "2026-03-19", "2026-02-28", "2026-03-09"},
	} {
		p, ok := NewPeriod(d(tc.from), d(tc.to))
		if !ok {
			t.Fatal(tc)
		}
		prev := p.Previous()
		if prev.From != d(tc.pfrom) || prev.To != d(tc.pto) {
			t.Errorf("%s previous = %s, want %s..%s", p, prev, tc.pfrom, tc.pto)
		}
	}
	if _, ok := NewPeriod(d("2026-02-01"), d("2026-01-01")); ok {
		t.Error("a period ending before it starts")
	}
	if Bucket(DimQuarter, d("2026-08-15")) != "2026-Q3" || Bucket(DimMonth, d("2026-08-15")) != "2026-08" {
		t.Error("buckets")
	}
}

func TestSuppressionHidesSmallCellsAndTheirComplements(t *testing.T) {
	// Three sites × two years; site B in 2025 has 2 families.
	cells := [][]int{{10, 12}, {2, 9}, {7, 8}}
	k := 5
	families := tableFamilies(cells)
	hidden := Suppress(3, 2, k, families)
	if !hidden[Cell{1, 0}] {
		t.Fatal("the small cell is shown")
	}
	if hidden[Grand] {
		t.Error("the grand total was hidden")
	}
	assertUnrecoverable(t, cells, hidden)
	// Row B: its other cell (9) is hidden; column 2025: the next smallest (7).
	if !hidden[Cell{1, 1}] || !hidden[Cell{2, 0}] {
		t.Errorf("complements not hidden: %v", hidden)
	}
}

func TestSuppressionOneDimension(t *testing.T) {
	cells := [][]int{{3, 40, 22, 0}}
	hidden := Suppress(1, 4, 5, tableFamilies(cells))
	if !hidden[Cell{0, 0}] || !hidden[Cell{0, 3}] && !hidden[Cell{0, 2}] {
		t.Errorf("hidden = %v", hidden)
	}
	assertUnrecoverable(t, cells, hidden)
}

// TestSuppressionResistsSubtraction draws many random tables with small
// cells and checks that subtraction along rows and columns recovers none.
func TestSuppressionResistsSubtraction(t *testing.T) {
	rnd := rand.New(rand.NewPCG(17, 2026))
	for n := 0; n < 2000; n++ {
		rows, cols := 1+rnd.IntN(5), 1+rnd.IntN(6)
		cells := make([][]int, rows)
		for i := range cells {
			cells[i] = make([]int, cols)
			for j := range cells[i] {
				if rnd.IntN(3) == 0 {
					cells[i][j] = rnd.IntN(5)
				} else {
					cells[i][j] = rnd.IntN(60)
				}
			}
		}
		hidden := Suppress(rows, cols, 5, tableFamilies(cells))
		assertUnrecoverable(t, cells, hidden)
		if t.Failed() {
			t.Fatalf("table %v", cells)
		}
	}
}

func tableFamilies(cells [][]int) func(Cell) int {
	return func(c Cell) int {
		total := 0
		for i, row := range cells {
			for j, n := range row {
				if (c.Row == -1 || c.Row == i) && (c.Col == -1 || c.Col == j) {
					total += n
				}
			}
		}
		return total
	}
}

func assertUnrecoverable(t *testing.T, cells [][]int, hidden Masked) {
	t.Helper()
	rows, cols := len(cells), len(cells[0])
	families := tableFamilies(cells)
	known := map[Cell]float64{}
	for _, c := range Published(rows, cols) {
		n := families(c)
		known[c] = float64(n)
		if n > 0 && n < 5 && !hidden[c] {
			t.Errorf("cell %v of %d families is shown", c, n)
		}
	}
	for c := range Recover(rows, cols, known, hidden) {
		t.Errorf("hidden cell %v recovered by subtraction", c)
	}
}
