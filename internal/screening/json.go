// Package screening is the JSON face of eligibility screening, shared by
// `berceau screen` and POST /api/v1/screenings/evaluate: it decodes an input
// document into a berceau.ScreeningInput, naming the field of every mistake,
// and renders a berceau.Screening with its explanations translated.
package screening

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/i18n"
)

// MaxInputBytes bounds an input document.
const MaxInputBytes = 64 << 10

// dateLayout is the only date form read and written: YYYY-MM-DD.
const dateLayout = "2006-01-02"

// InputDocument is the input's JSON shape, for the OpenAPI document: every
// key but date may be null or absent (not known). DecodeInput reads the
// document itself, key by key, so that each mistake names its field.
type InputDocument struct {
	Date                   string  `json:"date" format:"date" doc:"The screening date, YYYY-MM-DD."`
	PregnancyDueDate       *string `json:"pregnancy_due_date,omitempty" format:"date" nullable:"true" doc:"Expected date of delivery; null: no known pregnancy. At most 42 weeks after date."`
	YoungestChildBirthDate *string `json:"youngest_child_birth_date,omitempty" format:"date" nullable:"true" doc:"Birth date of the youngest child; null: no known child. Not after date."`
	HouseholdSize          *int    `json:"household_size,omitempty" minimum:"1" maximum:"50" nullable:"true" doc:"People living in the household."`
	AnnualIncome           *int    `json:"annual_income,omitempty" minimum:"0" nullable:"true" doc:"Household annual income, in whole dollars."`
	SecondaryDiploma       *bool   `json:"secondary_diploma,omitempty" nullable:"true" doc:"Holds a secondary school diploma (false is a risk factor)."`
	SociallyIsolated       *bool   `json:"socially_isolated,omitempty" nullable:"true" doc:"Socially isolated (a risk factor)."`
	Lonely                 *bool   `json:"lonely,omitempty" nullable:"true" doc:"Lonely (a risk factor)."`
}

// FieldError is one mistake of an input document. Field is the JSON key (""
// for the document as a whole); Key translates the mistake and takes no
// argument; Got quotes what was given, as JSON, when that helps.
type FieldError struct {
	Field string
	Key   string
	Got   string
}

// InputError lists the mistakes of an input document, sorted by field. It
// unwraps to a *berceau.Error of kind invalid, so handlers map it like any
// domain error.
type InputError struct {
	Fields []FieldError
}

// Error names each bad field with its message key (untranslated: use
// Localize for people).
func (e *InputError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		part := f.Key
		if f.Field != "" {
			part = f.Field + ": " + part
		}
		parts = append(parts, part)
	}
	return "screening input: " + strings.Join(parts, "; ")
}

// Unwrap is the domain error: key screening.invalid_input with each field's
// message key, or, for a mistake of the whole document, its own key.
func (e *InputError) Unwrap() error {
	de := &berceau.Error{Kind: berceau.KindInvalid, Key: "screening.invalid_input"}
	for _, f := range e.Fields {
		if f.Field == "" {
			de.Key = f.Key
			continue
		}
		if de.Fields == nil {
			de.Fields = map[string]string{}
		}
		de.Fields[f.Field] = f.Key
	}
	return de
}

// Localize says every mistake in loc's language, one "field: message" after
// the other: `annual_income: must be a whole number of dollars, got "abc"`.
func (e *InputError) Localize(loc *i18n.Localizer) string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		msg := loc.T(f.Key)
		if f.Got != "" {
			msg = loc.T("screening.input.got", "Message", msg, "Got", f.Got)
		}
		if f.Field != "" {
			msg = f.Field + ": " + msg
		}
		parts = append(parts, msg)
	}
	return strings.Join(parts, "; ")
}

// field decodes one key's value (never null) into the input.
type field func(in *care.ScreeningInput, raw json.RawMessage) *FieldError

var fields = map[string]field{
	"date": dateField(func(in *care.ScreeningInput, t time.Time) { in.Date = t }),
	"pregnancy_due_date": dateField(func(in *care.ScreeningInput, t time.Time) {
		in.PregnancyDueDate = &t
	}),
	"youngest_child_birth_date": dateField(func(in *care.ScreeningInput, t time.Time) {
		in.YoungestChildBirthDate = &t
	}),
	"household_size": intField("screening.input.whole_number", func(in *care.ScreeningInput, n int) {
		in.HouseholdSize = &n
	}),
	"annual_income": intField("screening.input.whole_dollars", func(in *care.ScreeningInput, n int) {
		in.AnnualIncome = &n
	}),
	"secondary_diploma": boolField(func(in *care.ScreeningInput, b bool) { in.SecondaryDiploma = &b }),
	"socially_isolated": boolField(func(in *care.ScreeningInput, b bool) { in.SociallyIsolated = &b }),
	"lonely":            boolField(func(in *care.ScreeningInput, b bool) { in.Lonely = &b }),
}

