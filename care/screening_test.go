package care

import (
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func screeningDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func screeningDatePtr(s string) *time.Time { t := screeningDate(s); return &t }
func ptrInt(n int) *int                    { return &n }
func ptrBool(b bool) *bool                 { return &b }

// eligibleScreeningInput is a parent of a six-month-old, in a household of 3 whose
// income is under the example table's 38 000 $, without a secondary diploma.
func eligibleScreeningInput(date string) ScreeningInput {
	d := screeningDate(date)
	birth := d.AddDate(0, -6, 0)
	return ScreeningInput{
		Date: d, YoungestChildBirthDate: &birth,
		HouseholdSize: ptrInt(3), AnnualIncome: ptrInt(30000),
		SecondaryDiploma: ptrBool(false), SociallyIsolated: ptrBool(false), Lonely: ptrBool(false),
	}
}

// screeningMetWord is "yes", "no" or "?" (unknown).
func screeningMetWord(m *bool) string {
	switch {
	case m == nil:
		return "?"
	case *m:
		return "yes"
	}
	return "no"
}

func TestSIPPERulebookBoundaries(t *testing.T) {
	t.Parallel()
	const date = "2026-03-16"
	d := screeningDate(date)
	after := func(days int) *time.Time { t := d.AddDate(0, 0, days); return &t }
	cases := []struct {
		name   string
		date   string // the screening date; date when empty
		change func(*ScreeningInput)
		want   ScreeningOutcome
		from   string // admissible_from; "" when none
		met    string // situation, income, risk_factor: yes, no or ?
		keys   []string
	}{
		{"eligible parent of a six-month-old", "", nil,
			ScreeningEligible, "", "yes yes yes", []string{"screening.situation.child_under_12_months", "screening.income.below", "screening.risk_factor.present"}},

		// Situation: a child under 12 months.
		{"child born exactly 12 months earlier is not under 12 months", "", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr("2025-03-16") },
			ScreeningNotEligible, "", "no yes yes", []string{"screening.situation.child_too_old"}},
		{"child born 12 months less one day earlier is under 12 months", "", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr("2025-03-17") },
			ScreeningEligible, "", "yes yes yes", []string{"screening.situation.child_under_12_months"}},
		{"child born on the screening date", "", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr(date) },
			ScreeningEligible, "", "yes yes yes", nil},
		{"born 29 February: still under 12 months on 28 February", "2025-02-28", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr("2024-02-29") },
			ScreeningEligible, "", "yes yes yes", nil},
		{"born 29 February: 12 months old on 1 March", "2025-03-01", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr("2024-02-29") },
			ScreeningNotEligible, "", "no yes yes", nil},
		{"born 31 January: under 12 months on 30 January", "2026-01-30", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr("2025-01-31") },
			ScreeningEligible, "", "yes yes yes", nil},
		{"born 31 January: 12 months old on 31 January", "2026-01-31", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr("2025-01-31") },
			ScreeningNotEligible, "", "no yes yes", nil},

		// Situation: a pregnancy and the admission window (12 weeks 0 days).
		{"pregnancy at 83 days is not yet admissible", "", func(in *ScreeningInput) {
			in.YoungestChildBirthDate, in.PregnancyDueDate = nil, after(280-83)
		}, ScreeningNotYet, "2026-03-17", "yes yes yes", []string{"screening.situation.pregnant_before_window"}},
		{"pregnancy at 84 days is admissible", "", func(in *ScreeningInput) {
			in.YoungestChildBirthDate, in.PregnancyDueDate = nil, after(280-84)
		}, ScreeningEligible, "", "yes yes yes", []string{"screening.situation.pregnant_in_window"}},
		{"pregnancy at 1 day opens 83 days later", "", func(in *ScreeningInput) {
			in.YoungestChildBirthDate, in.PregnancyDueDate = nil, after(279)
		}, ScreeningNotYet, "2026-06-07", "yes yes yes", nil},
		{"due date 42 weeks away: very early pregnancy", "", func(in *ScreeningInput) {
			in.YoungestChildBirthDate, in.PregnancyDueDate = nil, after(294)
		}, ScreeningNotYet, "2026-06-22", "yes yes yes", []string{"screening.situation.pregnancy_very_early"}},
		{"due date today", "", func(in *ScreeningInput) { in.YoungestChildBirthDate, in.PregnancyDueDate = nil, screeningDatePtr(date) },
			ScreeningEligible, "", "yes yes yes", []string{"screening.situation.pregnant_in_window"}},
		{"due date 14 days past: still pregnant", "", func(in *ScreeningInput) { in.YoungestChildBirthDate, in.PregnancyDueDate = nil, after(-14) },
			ScreeningEligible, "", "yes yes yes", []string{"screening.situation.pregnant_in_window"}},
		{"due date 15 days past without a birth date: the team reviews", "", func(in *ScreeningInput) {
			in.YoungestChildBirthDate, in.PregnancyDueDate = nil, after(-15)
		}, ScreeningTeamReview, "", "? yes yes", []string{"screening.situation.pregnancy_over"}},
		{"due date 15 days past with the newborn's birth date", "", func(in *ScreeningInput) {
			in.PregnancyDueDate, in.YoungestChildBirthDate = after(-15), after(-10)
		}, ScreeningEligible, "", "yes yes yes", []string{"screening.situation.child_under_12_months"}},
		{"due date long past and a child of 2 years", "", func(in *ScreeningInput) {
			in.PregnancyDueDate, in.YoungestChildBirthDate = after(-400), screeningDatePtr("2024-03-01")
		}, ScreeningNotEligible, "", "no yes yes", []string{"screening.situation.child_too_old"}},
		{"pregnant at 7 weeks with a child under 12 months: admissible now", "", func(in *ScreeningInput) {
			in.PregnancyDueDate = after(280 - 50)
		}, ScreeningEligible, "", "yes yes yes", []string{"screening.situation.child_under_12_months"}},
		{"pregnant at 20 weeks with a child of 2 years", "", func(in *ScreeningInput) {
			in.PregnancyDueDate, in.YoungestChildBirthDate = after(140), screeningDatePtr("2024-03-01")
		}, ScreeningEligible, "", "yes yes yes", []string{"screening.situation.pregnant_in_window"}},
		{"neither pregnancy nor child known", "", func(in *ScreeningInput) { in.YoungestChildBirthDate = nil },
			ScreeningTeamReview, "", "? yes yes", []string{"screening.situation.unknown"}},

		// Income: strictly below the threshold of the household's size.
		{"income equal to the threshold is not below it", "", func(in *ScreeningInput) { in.AnnualIncome = ptrInt(38000) },
			ScreeningNotEligible, "", "yes no yes", []string{"screening.income.not_below"}},
		{"income one dollar below the threshold", "", func(in *ScreeningInput) { in.AnnualIncome = ptrInt(37999) },
			ScreeningEligible, "", "yes yes yes", []string{"screening.income.below"}},
		{"no income at all", "", func(in *ScreeningInput) { in.AnnualIncome = ptrInt(0) },
			ScreeningEligible, "", "yes yes yes", nil},
		{"largest size of the table", "", func(in *ScreeningInput) { in.HouseholdSize, in.AnnualIncome = ptrInt(7), ptrInt(66999) },
			ScreeningEligible, "", "yes yes yes", nil},
		{"size 9 beyond the table: 81 000 $, one dollar below", "", func(in *ScreeningInput) { in.HouseholdSize, in.AnnualIncome = ptrInt(9), ptrInt(80999) },
			ScreeningEligible, "", "yes yes yes", nil},
		{"size 9 beyond the table: 81 000 $, equal", "", func(in *ScreeningInput) { in.HouseholdSize, in.AnnualIncome = ptrInt(9), ptrInt(81000) },
			ScreeningNotEligible, "", "yes no yes", nil},
		{"household size unknown", "", func(in *ScreeningInput) { in.HouseholdSize = nil },
			ScreeningTeamReview, "", "yes ? yes", []string{"screening.income.size_unknown"}},
		{"income unknown", "", func(in *ScreeningInput) { in.AnnualIncome = nil },
			ScreeningTeamReview, "", "yes ? yes", []string{"screening.income.income_unknown"}},
		{"income and size unknown", "", func(in *ScreeningInput) { in.AnnualIncome, in.HouseholdSize = nil, nil },
			ScreeningTeamReview, "", "yes ? yes", []string{"screening.income.unknown"}},
		{"household size invalid (not validated)", "", func(in *ScreeningInput) { in.HouseholdSize = ptrInt(0) },
			ScreeningTeamReview, "", "yes ? yes", []string{"screening.income.size_invalid"}},

		// Risk factors: one is enough.
		{"no secondary diploma alone", "", nil, ScreeningEligible, "", "yes yes yes", []string{"screening.risk_factor.present"}},
		{"social isolation alone", "", func(in *ScreeningInput) { in.SecondaryDiploma, in.SociallyIsolated = ptrBool(true), ptrBool(true) },
			ScreeningEligible, "", "yes yes yes", []string{"screening.risk_factor.present"}},
		{"loneliness alone", "", func(in *ScreeningInput) { in.SecondaryDiploma, in.Lonely = ptrBool(true), ptrBool(true) },
			ScreeningEligible, "", "yes yes yes", []string{"screening.risk_factor.present"}},
		{"no risk factor", "", func(in *ScreeningInput) { in.SecondaryDiploma = ptrBool(true) },
			ScreeningNotEligible, "", "yes yes no", []string{"screening.risk_factor.none"}},
		{"one factor present, the others unknown", "", func(in *ScreeningInput) { in.SociallyIsolated, in.Lonely = nil, nil },
			ScreeningEligible, "", "yes yes yes", nil},
		{"no factor present, one unknown", "", func(in *ScreeningInput) { in.SecondaryDiploma, in.Lonely = ptrBool(true), nil },
			ScreeningTeamReview, "", "yes yes ?", []string{"screening.risk_factor.unknown"}},

		// Unknown and unmet criteria together.
		{"everything unknown", "", func(in *ScreeningInput) { *in = ScreeningInput{Date: in.Date} },
			ScreeningTeamReview, "", "? ? ?", nil},
		{"unmet income wins over unknown risk factors", "", func(in *ScreeningInput) {
			in.AnnualIncome, in.SecondaryDiploma, in.SociallyIsolated, in.Lonely = ptrInt(90000), nil, nil, nil
		}, ScreeningNotEligible, "", "yes no ?", nil},
		{"child too old wins over unknown income", "", func(in *ScreeningInput) {
			in.YoungestChildBirthDate, in.AnnualIncome = screeningDatePtr("2020-01-01"), nil
		}, ScreeningNotEligible, "", "no ? yes", nil},
		{"pregnancy at 83 days with income unknown: the team reviews now", "", func(in *ScreeningInput) {
			in.YoungestChildBirthDate, in.PregnancyDueDate, in.AnnualIncome = nil, after(280-83), nil
		}, ScreeningTeamReview, "", "yes ? yes", nil},
		{"pregnancy at 83 days without a risk factor", "", func(in *ScreeningInput) {
			in.YoungestChildBirthDate, in.PregnancyDueDate, in.SecondaryDiploma = nil, after(280-83), ptrBool(true)
		}, ScreeningNotEligible, "", "yes yes no", nil},
	}
	rb := SIPPERulebook(DefaultIncomeThresholds())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := eligibleScreeningInput(date)
			if c.date != "" {
				in = eligibleScreeningInput(c.date)
			}
			if c.change != nil {
				c.change(&in)
			}
			if err := in.Validate(); err != nil && !strings.Contains(c.name, "not validated") {
				t.Fatalf("input does not validate: %v", err)
			}
			s := rb.Evaluate(in)
			var mets, keys []string
			for _, cr := range s.Criteria {
				mets = append(mets, screeningMetWord(cr.Met))
				keys = append(keys, cr.Reason.Key)
			}
			if s.Outcome != c.want || strings.Join(mets, " ") != c.met {
				t.Errorf("outcome %s with criteria %v, want %s with %s (%v)", s.Outcome, mets, c.want, c.met, keys)
			}
			from := ""
			if s.AdmissibleFrom != nil {
				from = s.AdmissibleFrom.Format("2006-01-02")
			}
			if from != c.from {
				t.Errorf("admissible from %q, want %q", from, c.from)
			}
			for _, k := range c.keys {
				if !hasKey(keys, k) {
					t.Errorf("reasons %v lack %s", keys, k)
				}
			}
			if s.Rulebook != "sippe@"+SIPPEVersion || !strings.HasPrefix(s.Thresholds, "EXAMPLE") {
				t.Errorf("rulebook %q, thresholds %q", s.Rulebook, s.Thresholds)
			}
			ids := []string{s.Criteria[0].ID, s.Criteria[1].ID, s.Criteria[2].ID}
			if !reflect.DeepEqual(ids, []string{CriterionSituation, CriterionIncome, CriterionRiskFactor}) {
				t.Errorf("criteria %v", ids)
			}
		})
	}
}

