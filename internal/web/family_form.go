package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// personForm is what was typed for one person of the intake form.
type personForm struct {
	GivenName, Surname, BirthDate string
}

func (p personForm) empty() bool { return p.GivenName == "" && p.Surname == "" && p.BirthDate == "" }

// familyForm keeps everything typed in the intake form, so that a form
// shown again with its errors or its possible duplicates loses nothing.
type familyForm struct {
	Place             string // "site:team", one of the place choices
	Pregnant          personForm
	Parent            personForm
	Caregiver         personForm
	Partner           personForm
	DueDate           string
	Children          []personForm
	Languages         string
	InterpreterNeeded bool
	Phone             string
	Email             string
	Address           string
	DuplicatesSeen    bool
	ProcessingConsent bool
}

// ChildRows is the rows of children the form shows: those typed, then one
// empty row to add another child without script.
func (f familyForm) ChildRows() []personForm {
	return append(append([]personForm{}, f.Children...), personForm{})
}

// placeChoice is one site, and possibly one care team of it, where the
// person may open a file.
type placeChoice struct {
	Value    string // "site:team"
	SiteID   int64
	TeamID   int64
	SiteName string
	TeamName string
}

func placeValue(siteID, teamID int64) string {
	return strconv.FormatInt(siteID, 10) + ":" + strconv.FormatInt(teamID, 10)
}

const dateLayout = "2006-01-02"

func person(v url.Values, prefix string) personForm {
	return personForm{GivenName: strings.TrimSpace(v.Get(prefix + "_given_name")), Surname: strings.TrimSpace(v.Get(prefix + "_surname")),
		BirthDate: strings.TrimSpace(v.Get(prefix + "_birth_date"))}
}

// parseFamilyForm reads the intake form back into what was typed and the
// family it describes. Field errors are translation keys; a place that is
// not among the choices is refused here, before the application decides.
func parseFamilyForm(v url.Values, choices []placeChoice) (familyForm, care.Family, map[string]string) {
	form := familyForm{Place: v.Get("place"), Pregnant: person(v, "pregnant"), Parent: person(v, "parent"),
		Caregiver: person(v, "caregiver"), Partner: person(v, "partner"), DueDate: strings.TrimSpace(v.Get("due_date")),
		Languages: strings.TrimSpace(v.Get("languages")), InterpreterNeeded: v.Get("interpreter_needed") != "",
		Phone: strings.TrimSpace(v.Get("phone")), Email: strings.TrimSpace(v.Get("email")),
		Address: strings.TrimSpace(v.Get("address")), DuplicatesSeen: v.Get("duplicates_seen") != "",
		ProcessingConsent: v.Get("processing_consent") != ""}
	given, surnames, births := v["child_given_name"], v["child_surname"], v["child_birth_date"]
	for i := 0; i < len(given) || i < len(surnames) || i < len(births); i++ {
		c := personForm{GivenName: strings.TrimSpace(at(given, i)), Surname: strings.TrimSpace(at(surnames, i)), BirthDate: strings.TrimSpace(at(births, i))}
		if !c.empty() {
			form.Children = append(form.Children, c)
		}
	}

	fields := map[string]string{}
	f := care.Family{ProcessingConsent: form.ProcessingConsent, Languages: form.Languages, InterpreterNeeded: form.InterpreterNeeded, Phone: form.Phone,
		Email: form.Email, Address: form.Address, Status: care.FamilyScreening}
	if form.Place != "" {
		known := false
		for _, c := range choices {
			if c.Value == form.Place {
				f.SiteID, f.TeamID, known = c.SiteID, c.TeamID, true
			}
		}
		if !known {
			fields["site"] = "family.place_unknown"
		}
	}
	date := func(text, field string) time.Time {
		if text == "" {
			return time.Time{}
		}
		d, err := berceau.ParseDate(text)
		if err != nil {
			fields[field] = "family.date_invalid"
			return time.Time{}
		}
		return d
	}
	add := func(role care.MemberRole, p personForm, field string) {
		if p.empty() {
			return
		}
		f.Members = append(f.Members, care.HouseholdMember{Role: role, GivenName: p.GivenName, Surname: p.Surname,
			BirthDate: date(p.BirthDate, field)})
	}
	add(care.MemberPregnantPerson, form.Pregnant, "pregnant_birth_date")
	add(care.MemberParent, form.Parent, "parent_birth_date")
	add(care.MemberCaregiver, form.Caregiver, "caregiver_birth_date")
	add(care.MemberPartner, form.Partner, "partner_birth_date")
	if form.DueDate != "" {
		if due := date(form.DueDate, "due_date"); !due.IsZero() {
			surname := form.Pregnant.Surname
			if surname == "" {
				surname = form.Parent.Surname
			}
			f.Members = append(f.Members, care.HouseholdMember{Role: care.MemberUnborn, Surname: surname, DueDate: due})
		}
	}
	for i, c := range form.Children {
		add(care.MemberChild, c, "child_birth_date_"+strconv.Itoa(i))
	}
	return form, f, fields
}

func at(values []string, i int) string {
	if i < len(values) {
		return values[i]
	}
	return ""
}
