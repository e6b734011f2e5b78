package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// Programmes, income thresholds tables and stored screenings (migration
// 00006). A screening is stored with everything that decided it (input,
// rulebook id@version, thresholds label, criteria and their explanations as
// JSON) and is never recomputed.

const programmeColumns = `id, slug, rulebook, quorum_professionals, quorum_disciplines, active, created_at,
	reassess_months, reassess_notice_days`

func scanProgramme(row interface{ Scan(...any) error }) (care.Programme, error) {
	var p care.Programme
	err := row.Scan(&p.ID, &p.Slug, &p.Rulebook, &p.Quorum.Professionals, &p.Quorum.Disciplines, &p.Active, &p.CreatedAt,
		&p.ReassessMonths, &p.ReassessNoticeDays)
	p.CreatedAt = p.CreatedAt.UTC()
	return p, err
}

// ProgrammeBySlug reads one programme, active or not, with its intensity
// levels.
func (tx *Tx) ProgrammeBySlug(ctx context.Context, slug string) (care.Programme, error) {
	p, err := scanProgramme(tx.queryRow(ctx, `SELECT `+programmeColumns+` FROM programmes WHERE slug = $1`, slug))
	if err != nil {
		return p, notFound(wrapErr("read programme by slug", err), "screening.programme_not_found")
	}
	levels, err := tx.programmeLevels(ctx)
	if err != nil {
		return p, err
	}
	p.Levels = levels[p.ID]
	p.Orientations, err = tx.programmeOrientations(ctx, p.ID)
	return p, err
}

// programmeLevels reads every programme's intensity levels, most intense
// first.
func (tx *Tx) programmeLevels(ctx context.Context) (map[int64][]care.IntensityLevel, error) {
	levels := map[int64][]care.IntensityLevel{}
	if err := tx.eachRow(ctx, "read programme levels", func(row rowScanner) error {
		var id int64
		var l care.IntensityLevel
		if err := row.Scan(&id, &l.Code, &l.IntervalDays); err != nil {
			return err
		}
		levels[id] = append(levels[id], l)
		return nil
	}, `SELECT programme_id, code, interval_days FROM programme_levels ORDER BY programme_id, position`); err != nil {
		return nil, err
	}
	return levels, nil
}

// ListProgrammes returns every programme, active or not, by slug.
func (tx *Tx) ListProgrammes(ctx context.Context) ([]care.Programme, error) {
	var list []care.Programme
	if err := tx.eachRow(ctx, "list programmes", func(row rowScanner) error {
		p, err := scanProgramme(row)
		if err != nil {
			return err
		}
		list = append(list, p)
		return nil
	}, `SELECT `+programmeColumns+` FROM programmes ORDER BY slug`); err != nil {
		return nil, err
	}
	levels, err := tx.programmeLevels(ctx)
	for i := range list {
		list[i].Levels = levels[list[i].ID]
	}
	return list, err
}

// CurrentIncomeThresholds reads the network's current thresholds table, the
// newest stored; ok is false when the network has stored none (callers then
// use berceau.DefaultIncomeThresholds). The Label is the stored label.
func (tx *Tx) CurrentIncomeThresholds(ctx context.Context) (care.IncomeThresholds, bool, error) {
	var id int64
	var label string
	err := tx.queryRow(ctx, `SELECT id, label FROM income_threshold_tables ORDER BY id DESC LIMIT 1`).Scan(&id, &label)
	if errors.Is(err, sql.ErrNoRows) {
		return care.IncomeThresholds{}, false, nil
	}
	if err != nil {
		return care.IncomeThresholds{}, false, fmt.Errorf("store: read the current thresholds table: %w", err)
	}
	// The domain builds a table only from its CSV form, which checks it
	// again: a table edited by hand in the database cannot slip through.
	var csv strings.Builder
	csv.WriteString("household_size,threshold\n")
	if err := tx.eachRow(ctx, "read the rows of the thresholds table", func(row rowScanner) error {
		var size, threshold int
		if err := row.Scan(&size, &threshold); err != nil {
			return err
		}
		csv.WriteString(strconv.Itoa(size) + "," + strconv.Itoa(threshold) + "\n")
		return nil
	}, `SELECT household_size, threshold FROM income_thresholds WHERE table_id = $1 ORDER BY household_size`, id); err != nil {
		return care.IncomeThresholds{}, false, err
	}

	t, err := care.ParseIncomeThresholds(strings.NewReader(csv.String()))
	if err != nil {
		return care.IncomeThresholds{}, false, fmt.Errorf("store: thresholds table %d is damaged: %w", id, err)
	}
	t.Label = label
	return t, true, nil
}

