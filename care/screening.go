package care

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// Eligibility screening: a rulebook (a programme's admission criteria, in
// code, with a version) evaluates what an intake worker knows of a person and
// says whether the programme can admit them, when, or whether the
// interdisciplinary team must decide. The domain writes no sentence: every
// explanation is a translation key with its arguments (internal/i18n
// catalogs, section [screening]).
//
// The SIPPE rulebook (Services intégrés en périnatalité et pour la petite
// enfance, Quebec) has three criteria, all required:
//
//  1. situation: a pregnant woman (with her partner), or a parent or main
//     caregiver of a child under 12 months on the screening date;
//  2. income: household annual income strictly below the low-income
//     threshold for the household's size (a table: IncomeThresholds);
//  3. risk_factor: at least one of no secondary school diploma
//     (sous-scolarisation), social isolation, loneliness.
//
// Admission opens at 12 weeks 0 days of pregnancy, or at birth.
//
// Outcome: a criterion definitely not met gives not_eligible, even when other
// criteria are unknown; otherwise any unknown criterion (missing information)
// gives team_review, the team deciding on clinical judgment; otherwise a
// pregnancy before 12 weeks gives not_yet with the date admission opens;
// otherwise eligible.

// ScreeningOutcome is what a screening concludes.
type ScreeningOutcome string

// The outcomes of a screening.
const (
	ScreeningEligible    ScreeningOutcome = "eligible"     // every criterion met, within the admission window
	ScreeningNotEligible ScreeningOutcome = "not_eligible" // at least one criterion clearly not met
	ScreeningNotYet      ScreeningOutcome = "not_yet"      // eligible, but the admission window opens later (AdmissibleFrom)
	ScreeningTeamReview  ScreeningOutcome = "team_review"  // information missing: the interdisciplinary team decides
)

// ScreeningOutcomes lists every outcome.
var ScreeningOutcomes = []ScreeningOutcome{ScreeningEligible, ScreeningNotEligible, ScreeningNotYet, ScreeningTeamReview}

// The criteria of the SIPPE rulebook, in the order a screening lists them.
const (
	CriterionSituation  = "situation"
	CriterionIncome     = "income"
	CriterionRiskFactor = "risk_factor"
)

// ProgrammeSIPPE is the id of the SIPPE rulebook.
const ProgrammeSIPPE = "sippe"

// SIPPEVersion versions the SIPPE rules (not the thresholds table, which is
// data): change it whenever a rule below changes.
const SIPPEVersion = "2026.1"

// Programmes lists the ids of every rulebook.
var Programmes = []string{ProgrammeSIPPE}

// Bounds of the inputs. The catalogs' messages for household sizes say 50:
// change them with MaxHouseholdSize.
const (
	MaxHouseholdSize   = 50         // people in a household; also the largest size a thresholds table may list
	MaxIncomeThreshold = 10_000_000 // dollars: a larger threshold in a table is a typing mistake
)

// Pregnancy arithmetic, in days. Gestational age = fullTermDays − days from
// the screening date until the due date (280 days = 40 weeks at the due date).
const (
	fullTermDays  = 280
	admissionDays = 12 * 7 // admission opens at 12 weeks 0 days
	// overdueDays: a pregnancy lasts at most 42 weeks, so a due date more
	// than 14 days in the past means the pregnancy is over.
	overdueDays = 14
	// maxDueDays: a due date more than 42 weeks after the screening date is
	// a mistake (Validate).
	maxDueDays = 42 * 7
)

// ScreeningInput is what an intake worker knows of a person. A nil pointer
// is information not given: the criteria it decides become unknown. Only the
// calendar date of each time counts, read in that time's own location.
type ScreeningInput struct {
	Date                   time.Time  // the screening date; required
	PregnancyDueDate       *time.Time // expected date of delivery; nil: no known pregnancy
	YoungestChildBirthDate *time.Time // nil: no known child
	HouseholdSize          *int       // people living in the household
	AnnualIncome           *int       // household annual income, whole dollars
	SecondaryDiploma       *bool      // holds a secondary school diploma
	SociallyIsolated       *bool
	Lonely                 *bool
}

