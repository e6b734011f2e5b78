package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/testdb"
)

// TestMeasuresMatchANaiveRecount generates a network at random (families on
// two sites, enrollments opening and closing, level changes, thousands of
// contacts of every kind and outcome), then recounts the intensity
// measures in plain Go from the generated rows and compares them with the
// SQL, by site and month, on both engines.
func TestMeasuresMatchANaiveRecount(t *testing.T) {
	type contact struct {
		family  int
		kind    string
		on      time.Time
		outcome string
	}
	type family struct {
		id, site     int
		start        time.Time
		closed       *time.Time
		level        string
		interval     int
		lastLevelDay time.Time
		programme    string
		interpreter  bool
	}
	rnd := rand.New(rand.NewPCG(2026, 17))
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var families []family
	var contacts []contact
	kinds := []string{"home_visit", "office_visit", "call", "group_meeting"}
	outcomes := []string{"done", "done", "done", "missed", "cancelled", "planned"}
	levels := map[string]int{"1": 7, "2": 14, "3": 28}
	for i := 1; i <= 120; i++ {
		f := family{id: i, site: 1 + rnd.IntN(2), start: day0.AddDate(0, 0, rnd.IntN(900)), programme: []string{"sippe", "cspc"}[rnd.IntN(2)],
			interpreter: rnd.IntN(4) == 0}
		if rnd.IntN(3) == 0 {
			c := f.start.AddDate(0, 0, 30+rnd.IntN(400))
			f.closed = &c
		}
		f.level = []string{"1", "2", "3"}[rnd.IntN(3)]
		f.interval = levels[f.level]
		families = append(families, f)
		for n := rnd.IntN(60); n > 0; n-- {
			on := f.start.AddDate(0, 0, rnd.IntN(800))
			contacts = append(contacts, contact{family: i, kind: kinds[rnd.IntN(len(kinds))], on: on, outcome: outcomes[rnd.IntN(len(outcomes))]})
		}
	}
	var stmts []string
	stmts = append(stmts, `INSERT INTO organisations (id, slug, name, created_at) VALUES (1, 'o', 'O', '2024-01-01 00:00:00+00:00')`,
		`INSERT INTO sites (id, organisation_id, slug, name, created_at) VALUES (1, 1, 's1', 'S1', '2024-01-01 00:00:00+00:00'), (2, 1, 's2', 'S2', '2024-01-01 00:00:00+00:00')`,
		`INSERT INTO users (id, email, display_name, created_at) VALUES (1, 'n@x', 'N', '2024-01-01 00:00:00+00:00')`)
	d := func(t time.Time) string { return "'" + t.Format(time.DateOnly) + "'" }
	for _, f := range families {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO families (id, site_id, status, interpreter_needed, created_at, updated_at) VALUES (%d, %d, 'active', %v, '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`,
			f.id, f.site, strings.ToUpper(fmt.Sprint(f.interpreter))))
		closed := "NULL"
		if f.closed != nil {
			closed = d(*f.closed)
		}
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO enrollments (family_id, programme, start_date, closed_on, created_at) VALUES (%d, '%s', %s, %s, '2024-01-01 00:00:00+00:00')`,
			f.id, f.programme, d(f.start), closed))
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO intensity_changes (family_id, level_code, interval_days, effective_on, reason, changed_by, at) VALUES (%d, '%s', %d, %s, 'r', 1, '2024-01-01 00:00:00+00:00')`,
			f.id, f.level, f.interval, d(f.start)))
	}
	for start := 0; start < len(contacts); start += 200 {
		var rows []string
		for _, c := range contacts[start:min(start+200, len(contacts))] {
			rows = append(rows, fmt.Sprintf(`(%d, '%s', %s, '%s', 1, '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`, c.family, c.kind, d(c.on), c.outcome))
		}
		stmts = append(stmts, `INSERT INTO contacts (family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES `+strings.Join(rows, ", "))
	}
	p, _ := indicator.NewPeriod(time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC))
	end := p.End()
	in := func(t time.Time) bool { return !t.Before(p.From) && t.Before(end) }
	byID := map[int]family{}
	for _, f := range families {
		byID[f.id] = f
	}
	followed := func(f family) bool { return f.start.Before(end) && (f.closed == nil || !f.closed.Before(p.From)) }

	// The naive recount.
	want := map[string]map[indicator.Key]float64{
		"contacts_held": {}, "home_visits": {}, "group_meeting_invitations": {}, "families_followed": {},
		"families_rhythm_met": {}, "families_rhythm_measured": {}, "families_interpreter_needed": {},
	}
	site := func(f family) string { return fmt.Sprint(f.site) }
	for _, c := range contacts {
		f := byID[c.family]
		k := indicator.Key{site(f), c.on.Format("2006-01")}
		if in(c.on) && c.outcome == "done" {
			want["contacts_held"][k]++
			if c.kind == "home_visit" {
				want["home_visits"][k]++
			}
		}
		if in(c.on) && c.kind == "group_meeting" && (c.outcome == "done" || c.outcome == "missed") {
			want["group_meeting_invitations"][k]++
		}
	}
	var overdue []float64
	for _, f := range families {
		if !followed(f) {
			continue
		}
		k := indicator.Key{site(f), p.From.Format("2006-01")}
		want["families_followed"][k]++
		if f.interpreter {
			want["families_interpreter_needed"][k]++
		}
		from := f.start
		if from.Before(p.From) {
			from = p.From
		}
		to := end
		if f.closed != nil && f.closed.Before(end) {
			to = *f.closed
		}
		days := int(to.Sub(from).Hours() / 24)
		held := 0
		var last time.Time
		for _, c := range contacts {
			if c.family == f.id && c.outcome == "done" {
				if in(c.on) {
					held++
				}
				if c.on.Before(end) && c.on.After(last) {
					last = c.on
				}
			}
		}
		if days > 0 {
			want["families_rhythm_measured"][k]++
			if (held+1)*f.interval > days {
				want["families_rhythm_met"][k]++
			}
		}
		if f.closed == nil {
			ref := f.start
			if last.After(ref) {
				ref = last
			}
			if o := float64(int(end.Sub(ref).Hours()/24) - 1 - f.interval); o > 0 {
				overdue = append(overdue, o)
			}
		}
	}
	for name, w := range want {
		if len(w) == 0 {
			t.Fatalf("the recount of %s is empty: the generated network tests nothing", name)
		}
	}
	if len(overdue) == 0 {
		t.Fatal("no family is overdue in the generated network")
	}
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			s := openMigrated(t, engine)
			ctx := context.Background()
			if err := s.WriteTx(ctx, func(tx *Tx) error {
				for _, q := range stmts {
					if _, err := tx.exec(ctx, q); err != nil {
						return fmt.Errorf("%s: %w", q[:60], err)
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			err := s.ReadTx(ctx, func(tx *Tx) error {
				for name, w := range want {
					by := [2]indicator.Dimension{indicator.DimSite, indicator.DimMonth}
					if !MeasureCatalog()[name].Has(indicator.DimMonth) {
						by[1] = ""
					}
					cells, err := tx.MeasureCells(ctx, name, indicator.Query{Period: p, By: by})
					if err != nil {
						return err
					}
					got := map[indicator.Key]float64{}
					for k, c := range cells {
						if by[1] == "" {
							k[1] = p.From.Format("2006-01")
						}
						got[k] = c.Count
					}
					if len(got) != len(w) {
						t.Errorf("%s: %d cells, the recount %d", name, len(got), len(w))
					}
					for k, v := range w {
						if got[k] != v {
							t.Errorf("%s at %v = %v, the recount %v", name, k, got[k], v)
						}
					}
				}
				cells, err := tx.MeasureCells(ctx, "days_overdue", indicator.Query{Period: p})
				if err != nil {
					return err
				}
				got := slices.Clone(cells[indicator.Key{}].Values)
				sort.Float64s(got)
				sort.Float64s(overdue)
				if !slices.Equal(got, overdue) {
					t.Errorf("days overdue %v, the recount %v", got, overdue)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
