package app

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/screening"
	"github.com/berceau/berceau/internal/store"
)

func ptrTo[T any](v T) *T { return &v }

// haddadInput screens the Haddad pregnancy (due 2027-05-20) at 15 weeks 5
// days, a household of two, isolated, with the given income.
func haddadInput(income int) care.ScreeningInput {
	return care.ScreeningInput{Date: day("2026-12-01"), PregnancyDueDate: ptrTo(day("2027-05-20")),
		HouseholdSize: ptrTo(2), AnnualIncome: ptrTo(income), SecondaryDiploma: ptrTo(true), SociallyIsolated: ptrTo(true), Lonely: ptrTo(false)}
}

// auditCount counts the entries of exactly action with outcome.
func auditCount(t *testing.T, st *store.Store, action string, outcome berceau.AuditOutcome) int {
	t.Helper()
	ctx := context.Background()
	var page berceau.AuditPage
	if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
		page, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: action, PageSize: 200})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range page.Entries {
		if e.Action == action && e.Outcome == outcome {
			n++
		}
	}
	return n
}

// explainAll renders a screening's explanations in French.
func explainAll(t *testing.T, s care.Screening) []string {
	t.Helper()
	b, err := i18n.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	loc := b.Localizer("fr")
	var out []string
	for _, c := range s.Criteria {
		out = append(out, screening.Explain(c.Reason, loc))
	}
	return out
}

const networkThresholds = `# Seuils de faible revenu du réseau, 2026
household_size,threshold
1,22000
2,28000
3,34000
`

func TestAPastScreeningNeverChangesWhenTheThresholdsDo(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, admin := actor("infirmiere@berceau.example"), actor("admin@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		before, err := a.Care.ScreenFamily(ctx, nurse, f.ID, "sippe", haddadInput(30000))
		if err != nil {
			t.Fatal(err)
		}
		example := care.DefaultIncomeThresholds().Label
		if before.Outcome != care.ScreeningEligible || before.Rulebook != "sippe@"+care.SIPPEVersion || before.Thresholds != example {
			t.Fatalf("screening with the example table: %s, %s, %q", before.Outcome, before.Rulebook, before.Thresholds)
		}
		sentences := explainAll(t, before.Screening)
		if !strings.Contains(sentences[1], "31\u00a0000\u00a0$") {
			t.Fatalf("the income sentence does not name the example threshold: %q", sentences[1])
		}

		if _, err := a.Care.ReplaceIncomeThresholds(ctx, admin, "", strings.NewReader(networkThresholds)); err != nil {
			t.Fatal(err)
		}
		list, err := a.Care.FamilyScreenings(ctx, nurse, f.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("screenings after the new table: %d, %v", len(list), err)
		}
		old := list[0]
		if old.Outcome != before.Outcome || old.Rulebook != before.Rulebook || old.Thresholds != example ||
			!reflect.DeepEqual(old.Criteria, before.Criteria) || !reflect.DeepEqual(old.Input, before.Input) {
			t.Fatalf("the past screening changed:\nnow    %+v\nbefore %+v", old, before)
		}
		if got := explainAll(t, old.Screening); !reflect.DeepEqual(got, sentences) {
			t.Fatalf("the past screening reads differently:\nnow    %q\nbefore %q", got, sentences)
		}

		after, err := a.Care.ScreenFamily(ctx, nurse, f.ID, "sippe", haddadInput(30000))
		if err != nil {
			t.Fatal(err)
		}
		if after.Outcome != care.ScreeningNotEligible || after.Thresholds != "Seuils de faible revenu du réseau, 2026" {
			t.Fatalf("screening with the network's table: %s, %q", after.Outcome, after.Thresholds)
		}
		if s := explainAll(t, after.Screening)[1]; !strings.Contains(s, "28\u00a0000\u00a0$") {
			t.Fatalf("the new income sentence: %q", s)
		}
		evaluated, err := a.Care.EvaluateScreening(ctx, nurse, care.ProgrammeSIPPE, haddadInput(30000))
		if err != nil || evaluated.Outcome != care.ScreeningNotEligible || evaluated.Thresholds != after.Thresholds {
			t.Fatalf("a screening evaluated without storing it ignores the network's table: %+v, %v", evaluated, err)
		}
		list, _ = a.Care.FamilyScreenings(ctx, nurse, f.ID)
		if len(list) != 2 || list[0].ID != after.ID || list[1].ID != before.ID {
			t.Fatalf("screenings, newest first: %+v", list)
		}
	})
}