// Validate checks the input; Fields name each bad field (the JSON names of
// internal/screening) with a translation key.
func (in ScreeningInput) Validate() error {
	fields := map[string]string{}
	if in.Date.IsZero() {
		fields["date"] = "screening.invalid.date_required"
	}
	if in.HouseholdSize != nil && (*in.HouseholdSize < 1 || *in.HouseholdSize > MaxHouseholdSize) {
		fields["household_size"] = "screening.invalid.household_size"
	}
	if in.AnnualIncome != nil && *in.AnnualIncome < 0 {
		fields["annual_income"] = "screening.invalid.income_negative"
	}
	if !in.Date.IsZero() {
		date := civilDate(in.Date)
		if in.PregnancyDueDate != nil && daysBetween(date, civilDate(*in.PregnancyDueDate)) > maxDueDays {
			fields["pregnancy_due_date"] = "screening.invalid.due_date_too_far"
		}
		if in.YoungestChildBirthDate != nil && civilDate(*in.YoungestChildBirthDate).After(date) {
			fields["youngest_child_birth_date"] = "screening.invalid.birth_after_date"
		}
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "screening.invalid_input", Fields: fields}
	}
	return nil
}

// Dollars is an amount in whole dollars; renderers format it as money.
type Dollars int

// Terms is a list of translation keys; renderers translate each and join
// them into one list.
type Terms []string

// Explanation is a sentence the domain does not write: a translation key and
// the arguments of its template. Argument values are int, Dollars,
// time.Time (a calendar date) or Terms. "Count" also chooses the plural form.
type Explanation struct {
	Key  string
	Args map[string]any
}

// CriterionResult is one criterion's verdict. Met is nil when the
// information needed is missing.
type CriterionResult struct {
	ID     string
	Met    *bool
	Reason Explanation
}

// Screening is what a rulebook concludes about one input.
type Screening struct {
	Outcome        ScreeningOutcome
	AdmissibleFrom *time.Time // the date admission opens; set for ScreeningNotYet only
	Rulebook       string     // id@version
	Thresholds     string     // the label of the income thresholds table used
	Criteria       []CriterionResult
}

// Rulebook is one programme's admission criteria, versioned, with the data
// they use. Build it with SIPPERulebook or RulebookFor.
type Rulebook struct {
	ID         string
	Version    string
	Thresholds IncomeThresholds
	// rules evaluates the criteria and says when admission opens (nil: now).
	rules func(rb Rulebook, in ScreeningInput, date time.Time) ([]CriterionResult, *time.Time)
}

// SIPPERulebook is the SIPPE rulebook over a low-income thresholds table.
func SIPPERulebook(thresholds IncomeThresholds) Rulebook {
	return Rulebook{ID: ProgrammeSIPPE, Version: SIPPEVersion, Thresholds: thresholds, rules: sippeRules}
}

// RulebookFor returns the rulebook of a programme id (see Programmes).
func RulebookFor(programme string, thresholds IncomeThresholds) (Rulebook, bool) {
	switch programme {
	case ProgrammeSIPPE:
		return SIPPERulebook(thresholds), true
	}
	return Rulebook{}, false
}

// Evaluate applies the rulebook to in. Validate the input first: Evaluate
// does not fail, and an input Validate refuses gives a screening that means
// little (an impossible household size, for one, makes the income criterion
// unknown). A rulebook without rules (the zero Rulebook) leaves the decision
// to the team.
func (rb Rulebook) Evaluate(in ScreeningInput) Screening {
	s := Screening{Rulebook: rb.ID + "@" + rb.Version, Thresholds: rb.Thresholds.Label, Outcome: ScreeningTeamReview}
	if rb.rules == nil {
		return s
	}
	var opensOn *time.Time
	s.Criteria, opensOn = rb.rules(rb, in, civilDate(in.Date))
	s.Outcome = decide(s.Criteria)
	if s.Outcome == ScreeningEligible && opensOn != nil {
		s.Outcome, s.AdmissibleFrom = ScreeningNotYet, opensOn
	}
	return s
}