func hasKey(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestScreeningExplanationsCarryTheirArguments(t *testing.T) {
	t.Parallel()
	rb := SIPPERulebook(DefaultIncomeThresholds())
	in := eligibleScreeningInput("2026-03-16")
	in.HouseholdSize, in.AnnualIncome, in.SociallyIsolated = ptrInt(9), ptrInt(80000), ptrBool(true)
	in.YoungestChildBirthDate = screeningDatePtr("2025-10-02")
	s := rb.Evaluate(in)
	if got, want := s.Criteria[0].Reason.Args, map[string]any{"BirthDate": screeningDate("2025-10-02"), "Until": screeningDate("2026-10-02")}; !reflect.DeepEqual(got, want) {
		t.Errorf("situation args %v, want %v", got, want)
	}
	if got, want := s.Criteria[1].Reason.Args, map[string]any{"Count": 9, "Income": Dollars(80000), "Threshold": Dollars(81000)}; !reflect.DeepEqual(got, want) {
		t.Errorf("income args %v, want %v", got, want)
	}
	if got, want := s.Criteria[2].Reason.Args["Factors"], (Terms{"screening.factor.undereducation", "screening.factor.isolation"}); !reflect.DeepEqual(got, want) {
		t.Errorf("risk factors %v, want %v", got, want)
	}

	in = eligibleScreeningInput("2026-03-16")
	in.YoungestChildBirthDate, in.PregnancyDueDate = nil, screeningDatePtr("2026-09-29") // 83 days
	s = rb.Evaluate(in)
	if got, want := s.Criteria[0].Reason.Args, map[string]any{"Weeks": 11, "Days": 6, "DueDate": screeningDate("2026-09-29"), "Date": screeningDate("2026-03-17")}; !reflect.DeepEqual(got, want) {
		t.Errorf("pregnancy args %v, want %v", got, want)
	}
}

func TestScreeningReadsOnlyTheCalendarDate(t *testing.T) {
	t.Parallel()
	montreal := time.FixedZone("EST", -5*3600)
	in := eligibleScreeningInput("2026-03-16")
	in.Date = time.Date(2026, 3, 16, 23, 30, 0, 0, montreal) // already 17 March in UTC
	in.YoungestChildBirthDate = screeningDatePtr("2025-03-17")
	if s := SIPPERulebook(DefaultIncomeThresholds()).Evaluate(in); s.Outcome != ScreeningEligible {
		t.Fatalf("outcome %s: the screening date was read in UTC, not as the calendar date given", s.Outcome)
	}
}

func TestZeroRulebookLeavesTheDecisionToTheTeam(t *testing.T) {
	t.Parallel()
	if s := (Rulebook{}).Evaluate(eligibleScreeningInput("2026-03-16")); s.Outcome != ScreeningTeamReview || len(s.Criteria) != 0 {
		t.Fatalf("%+v", s)
	}
	if _, ok := RulebookFor("nope", DefaultIncomeThresholds()); ok {
		t.Fatal("an unknown programme has a rulebook")
	}
	for _, p := range Programmes {
		if rb, ok := RulebookFor(p, DefaultIncomeThresholds()); !ok || rb.ID != p {
			t.Errorf("programme %s: rulebook %+v", p, rb)
		}
	}
}

func TestScreeningInputValidationNamesEachBadField(t *testing.T) {
	t.Parallel()
	const date = "2026-03-16"
	d := screeningDate(date)
	cases := []struct {
		name   string
		change func(*ScreeningInput)
		fields map[string]string
	}{
		{"valid", nil, nil},
		{"everything unknown but the date", func(in *ScreeningInput) { *in = ScreeningInput{Date: in.Date} }, nil},
		{"no date", func(in *ScreeningInput) { in.Date = time.Time{} }, map[string]string{"date": "screening.invalid.date_required"}},
		{"household of 0", func(in *ScreeningInput) { in.HouseholdSize = ptrInt(0) }, map[string]string{"household_size": "screening.invalid.household_size"}},
		{"household of -2", func(in *ScreeningInput) { in.HouseholdSize = ptrInt(-2) }, map[string]string{"household_size": "screening.invalid.household_size"}},
		{"household of 51", func(in *ScreeningInput) { in.HouseholdSize = ptrInt(51) }, map[string]string{"household_size": "screening.invalid.household_size"}},
		{"household of 50", func(in *ScreeningInput) { in.HouseholdSize = ptrInt(50) }, nil},
		{"household of 1", func(in *ScreeningInput) { in.HouseholdSize = ptrInt(1) }, nil},
		{"negative income", func(in *ScreeningInput) { in.AnnualIncome = ptrInt(-1) }, map[string]string{"annual_income": "screening.invalid.income_negative"}},
		{"due date 42 weeks away", func(in *ScreeningInput) { t := d.AddDate(0, 0, 294); in.PregnancyDueDate = &t }, nil},
		{"due date 42 weeks and a day away", func(in *ScreeningInput) { t := d.AddDate(0, 0, 295); in.PregnancyDueDate = &t },
			map[string]string{"pregnancy_due_date": "screening.invalid.due_date_too_far"}},
		{"due date long past", func(in *ScreeningInput) { in.PregnancyDueDate = screeningDatePtr("2020-01-01") }, nil},
		{"birth date on the screening date", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr(date) }, nil},
		{"birth date after the screening date", func(in *ScreeningInput) { in.YoungestChildBirthDate = screeningDatePtr("2026-03-17") },
			map[string]string{"youngest_child_birth_date": "screening.invalid.birth_after_date"}},
		{"several at once", func(in *ScreeningInput) { in.HouseholdSize, in.AnnualIncome = ptrInt(0), ptrInt(-5) },
			map[string]string{"household_size": "screening.invalid.household_size", "annual_income": "screening.invalid.income_negative"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := eligibleScreeningInput(date)
			if c.change != nil {
				c.change(&in)
			}
			err := in.Validate()
			if c.fields == nil {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				return
			}
			var e *berceau.Error
			if !errors.As(err, &e) || e.Kind != berceau.KindInvalid || e.Key != "screening.invalid_input" || !reflect.DeepEqual(e.Fields, c.fields) {
				t.Fatalf("err = %#v, want fields %v", err, c.fields)
			}
		})
	}
}

