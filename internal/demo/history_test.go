package demo

import (
	"context"
	"io"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestTheEvaluatorSeesTheHistoryPerSite loads the demo and computes the
// evaluator's network dashboard over the last twelve months, by site: the
// main access, continuity, referral and outcome indicators show a number at
// every site (no cell under the small-cell threshold), and each number is
// what the stored rows say, recounted here in Go from the files read back
// through the store.
func TestTheEvaluatorSeesTheHistoryPerSite(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		st.SetClock(func() time.Time { return now })
		if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
			t.Fatal(err)
		}
		uc := app.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{Hasher: cheapHasher, SecretBox: testBox})
		t.Cleanup(uc.Close)
		var evaluator berceau.User
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			evaluator, err = tx.UserByEmail(ctx, "evaluation@berceau.example")
			return err
		})
		actor, err := uc.Accounts.ActorFor(ctx, evaluator.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		today := indicator.Day(now)
		period, _ := indicator.NewPeriod(today.AddDate(-1, 0, 1), today)
		codes := []string{"families_admitted", "families_followed", "admitted_before_20_weeks", // access
			"rhythm_met", "home_visit_share", // intensity and continuity
			"referrals_made", "referrals_closed_with_outcome", // referrals
			"reassessments_on_time", "closures"} // plan and outcomes
		rep, err := uc.Indicators.Compute(ctx, actor, app.IndicatorRequest{Codes: codes, Period: period,
			By: [2]indicator.Dimension{indicator.DimSite}})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Deidentified {
			t.Fatal("the evaluator's dashboard is not de-identified")
		}
		want := recount(t, st, period)
		if len(rep.Sites) != 3 {
			t.Fatalf("%d sites on the evaluator's dashboard", len(rep.Sites))
		}
		for _, res := range rep.Results {
			for _, site := range rep.Sites {
				key := strconv.FormatInt(site.ID, 10)
				got := res.Cell(key, "")
				w := want[site.ID][res.Definition.Code]
				if got.Hidden {
					t.Errorf("%s at %s: hidden (%d families in the rows)", res.Definition.Code, site.Slug, w.families)
					continue
				}
				switch res.Expr.Func {
				case indicator.FuncCount:
					if got.Value != w.num {
						t.Errorf("%s at %s: %v, the rows say %v", res.Definition.Code, site.Slug, got.Value, w.num)
					}
				case indicator.FuncShare:
					if got.Numerator != w.num || got.Denominator != w.den || math.Abs(got.Value-100*w.num/w.den) > 1e-9 {
						t.Errorf("%s at %s: %v / %v = %v %%, the rows say %v / %v", res.Definition.Code, site.Slug,
							got.Numerator, got.Denominator, got.Value, w.num, w.den)
					}
				default:
					t.Fatalf("%s: %s not checked", res.Definition.Code, res.Expr.Func)
				}
				t.Logf("%s at %s: %v (%v / %v, %d families)", res.Definition.Code, site.Slug, got.Value, got.Numerator, got.Denominator, got.Families)
				if got.Families < 5 {
					t.Errorf("%s at %s: %d families, under the threshold yet shown", res.Definition.Code, site.Slug, got.Families)
				}
			}
		}
		if len(rep.Results) != len(codes) {
			t.Fatalf("%d indicators computed, want %d", len(rep.Results), len(codes))
		}
	})
}

type recounted struct {
	num, den float64
	families int // families behind the smaller of the two
}