// decide combines the criteria: one definitely unmet criterion wins over
// unknown ones (not_eligible); otherwise any unknown one sends the file to
// the team; with no criterion at all, the team decides too.
func decide(criteria []CriterionResult) ScreeningOutcome {
	unknown := len(criteria) == 0
	for _, c := range criteria {
		switch {
		case c.Met == nil:
			unknown = true
		case !*c.Met:
			return ScreeningNotEligible
		}
	}
	if unknown {
		return ScreeningTeamReview
	}
	return ScreeningEligible
}

func sippeRules(rb Rulebook, in ScreeningInput, date time.Time) ([]CriterionResult, *time.Time) {
	situation, opensOn := sippeSituation(in, date)
	return []CriterionResult{situation, sippeIncome(rb.Thresholds, in), sippeRiskFactor(in)}, opensOn
}

// sippeSituation decides the situation criterion and, for a pregnancy before
// 12 weeks, the date admission opens.
//
// Boundaries:
//   - A child is under 12 months while the screening date is before the
//     birth date plus 12 calendar months (time.AddDate): a child born exactly
//     12 months before the screening date (same day number) is not. AddDate
//     normalises a missing day, so a child born on 29 February is 12 months
//     old on 1 March of the next year (29 February of a non-leap year does
//     not exist and becomes 1 March); adding 12 months never otherwise lands
//     on a missing day. A child born on the screening date is under 12 months.
//   - Gestational age in days = 280 − days from the screening date to the
//     due date. From 84 days (12 weeks 0 days), the pregnancy is within the
//     admission window; before, admission opens on the due date − 196 days.
//     A due date up to 42 weeks away is valid (gestational age down to −14
//     days); Validate refuses a later one.
//   - A due date more than 14 days past (gestational age above 294 days,
//     beyond 42 weeks) means the pregnancy is over: it no longer counts.
//     Without a child's birth date the situation is then unknown (the child
//     is most likely born and under 12 months, but only the birth date can
//     tell): the team reviews. It is not refused as invalid input, so an
//     intake worker with an outdated due date still gets an answer.
//   - A child under 12 months satisfies the criterion, and admission is open
//     from birth, whatever a new pregnancy's stage.
//   - A nil due date means no known pregnancy: with a youngest child 12
//     months or older the criterion is not met. Only when both dates are nil
//     is the situation unknown.
func sippeSituation(in ScreeningInput, date time.Time) (CriterionResult, *time.Time) {
	childTooOld := false
	if in.YoungestChildBirthDate != nil {
		birth := civilDate(*in.YoungestChildBirthDate)
		twelveMonths := birth.AddDate(0, 12, 0)
		switch {
		case birth.After(date):
			// Validate refuses it; here it is treated as not given.
		case date.Before(twelveMonths):
			return met(CriterionSituation, true, "screening.situation.child_under_12_months",
				"BirthDate", birth, "Until", twelveMonths), nil
		default:
			childTooOld = true
		}
	}
	if in.PregnancyDueDate != nil {
		due := civilDate(*in.PregnancyDueDate)
		age := fullTermDays - daysBetween(date, due)
		opensOn := due.AddDate(0, 0, -(fullTermDays - admissionDays))
		switch {
		case age > fullTermDays+overdueDays:
			// The pregnancy is over: decided below.
		case age >= admissionDays:
			return met(CriterionSituation, true, "screening.situation.pregnant_in_window",
				"Weeks", age/7, "Days", age%7, "DueDate", due), nil
		case age >= 0:
			return met(CriterionSituation, true, "screening.situation.pregnant_before_window",
				"Weeks", age/7, "Days", age%7, "DueDate", due, "Date", opensOn), &opensOn
		default:
			return met(CriterionSituation, true, "screening.situation.pregnancy_very_early",
				"DueDate", due, "Date", opensOn), &opensOn
		}
		if !childTooOld {
			return unknown(CriterionSituation, "screening.situation.pregnancy_over", "DueDate", due), nil
		}
	}
	if childTooOld {
		return met(CriterionSituation, false, "screening.situation.child_too_old",
			"BirthDate", civilDate(*in.YoungestChildBirthDate)), nil
	}
	return unknown(CriterionSituation, "screening.situation.unknown"), nil
}