func TestIncomeThresholdsBeyondTheTableAddTheLastStep(t *testing.T) {
	t.Parallel()
	th := DefaultIncomeThresholds()
	want := map[int]int{1: 25000, 2: 31000, 3: 38000, 4: 47000, 5: 53000, 6: 60000, 7: 67000, 8: 74000, 9: 81000, 50: 67000 + 43*7000}
	for size, w := range want {
		if got, err := th.Threshold(size); err != nil || got != w {
			t.Errorf("Threshold(%d) = %d, %v; want %d", size, got, err, w)
		}
	}
	for _, size := range []int{0, -1, MaxHouseholdSize + 1} {
		if _, err := th.Threshold(size); err == nil {
			t.Errorf("Threshold(%d) succeeded", size)
		}
	}
	if _, err := (IncomeThresholds{}).Threshold(1); err == nil {
		t.Error("an empty table has a threshold")
	}
	if th.Sizes() != 7 {
		t.Errorf("Sizes() = %d, want 7", th.Sizes())
	}
}

func TestTheEmbeddedExampleTableIsTheTestdataFileAndSaysItIsAnExample(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../testdata/sippe-thresholds-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != exampleThresholdsCSV {
		t.Errorf("../testdata/sippe-thresholds-example.csv and exampleThresholdsCSV differ: keep them equal")
	}
	label := DefaultIncomeThresholds().Label
	if !strings.HasPrefix(label, "EXAMPLE") || !strings.Contains(label, "NOT official") {
		t.Errorf("label %q does not say the table is an example", label)
	}
}

