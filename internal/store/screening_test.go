package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// seedScreeningFamily creates a site, a worker and a family to screen.
func seedScreeningFamily(t *testing.T, st *store.Store) (familyID, userID int64) {
	t.Helper()
	ctx := context.Background()
	siteA, _, teamA, _ := seedSites(t, st)
	err := st.WriteTx(ctx, func(tx *store.Tx) error {
		u := berceau.User{Email: "intervenante@example.org", DisplayName: "Nadia Benali", Discipline: berceau.DisciplineNurse}
		if err := tx.CreateUser(ctx, &u, "hash"); err != nil {
			return err
		}
		f := care.Family{SiteID: siteA, TeamID: teamA, Members: []care.HouseholdMember{
			{Role: care.MemberPregnantPerson, GivenName: "Yasmine", Surname: "Haddad"}}}
		if err := tx.CreateFamily(ctx, &f); err != nil {
			return err
		}
		familyID, userID = f.ID, u.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return familyID, userID
}

func ptr[T any](v T) *T { return &v }

func TestScreeningsRoundTripAsEvaluated(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		familyID, userID := seedScreeningFamily(t, st)
		in := care.ScreeningInput{Date: civilDay("2026-03-02"), PregnancyDueDate: ptr(civilDay("2026-10-01")),
			HouseholdSize: ptr(2), AnnualIncome: ptr(30000), SecondaryDiploma: ptr(true), SociallyIsolated: ptr(true)}
		evaluated := care.SIPPERulebook(care.DefaultIncomeThresholds()).Evaluate(in)
		if evaluated.Outcome != care.ScreeningNotYet {
			t.Fatalf("the fixture should screen not_yet, got %s", evaluated.Outcome)
		}
		first := care.StoredScreening{FamilyID: familyID, Programme: "sippe", Input: in, Screening: evaluated, ScreenedBy: userID}
		second := care.StoredScreening{FamilyID: familyID, Programme: "cspc", Input: care.ScreeningInput{Date: civilDay("2026-03-03")},
			Screening: care.Screening{Outcome: care.ScreeningTeamReview}, ScreenedBy: userID}
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateScreening(ctx, &first); err != nil {
				return err
			}
			return tx.CreateScreening(ctx, &second)
		})
		if err != nil {
			t.Fatal(err)
		}
		var got care.StoredScreening
		var list []care.StoredScreening
		err = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			if got, err = tx.ScreeningByID(ctx, first.ID); err != nil {
				return err
			}
			list, err = tx.ScreeningsOfFamily(ctx, familyID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !got.CreatedAt.Equal(first.CreatedAt) {
			t.Errorf("created at %v, want %v", got.CreatedAt, first.CreatedAt)
		}
		got.CreatedAt = first.CreatedAt
		if !reflect.DeepEqual(got, first) {
			t.Errorf("stored screening changed on the way:\ngot  %+v\nwant %+v", got, first)
		}
		if got.AdmissibleFrom == nil || !got.AdmissibleFrom.Equal(*evaluated.AdmissibleFrom) {
			t.Errorf("admissible from %v, want %v", got.AdmissibleFrom, evaluated.AdmissibleFrom)
		}
		if len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
			t.Fatalf("screenings of the family, newest first: %+v", list)
		}
		if list[0].Criteria != nil || list[0].Rulebook != "" || list[0].Outcome != care.ScreeningTeamReview {
			t.Errorf("a team review screening: %+v", list[0])
		}

		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			return tx.SetScreeningOrientation(ctx, first.ID, "CLSC de Parc-Extension")
		}); err != nil {
			t.Fatal(err)
		}
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			return tx.SetScreeningOrientation(ctx, 999999, "x")
		}); !berceau.IsNotFound(err) {
			t.Errorf("orienting a screening that does not exist: %v", err)
		}
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { got, err = tx.ScreeningByID(ctx, first.ID); return err })
		if got.Orientation != "CLSC de Parc-Extension" || got.Outcome != first.Outcome {
			t.Errorf("after orientation: %+v", got)
		}
		if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) { _, err = tx.ScreeningByID(ctx, 999999); return err }); !berceau.IsNotFound(err) {
			t.Errorf("reading a screening that does not exist: %v", err)
		}
	})
}