// sippeIncome decides the income criterion: income strictly below the
// threshold of the household's size; an income equal to it is not below.
func sippeIncome(t IncomeThresholds, in ScreeningInput) CriterionResult {
	if in.HouseholdSize == nil {
		if in.AnnualIncome == nil {
			return unknown(CriterionIncome, "screening.income.unknown")
		}
		return unknown(CriterionIncome, "screening.income.size_unknown", "Income", Dollars(*in.AnnualIncome))
	}
	size := *in.HouseholdSize
	threshold, err := t.Threshold(size)
	if err != nil {
		return unknown(CriterionIncome, "screening.income.size_invalid", "Count", size)
	}
	if in.AnnualIncome == nil {
		return unknown(CriterionIncome, "screening.income.income_unknown", "Count", size, "Threshold", Dollars(threshold))
	}
	income := *in.AnnualIncome
	args := []any{"Count", size, "Income", Dollars(income), "Threshold", Dollars(threshold)}
	if income < threshold {
		return met(CriterionIncome, true, "screening.income.below", args...)
	}
	return met(CriterionIncome, false, "screening.income.not_below", args...)
}

// sippeRiskFactor decides the risk factor criterion: one factor present is
// enough, whatever the others; all three absent is not met; otherwise the
// factors not known make it unknown.
func sippeRiskFactor(in ScreeningInput) CriterionResult {
	var present, missing Terms
	factor := func(v *bool, risky bool, key string) {
		switch {
		case v == nil:
			missing = append(missing, key)
		case *v == risky:
			present = append(present, key)
		}
	}
	factor(in.SecondaryDiploma, false, "screening.factor.undereducation")
	factor(in.SociallyIsolated, true, "screening.factor.isolation")
	factor(in.Lonely, true, "screening.factor.loneliness")
	switch {
	case len(present) > 0:
		return met(CriterionRiskFactor, true, "screening.risk_factor.present", "Factors", present)
	case len(missing) > 0:
		return unknown(CriterionRiskFactor, "screening.risk_factor.unknown", "Factors", missing)
	}
	return met(CriterionRiskFactor, false, "screening.risk_factor.none")
}

func met(id string, ok bool, key string, args ...any) CriterionResult {
	return CriterionResult{ID: id, Met: &ok, Reason: explain(key, args...)}
}

func unknown(id, key string, args ...any) CriterionResult {
	return CriterionResult{ID: id, Reason: explain(key, args...)}
}

func explain(key string, args ...any) Explanation {
	e := Explanation{Key: key}
	if len(args) > 0 {
		e.Args = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			e.Args[args[i].(string)] = args[i+1]
		}
	}
	return e
}

// civilDate is t's calendar date, at midnight UTC.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween counts the days from a to b (negative when b is earlier), both
// civil dates. Unix seconds do not saturate the way time.Duration does.
func daysBetween(a, b time.Time) int {
	return int((b.Unix() - a.Unix()) / 86400)
}

// IncomeThresholds is a low-income thresholds table: household size → annual
// income threshold in dollars. Sizes above the table's largest add, per
// extra person, the difference between its last two rows (the step a table
// of such thresholds shows between large households); the table therefore
// has at least two rows. Parse one with ParseIncomeThresholds.
type IncomeThresholds struct {
	Label  string // the table's first comment line: where its figures come from
	bySize []int  // bySize[i]: the threshold of a household of i+1 people
}

// Sizes is the number of rows of the table (households of 1 to Sizes people).
func (t IncomeThresholds) Sizes() int { return len(t.bySize) }

// Threshold is the annual income threshold for a household of size people.
func (t IncomeThresholds) Threshold(size int) (int, error) {
	if size < 1 || size > MaxHouseholdSize {
		return 0, fmt.Errorf("household size %d is not between 1 and %d", size, MaxHouseholdSize)
	}
	n := len(t.bySize)
	if n < 2 {
		return 0, fmt.Errorf("the income thresholds table is empty")
	}
	if size <= n {
		return t.bySize[size-1], nil
	}
	last, step := t.bySize[n-1], t.bySize[n-1]-t.bySize[n-2]
	return last + (size-n)*step, nil
}

// ThresholdsError is a mistake in a thresholds table, on a line (from 1).
type ThresholdsError struct {
	Line    int
	Problem string
}

func (e *ThresholdsError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Problem) }

// maxThresholdsLine bounds a line of a thresholds table.
const maxThresholdsLine = 4096