// ReplaceIncomeThresholds stores t as the network's current thresholds
// table under label, and returns its id. Earlier tables stay.
func (tx *Tx) ReplaceIncomeThresholds(ctx context.Context, label string, t care.IncomeThresholds, createdBy int64) (int64, error) {
	if t.Sizes() < 2 {
		return 0, fmt.Errorf("store: a thresholds table needs two rows at least, got %d", t.Sizes())
	}
	id, err := tx.insertID(ctx, `INSERT INTO income_threshold_tables (label, created_by, created_at) VALUES ($1, $2, $3) RETURNING id`,
		label, nullID(createdBy), tx.now)
	if err != nil {
		return 0, wrapErr("replace income thresholds", err)
	}
	for size := 1; size <= t.Sizes(); size++ {
		threshold, err := t.Threshold(size)
		if err != nil {
			return 0, err
		}
		if _, err := tx.exec(ctx, `INSERT INTO income_thresholds (table_id, household_size, threshold) VALUES ($1, $2, $3)`,
			id, size, threshold); err != nil {
			return 0, wrapErr("replace income thresholds", err)
		}
	}
	return id, nil
}

// CreateScreening stores a screening as evaluated, setting its ID and
// CreatedAt.
func (tx *Tx) CreateScreening(ctx context.Context, s *care.StoredScreening) error {
	if s.Input.Date.IsZero() {
		return fmt.Errorf("store: a screening needs its date")
	}
	input, err := encodeScreeningInput(s.Input)
	if err != nil {
		return wrapErr("create screening", err)
	}
	criteria, err := encodeCriteria(s.Criteria)
	if err != nil {
		return wrapErr("create screening", err)
	}
	// To the microsecond, as PostgreSQL keeps it: the value returned is the
	// value read back.
	now := tx.now.Truncate(time.Microsecond)
	var admissible any
	if s.AdmissibleFrom != nil {
		admissible = nullDate(*s.AdmissibleFrom)
	}
	id, err := tx.insertID(ctx, `INSERT INTO screenings (family_id, programme_slug, rulebook, thresholds_label, screening_date,
		input, outcome, admissible_from, criteria, orientation, screened_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		s.FamilyID, s.Programme, s.Rulebook, s.Thresholds, nullDate(s.Input.Date), input, string(s.Outcome), admissible,
		criteria, s.Orientation, s.ScreenedBy, now)
	if err != nil {
		return wrapErr("create screening", err)
	}
	s.ID, s.CreatedAt = id, now
	return nil
}

const screeningColumns = `id, family_id, programme_slug, rulebook, thresholds_label, input, outcome, admissible_from,
	criteria, orientation, screened_by, created_at`

func scanScreening(row interface{ Scan(...any) error }) (care.StoredScreening, error) {
	var s care.StoredScreening
	var input, outcome, criteria string
	var admissible sql.NullTime
	if err := row.Scan(&s.ID, &s.FamilyID, &s.Programme, &s.Rulebook, &s.Thresholds, &input, &outcome, &admissible,
		&criteria, &s.Orientation, &s.ScreenedBy, &s.CreatedAt); err != nil {
		return s, err
	}
	s.Outcome, s.CreatedAt = care.ScreeningOutcome(outcome), s.CreatedAt.UTC()
	if admissible.Valid {
		d := civil(admissible)
		s.AdmissibleFrom = &d
	}
	var err error
	if s.Input, err = decodeScreeningInput(input); err != nil {
		return s, fmt.Errorf("store: screening %d: %w", s.ID, err)
	}
	if s.Criteria, err = decodeCriteria(criteria); err != nil {
		return s, fmt.Errorf("store: screening %d: %w", s.ID, err)
	}
	return s, nil
}

// ScreeningByID reads one stored screening.
func (tx *Tx) ScreeningByID(ctx context.Context, id int64) (care.StoredScreening, error) {
	s, err := scanScreening(tx.queryRow(ctx, `SELECT `+screeningColumns+` FROM screenings WHERE id = $1`, id))
	if err != nil {
		return s, notFound(wrapErr("read screening by ID", err), "screening.screening_not_found")
	}
	return s, nil
}

// ScreeningsOfFamily returns a family's screenings, newest first.
func (tx *Tx) ScreeningsOfFamily(ctx context.Context, familyID int64) ([]care.StoredScreening, error) {
	var list []care.StoredScreening
	if err := tx.eachRow(ctx, "read screenings of family", func(row rowScanner) error {
		s, err := scanScreening(row)
		if err != nil {
			return err
		}
		list = append(list, s)
		return nil
	}, `SELECT `+screeningColumns+` FROM screenings WHERE family_id = $1 ORDER BY created_at DESC, id DESC`, familyID); err != nil {
		return nil, err
	}
	return list, nil
}

// SetScreeningOrientation records where the family of a screening was
// oriented. It is the only thing of a stored screening that changes.
func (tx *Tx) SetScreeningOrientation(ctx context.Context, id int64, text string) error {
	err := affectedOne(tx.exec(ctx, `UPDATE screenings SET orientation = $1 WHERE id = $2`, text, id))
	if berceau.IsNotFound(err) {
		return berceau.Errorf(berceau.KindNotFound, "screening.screening_not_found")
	}
	return wrapErr("set screening orientation", err)
}

// screeningDate is the one date form of the stored input: YYYY-MM-DD, as in
// the screening API's input document.
const screeningDate = "2006-01-02"

// inputJSON is a screening input as stored: the keys of the API's input
// document (internal/screening), null for what was not known.
type inputJSON struct {
	Date                   string  `json:"date"`
	PregnancyDueDate       *string `json:"pregnancy_due_date"`
	YoungestChildBirthDate *string `json:"youngest_child_birth_date"`
	HouseholdSize          *int    `json:"household_size"`
	AnnualIncome           *int    `json:"annual_income"`
	SecondaryDiploma       *bool   `json:"secondary_diploma"`
	SociallyIsolated       *bool   `json:"socially_isolated"`
	Lonely                 *bool   `json:"lonely"`
}

func dateText(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(screeningDate)
	return &s
}

func parseDateText(s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := time.Parse(screeningDate, *s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

func encodeScreeningInput(in care.ScreeningInput) (string, error) {
	b, err := json.Marshal(inputJSON{
		Date: in.Date.Format(screeningDate), PregnancyDueDate: dateText(in.PregnancyDueDate),
		YoungestChildBirthDate: dateText(in.YoungestChildBirthDate), HouseholdSize: in.HouseholdSize,
		AnnualIncome: in.AnnualIncome, SecondaryDiploma: in.SecondaryDiploma, SociallyIsolated: in.SociallyIsolated, Lonely: in.Lonely,
	})
	return string(b), err
}

func decodeScreeningInput(text string) (care.ScreeningInput, error) {
	var j inputJSON
	var in care.ScreeningInput
	if err := json.Unmarshal([]byte(text), &j); err != nil {
		return in, fmt.Errorf("input: %w", err)
	}
	date, err := time.Parse(screeningDate, j.Date)
	if err != nil {
		return in, fmt.Errorf("input date: %w", err)
	}
	in.Date = date
	if in.PregnancyDueDate, err = parseDateText(j.PregnancyDueDate); err != nil {
		return in, fmt.Errorf("input pregnancy_due_date: %w", err)
	}
	if in.YoungestChildBirthDate, err = parseDateText(j.YoungestChildBirthDate); err != nil {
		return in, fmt.Errorf("input youngest_child_birth_date: %w", err)
	}
	in.HouseholdSize, in.AnnualIncome = j.HouseholdSize, j.AnnualIncome
	in.SecondaryDiploma, in.SociallyIsolated, in.Lonely = j.SecondaryDiploma, j.SociallyIsolated, j.Lonely
	return in, nil
}

// criterionJSON is one criterion's verdict as stored: its explanation's
// translation key and typed arguments, so that an old screening renders the
// same sentence whatever the rulebook has become.
type criterionJSON struct {
	ID   string             `json:"id"`
	Met  *bool              `json:"met"`
	Key  string             `json:"key"`
	Args map[string]argJSON `json:"args,omitempty"`
}

// argJSON is an explanation argument with its Go type, which decides how it
// is rendered: {"type":"dollars","value":31000}.
type argJSON struct {
	Type  string          `json:"type"`
	Value json.RawMessage `json:"value"`
}

// The argument types stored. A "date" is a calendar date (midnight UTC, as
// the rulebooks give them); any other time is a "time", RFC 3339.
const (
	argInt     = "int"
	argDollars = "dollars"
	argDate    = "date"
	argTime    = "time"
	argTerms   = "terms"
	argString  = "string"
	argBool    = "bool"
)

func encodeArg(v any) (argJSON, error) {
	var a argJSON
	var value any
	switch v := v.(type) {
	case int:
		a.Type, value = argInt, v
	case care.Dollars:
		a.Type, value = argDollars, int(v)
	case time.Time:
		if y, m, d := v.Date(); v.Location() == time.UTC && v.Equal(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
			a.Type, value = argDate, v.Format(screeningDate)
		} else {
			a.Type, value = argTime, v.Format(time.RFC3339Nano)
		}
	case care.Terms:
		a.Type, value = argTerms, []string(v)
	case string:
		a.Type, value = argString, v
	case bool:
		a.Type, value = argBool, v
	default:
		return a, fmt.Errorf("store: an explanation argument of type %T cannot be stored", v)
	}
	raw, err := json.Marshal(value)
	a.Value = raw
	return a, err
}

func decodeArg(a argJSON) (any, error) {
	switch a.Type {
	case argInt, argDollars:
		var n int
		if err := json.Unmarshal(a.Value, &n); err != nil {
			return nil, err
		}
		if a.Type == argDollars {
			return care.Dollars(n), nil
		}
		return n, nil
	case argDate, argTime:
		var s string
		if err := json.Unmarshal(a.Value, &s); err != nil {
			return nil, err
		}
		layout := screeningDate
		if a.Type == argTime {
			layout = time.RFC3339Nano
		}
		return time.Parse(layout, s)
	case argTerms:
		var terms []string
		if err := json.Unmarshal(a.Value, &terms); err != nil {
			return nil, err
		}
		return care.Terms(terms), nil
	case argString:
		var s string
		err := json.Unmarshal(a.Value, &s)
		return s, err
	case argBool:
		var b bool
		err := json.Unmarshal(a.Value, &b)
		return b, err
	}
	return nil, fmt.Errorf("unknown argument type %q", a.Type)
}

func encodeCriteria(criteria []care.CriterionResult) (string, error) {
	out := make([]criterionJSON, 0, len(criteria))
	for _, c := range criteria {
		j := criterionJSON{ID: c.ID, Met: c.Met, Key: c.Reason.Key}
		if c.Reason.Args != nil {
			j.Args = make(map[string]argJSON, len(c.Reason.Args))
		}
		for name, v := range c.Reason.Args {
			a, err := encodeArg(v)
			if err != nil {
				return "", fmt.Errorf("%w (criterion %s, argument %s)", err, c.ID, name)
			}
			j.Args[name] = a
		}
		out = append(out, j)
	}
	b, err := json.Marshal(out) // map keys come out sorted: the same screening gives the same text
	return string(b), err
}

func decodeCriteria(text string) ([]care.CriterionResult, error) {
	var in []criterionJSON
	if err := json.Unmarshal([]byte(text), &in); err != nil {
		return nil, fmt.Errorf("criteria: %w", err)
	}
	var out []care.CriterionResult
	for _, j := range in {
		c := care.CriterionResult{ID: j.ID, Met: j.Met, Reason: care.Explanation{Key: j.Key}}
		if len(j.Args) > 0 {
			c.Reason.Args = make(map[string]any, len(j.Args))
		}
		for name, a := range j.Args {
			v, err := decodeArg(a)
			if err != nil {
				return nil, fmt.Errorf("criterion %s, argument %s: %w", j.ID, name, err)
			}
			c.Reason.Args[name] = v
		}
		out = append(out, c)
	}
	return out, nil
}
