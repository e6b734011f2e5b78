package screening

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/i18n"
)

func bundle(t testing.TB) *i18n.Bundle {
	t.Helper()
	b, err := i18n.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func day(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDecodeInputReadsEveryField(t *testing.T) {
	doc := `{"date": "2026-03-16", "pregnancy_due_date": "2026-09-01", "youngest_child_birth_date": "2024-02-29",
		"household_size": 3, "annual_income": 30000, "secondary_diploma": false, "socially_isolated": true, "lonely": false}`
	got, err := DecodeInput(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	due, birth, size, income, no, yes := day("2026-09-01"), day("2024-02-29"), 3, 30000, false, true
	want := care.ScreeningInput{Date: day("2026-03-16"), PregnancyDueDate: &due, YoungestChildBirthDate: &birth,
		HouseholdSize: &size, AnnualIncome: &income, SecondaryDiploma: &no, SociallyIsolated: &yes, Lonely: &no}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestDecodeInputNullAndAbsentAreUnknown(t *testing.T) {
	for _, doc := range []string{
		`{"date": "2026-03-16"}`,
		`{"date": "2026-03-16", "pregnancy_due_date": null, "youngest_child_birth_date": null, "household_size": null,
		  "annual_income": null, "secondary_diploma": null, "socially_isolated": null, "lonely": null}`,
		" \n{ \"date\" : \"2026-03-16\" }\n ",
	} {
		got, err := DecodeInput(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		if want := (care.ScreeningInput{Date: day("2026-03-16")}); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v", doc, got)
		}
	}
}

func TestDecodeInputErrorsNameTheField(t *testing.T) {
	en := bundle(t).Localizer("en")
	const date = `"date": "2026-03-16"`
	cases := []struct {
		name string
		doc  string
		want string // the errors, localized in English
	}{
		{"income as a word", `{` + date + `, "annual_income": "abc"}`, `annual_income: must be a whole number of dollars, got "abc"`},
		{"income with cents", `{` + date + `, "annual_income": 25000.50}`, `annual_income: must be a whole number of dollars, got 25000.50`},
		{"income in exponent form", `{` + date + `, "annual_income": 3e4}`, `annual_income: must be a whole number of dollars, got 3e4`},
		{"income beyond any integer", `{` + date + `, "annual_income": 99999999999999999999}`, `annual_income: must be a whole number of dollars, got 99999999999999999999`},
		{"income negative", `{` + date + `, "annual_income": -1}`, `annual_income: cannot be negative`},
		{"income true", `{` + date + `, "annual_income": true}`, `annual_income: must be a whole number of dollars, got true`},
		{"size as a string", `{` + date + `, "household_size": "3"}`, `household_size: must be a whole number, got "3"`},
		{"size 3.0", `{` + date + `, "household_size": 3.0}`, `household_size: must be a whole number, got 3.0`},
		{"size 0", `{` + date + `, "household_size": 0}`, `household_size: must be between 1 and 50 people`},
		{"size 51", `{` + date + `, "household_size": 51}`, `household_size: must be between 1 and 50 people`},
		{"no date", `{"lonely": true}`, `date: is required`},
		{"date null", `{"date": null}`, `date: is required`},
		{"empty object", `{}`, `date: is required`},
		{"date day first", `{"date": "16/03/2026"}`, `date: must be a date written YYYY-MM-DD, got "16/03/2026"`},
		{"date that does not exist", `{"date": "2026-02-30"}`, `date: must be a date written YYYY-MM-DD, got "2026-02-30"`},
		{"date with a time", `{"date": "2026-03-16T10:00:00Z"}`, `date: must be a date written YYYY-MM-DD, got "2026-03-16T10:00:00Z"`},
		{"date as a number", `{"date": 20260316}`, `date: must be a date written YYYY-MM-DD, got 20260316`},
		{"date without zeros", `{"date": "2026-3-16"}`, `date: must be a date written YYYY-MM-DD, got "2026-3-16"`},
		{"due date as a word", `{` + date + `, "pregnancy_due_date": "tomorrow"}`, `pregnancy_due_date: must be a date written YYYY-MM-DD, got "tomorrow"`},
		{"due date too far", `{` + date + `, "pregnancy_due_date": "2027-01-06"}`, `pregnancy_due_date: is more than 42 weeks after the screening date`},
		{"birth after the date", `{` + date + `, "youngest_child_birth_date": "2026-03-17"}`, `youngest_child_birth_date: is after the screening date`},
		{"diploma as yes", `{` + date + `, "secondary_diploma": "yes"}`, `secondary_diploma: must be true, false or null, got "yes"`},
		{"lonely as 1", `{` + date + `, "lonely": 1}`, `lonely: must be true, false or null, got 1`},
		{"isolated as an object", `{` + date + `, "socially_isolated": {"a": 1}}`, `socially_isolated: must be true, false or null, got {"a": 1}`},
		{"unknown key", `{` + date + `, "colour": "blue"}`, `colour: is not a known field`},
		{"key in another case", `{` + date + `, "Lonely": true}`, `Lonely: is not a known field`},
		{"key given twice", `{` + date + `, "lonely": true, "lonely": false}`, `lonely: appears twice`},
		{"value that is not JSON", `{` + date + `, "annual_income": abc}`, `annual_income: is not a valid JSON value`},
		{"value that is not JSON, before the date", `{"annual_income": abc, ` + date + `}`, `annual_income: is not a valid JSON value`},
		{"long value is shortened", `{` + date + `, "lonely": "` + strings.Repeat("x", 60) + `"}`, `lonely: must be true, false or null, got "` + strings.Repeat("x", 39) + `…`},
		{"several mistakes, sorted by field", `{"lonely": "no", "annual_income": -5, "household_size": "2", "date": "x"}`,
			`annual_income: cannot be negative; date: must be a date written YYYY-MM-DD, got "x"; household_size: must be a whole number, got "2"; lonely: must be true, false or null, got "no"`},
		{"several validation mistakes", `{` + date + `, "annual_income": -5, "household_size": 0}`,
			`annual_income: cannot be negative; household_size: must be between 1 and 50 people`},
		{"not JSON", `date=2026-03-16`, `The document must be one JSON object.`},
		{"empty", ``, `The document must be one JSON object.`},
		{"null", `null`, `The document must be one JSON object.`},
		{"an array", `[{` + date + `}]`, `The document must be one JSON object.`},
		{"a string", `"2026-03-16"`, `The document must be one JSON object.`},
		{"two objects", `{` + date + `} {}`, `The document must be one JSON object.`},
		{"trailing garbage", `{` + date + `} x`, `The document must be one JSON object.`},
		{"unclosed", `{` + date, `The document must be one JSON object.`},
		{"trailing comma", `{` + date + `,}`, `The document must be one JSON object.`},
		{"too large", `{` + date + `, "x": "` + strings.Repeat("a", MaxInputBytes) + `"}`, `The document is too large (64 KiB at most).`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeInput(strings.NewReader(c.doc))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an *InputError", err)
			}
			if got := ie.Localize(en); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			var de *berceau.Error
			if !errors.As(err, &de) || de.Kind != berceau.KindInvalid || berceau.KindOf(err) != berceau.KindInvalid {
				t.Fatalf("err does not unwrap to an invalid domain error: %#v", err)
			}
			for _, f := range ie.Fields {
				if f.Field == "" {
					if len(ie.Fields) != 1 || de.Key != f.Key || len(de.Fields) != 0 {
						t.Errorf("document mistake %+v: domain error %+v", f, de)
					}
					continue
				}
				if de.Fields[f.Field] != f.Key || !strings.Contains(err.Error(), f.Field+": "+f.Key) {
					t.Errorf("field %s: domain error %+v, Error() %q", f.Field, de, err.Error())
				}
			}
		})
	}
}

func TestDecodeInputErrorsInFrench(t *testing.T) {
	fr := bundle(t).Localizer("fr")
	_, err := DecodeInput(strings.NewReader(`{"date": "2026-03-16", "annual_income": "abc", "household_size": 0}`))
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatal(err)
	}
	want := `annual_income: doit être un nombre entier de dollars (valeur reçue : "abc"); household_size: doit être entre 1 et 50 personnes`
	if got := ie.Localize(fr); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestFieldMessagesNeedNoArgument: the API shows field messages without
// arguments, so none may use one.
func TestFieldMessagesNeedNoArgument(t *testing.T) {
	keys, err := i18n.Keys("fr")
	if err != nil {
		t.Fatal(err)
	}
	b := bundle(t)
	n := 0
	for _, key := range keys {
		if !strings.HasPrefix(key, "screening.input.") && !strings.HasPrefix(key, "screening.invalid.") || key == "screening.input.got" {
			continue
		}
		n++
		for _, lang := range i18n.Languages {
			if got := b.Localizer(lang).T(key); got == key || strings.Contains(got, "<no value>") {
				t.Errorf("%s %s: %q", lang, key, got)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d field messages found", n)
	}
	for _, lang := range i18n.Languages {
		if got := b.Localizer(lang).T("screening.invalid.household_size"); !strings.Contains(got, fmt.Sprint(care.MaxHouseholdSize)) {
			t.Errorf("%s: %q does not say the maximum household size, %d", lang, got, care.MaxHouseholdSize)
		}
	}
}

func TestInputDocumentHasEveryFieldTheDecoderReads(t *testing.T) {
	var names []string
	typ := reflect.TypeOf(InputDocument{})
	for i := 0; i < typ.NumField(); i++ {
		names = append(names, strings.Split(typ.Field(i).Tag.Get("json"), ",")[0])
	}
	sort.Strings(names)
	if !reflect.DeepEqual(names, FieldNames()) {
		t.Fatalf("InputDocument has %v, DecodeInput reads %v", names, FieldNames())
	}
}

func decodeAndRender(t *testing.T, doc, lang string) Output {
	t.Helper()
	in, err := DecodeInput(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return Render(care.SIPPERulebook(care.DefaultIncomeThresholds()).Evaluate(in), bundle(t).Localizer(lang))
}

func TestRenderTranslatesTheExplanations(t *testing.T) {
	const doc = `{"date": "2026-03-16", "youngest_child_birth_date": "2025-10-02", "household_size": 3, "annual_income": 30000,
		"secondary_diploma": false, "socially_isolated": true, "lonely": null}`
	yes := true
	want := map[string]Output{
		"fr": {Outcome: "eligible", Rulebook: "sippe@" + care.SIPPEVersion, Thresholds: care.DefaultIncomeThresholds().Label, Criteria: []CriterionOutput{
			{"situation", &yes, "Parent ou principal responsable d’un enfant de moins de 12 mois : l’enfant est né le 02/10/2025 et aura 12 mois le 02/10/2026."},
			{"income", &yes, "Revenu du ménage de 30\u00a0000\u00a0$, sous le seuil de faible revenu de 38\u00a0000\u00a0$ pour un ménage de 3 personnes."},
			{"risk_factor", &yes, "Au moins un facteur de risque : sous-scolarisation (pas de diplôme d’études secondaires), isolement social."},
		}},
		"en": {Outcome: "eligible", Rulebook: "sippe@" + care.SIPPEVersion, Thresholds: care.DefaultIncomeThresholds().Label, Criteria: []CriterionOutput{
			{"situation", &yes, "Parent or main caregiver of a child under 12 months: the child was born on 2025-10-02 and turns 12 months on 2026-10-02."},
			{"income", &yes, "Household income of $30,000, below the low-income threshold of $38,000 for a household of 3 people."},
			{"risk_factor", &yes, "At least one risk factor: under-schooling (no secondary school diploma), social isolation."},
		}},
	}
	for lang, w := range want {
		if got := decodeAndRender(t, doc, lang); !reflect.DeepEqual(got, w) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", lang, got, w)
		}
	}
	one := decodeAndRender(t, `{"date": "2026-03-16", "household_size": 1, "annual_income": 25000}`, "fr")
	if got, want := one.Criteria[1].Explanation, "Revenu du ménage de 25\u00a0000\u00a0$, égal ou supérieur au seuil de faible revenu de 25\u00a0000\u00a0$ pour un ménage de 1 personne."; got != want {
		t.Errorf("singular:\ngot  %s\nwant %s", got, want)
	}
}

// TestEveryExplanationTranslates renders inputs that reach every reason of
// the rulebook, in both languages.
func TestEveryExplanationTranslates(t *testing.T) {
	docs := []string{
		`{"date": "2026-03-16", "youngest_child_birth_date": "2025-10-02", "household_size": 1, "annual_income": 1, "secondary_diploma": true, "socially_isolated": false, "lonely": false}`,
		`{"date": "2026-03-16", "pregnancy_due_date": "2026-09-29", "household_size": 3, "annual_income": 90000, "secondary_diploma": true, "lonely": false}`,
		`{"date": "2026-03-16", "pregnancy_due_date": "2026-06-01"}`,
		`{"date": "2026-03-16", "pregnancy_due_date": "2026-12-30", "annual_income": 1000}`,
		`{"date": "2026-03-16", "pregnancy_due_date": "2026-01-01", "household_size": 4}`,
		`{"date": "2026-03-16", "youngest_child_birth_date": "2020-01-01"}`,
	}
	b := bundle(t)
	seen := map[string]bool{}
	for _, doc := range docs {
		in, err := DecodeInput(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		s := care.SIPPERulebook(care.DefaultIncomeThresholds()).Evaluate(in)
		for _, c := range s.Criteria {
			seen[c.Reason.Key] = true
		}
		for _, lang := range i18n.Languages {
			for _, c := range Render(s, b.Localizer(lang)).Criteria {
				if strings.Contains(c.Explanation, "screening.") || strings.Contains(c.Explanation, "<no value>") || !strings.HasSuffix(c.Explanation, ".") {
					t.Errorf("%s %s: %q", lang, c.ID, c.Explanation)
				}
			}
		}
	}
	if len(seen) < 12 {
		t.Errorf("only %d reasons reached: %v", len(seen), seen)
	}
	// A table that cannot serve a size (not validated input).
	size := 0
	s := care.SIPPERulebook(care.DefaultIncomeThresholds()).Evaluate(care.ScreeningInput{Date: day("2026-03-16"), HouseholdSize: &size})
	if got := Explain(s.Criteria[1].Reason, b.Localizer("en")); got != "No low-income threshold for a household of 0 person." && got != "No low-income threshold for a household of 0 people." {
		t.Errorf("size_invalid: %q", got)
	}
}

func TestOutputJSONShowsUnknownAsNullAndTheDateOnlyWhenNotYet(t *testing.T) {
	out := decodeAndRender(t, `{"date": "2026-03-16", "pregnancy_due_date": "2026-09-29", "household_size": 3, "annual_income": 1, "lonely": true}`, "en")
	data, _ := json.Marshal(out)
	if !strings.Contains(string(data), `"outcome":"not_yet","admissible_from":"2026-03-17"`) {
		t.Errorf("%s", data)
	}
	out = decodeAndRender(t, `{"date": "2026-03-16"}`, "en")
	data, _ = json.Marshal(out)
	if strings.Contains(string(data), "admissible_from") || strings.Count(string(data), `"met":null`) != 3 || !strings.Contains(string(data), `"outcome":"team_review"`) {
		t.Errorf("%s", data)
	}
}

func TestMoney(t *testing.T) {
	cases := []struct {
		n      int
		fr, en string
	}{
		{0, "0\u00a0$", "$0"},
		{999, "999\u00a0$", "$999"},
		{1000, "1\u00a0000\u00a0$", "$1,000"},
		{38000, "38\u00a0000\u00a0$", "$38,000"},
		{1234567, "1\u00a0234\u00a0567\u00a0$", "$1,234,567"},
		{-2500, "-2\u00a0500\u00a0$", "-$2,500"},
	}
	for _, c := range cases {
		if got := Money(c.n, "fr"); got != c.fr {
			t.Errorf("Money(%d, fr) = %q, want %q", c.n, got, c.fr)
		}
		if got := Money(c.n, "en"); got != c.en {
			t.Errorf("Money(%d, en) = %q, want %q", c.n, got, c.en)
		}
	}
}

// encode writes an input back as a document, for the fuzz round trip.
func encode(in care.ScreeningInput) string {
	doc := map[string]any{"date": in.Date.Format(dateLayout)}
	if in.PregnancyDueDate != nil {
		doc["pregnancy_due_date"] = in.PregnancyDueDate.Format(dateLayout)
	}
	if in.YoungestChildBirthDate != nil {
		doc["youngest_child_birth_date"] = in.YoungestChildBirthDate.Format(dateLayout)
	}
	if in.HouseholdSize != nil {
		doc["household_size"] = *in.HouseholdSize
	}
	if in.AnnualIncome != nil {
		doc["annual_income"] = *in.AnnualIncome
	}
	for name, b := range map[string]*bool{"secondary_diploma": in.SecondaryDiploma, "socially_isolated": in.SociallyIsolated, "lonely": in.Lonely} {
		if b != nil {
			doc[name] = *b
		}
	}
	data, _ := json.Marshal(doc)
	return string(data)
}

func FuzzDecodeInput(f *testing.F) {
	f.Add(`{"date": "2026-03-16", "youngest_child_birth_date": "2025-10-02", "household_size": 3, "annual_income": 30000, "secondary_diploma": false, "socially_isolated": true, "lonely": null}`)
	f.Add(`{"date": "2026-03-16", "pregnancy_due_date": "2026-09-29"}`)
	f.Add(`{"date": "2026-03-16", "annual_income": "abc", "annual_income": 1}`)
	f.Add(`{"date": "2026-02-30", "household_size": 3.0, "lonely": 1, "x": [1, {"y": null}]}`)
	f.Add(`{"annual_income": abc, "date": "2026-03-16"}`)
	f.Add(`[]`)
	f.Add(`{"date": "2026-03-16"} {}`)
	b, err := i18n.Load(nil)
	if err != nil {
		f.Fatal(err)
	}
	en := b.Localizer("en")
	rb := care.SIPPERulebook(care.DefaultIncomeThresholds())
	f.Fuzz(func(t *testing.T, doc string) {
		in, err := DecodeInput(strings.NewReader(doc))
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || len(ie.Fields) == 0 || berceau.KindOf(err) != berceau.KindInvalid {
				t.Fatalf("err = %#v", err)
			}
			for _, fe := range ie.Fields {
				if !strings.HasPrefix(fe.Key, "screening.") {
					t.Fatalf("field error %+v", fe)
				}
			}
			if msg := ie.Localize(en); strings.Contains(msg, "<no value>") || strings.Contains(msg, "screening.") {
				t.Fatalf("message %q", msg)
			}
			return
		}
		if err := in.Validate(); err != nil {
			t.Fatalf("decoded an input that does not validate: %v", err)
		}
		again, err := DecodeInput(strings.NewReader(encode(in)))
		if err != nil || !reflect.DeepEqual(again, in) {
			t.Fatalf("round trip: %+v, %v; want %+v", again, err, in)
		}
		out := Render(rb.Evaluate(in), en)
		if len(out.Criteria) != 3 || (out.Outcome == "not_yet") != (out.AdmissibleFrom != "") {
			t.Fatalf("output %+v", out)
		}
	})
}