// FieldNames lists the keys an input document may hold, sorted.
func FieldNames() []string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func dateField(set func(*care.ScreeningInput, time.Time)) field {
	return func(in *care.ScreeningInput, raw json.RawMessage) *FieldError {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return &FieldError{Key: "screening.input.date", Got: quote(raw)}
		}
		t, err := berceau.ParseDate(s)
		if err != nil {
			return &FieldError{Key: "screening.input.date", Got: quote(raw)}
		}
		set(in, t)
		return nil
	}
}

// intField reads a JSON integer written as one: 3, not 3.0, 3e0 or "3".
func intField(key string, set func(*care.ScreeningInput, int)) field {
	return func(in *care.ScreeningInput, raw json.RawMessage) *FieldError {
		n, err := strconv.Atoi(string(raw))
		if err != nil {
			return &FieldError{Key: key, Got: quote(raw)}
		}
		set(in, n)
		return nil
	}
}

func boolField(set func(*care.ScreeningInput, bool)) field {
	return func(in *care.ScreeningInput, raw json.RawMessage) *FieldError {
		switch string(raw) {
		case "true":
			set(in, true)
		case "false":
			set(in, false)
		default:
			return &FieldError{Key: "screening.input.boolean", Got: quote(raw)}
		}
		return nil
	}
}

// quote is what an error says was given: the JSON text, shortened.
func quote(raw json.RawMessage) string {
	s := string(raw)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

// DecodeInput reads an input document: one JSON object whose keys are those
// of InputDocument, each at most once; null means not known; date is
// required. The input is then validated (berceau.ScreeningInput.Validate).
// Every mistake found is returned at once as an *InputError naming its
// field; an error reading r is returned as it is.
func DecodeInput(r io.Reader) (care.ScreeningInput, error) {
	var in care.ScreeningInput
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return in, err
	}
	if len(data) > MaxInputBytes {
		return in, &InputError{Fields: []FieldError{{Key: "screening.input.too_large"}}}
	}
	raw, docErr := splitObject(data)
	if docErr != nil {
		return in, &InputError{Fields: []FieldError{*docErr}}
	}
	var problems []FieldError
	unreadable := false // a syntax error cut the document short
	for _, kv := range raw {
		name, value := kv.name, kv.value
		if kv.problem != nil {
			problems = append(problems, *kv.problem)
			unreadable = unreadable || kv.problem.Key == syntaxKey
			continue
		}
		decode, known := fields[name]
		switch {
		case !known:
			problems = append(problems, FieldError{Field: name, Key: "screening.input.unknown_field"})
		case string(value) == "null":
			// not known
		default:
			if fe := decode(&in, value); fe != nil {
				fe.Field = name
				problems = append(problems, *fe)
			}
		}
	}
	if in.Date.IsZero() && !unreadable && !hasProblem(problems, "date") {
		problems = append(problems, FieldError{Field: "date", Key: "screening.input.required"})
	}
	if !unreadable {
		// The values read are validated too, so that every mistake is
		// reported at once; a field already wrong keeps its first mistake.
		var de *berceau.Error
		if err := in.Validate(); errors.As(err, &de) {
			for name, key := range de.Fields {
				if !hasProblem(problems, name) {
					problems = append(problems, FieldError{Field: name, Key: key})
				}
			}
		} else if err != nil {
			return in, err
		}
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Field < problems[j].Field })
		return in, &InputError{Fields: problems}
	}
	return in, nil
}

func hasProblem(problems []FieldError, field string) bool {
	for _, p := range problems {
		if p.Field == field {
			return true
		}
	}
	return false
}

// syntaxKey is the mistake of a value that is not JSON at all.
const syntaxKey = "screening.input.syntax"

// member is one key of a JSON object with its raw value, or what was wrong
// with it.
type member struct {
	name    string
	value   json.RawMessage
	problem *FieldError
}