func TestParseIncomeThresholdsAcceptsCommentsSpacesAndCRLF(t *testing.T) {
	t.Parallel()
	csv := "\ufeff# Seuils 2026, région de test\r\n\r\n# second comment\r\nHousehold_Size , Threshold\r\n1, 20000\r\n 2 ,20000\r\n# a note\r\n3,26000\r\n"
	th, err := ParseIncomeThresholds(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if th.Label != "Seuils 2026, région de test" || th.Sizes() != 3 {
		t.Errorf("label %q, %d sizes", th.Label, th.Sizes())
	}
	if got, _ := th.Threshold(5); got != 38000 {
		t.Errorf("Threshold(5) = %d, want 26000 + 2 × 6000", got)
	}
	if th, err := ParseIncomeThresholds(strings.NewReader("household_size,threshold\n1,1\n2,1\n")); err != nil || th.Label != "" {
		t.Errorf("without a comment: %v, label %q", err, th.Label)
	}
}

func TestParseIncomeThresholdsErrorsNameTheLine(t *testing.T) {
	t.Parallel()
	const header = "# test table\nhousehold_size,threshold\n"
	var tooMany strings.Builder
	tooMany.WriteString(header)
	for i := 1; i <= MaxHouseholdSize+1; i++ {
		tooMany.WriteString(strconv.Itoa(i) + ",50000\n")
	}
	cases := []struct {
		name string
		csv  string
		line int
		says string
	}{
		{"empty", "", 1, "no header"},
		{"only a comment", "# nothing\n", 1, "no header"},
		{"wrong header", "# t\nsize,threshold\n1,2\n", 2, "header must be household_size,threshold"},
		{"header with three columns", "household_size,threshold,extra\n", 1, "header must be"},
		{"no header, rows first", "1,25000\n2,31000\n", 1, "header must be"},
		{"three columns", header + "1,25000\n2,31000,x\n", 4, "want 2 columns"},
		{"one column", header + "1\n", 3, "want 2 columns"},
		{"size not a number", header + "one,25000\n", 3, `household_size must be a positive whole number, got "one"`},
		{"size zero", header + "0,25000\n", 3, "household_size must be a positive whole number"},
		{"size negative", header + "-1,25000\n", 3, "household_size must be a positive whole number"},
		{"size with a sign", header + "+1,25000\n", 3, "household_size must be a positive whole number"},
		{"threshold zero", header + "1,0\n", 3, "threshold must be a positive whole number of dollars"},
		{"threshold negative", header + "1,25000\n2,-3\n", 4, "threshold must be a positive whole number"},
		{"threshold with a space", header + "1,25 000\n", 3, `got "25 000"`},
		{"threshold with cents", header + "1,25000.50\n", 3, `got "25000.50"`},
		{"threshold quoted", header + "1,\"25000\"\n", 3, "threshold must be"},
		{"threshold too large", header + "1,10000001\n", 3, "above the maximum"},
		{"threshold of many digits", header + "1,99999999999999999999\n", 3, "threshold must be"},
		{"duplicate size", header + "1,25000\n2,31000\n2,32000\n", 5, "household size 2 appears twice"},
		{"size 1 twice", header + "1,25000\n1,25000\n", 4, "household size 1 appears twice"},
		{"gap", header + "1,25000\n3,38000\n", 4, "household size 3 comes before size 2"},
		{"starts at 2", header + "2,31000\n3,38000\n", 3, "comes before size 1"},
		{"decreasing threshold", header + "1,25000\n2,24000\n", 4, "lower than 25000 for 1"},
		{"size above the maximum", tooMany.String(), 53, "household size 51 is above the maximum"},
		{"a single row", header + "1,25000\n", 3, "sizes 1 and 2 at least"},
		{"a single row then blank lines", header + "1,25000\n\n\n", 5, "sizes 1 and 2 at least"},
		{"header only", header, 2, "sizes 1 and 2 at least"},
		{"line too long", header + "1,25000\n" + strings.Repeat("9", 5000) + "\n", 4, "too long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseIncomeThresholds(strings.NewReader(c.csv))
			var te *ThresholdsError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v, want a *ThresholdsError", err)
			}
			if te.Line != c.line || !strings.Contains(te.Problem, c.says) {
				t.Errorf("line %d: %s; want line %d saying %q", te.Line, te.Problem, c.line, c.says)
			}
			if !strings.HasPrefix(err.Error(), "line "+strconv.Itoa(c.line)+": ") {
				t.Errorf("Error() = %q does not start with the line", err.Error())
			}
		})
	}
}

