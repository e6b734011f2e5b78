package store

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/testdb"
)

// indicatorFixture is a small network whose every indicator of 2026 was
// computed by hand (the comments say how). Two sites (1, 2), one team each.
//
//	F1 site 1: unborn due 2026-09-01, admitted on the criteria 2026-02-10
//	   (203 days before the due date: 11 weeks), level 1 (7 days), needs an
//	   interpreter; 4 contacts held, 1 missed group meeting, 1 cancelled.
//	F2 site 1: due 2026-05-01, admitted by team decision 2026-03-01 (61 days:
//	   31.29 weeks), level 2 (14 days); 3 contacts held.
//	F3 site 2: no pregnancy, admitted 2026-04-15, level 3 (28 days), closed
//	   2026-10-15 (goals met, 183 days); 7 home visits: rhythm met.
//	F4 site 2: followed since 2025-06-01, level 1; 1 contact held in 2026.
//	F5 site 1: refused 2026-05-05 with an orientation. F6 site 2: refused
//	   2026-06-06 without.
var indicatorFixture = []string{
	`INSERT INTO organisations (id, slug, name, created_at) VALUES (1, 'o', 'O', '2025-01-01 00:00:00+00:00')`,
	`INSERT INTO sites (id, organisation_id, slug, name, created_at) VALUES (1, 1, 's1', 'Site un', '2025-01-01 00:00:00+00:00'),
		(2, 1, 's2', 'Site deux', '2025-01-01 00:00:00+00:00')`,
	`INSERT INTO teams (id, site_id, slug, name, created_at) VALUES (1, 1, 't1', 'T1', '2025-01-01 00:00:00+00:00'),
		(2, 2, 't2', 'T2', '2025-01-01 00:00:00+00:00')`,
	`INSERT INTO users (id, email, display_name, discipline, created_at) VALUES (1, 'n@x', 'N', 'nurse', '2025-01-01 00:00:00+00:00')`,
	`INSERT INTO families (id, site_id, team_id, status, interpreter_needed, created_at, updated_at) VALUES
		(1, 1, 1, 'active', TRUE, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(2, 1, 1, 'active', FALSE, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 2, 2, 'closed', FALSE, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(4, 2, 2, 'active', FALSE, '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00'),
		(5, 1, 1, 'closed', FALSE, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(6, 2, 2, 'closed', FALSE, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
	`INSERT INTO household_members (id, family_id, role, due_date, birth_date) VALUES
		(1, 1, 'unborn', '2026-09-01', NULL), (2, 2, 'unborn', '2026-05-01', NULL), (3, 3, 'child', NULL, '2026-01-05')`,
	`INSERT INTO screenings (family_id, programme_slug, rulebook, thresholds_label, screening_date, input, outcome, criteria, screened_by, created_at) VALUES
		(1, 'sippe', 'sippe', 't', '2026-02-01', '{}', 'eligible', '[]', 1, '2026-02-01 00:00:00+00:00'),
		(2, 'sippe', 'sippe', 't', '2026-02-20', '{}', 'team_review', '[]', 1, '2026-02-20 00:00:00+00:00'),
		(3, 'cspc', 'sippe', 't', '2026-04-01', '{}', 'eligible', '[]', 1, '2026-04-01 00:00:00+00:00'),
		(4, 'sippe', 'sippe', 't', '2025-05-20', '{}', 'eligible', '[]', 1, '2025-05-20 00:00:00+00:00'),
		(5, 'sippe', 'sippe', 't', '2026-05-01', '{}', 'not_eligible', '[]', 1, '2026-05-01 00:00:00+00:00'),
		(6, 'sippe', 'sippe', 't', '2026-06-01', '{}', 'not_eligible', '[]', 1, '2026-06-01 00:00:00+00:00')`,
	`INSERT INTO family_status_history (family_id, from_status, to_status, reason, at) VALUES
		(1, 'screening', 'active', 'criteria_met', '2026-02-10 10:00:00+00:00'),
		(2, 'screening', 'active', 'team_decision', '2026-03-01 10:00:00+00:00'),
		(3, 'screening', 'active', 'criteria_met', '2026-04-15 10:00:00+00:00'),
		(4, 'screening', 'active', 'criteria_met', '2025-06-01 10:00:00+00:00'),
		(3, 'active', 'closed', '', '2026-10-15 10:00:00+00:00')`,
	`INSERT INTO admission_decisions (family_id, verdict, rationale, orientation, quorum_professionals, quorum_disciplines, proposed_by, created_at, completed_at) VALUES
		(5, 'refuse', 'r', 'CLSC', 2, 2, 1, '2026-05-02 00:00:00+00:00', '2026-05-05 10:00:00+00:00'),
		(6, 'refuse', 'r', '', 2, 2, 1, '2026-06-02 00:00:00+00:00', '2026-06-06 10:00:00+00:00')`,
	`INSERT INTO enrollments (family_id, programme, start_date, closed_on, closure_reason, created_at) VALUES
		(1, 'sippe', '2026-02-10', NULL, '', '2026-02-10 00:00:00+00:00'),
		(2, 'sippe', '2026-03-01', NULL, '', '2026-03-01 00:00:00+00:00'),
		(3, 'cspc', '2026-04-15', '2026-10-15', 'goals_met', '2026-04-15 00:00:00+00:00'),
		(4, 'sippe', '2025-06-01', NULL, '', '2025-06-01 00:00:00+00:00')`,
	`INSERT INTO intensity_changes (family_id, level_code, interval_days, effective_on, reason, changed_by, at) VALUES
		(1, '1', 7, '2026-02-10', 'r', 1, '2026-02-10 00:00:00+00:00'),
		(2, '2', 14, '2026-03-01', 'r', 1, '2026-03-01 00:00:00+00:00'),
		(3, '3', 28, '2026-04-15', 'r', 1, '2026-04-15 00:00:00+00:00'),
		(4, '3', 28, '2025-06-01', 'r', 1, '2025-06-01 00:00:00+00:00'),
		(4, '1', 7, '2025-09-01', 'r', 1, '2025-09-01 00:00:00+00:00')`,
	`INSERT INTO contacts (family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES
		(1, 'home_visit', '2026-02-15', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(1, 'call', '2026-03-01', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(1, 'home_visit', '2026-03-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(1, 'group_meeting', '2026-04-01', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(1, 'group_meeting', '2026-05-01', 'missed', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(1, 'office_visit', '2026-06-01', 'cancelled', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(2, 'office_visit', '2026-03-05', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(2, 'home_visit', '2026-12-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(2, 'group_meeting', '2026-04-01', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 'home_visit', '2026-04-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 'home_visit', '2026-05-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 'home_visit', '2026-06-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 'home_visit', '2026-07-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 'home_visit', '2026-08-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 'home_visit', '2026-09-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 'home_visit', '2026-10-10', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(4, 'home_visit', '2025-12-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(4, 'call', '2026-01-10', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
	`INSERT INTO key_worker_history (family_id, user_id, at) VALUES
		(1, 1, '2026-02-10 00:00:00+00:00'), (1, 1, '2026-07-01 00:00:00+00:00'),
		(4, 1, '2025-06-01 00:00:00+00:00'), (4, 1, '2026-03-01 00:00:00+00:00'), (4, 1, '2026-09-01 00:00:00+00:00')`,
	`INSERT INTO referrals (id, family_id, service_id, service_name, external_resource, reason, status, created_by, created_at, updated_at) VALUES
		(1, 1, 'svc-a', 'Halte-garderie', '', 'x', 'completed', 1, '2026-03-01 09:00:00+00:00', '2026-03-01 09:00:00+00:00'),
		(2, 1, '', '', 'Banque alimentaire du quartier', 'x', 'waitlisted', 1, '2026-04-01 09:00:00+00:00', '2026-04-01 09:00:00+00:00'),
		(3, 3, 'svc-a', 'Halte-garderie', '', 'x', 'not_reached', 1, '2026-05-01 09:00:00+00:00', '2026-05-01 09:00:00+00:00'),
		(4, 2, 'svc-b', 'CLSC', '', 'x', 'first_appointment_held', 1, '2026-06-01 09:00:00+00:00', '2026-06-01 09:00:00+00:00')`,
	`INSERT INTO referral_changes (referral_id, from_status, to_status, changed_by, at) VALUES
		(1, 'accepted', 'first_appointment_held', 1, '2026-03-11 15:00:00+00:00'),
		(1, 'first_appointment_held', 'completed', 1, '2026-04-11 15:00:00+00:00'),
		(4, 'accepted', 'first_appointment_held', 1, '2026-06-21 08:00:00+00:00')`,
	`INSERT INTO plan_goals (family_id, words, orientation, sub_objective, status, created_at, updated_at) VALUES
		(1, 'w', 'health', 's', 'achieved', '2026-03-01 00:00:00+00:00', '2026-03-01 00:00:00+00:00'),
		(1, 'w', 'parenting', 's', 'in_progress', '2026-03-01 00:00:00+00:00', '2026-03-01 00:00:00+00:00'),
		(3, 'w', 'health', 's', 'achieved', '2026-05-01 00:00:00+00:00', '2026-05-01 00:00:00+00:00'),
		(4, 'w', 'health', 's', 'achieved', '2025-12-01 00:00:00+00:00', '2025-12-01 00:00:00+00:00')`,
	`INSERT INTO reassessments (family_id, held_on, summary, held_by, at) VALUES
		(1, '2026-08-01', 's', 1, '2026-08-01 00:00:00+00:00'),
		(4, '2025-07-01', 's', 1, '2025-07-01 00:00:00+00:00'),
		(4, '2026-03-01', 's', 1, '2026-03-01 00:00:00+00:00'),
		(4, '2026-08-01', 's', 1, '2026-08-01 00:00:00+00:00')`,
	`INSERT INTO indicator_expected_births (site_id, year, births, updated_at) VALUES
		(1, 2026, 40, '2026-01-01 00:00:00+00:00'), (2, 2026, 60, '2026-01-01 00:00:00+00:00'), (1, 2025, 999, '2025-01-01 00:00:00+00:00')`,
	`INSERT INTO events (id, uid, kind, place_kind, starts_at, ends_at, time_zone, audience, status, created_at, updated_at) VALUES
		(1, 'e1', 'training', 'in_person', '2026-03-10 13:00:00+00:00', '2026-03-10 16:00:00+00:00', 'America/Montreal', 'network', 'scheduled', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(2, 'e2', 'training', 'in_person', '2026-04-10 13:00:00+00:00', '2026-04-10 16:00:00+00:00', 'America/Montreal', 'network', 'cancelled', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 'e3', 'training', 'in_person', '2026-05-10 13:00:00+00:00', '2026-05-10 16:00:00+00:00', 'America/Montreal', 'network', 'scheduled', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
	`INSERT INTO event_registrations (id, event_id, user_id, email, sector, language, state, created_at, updated_at) VALUES
		(1, 1, 1, NULL, 'health', 'fr', 'attended', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(2, 1, NULL, 'a@x', 'social', 'fr', 'attended', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(3, 1, NULL, 'b@x', 'health', 'fr', 'registered', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
		(4, 3, 1, NULL, 'health', 'fr', 'attended', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
	`INSERT INTO learning_hours (registration_id, event_id, user_id, minutes, recorded_at) VALUES
		(1, 1, 1, 90, '2026-03-10 17:00:00+00:00'), (2, 1, NULL, 60, '2026-03-10 17:00:00+00:00'), (4, 3, 1, 120, '2026-05-10 17:00:00+00:00')`,
	`INSERT INTO directory_services (id, status, name_fr, name_en, record, last_modified, confirmed_at) VALUES
		('s1', 'active', 'A', 'A', '{}', '2026-01-01 00:00:00+00:00', '2026-06-01 00:00:00+00:00'),
		('s2', 'active', 'B', 'B', '{}', '2026-01-01 00:00:00+00:00', '2025-06-01 00:00:00+00:00'),
		('s3', 'active', 'C', 'C', '{}', '2026-01-01 00:00:00+00:00', NULL),
		('s4', 'inactive', 'D', 'D', '{}', '2026-01-01 00:00:00+00:00', '2026-05-01 00:00:00+00:00')`,
}

// loadIndicatorFixture writes the fixture into s.
func loadIndicatorFixture(t testing.TB, s *Store) {
	t.Helper()
	err := s.WriteTx(context.Background(), func(tx *Tx) error {
		for _, q := range indicatorFixture {
			if _, err := tx.exec(context.Background(), q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.dialect == postgresDialect {
		// Explicit ids leave the identity sequences behind.
		for _, table := range []string{"organisations", "sites", "teams", "users", "families", "household_members", "referrals", "events", "event_registrations"} {
			err := s.WriteTx(context.Background(), func(tx *Tx) error {
				_, err := tx.exec(context.Background(), `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), (SELECT MAX(id) FROM `+table+`))`)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestEveryStartingIndicatorMatchesTheHandComputedValues computes each
// indicator of the starting set over 2026 on the fixture, network-wide and
// by site, on both engines.
func TestEveryStartingIndicatorMatchesTheHandComputedValues(t *testing.T) {
	want := map[string]struct {
		total    float64
		bySite   map[string]float64 // "" when the indicator has no site
		families int                // the families behind the total (0: not a family measure)
	}{
		"families_screened":             {5, map[string]float64{"1": 3, "2": 2}, 5},
		"families_eligible":             {2, map[string]float64{"1": 1, "2": 1}, 2},
		"families_admitted":             {3, map[string]float64{"1": 2, "2": 1}, 3},
		"admitted_by_team_decision":     {100.0 / 3, map[string]float64{"1": 50, "2": 0}, 1},
		"refused_with_orientation":      {50, map[string]float64{"1": 100, "2": 0}, 1},
		"admitted_before_20_weeks":      {50, map[string]float64{"1": 50}, 1},
		"gestational_age_at_admission":  {(11 + 219.0/7) / 2, map[string]float64{"1": (11 + 219.0/7) / 2}, 2},
		"admitted_after_birth":          {1, map[string]float64{"2": 1}, 1},
		"families_followed":             {4, map[string]float64{"1": 2, "2": 2}, 4},
		"reach":                         {0.04, map[string]float64{"1": 0.05, "2": 2.0 / 60}, 4},
		"rhythm_met":                    {25, map[string]float64{"1": 0, "2": 50}, 1},
		"days_overdue":                  {(267 + 348) / 2.0, map[string]float64{"1": 267, "2": 348}, 2},
		"key_worker_changes":            {3 / (1179 / 365.25), map[string]float64{"1": 1 / (631 / 365.25), "2": 2 / (548 / 365.25)}, 2},
		"home_visit_share":              {100 * 10.0 / 15, map[string]float64{"1": 300.0 / 7, "2": 700.0 / 8}, 3},
		"group_meeting_participation":   {200.0 / 3, map[string]float64{"1": 200.0 / 3}, 2},
		"interpreter_needed":            {25, map[string]float64{"1": 50, "2": 0}, 1},
		"referrals_made":                {4, map[string]float64{"1": 3, "2": 1}, 3},
		"referrals_closed_with_outcome": {50, map[string]float64{"1": 100.0 / 3, "2": 100}, 2},
		"days_to_first_appointment":     {15, map[string]float64{"1": 15}, 2},
		"referral_outcomes":             {4, map[string]float64{"1": 3, "2": 1}, 3},
		"goals_set":                     {3, map[string]float64{"1": 2, "2": 1}, 2},
		"goals_achieved":                {200.0 / 3, map[string]float64{"1": 50, "2": 100}, 2},
		"reassessments_on_time":         {200.0 / 3, map[string]float64{"1": 100, "2": 50}, 2},
		"closures":                      {1, map[string]float64{"2": 1}, 1},
		"follow_up_length":              {183, map[string]float64{"2": 183}, 1},
		"events_held":                   {2, nil, 0},
		"event_attendance":              {3, nil, 0},
		"training_hours":                {4.5, nil, 0},
		"directory_freshness":           {100.0 / 3, nil, 0},
	}
	for code, w := range voiceIndicatorWant { // the families' voice (voice_measure_test.go)
		want[code] = w
	}
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			s := openMigrated(t, engine)
			loadIndicatorFixture(t, s)
			ctx := context.Background()
			p := indicator.Year(2026)
			err := s.ReadTx(ctx, func(tx *Tx) error {
				defs, err := tx.IndicatorDefinitions(ctx)
				if err != nil {
					return err
				}
				seen := map[string]bool{}
				for _, d := range defs {
					w, ok := want[d.Code]
					if !ok {
						t.Errorf("%s: no hand-computed value", d.Code)
						continue
					}
					seen[d.Code] = true
					e, err := indicator.Parse(d.Expression, MeasureCatalog())
					if err != nil {
						t.Errorf("%s: %v", d.Code, err)
						continue
					}
					got, families := evaluateIn(t, tx, e, indicator.Query{Period: p, StaleMonths: 12})
					v := got[indicator.Key{}]
					if math.Abs(v-w.total) > 1e-9 {
						t.Errorf("%s = %v, want %v", d.Code, v, w.total)
					}
					if families[indicator.Key{}] != w.families {
						t.Errorf("%s: %d families behind the total, want %d", d.Code, families[indicator.Key{}], w.families)
					}
					if w.bySite == nil {
						continue
					}
					bySite, _ := evaluateIn(t, tx, e, indicator.Query{Period: p, By: [2]indicator.Dimension{indicator.DimSite}})
					for site, wv := range w.bySite {
						if math.Abs(bySite[indicator.Key{site}]-wv) > 1e-9 {
							t.Errorf("%s site %s = %v, want %v", d.Code, site, bySite[indicator.Key{site}], wv)
						}
					}
					only, _ := evaluateIn(t, tx, e, indicator.Query{Period: p, Sites: []int64{2}})
					if math.Abs(only[indicator.Key{}]-w.bySite["2"]) > 1e-9 {
						t.Errorf("%s for site 2 alone = %v, want %v", d.Code, only[indicator.Key{}], w.bySite["2"])
					}
				}
				for code := range want {
					if !seen[code] {
						t.Errorf("%s is not in the starting set", code)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestBreakdownsOnTheFixture checks breakdowns the dashboards use: by
// month, by quarter, by category, two at once.
func TestBreakdownsOnTheFixture(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			s := openMigrated(t, engine)
			loadIndicatorFixture(t, s)
			ctx := context.Background()
			p := indicator.Year(2026)
			err := s.ReadTx(ctx, func(tx *Tx) error {
				check := func(measure string, by [2]indicator.Dimension, want map[indicator.Key]float64) {
					t.Helper()
					cells, err := tx.MeasureCells(ctx, measure, indicator.Query{Period: p, By: by})
					if err != nil {
						t.Fatal(err)
					}
					got := map[indicator.Key]float64{}
					for k, c := range cells {
						got[k] = c.Count
					}
					if len(got) != len(want) {
						t.Errorf("%s by %v = %v, want %v", measure, by, got, want)
					}
					for k, v := range want {
						if got[k] != v {
							t.Errorf("%s by %v at %v = %v, want %v (all: %v)", measure, by, k, got[k], v, got)
						}
					}
				}
				check("families_admitted", [2]indicator.Dimension{indicator.DimMonth}, map[indicator.Key]float64{
					{"2026-02"}: 1, {"2026-03"}: 1, {"2026-04"}: 1})
				check("families_admitted", [2]indicator.Dimension{indicator.DimBasis, indicator.DimQuarter}, map[indicator.Key]float64{
					{"criteria_met", "2026-Q1"}: 1, {"criteria_met", "2026-Q2"}: 1, {"team_decision", "2026-Q1"}: 1})
				check("referral_outcomes", [2]indicator.Dimension{indicator.DimService, indicator.DimOutcome}, map[indicator.Key]float64{
					{"Halte-garderie", "reached"}: 1, {"Halte-garderie", "no_answer"}: 1, {"", "waitlisted"}: 1, {"CLSC", "reached"}: 1})
				check("contacts_held", [2]indicator.Dimension{indicator.DimKind}, map[indicator.Key]float64{
					{"home_visit"}: 10, {"call"}: 2, {"group_meeting"}: 2, {"office_visit"}: 1})
				check("event_attendances", [2]indicator.Dimension{indicator.DimSector}, map[indicator.Key]float64{{"health"}: 2, {"social"}: 1})
				check("training_hours", [2]indicator.Dimension{indicator.DimDiscipline}, map[indicator.Key]float64{{"nurse"}: 3.5, {""}: 1})
				check("closures", [2]indicator.Dimension{indicator.DimClosure, indicator.DimProgramme}, map[indicator.Key]float64{{"goals_met", "cspc"}: 1})
				check("contacts_held", [2]indicator.Dimension{indicator.DimLevel, indicator.DimTeam}, map[indicator.Key]float64{
					{"1", "1"}: 4, {"2", "1"}: 3, {"3", "2"}: 7, {"1", "2"}: 1})
				// A quarter: the previous-period comparison's unit.
				q2, _ := indicator.NewPeriod(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC))
				cells, err := tx.MeasureCells(ctx, "home_visits", indicator.Query{Period: q2})
				if err != nil || cells[indicator.Key{}].Count != 3 {
					t.Errorf("home visits in Q2 = %v %v, want 3", cells, err)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// evaluateIn computes e over q: its value and the families behind it, by cell.
func evaluateIn(t *testing.T, tx *Tx, e indicator.Expr, q indicator.Query) (map[indicator.Key]float64, map[indicator.Key]int) {
	t.Helper()
	values, families := map[indicator.Key]float64{}, map[indicator.Key]int{}
	per := map[string]indicator.Cells{}
	keys := map[indicator.Key]bool{{}: q.By[0] == ""}
	for _, name := range e.Args {
		cells, err := tx.MeasureCells(context.Background(), name, q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		per[name] = cells
		for k := range cells {
			keys[k] = true
		}
	}
	for k, ok := range keys {
		if !ok {
			continue
		}
		qs := map[string]indicator.Quantity{}
		n := -1
		for _, name := range e.Args {
			qs[name] = per[name][k]
			if MeasureCatalog()[name].Families && (n < 0 || per[name][k].Families < n) {
				n = per[name][k].Families
			}
		}
		n = max(n, 0)
		values[k], _ = e.Evaluate(qs)
		families[k] = n
	}
	return values, families
}

// TestTheSummariesMatchTheRawRows: after enrollments, intensity changes
// and contacts are inserted, edited and deleted, every measure with every
// breakdown gives the same cells from the summaries kept by triggers
// (indicator_families, indicator_contact_months) as from the raw rows,
// over a year, a period of whole months, a period starting and ending
// inside months and a period inside one month, on both engines.
func TestTheSummariesMatchTheRawRows(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			s := openMigrated(t, engine)
			loadIndicatorFixture(t, s)
			ctx := context.Background()
			err := s.WriteTx(ctx, func(tx *Tx) error {
				for _, q := range []string{
					`INSERT INTO enrollments (family_id, programme, start_date, created_at) VALUES (4, 'mille-jours', '2026-05-01', '2026-05-01 00:00:00+00:00')`,
					`UPDATE enrollments SET start_date = '2026-02-11' WHERE family_id = 1`,
					`UPDATE enrollments SET programme = 'cspc' WHERE family_id = 2`,
					`INSERT INTO intensity_changes (family_id, level_code, interval_days, effective_on, reason, changed_by, at) VALUES
						(2, '3', 28, '2026-06-01', 'r', 1, '2026-06-01 00:00:00+00:00'),
						(5, '1', 7, '2026-06-01', 'r', 1, '2026-06-01 00:00:00+00:00')`,
					`DELETE FROM intensity_changes WHERE family_id = 4 AND level_code = '1'`,
					`UPDATE intensity_changes SET interval_days = 10 WHERE family_id = 1`,
					// Contacts: new ones of every kind and outcome, some in a month
					// already tallied; then moved, re-kinded, re-outcomed, deleted.
					`INSERT INTO contacts (family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES
						(1, 'home_visit', '2026-02-03', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(1, 'group_meeting', '2026-02-27', 'missed', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(2, 'group_meeting', '2026-03-31', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(2, 'call', '2026-07-12', 'planned', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(3, 'home_visit', '2026-07-01', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(3, 'home_visit', '2026-11-30', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(4, 'office_visit', '2026-01-05', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(5, 'home_visit', '2026-08-14', 'missed', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
					`UPDATE contacts SET outcome = 'done' WHERE family_id = 2 AND contact_on = '2026-07-12'`,
					`UPDATE contacts SET contact_on = '2026-09-02' WHERE family_id = 1 AND contact_on = '2026-03-01'`,
					`UPDATE contacts SET kind = 'home_visit' WHERE family_id = 2 AND contact_on = '2026-03-05'`,
					`UPDATE contacts SET outcome = 'cancelled' WHERE family_id = 3 AND contact_on = '2026-05-20'`,
					`UPDATE contacts SET family_id = 4 WHERE family_id = 3 AND contact_on = '2026-07-01'`,
					`UPDATE contacts SET outcome = 'done' WHERE family_id = 1 AND contact_on = '2026-06-01'`,
					`DELETE FROM contacts WHERE family_id = 1 AND contact_on = '2026-02-15'`,
					`DELETE FROM contacts WHERE family_id = 2 AND contact_on = '2026-04-01'`,
					// Contacts in other years (the month masks of indicator_contact_years
					// span two calendar years), then one of them moved to another year.
					`INSERT INTO contacts (family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES
						(4, 'home_visit', '2025-11-15', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(4, 'group_meeting', '2025-03-03', 'missed', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(4, 'group_meeting', '2025-12-02', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(4, 'call', '2024-12-10', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(1, 'home_visit', '2026-12-01', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(2, 'group_meeting', '2026-12-02', 'missed', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
					`UPDATE contacts SET contact_on = '2024-12-20' WHERE family_id = 4 AND contact_on = '2025-03-03'`,
					// Months already tallied get their first group invitation (missed),
					// and one then its first group meeting attended: the families' months
					// (indicator_contact_years) change though the tally row did not
					// appear (family 4's breakdowns do not change afterwards, so no
					// later edit rewrites its months).
					`INSERT INTO contacts (family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES
						(4, 'group_meeting', '2026-01-19', 'missed', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(4, 'group_meeting', '2025-11-20', 'missed', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
					`INSERT INTO contacts (family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES
						(4, 'group_meeting', '2026-01-26', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
					// Two contacts on one day, one of them deleted or re-kinded: the day
					// stays in the tallies' days (migration 00124) while one is left.
					`INSERT INTO contacts (family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES
						(3, 'call', '2026-07-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(3, 'call', '2026-08-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(1, 'home_visit', '2026-01-27', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(1, 'group_meeting', '2026-10-25', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
					`DELETE FROM contacts WHERE family_id = 3 AND contact_on = '2026-07-20' AND kind = 'call'`,
					// A family with contacts held and no home visit, one invited to
					// group meetings and never there: the share's two measures read
					// at once (measureTwin) count each its own families.
					`INSERT INTO contacts (family_id, kind, contact_on, outcome, created_by, created_at, updated_at) VALUES
						(5, 'call', '2026-08-20', 'done', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
						(6, 'group_meeting', '2026-04-10', 'missed', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')`,
					`UPDATE contacts SET kind = 'call' WHERE family_id = 3 AND contact_on = '2026-08-20' AND kind = 'home_visit'`,
					// Reassessments: a first one for a family, one between two others,
					// one moved, one deleted, one moved to another family; then the
					// start of a follow-up moved (the first reassessment counts from it).
					`INSERT INTO reassessments (family_id, held_on, summary, held_by, at) VALUES
						(2, '2026-09-01', 's', 1, '2026-09-01 00:00:00+00:00'),
						(4, '2025-12-15', 's', 1, '2025-12-15 00:00:00+00:00'),
						(3, '2026-06-01', 's', 1, '2026-06-01 00:00:00+00:00'),
						(6, '2026-07-01', 's', 1, '2026-07-01 00:00:00+00:00')`,
					// A family's first level after its reassessment (a new row of
					// indicator_families): the reassessment takes the level.
					`INSERT INTO intensity_changes (family_id, level_code, interval_days, effective_on, reason, changed_by, at) VALUES
						(6, '2', 14, '2026-07-02', 'r', 1, '2026-07-02 00:00:00+00:00')`,
					`UPDATE reassessments SET held_on = '2026-02-01' WHERE family_id = 4 AND held_on = '2026-03-01'`,
					`DELETE FROM reassessments WHERE family_id = 4 AND held_on = '2026-08-01'`,
					`UPDATE reassessments SET family_id = 1 WHERE family_id = 3`,
					`INSERT INTO enrollments (family_id, programme, start_date, closed_on, closure_reason, created_at) VALUES
						(4, 'cspc', '2024-06-01', '2024-12-01', 'goals_met', '2024-06-01 00:00:00+00:00'),
						(2, 'cspc', '2026-01-15', '2026-02-01', 'goals_met', '2026-01-15 00:00:00+00:00')`,
					`UPDATE enrollments SET start_date = '2026-02-20' WHERE family_id = 1`,
					`DELETE FROM enrollments WHERE family_id = 2 AND start_date = '2026-01-15'`,
					// A transfer and level changes after the contacts: their tallies follow.
					`UPDATE families SET site_id = 2, team_id = 2 WHERE id = 2`,
					`INSERT INTO intensity_changes (family_id, level_code, interval_days, effective_on, reason, changed_by, at) VALUES
						(1, '3', 28, '2026-10-01', 'r', 1, '2026-10-01 00:00:00+00:00')`,
					`UPDATE enrollments SET programme = 'cspc' WHERE family_id = 3`,
				} {
					if _, err := tx.exec(ctx, q); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
			var periods []indicator.Period
			// … and the dashboard's: the last twelve months (partial months at
			// both ends, across a new year), the twelve before, and a period
			// longer than the month masks' two years.
			for _, fromTo := range [][2]time.Time{{day(2, 1), day(7, 31)}, {day(2, 11), day(11, 30)}, {day(3, 2), day(3, 30)}, {day(1, 20), day(2, 27)}, {day(1, 5), day(9, 2)},
				{day(1, 25), day(10, 20)}, {day(12, 3).AddDate(-1, 0, 0), day(12, 2)}, {day(12, 3).AddDate(-2, 0, 0), day(12, 2).AddDate(-1, 0, 0)}, {day(3, 1).AddDate(-2, 0, 0), day(12, 31)}} {
				p, ok := indicator.NewPeriod(fromTo[0], fromTo[1])
				if !ok {
					t.Fatal(fromTo)
				}
				periods = append(periods, p)
			}
			compared := 0
			// Every measure, then the ones read with a twin (measureTwin) in the
			// other order: each twin's own query, not only the cells its twin
			// left.
			names := MeasureNames()
			loadRegistry()
			for i := len(names) - 1; i >= 0; i-- {
				if entries[names[i]].twin != "" {
					names = append(names, names[i])
				}
			}
			for _, p := range append(periods, indicator.Year(2026)) {
				err = s.ReadTx(ctx, func(tx *Tx) error {
					for i, name := range names {
						if i == len(MeasureNames()) {
							tx.measurePairs = nil
						}
						m := MeasureCatalog()[name]
						for _, d := range append([]indicator.Dimension{""}, m.Dimensions...) {
							q := indicator.Query{Period: p, By: [2]indicator.Dimension{d}, StaleMonths: 12}
							tx.rawRows = false
							summary, err := tx.MeasureCells(ctx, name, q)
							if err != nil {
								return err
							}
							tx.rawRows = true
							raw, err := tx.MeasureCells(ctx, name, q)
							if err != nil {
								return err
							}
							if len(summary) != len(raw) {
								t.Errorf("%s by %q over %v: %v from the summary, %v from the raw rows", name, d, p, summary, raw)
							}
							for k, v := range raw {
								w := summary[k]
								// A distribution's values too, in order (days_overdue's last
								// contact comes from the tallies' days on PostgreSQL).
								if v.Count != w.Count || v.Families != w.Families || !slices.Equal(slices.Sorted(slices.Values(v.Values)), slices.Sorted(slices.Values(w.Values))) {
									t.Errorf("%s by %q over %v at %v: %+v from the summary, %+v from the raw rows", name, d, p, k, w, v)
								}
							}
							compared++
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			// The tallies themselves against the contacts.
			err = s.ReadTx(ctx, func(tx *Tx) error {
				month := "substr(c.contact_on, 1, 7)"
				bit := "(1 << (CAST(substr(c.contact_on, 9, 2) AS INTEGER) - 1))"
				if tx.dialect == postgresDialect {
					month = "to_char(c.contact_on, 'YYYY-MM')"
					bit = "(1 << (EXTRACT(DAY FROM c.contact_on)::INTEGER - 1))"
				}
				var diff int
				err := tx.queryRow(ctx, `SELECT COUNT(*) FROM (
					SELECT c.family_id, `+month+` AS month, SUM(CASE WHEN c.outcome = 'done' THEN 1 ELSE 0 END) AS done,
						SUM(CASE WHEN c.outcome = 'done' AND c.kind = 'home_visit' THEN 1 ELSE 0 END) AS home_visits,
						SUM(CASE WHEN c.kind = 'group_meeting' THEN 1 ELSE 0 END) AS group_invited,
						SUM(CASE WHEN c.outcome = 'done' AND c.kind = 'group_meeting' THEN 1 ELSE 0 END) AS group_attended,
						COALESCE(SUM(DISTINCT CASE WHEN c.outcome = 'done' THEN `+bit+` END), 0) AS days_done,
						COALESCE(SUM(DISTINCT CASE WHEN c.outcome = 'done' AND c.kind = 'home_visit' THEN `+bit+` END), 0) AS days_home,
						COALESCE(SUM(DISTINCT CASE WHEN c.kind = 'group_meeting' THEN `+bit+` END), 0) AS days_invited,
						COALESCE(SUM(DISTINCT CASE WHEN c.outcome = 'done' AND c.kind = 'group_meeting' THEN `+bit+` END), 0) AS days_attended
					FROM contacts c WHERE c.outcome IN ('done', 'missed') GROUP BY c.family_id, `+month+`) r
					FULL JOIN indicator_contact_months t ON t.family_id = r.family_id AND t.month = r.month
					WHERE r.family_id IS NULL OR t.family_id IS NULL OR r.done <> t.done OR r.home_visits <> t.home_visits
						OR r.group_invited <> t.group_invited OR r.group_attended <> t.group_attended
						OR r.days_done <> t.days_done OR r.days_home <> t.days_home
						OR r.days_invited <> t.days_invited OR r.days_attended <> t.days_attended`).Scan(&diff)
				if err == nil && diff != 0 {
					t.Errorf("%d rows of indicator_contact_months differ from the contacts", diff)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if compared < 100 {
				t.Fatalf("only %d comparisons", compared)
			}
			checkSummaryTables(t, s)
		})
	}
}

// checkSummaryTables compares the summaries of migrations 00122 and 00123
// with a recount of what they summarise: indicator_contact_cells and
// indicator_contact_years with the tallies, indicator_reassessments with
// the reassessments and enrollments.
func checkSummaryTables(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	days := "CAST(julianday(substr(r.held_on, 1, 10)) - julianday(substr(r.since, 1, 10)) AS INTEGER)"
	if s.dialect == postgresDialect {
		days = "(r.held_on - r.since)"
	}
	checks := map[string]string{
		"indicator_contact_cells": `SELECT COUNT(*) FROM (
			SELECT month, site_id, team_id, programme, level, SUM(done) AS done, SUM(home_visits) AS home_visits,
				SUM(group_invited) AS group_invited, SUM(group_attended) AS group_attended,
				SUM(CASE WHEN done > 0 THEN 1 ELSE 0 END) AS fd, SUM(CASE WHEN home_visits > 0 THEN 1 ELSE 0 END) AS fh,
				SUM(CASE WHEN group_invited > 0 THEN 1 ELSE 0 END) AS fi, SUM(CASE WHEN group_attended > 0 THEN 1 ELSE 0 END) AS fa
			FROM indicator_contact_months GROUP BY month, site_id, team_id, programme, level) r
			FULL JOIN indicator_contact_cells c ON c.month = r.month AND c.site_id = r.site_id AND c.team_id = r.team_id
				AND c.programme = r.programme AND c.level = r.level
			WHERE COALESCE(r.done, 0) <> COALESCE(c.done, 0) OR COALESCE(r.home_visits, 0) <> COALESCE(c.home_visits, 0)
				OR COALESCE(r.group_invited, 0) <> COALESCE(c.group_invited, 0) OR COALESCE(r.group_attended, 0) <> COALESCE(c.group_attended, 0)
				OR COALESCE(r.fd, 0) <> COALESCE(c.families_done, 0) OR COALESCE(r.fh, 0) <> COALESCE(c.families_home, 0)
				OR COALESCE(r.fi, 0) <> COALESCE(c.families_invited, 0) OR COALESCE(r.fa, 0) <> COALESCE(c.families_attended, 0)`,
		"indicator_contact_years": `SELECT COUNT(*) FROM (SELECT * FROM (
			SELECT b.year, b.family_id, MAX(b.site_id) AS site_id, MAX(b.team_id) AS team_id, MAX(b.programme) AS programme, MAX(b.level) AS level,
				SUM(CASE WHEN b.done > 0 THEN b.mbit ELSE 0 END) AS dm, SUM(CASE WHEN b.home_visits > 0 THEN b.mbit ELSE 0 END) AS hm,
				SUM(CASE WHEN b.group_invited > 0 THEN b.mbit ELSE 0 END) AS im, SUM(CASE WHEN b.group_attended > 0 THEN b.mbit ELSE 0 END) AS am
			FROM (SELECT CAST(substr(t.month, 1, 4) AS INTEGER) + y.nxt AS year, t.family_id, t.site_id, t.team_id, t.programme, t.level,
					t.done, t.home_visits, t.group_invited, t.group_attended,
					CAST(1 AS BIGINT) << (CAST(substr(t.month, 6, 2) AS INTEGER) - 1 + 12 * (1 - y.nxt)) AS mbit
				FROM indicator_contact_months t CROSS JOIN (SELECT 0 AS nxt UNION ALL SELECT 1) y) b
			GROUP BY b.year, b.family_id) r0
			WHERE dm <> 0 OR hm <> 0 OR im <> 0 OR am <> 0) r
			FULL JOIN (SELECT * FROM indicator_contact_years WHERE done_months <> 0 OR home_months <> 0 OR invited_months <> 0 OR attended_months <> 0) c
				ON c.year = r.year AND c.family_id = r.family_id
			WHERE r.family_id IS NULL OR c.family_id IS NULL OR r.dm <> c.done_months OR r.hm <> c.home_months
				OR r.im <> c.invited_months OR r.am <> c.attended_months
				OR r.site_id <> c.site_id OR r.team_id <> c.team_id OR r.programme <> c.programme OR r.level <> c.level`,
		"indicator_reassessments": `SELECT COUNT(*) FROM (
			SELECT r.id, r.family_id, r.held_on,
				COALESCE((SELECT MAX(p.held_on) FROM reassessments p WHERE p.family_id = r.family_id AND p.held_on < r.held_on),
					(SELECT MIN(e.start_date) FROM enrollments e WHERE e.family_id = r.family_id)) AS since
			FROM reassessments r) r
			FULL JOIN indicator_reassessments g ON g.reassessment_id = r.id
			LEFT JOIN families f ON f.id = r.family_id LEFT JOIN indicator_families d ON d.family_id = r.family_id
			WHERE r.id IS NULL OR g.reassessment_id IS NULL OR g.family_id <> r.family_id OR g.held_on <> r.held_on
				OR g.site_id <> f.site_id OR g.team_id <> COALESCE(f.team_id, 0) OR g.programme <> COALESCE(d.programme, '') OR g.level <> COALESCE(d.level, '')
				OR (g.days IS NULL) <> (r.since IS NULL) OR g.days <> ` + days,
	}
	err := s.ReadTx(ctx, func(tx *Tx) error {
		for table, q := range checks {
			var diff int
			if err := tx.queryRow(ctx, q).Scan(&diff); err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
			if diff != 0 {
				t.Errorf("%d rows of %s differ from a recount", diff, table)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