// splitObject reads a JSON object into its members in order, refusing
// anything else, trailing data and keys given twice (encoding/json would
// silently keep the last). A syntax error inside a value names its key.
func splitObject(data []byte) ([]member, *FieldError) {
	notObject := &FieldError{Key: "screening.input.not_object"}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, notObject
	}
	var members []member
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, notObject
		}
		name, ok := tok.(string)
		if !ok {
			return nil, notObject
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			var syntax *json.SyntaxError
			if errors.As(err, &syntax) || errors.Is(err, io.ErrUnexpectedEOF) {
				// The rest of the document cannot be read: report this key only.
				return append(members, member{name: name, problem: &FieldError{Field: name, Key: syntaxKey}}), nil
			}
			return nil, notObject
		}
		if seen[name] {
			members = append(members, member{name: name, problem: &FieldError{Field: name, Key: "screening.input.duplicate"}})
			continue
		}
		seen[name] = true
		members = append(members, member{name: name, value: bytes.TrimSpace(value)})
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, notObject
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, notObject
	}
	return members, nil
}

// Output is a screening as printed by `berceau screen` and answered by the
// API, its explanations translated.
type Output struct {
	Outcome        string            `json:"outcome" enum:"eligible,not_eligible,not_yet,team_review" doc:"eligible: every criterion met, admissible now; not_eligible: a criterion is not met; not_yet: eligible, admissible from admissible_from; team_review: information is missing, the interdisciplinary team decides."`
	AdmissibleFrom string            `json:"admissible_from,omitempty" format:"date" doc:"For not_yet only: the date admission opens (12 weeks 0 days of pregnancy)."`
	Rulebook       string            `json:"rulebook" doc:"The rulebook and its version, id@version."`
	Thresholds     string            `json:"thresholds" doc:"The label of the low-income thresholds table used."`
	Criteria       []CriterionOutput `json:"criteria" nullable:"false"`
}

// CriterionOutput is one criterion's verdict.
type CriterionOutput struct {
	ID          string `json:"id" enum:"situation,income,risk_factor"`
	Met         *bool  `json:"met" required:"true" nullable:"true" doc:"null: not known, information is missing."`
	Explanation string `json:"explanation"`
}

// Render translates a screening for people reading loc's language.
func Render(s care.Screening, loc *i18n.Localizer) Output {
	out := Output{Outcome: string(s.Outcome), Rulebook: s.Rulebook, Thresholds: s.Thresholds,
		Criteria: make([]CriterionOutput, 0, len(s.Criteria))}
	if s.AdmissibleFrom != nil {
		out.AdmissibleFrom = s.AdmissibleFrom.Format(dateLayout)
	}
	for _, c := range s.Criteria {
		out.Criteria = append(out.Criteria, CriterionOutput{ID: c.ID, Met: c.Met, Explanation: Explain(c.Reason, loc)})
	}
	return out
}

// Explain translates an explanation, formatting its arguments for loc's
// language: dates as YYYY-MM-DD, dollars as money, terms as a list.
func Explain(e care.Explanation, loc *i18n.Localizer) string {
	names := make([]string, 0, len(e.Args))
	for name := range e.Args {
		names = append(names, name)
	}
	sort.Strings(names)
	args := make([]any, 0, 2*len(names))
	for _, name := range names {
		args = append(args, name, formatArg(e.Args[name], loc))
	}
	return loc.T(e.Key, args...)
}

func formatArg(v any, loc *i18n.Localizer) any {
	switch v := v.(type) {
	case care.Dollars:
		return Money(int(v), loc.Lang())
	case time.Time:
		if loc.Lang() == "fr" {
			return v.Format("02/01/2006") // a sentence in French writes dates the French way
		}
		return v.Format(dateLayout)
	case care.Terms:
		words := make([]string, len(v))
		for i, key := range v {
			words[i] = loc.T(key)
		}
		return strings.Join(words, ", ")
	}
	return v
}

// Money writes whole dollars the way each language does in Quebec:
// "38 000 $" (no-break spaces) in French, "$38,000" in English.
func Money(n int, lang string) string {
	sign := ""
	u := uint64(n)
	if n < 0 {
		sign, u = "-", uint64(-(n+1))+1
	}
	digits := strconv.FormatUint(u, 10)
	sep := ","
	if lang != "en" {
		sep = "\u00a0"
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if lang == "en" {
		return sign + "$" + b.String()
	}
	return fmt.Sprintf("%s%s\u00a0$", sign, b.String())
}