func FuzzParseIncomeThresholds(f *testing.F) {
	f.Add(exampleThresholdsCSV)
	f.Add("household_size,threshold\n1,1\n2,1\n")
	f.Add("\ufeff# x\r\nhousehold_size , threshold\r\n1,20000\r\n2,20000\r\n")
	f.Add("household_size,threshold\n1,25000\n2,24000\n")
	f.Add("household_size,threshold\n1,25000\n1,25000\n")
	f.Add("household_size,threshold\n1,\"25000\"\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, csv string) {
		th, err := ParseIncomeThresholds(strings.NewReader(csv))
		if err != nil {
			var te *ThresholdsError
			if !errors.As(err, &te) || te.Line < 1 || te.Line > strings.Count(csv, "\n")+1 {
				t.Fatalf("error %v: want a *ThresholdsError with a line of the input", err)
			}
			return
		}
		if th.Sizes() < 2 || th.Sizes() > MaxHouseholdSize {
			t.Fatalf("%d sizes", th.Sizes())
		}
		prev := 0
		for size := 1; size <= MaxHouseholdSize; size++ {
			got, err := th.Threshold(size)
			if err != nil || got <= 0 || got < prev {
				t.Fatalf("Threshold(%d) = %d, %v after %d", size, got, err, prev)
			}
			prev = got
		}
	})
}