func TestCriteriaKeepEveryArgumentType(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		familyID, userID := seedScreeningFamily(t, st)
		yes, no := true, false
		criteria := []care.CriterionResult{
			{ID: "situation", Met: &yes, Reason: care.Explanation{Key: "screening.situation.pregnant_before_window", Args: map[string]any{
				"Weeks": 10, "Days": 3, "DueDate": civilDay("2026-10-01"), "Date": civilDay("2026-03-19"),
				"At": time.Date(2026, 3, 2, 14, 30, 5, 123000000, time.UTC)}}},
			{ID: "income", Met: &no, Reason: care.Explanation{Key: "screening.income.not_below", Args: map[string]any{
				"Count": 2, "Income": care.Dollars(31000), "Threshold": care.Dollars(31000)}}},
			{ID: "risk_factor", Reason: care.Explanation{Key: "screening.risk_factor.unknown", Args: map[string]any{
				"Factors": care.Terms{"screening.factor.isolation", "screening.factor.loneliness"}, "Note": "texte « libre »", "Flag": true}}},
			{ID: "none", Met: &yes, Reason: care.Explanation{Key: "screening.risk_factor.none"}},
		}
		s := care.StoredScreening{FamilyID: familyID, Programme: "sippe", Input: care.ScreeningInput{Date: civilDay("2026-03-02")},
			Screening: care.Screening{Outcome: care.ScreeningNotEligible, Rulebook: "sippe@2026.1", Thresholds: "Seuils 2026",
				Criteria: criteria}, ScreenedBy: userID}
		if err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.CreateScreening(ctx, &s) }); err != nil {
			t.Fatal(err)
		}
		var got care.StoredScreening
		if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) { got, err = tx.ScreeningByID(ctx, s.ID); return err }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Criteria, criteria) {
			t.Fatalf("criteria changed on the way:\ngot  %#v\nwant %#v", got.Criteria, criteria)
		}
		// A type the renderers do not know is refused rather than stored as
		// something else.
		bad := s
		bad.Criteria = []care.CriterionResult{{ID: "x", Reason: care.Explanation{Key: "k", Args: map[string]any{"N": 1.5}}}}
		err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.CreateScreening(ctx, &bad) })
		if err == nil || !strings.Contains(err.Error(), "float64") {
			t.Fatalf("an argument of an unknown type: %v", err)
		}
	})
}

func TestProgrammesAndThresholdsTablesAreStored(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		_, userID := seedScreeningFamily(t, st)
		var programmes []care.Programme
		var sippe care.Programme
		err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			if programmes, err = tx.ListProgrammes(ctx); err != nil {
				return err
			}
			sippe, err = tx.ProgrammeBySlug(ctx, "sippe")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var slugs []string
		for _, p := range programmes {
			slugs = append(slugs, p.Slug+":"+p.Rulebook)
		}
		if strings.Join(slugs, " ") != "cspc: mille-jours: sippe:sippe" {
			t.Errorf("seeded programmes: %v", slugs)
		}
		if sippe.Quorum != care.DefaultQuorum || !sippe.Active || sippe.CreatedAt.IsZero() {
			t.Errorf("sippe: %+v", sippe)
		}
		if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) { _, err = tx.ProgrammeBySlug(ctx, "nope"); return err }); !berceau.IsNotFound(err) {
			t.Errorf("an unknown programme: %v", err)
		}

		var ok bool
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { _, ok, err = tx.CurrentIncomeThresholds(ctx); return err })
		if ok {
			t.Fatal("a new network has a thresholds table of its own")
		}
		for i, csv := range []string{"household_size,threshold\n1,20000\n2,26000\n3,30000\n", "household_size,threshold\n1,21000\n2,27000\n"} {
			table, err := care.ParseIncomeThresholds(strings.NewReader(csv))
			if err != nil {
				t.Fatal(err)
			}
			by := userID
			if i == 1 {
				by = 0 // the operator's command line
			}
			if err := st.WriteTx(ctx, func(tx *store.Tx) error {
				_, err := tx.ReplaceIncomeThresholds(ctx, "Seuils "+string(rune('A'+i)), table, by)
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		var current care.IncomeThresholds
		if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) { current, ok, err = tx.CurrentIncomeThresholds(ctx); return err }); err != nil || !ok {
			t.Fatalf("current table: ok=%v err=%v", ok, err)
		}
		two, _ := current.Threshold(2)
		four, _ := current.Threshold(4) // 27000 + 2 × 6000
		if current.Label != "Seuils B" || current.Sizes() != 2 || two != 27000 || four != 39000 {
			t.Fatalf("current table: %q, %d sizes, 2 → %d, 4 → %d", current.Label, current.Sizes(), two, four)
		}
	})
}