func TestScreeningIsScopedAndAudited(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		midwife := actor("sage-femme@berceau.example")
		if _, err := a.Care.ScreenFamily(ctx, midwife, f.ID, "sippe", haddadInput(30000)); !berceau.IsNotFound(err) {
			t.Fatalf("a midwife of another site screens the Parc-Extension family: %v", err)
		}
		if _, err := a.Care.FamilyScreenings(ctx, midwife, f.ID); !berceau.IsNotFound(err) {
			t.Fatalf("a midwife of another site reads its screenings: %v", err)
		}
		if _, err := a.Care.ScreenFamily(ctx, actor("admin@berceau.example"), f.ID, "sippe", haddadInput(30000)); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("the network administrator screens a family: %v", err)
		}
		if _, err := a.Care.ScreenFamily(ctx, nurse, f.ID, "sippe", care.ScreeningInput{}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a screening without a date: %v", err)
		}
		if _, err := a.Care.ScreenFamily(ctx, nurse, f.ID, "sippe", haddadInput(30000)); err != nil {
			t.Fatal(err)
		}
		if got := auditCount(t, st, "family.screening", berceau.OutcomeSuccess); got != 1 {
			t.Errorf("%d successful screenings audited, want 1", got)
		}
		if got := auditCount(t, st, "family.screening", berceau.OutcomeDenied); got != 2 {
			t.Errorf("%d refused screenings audited, want 2", got)
		}
		coordinator := actor("coordination@berceau.example")
		list, err := a.Care.FamilyScreenings(ctx, coordinator, f.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("the site coordinator reads %d screenings: %v", len(list), err)
		}
		if got := auditCount(t, st, "family.screening.read", berceau.OutcomeSuccess); got != 1 {
			t.Errorf("%d screening reads audited, want 1", got)
		}
		if got := auditCount(t, st, "family.screening.read", berceau.OutcomeDenied); got != 1 {
			t.Errorf("%d refused screening reads audited, want 1", got)
		}
	})
}

func TestProgrammesAreConfiguration(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		programmes, err := a.Care.ListProgrammes(ctx, nurse)
		if err != nil {
			t.Fatal(err)
		}
		rulebooks := map[string]string{}
		for _, p := range programmes {
			rulebooks[p.Slug] = p.Rulebook
			if !p.Active || p.Quorum != care.DefaultQuorum {
				t.Errorf("programme %s: %+v", p.Slug, p)
			}
		}
		if want := map[string]string{"sippe": "sippe", "cspc": "", "mille-jours": ""}; !reflect.DeepEqual(rulebooks, want) {
			t.Fatalf("programmes: %v, want %v", rulebooks, want)
		}
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		s, err := a.Care.ScreenFamily(ctx, nurse, f.ID, "cspc", haddadInput(30000))
		if err != nil {
			t.Fatal(err)
		}
		if s.Outcome != care.ScreeningTeamReview || len(s.Criteria) != 0 || s.Rulebook != "" || s.Programme != "cspc" {
			t.Fatalf("a programme without a rulebook: %+v", s)
		}
		list, _ := a.Care.FamilyScreenings(ctx, nurse, f.ID)
		if len(list) != 1 || list[0].Outcome != care.ScreeningTeamReview || list[0].Programme != "cspc" {
			t.Fatalf("stored: %+v", list)
		}
		if _, err := a.Care.ScreenFamily(ctx, nurse, f.ID, "no-such-programme", haddadInput(30000)); !berceau.IsNotFound(err) {
			t.Fatalf("an unknown programme: %v", err)
		}
		if _, err := a.Care.ListProgrammes(ctx, actor("evaluation@berceau.example")); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("an evaluator lists programmes: %v", err)
		}
	})
}