// FuzzScreeningEvaluate checks that Evaluate never panics and that its
// outcome always follows from its criteria.
func FuzzScreeningEvaluate(f *testing.F) {
	f.Add(int16(0), true, int16(-180), false, int16(0), 3, 30000, uint8(0b001), uint8(0b111))
	f.Add(int16(197), false, int16(0), true, int16(-400), 9, 81000, uint8(0b110), uint8(0b101))
	f.Add(int16(-15), false, int16(0), false, int16(0), 0, -1, uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, dateShift int16, hasDue bool, dueShift int16, hasBirth bool, birthShift int16,
		size, income int, bools, known uint8) {
		date := screeningDate("2026-03-16").AddDate(0, 0, int(dateShift))
		in := ScreeningInput{Date: date}
		if hasDue {
			d := date.AddDate(0, 0, int(dueShift))
			in.PregnancyDueDate = &d
		}
		if hasBirth {
			b := date.AddDate(0, 0, int(birthShift))
			in.YoungestChildBirthDate = &b
		}
		if known&8 != 0 {
			in.HouseholdSize = &size
		}
		if known&16 != 0 {
			in.AnnualIncome = &income
		}
		for i, p := range []**bool{&in.SecondaryDiploma, &in.SociallyIsolated, &in.Lonely} {
			if known&(1<<i) != 0 {
				*p = ptrBool(bools&(1<<i) != 0)
			}
		}
		valid := in.Validate() == nil
		s := SIPPERulebook(DefaultIncomeThresholds()).Evaluate(in)
		if len(s.Criteria) != 3 {
			t.Fatalf("%d criteria", len(s.Criteria))
		}
		anyUnmet, anyUnknown := false, false
		for _, c := range s.Criteria {
			if !strings.HasPrefix(c.Reason.Key, "screening.") {
				t.Fatalf("reason key %q", c.Reason.Key)
			}
			anyUnmet = anyUnmet || (c.Met != nil && !*c.Met)
			anyUnknown = anyUnknown || c.Met == nil
		}
		switch {
		case anyUnmet && s.Outcome != ScreeningNotEligible,
			!anyUnmet && anyUnknown && s.Outcome != ScreeningTeamReview,
			!anyUnmet && !anyUnknown && s.Outcome != ScreeningEligible && s.Outcome != ScreeningNotYet:
			t.Fatalf("outcome %s from %+v", s.Outcome, s.Criteria)
		}
		if (s.Outcome == ScreeningNotYet) != (s.AdmissibleFrom != nil) {
			t.Fatalf("outcome %s with admissible from %v", s.Outcome, s.AdmissibleFrom)
		}
		if valid && s.AdmissibleFrom != nil && !s.AdmissibleFrom.After(civilDate(date)) {
			t.Fatalf("not yet, but admissible from %v, not after %v", s.AdmissibleFrom, date)
		}
	})
}