// recount computes the checked indicators per site from the families'
// rows, read back one file at a time through the store, in plain Go.
func recount(t *testing.T, st *store.Store, p indicator.Period) map[int64]map[string]recounted {
	t.Helper()
	ctx := context.Background()
	from, end := p.From, p.End()
	in := func(d time.Time) bool { d = indicator.Day(d); return !d.Before(from) && d.Before(end) }
	type tally struct {
		num, den       float64
		numFam, denFam map[int64]bool
	}
	out := map[int64]map[string]*tally{}
	add := func(site, family int64, code string, num, den float64) {
		if out[site] == nil {
			out[site] = map[string]*tally{}
		}
		c := out[site][code]
		if c == nil {
			c = &tally{numFam: map[int64]bool{}, denFam: map[int64]bool{}}
			out[site][code] = c
		}
		c.num += num
		c.den += den
		if num > 0 {
			c.numFam[family] = true
		}
		if den > 0 {
			c.denFam[family] = true
		}
	}
	err := st.ReadTx(ctx, func(tx *store.Tx) error {
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		scope := berceau.FamilyScope{}
		for _, s := range sites {
			scope.SiteIDs = append(scope.SiteIDs, s.ID)
		}
		families, err := tx.ListFamilies(ctx, scope)
		if err != nil {
			return err
		}
		for _, f := range families {
			site, id := f.SiteID, f.ID
			history, err := tx.StatusHistory(ctx, id)
			if err != nil {
				return err
			}
			var due time.Time
			for _, m := range f.Members {
				if m.DueDate.After(due) {
					due = m.DueDate
				}
			}
			for _, h := range history {
				if h.To != care.FamilyActive || (h.Reason != string(care.BasisCriteriaMet) && h.Reason != string(care.BasisTeamDecision)) || !in(h.At) {
					continue
				}
				add(site, id, "families_admitted", 1, 0)
				if day := indicator.Day(h.At); due.After(day) {
					before := 0.0
					if days(day, due) > 140 {
						before = 1
					}
					add(site, id, "admitted_before_20_weeks", before, 1)
				}
			}
			enrollments, err := tx.EnrollmentsOf(ctx, id)
			if err != nil {
				return err
			}
			var start, closed time.Time
			open, followed := false, false
			for _, e := range enrollments {
				if !e.StartDate.Before(end) || (!e.ClosedOn.IsZero() && e.ClosedOn.Before(from)) {
					continue
				}
				followed = true
				if start.IsZero() || e.StartDate.Before(start) {
					start = e.StartDate
				}
				if e.ClosedOn.IsZero() {
					open = true
				} else if e.ClosedOn.After(closed) {
					closed = e.ClosedOn
				}
			}
			for _, e := range enrollments {
				if !e.ClosedOn.IsZero() && in(e.ClosedOn) {
					add(site, id, "closures", 1, 0)
				}
			}
			contacts, err := tx.ContactsOfFamily(ctx, id)
			if err != nil {
				return err
			}
			held := 0
			for _, c := range contacts {
				if c.Outcome != care.ContactDone || !in(c.On) {
					continue
				}
				held++
				home := 0.0
				if c.Kind == care.ContactHomeVisit {
					home = 1
				}
				add(site, id, "home_visit_share", home, 1)
			}
			if followed {
				add(site, id, "families_followed", 1, 0)
				levels, err := tx.IntensityChanges(ctx, id)
				if err != nil {
					return err
				}
				interval := 0
				var latest care.LevelChange
				for _, l := range levels {
					if !l.On.Before(latest.On) {
						latest = l
					}
				}
				interval = latest.Level.IntervalDays
				last := end
				if !open && closed.Before(end) {
					last = closed
				}
				first := start
				if first.Before(from) {
					first = from
				}
				if followedDays := days(first, last); interval > 0 && followedDays > 0 {
					met := 0.0
					if (held+1)*interval > followedDays {
						met = 1
					}
					add(site, id, "rhythm_met", met, 1)
				}
			}
			referrals, err := tx.ReferralsOfFamily(ctx, id)
			if err != nil {
				return err
			}
			for _, r := range referrals {
				if !in(r.CreatedAt) {
					continue
				}
				add(site, id, "referrals_made", 1, 0)
				closedWith := 0.0
				if r.Status == care.ReferralCompleted || r.Status == care.ReferralNotReached || r.Status == care.ReferralDeclined {
					closedWith = 1
				}
				add(site, id, "referrals_closed_with_outcome", closedWith, 1)
			}
			reassessments, err := tx.ReassessmentsOfFamily(ctx, id)
			if err != nil {
				return err
			}
			var firstStart time.Time
			for _, e := range enrollments {
				if firstStart.IsZero() || e.StartDate.Before(firstStart) {
					firstStart = e.StartDate
				}
			}
			for _, r := range reassessments { // newest first
				if !in(r.On) {
					continue
				}
				previous := firstStart
				for _, q := range reassessments {
					if q.On.Before(r.On) && q.On.After(previous) {
						previous = q.On
					}
				}
				onTime := 0.0
				if days(previous, r.On) <= 31*6 {
					onTime = 1
				}
				add(site, id, "reassessments_on_time", onTime, 1)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	result := map[int64]map[string]recounted{}
	for site, codes := range out {
		result[site] = map[string]recounted{}
		for code, c := range codes {
			n := len(c.numFam)
			if c.den > 0 && len(c.denFam) < n {
				n = len(c.denFam)
			}
			result[site][code] = recounted{num: c.num, den: c.den, families: n}
		}
	}
	return result
}

// TestTheHistoryLeavesTheDemoAccountsFilesAlone: the history's households
// belong to teams of their own, so the demo practitioners' lists hold the
// small demo's households only; loading the demo again adds none.
func TestTheHistoryLeavesTheDemoAccountsFilesAlone(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
			t.Fatal(err)
		}
		count := func() (all int, mine map[string][]string) {
			mine = map[string][]string{}
			err := st.ReadTx(ctx, func(tx *store.Tx) error {
				sites, err := tx.ListSites(ctx)
				if err != nil {
					return err
				}
				scope := berceau.FamilyScope{}
				for _, s := range sites {
					scope.SiteIDs = append(scope.SiteIDs, s.ID)
				}
				list, err := tx.ListFamilies(ctx, scope)
				all = len(list)
				for _, email := range []string{"infirmiere@berceau.example", "medecin@berceau.example", "sage-femme@berceau.example"} {
					u, err := tx.UserByEmail(ctx, email)
					if err != nil {
						return err
					}
					teams, err := tx.TeamIDsOfUser(ctx, u.ID)
					if err != nil {
						return err
					}
					files, err := tx.ListFamilies(ctx, berceau.FamilyScope{TeamIDs: teams})
					if err != nil {
						return err
					}
					for _, f := range files {
						mine[email] = append(mine[email], f.Members[0].Surname)
					}
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return all, mine
		}
		all, mine := count()
		want := len(families)
		for _, s := range historySites {
			want += s.households
		}
		if all != want {
			t.Errorf("%d family files, want the small demo's %d and the history's", all, want)
		}
		if got := strings.Join(mine["infirmiere@berceau.example"], ","); got != "Kaur,Haddad" {
			t.Errorf("the demo nurse's team follows %s, want Kaur,Haddad", got)
		}
		if got := strings.Join(mine["medecin@berceau.example"], ","); got != "Gagné" {
			t.Errorf("the demo physician's team follows %s, want Gagné", got)
		}
		if got := strings.Join(mine["sage-femme@berceau.example"], ","); got != "Mbuyi" {
			t.Errorf("the demo midwife's team follows %s, want Mbuyi", got)
		}
		if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
			t.Fatal(err)
		}
		if again, _ := count(); again != all {
			t.Errorf("%d family files after a second load, %d after the first", again, all)
		}
	})
}