func TestOnlyAdministratorsReplaceTheThresholds(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		for _, email := range []string{"coordination@berceau.example", "infirmiere@berceau.example"} {
			if _, err := a.Care.ReplaceIncomeThresholds(ctx, actor(email), "x", strings.NewReader(networkThresholds)); berceau.KindOf(err) != berceau.KindForbidden {
				t.Errorf("%s replaces the thresholds: %v", email, err)
			}
		}
		admin := actor("admin@berceau.example")
		bad := "# Seuils\nhousehold_size,threshold\n1,22000\n2,2800\n"
		_, err := a.Care.ReplaceIncomeThresholds(ctx, admin, "Seuils", strings.NewReader(bad))
		var de *berceau.Error
		var te *care.ThresholdsError
		if !errors.As(err, &de) || de.Kind != berceau.KindInvalid || de.Fields["thresholds"] == "" ||
			!errors.As(err, &te) || te.Line != 4 || !strings.Contains(err.Error(), "line 4") {
			t.Fatalf("a table with a mistake on line 4: %v", err)
		}
		if _, err := a.Care.ReplaceIncomeThresholds(ctx, admin, "  ", strings.NewReader("household_size,threshold\n1,1\n2,2\n")); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a table without a label: %v", err)
		}
		nurse := actor("infirmiere@berceau.example")
		if s, _ := a.Care.EvaluateScreening(ctx, nurse, care.ProgrammeSIPPE, haddadInput(30000)); s.Thresholds != care.DefaultIncomeThresholds().Label {
			t.Fatalf("a refused table was stored: %q", s.Thresholds)
		}
		table, err := a.Care.ReplaceIncomeThresholds(ctx, admin, " Seuils MTESS\n2026 ", strings.NewReader(networkThresholds))
		if err != nil || table.Label != "Seuils MTESS 2026" || table.Sizes() != 3 {
			t.Fatalf("replacing the table: %q %d %v", table.Label, table.Sizes(), err)
		}
		if s, _ := a.Care.EvaluateScreening(ctx, nurse, care.ProgrammeSIPPE, haddadInput(30000)); s.Thresholds != "Seuils MTESS 2026" {
			t.Fatalf("the network's table is not used: %q", s.Thresholds)
		}
		if got := auditCount(t, st, "network.income_thresholds.replace", berceau.OutcomeSuccess); got != 1 {
			t.Errorf("%d replacements audited, want 1", got)
		}
		if got := auditCount(t, st, "network.income_thresholds.replace", berceau.OutcomeDenied); got != 2 {
			t.Errorf("%d refused replacements audited, want 2", got)
		}
	})
}

func TestOrientationIsRecordedForANotEligibleScreening(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		eligible, err := a.Care.ScreenFamily(ctx, nurse, f.ID, "sippe", haddadInput(30000))
		if err != nil {
			t.Fatal(err)
		}
		refused, err := a.Care.ScreenFamily(ctx, nurse, f.ID, "sippe", haddadInput(90000))
		if err != nil || refused.Outcome != care.ScreeningNotEligible {
			t.Fatalf("screening a household above the threshold: %s, %v", refused.Outcome, err)
		}
		var de *berceau.Error
		if _, err := a.Care.RecordOrientation(ctx, nurse, refused.ID, "  "); !errors.As(err, &de) || de.Kind != berceau.KindInvalid || de.Fields["orientation"] == "" {
			t.Fatalf("an empty orientation: %v", err)
		}
		if _, err := a.Care.RecordOrientation(ctx, nurse, eligible.ID, "Halte-garderie"); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("orienting an eligible family: %v", err)
		}
		if _, err := a.Care.RecordOrientation(ctx, actor("sage-femme@berceau.example"), refused.ID, "x"); !berceau.IsNotFound(err) {
			t.Fatalf("a midwife of another site orients the family: %v", err)
		}
		got, err := a.Care.RecordOrientation(ctx, nurse, refused.ID, "Groupe de soutien du CLSC de Parc-Extension; Y’a quelqu’un l’autre bord du mur")
		if err != nil || got.Orientation == "" {
			t.Fatalf("recording the orientation: %+v, %v", got, err)
		}
		list, _ := a.Care.FamilyScreenings(ctx, nurse, f.ID)
		if len(list) != 2 || list[0].ID != refused.ID || !strings.HasPrefix(list[0].Orientation, "Groupe de soutien") ||
			list[0].Outcome != care.ScreeningNotEligible || !reflect.DeepEqual(list[0].Criteria, refused.Criteria) || list[1].Orientation != "" {
			t.Fatalf("screenings after the orientation: %+v", list)
		}
		if got := auditCount(t, st, "family.screening.orientation", berceau.OutcomeSuccess); got != 1 {
			t.Errorf("%d orientations audited, want 1", got)
		}
	})
}