// ParseIncomeThresholds reads a CSV table:
//
//	# where the figures come from (optional comment lines start with #)
//	household_size,threshold
//	1,25000
//	2,31000
//
// The header comes first (after comments and blank lines); rows follow with
// household sizes 1, 2, 3… in order, each once, at least two of them and at
// most MaxHouseholdSize; thresholds are positive whole dollars (no sign, no
// separator), at most MaxIncomeThreshold, never lower than the previous
// row's. The first comment line becomes the Label. Errors are
// *ThresholdsError with the line number.
func ParseIncomeThresholds(r io.Reader) (IncomeThresholds, error) {
	var t IncomeThresholds
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 256), maxThresholdsLine)
	line, header := 0, false
	fail := func(format string, args ...any) (IncomeThresholds, error) {
		return IncomeThresholds{}, &ThresholdsError{Line: line, Problem: fmt.Sprintf(format, args...)}
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff") // a spreadsheet's byte order mark
		}
		text = strings.TrimSpace(text)
		switch {
		case text == "":
			continue
		case strings.HasPrefix(text, "#"):
			if t.Label == "" {
				t.Label = strings.TrimSpace(strings.TrimPrefix(text, "#"))
			}
			continue
		}
		cols := strings.Split(text, ",")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if !header {
			if len(cols) != 2 || !strings.EqualFold(cols[0], "household_size") || !strings.EqualFold(cols[1], "threshold") {
				return fail("the header must be household_size,threshold, got %q", clip(text))
			}
			header = true
			continue
		}
		if len(cols) != 2 {
			return fail("want 2 columns (household_size,threshold), got %d", len(cols))
		}
		size, ok := positiveInt(cols[0])
		if !ok {
			return fail("household_size must be a positive whole number, got %q", clip(cols[0]))
		}
		threshold, ok := positiveInt(cols[1])
		if !ok {
			return fail("threshold must be a positive whole number of dollars, got %q", clip(cols[1]))
		}
		n := len(t.bySize)
		switch {
		case size <= n:
			return fail("household size %d appears twice", size)
		case size > MaxHouseholdSize:
			return fail("household size %d is above the maximum, %d", size, MaxHouseholdSize)
		case size != n+1:
			return fail("household size %d comes before size %d: sizes run 1, 2, 3… in order, without gaps", size, n+1)
		case threshold > MaxIncomeThreshold:
			return fail("threshold %d is above the maximum, %d", threshold, MaxIncomeThreshold)
		case n > 0 && threshold < t.bySize[n-1]:
			return fail("threshold %d for %d people is lower than %d for %d", threshold, size, t.bySize[n-1], n)
		}
		t.bySize = append(t.bySize, threshold)
	}
	if err := sc.Err(); err != nil {
		line++
		return fail("%v", err)
	}
	line = max(line, 1)
	if !header {
		return fail("no header line household_size,threshold")
	}
	if len(t.bySize) < 2 {
		return fail("the table needs rows for household sizes 1 and 2 at least")
	}
	return t, nil
}

// positiveInt parses a positive whole number written with digits only.
func positiveInt(s string) (int, bool) {
	if s == "" || len(s) > 12 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// clip shortens what an error quotes back.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// exampleThresholdsCSV is the default table, a copy of
// testdata/sippe-thresholds-example.csv (a test keeps them equal). Its
// figures are plausible but invented: a network replaces them with its
// region's official low-income thresholds.
const exampleThresholdsCSV = `# EXAMPLE table, NOT official figures: replace it with your region's low-income thresholds (berceau screen --thresholds FILE.csv)
household_size,threshold
1,25000
2,31000
3,38000
4,47000
5,53000
6,60000
7,67000
`

var exampleThresholds = func() IncomeThresholds {
	t, err := ParseIncomeThresholds(strings.NewReader(exampleThresholdsCSV))
	if err != nil {
		panic("berceau: the example income thresholds do not parse: " + err.Error())
	}
	return t
}()

// DefaultIncomeThresholds is the embedded EXAMPLE table (its Label says so),
// used until a network gives its own: its figures are not official.
func DefaultIncomeThresholds() IncomeThresholds { return exampleThresholds }
