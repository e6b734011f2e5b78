package care

import (
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/berceau/berceau"
)

// MemberRole is a person's place in a household followed by the network.
type MemberRole string

const (
	MemberPregnantPerson MemberRole = "pregnant_person"
	MemberParent         MemberRole = "parent"
	MemberPartner        MemberRole = "partner"
	MemberCaregiver      MemberRole = "caregiver" // another main caregiver: a grandmother, an aunt
	MemberChild          MemberRole = "child"
	MemberUnborn         MemberRole = "unborn" // a pregnancy followed until the birth
)

// HouseholdMember is one person of a family file, or an unborn child.
type HouseholdMember struct {
	ID        int64
	Role      MemberRole
	GivenName string
	Surname   string
	BirthDate time.Time // zero when unknown; always zero for an unborn child
	DueDate   time.Time // the expected date of birth, for an unborn child only
	BornFrom  int64     // for a child: the unborn member it was, so the follow-up continues
}

// GestationalAge is how far a pregnancy is on a date, in whole weeks and
// days, computed from the due date and never typed: 280 days minus the days
// left until the due date. ok is false for a member who is not an unborn
// child or has no due date.
func (m HouseholdMember) GestationalAge(on time.Time) (weeks, days int, ok bool) {
	if m.Role != MemberUnborn || m.DueDate.IsZero() {
		return 0, 0, false
	}
	age := fullTermDays - daysBetween(civilDate(on), civilDate(m.DueDate))
	if age < 0 {
		return 0, 0, false
	}
	return age / 7, age % 7, true
}

// RecordBirth turns an unborn member into a child born on date: the child
// keeps its file, plan and history through BornFrom.
func (m HouseholdMember) RecordBirth(birth time.Time, givenName string) (HouseholdMember, error) {
	if m.Role != MemberUnborn {
		return m, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.birth_not_unborn"}
	}
	if birth.IsZero() {
		return m, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"birth_date": "error.required"}}
	}
	// A birth more than 26 weeks before the due date is below viability: a
	// typing error far more often than a fact.
	if !m.DueDate.IsZero() && civilDate(birth).Before(civilDate(m.DueDate).AddDate(0, 0, -26*7)) {
		return m, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"birth_date": "error.birth_date_implausible"}}
	}
	child := HouseholdMember{Role: MemberChild, GivenName: strings.TrimSpace(givenName), Surname: m.Surname,
		BirthDate: civilDate(birth), BornFrom: m.ID}
	return child, nil
}

// PossibleDuplicate reports whether two people are probably the same person
// already known to the network: the same birth date and names that match
// once accents, case, hyphens and word order are set aside, or differ by one
// typing slip. It flags; a person decides.
func PossibleDuplicate(a, b HouseholdMember) bool {
	if a.BirthDate.IsZero() || b.BirthDate.IsZero() || !civilDate(a.BirthDate).Equal(civilDate(b.BirthDate)) {
		return false
	}
	return similarNames(a.GivenName+" "+a.Surname, b.GivenName+" "+b.Surname)
}

func similarNames(a, b string) bool {
	ka, kb := nameKey(a), nameKey(b)
	if ka == "" || kb == "" {
		return false
	}
	return ka == kb || editDistanceAtMost1(ka, kb)
}

// nameKey folds a name to compare: lower case, accents and punctuation
// removed, words sorted (Marie-Ève Tremblay = tremblay marie eve).
func nameKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if folded, ok := accentFold[r]; ok {
			b.WriteString(folded)
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune(' ')
		}
	}
	words := strings.Fields(b.String())
	sort.Strings(words)
	return strings.Join(words, " ")
}

var accentFold = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a", 'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i", 'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o", 'ù': "u", 'û': "u",
	'ü': "u", 'ú': "u", 'ÿ': "y", 'ñ': "n", 'œ': "oe", 'æ': "ae", 'ß': "ss",
}

// editDistanceAtMost1 reports whether one insertion, deletion or
// substitution turns a into b.
func editDistanceAtMost1(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i, j, edits := 0, 0, 0
	for i < len(ra) && j < len(rb) {
		if ra[i] == rb[j] {
			i, j = i+1, j+1
			continue
		}
		edits++
		if edits > 1 {
			return false
		}
		if len(ra) == len(rb) {
			i, j = i+1, j+1
		} else {
			i++
		}
	}
	return edits+(len(ra)-i)+(len(rb)-j) <= 1
}

// FamilyStatus is where a family file stands in its follow-up.
type FamilyStatus string

const (
	FamilyScreening FamilyStatus = "screening"
	FamilyActive    FamilyStatus = "active"
	FamilyOnHold    FamilyStatus = "on_hold"
	FamilyClosed    FamilyStatus = "closed"
)

// Family is a household's file: the people, how to reach them, and which
// site and care team follow them.
type Family struct {
	ID                int64
	SiteID            int64
	TeamID            int64 // 0 until a care team takes the file
	KeyWorkerID       int64 // 0 until a key worker is named
	Status            FamilyStatus
	Languages         string // as the family says them: "arabe, français"
	InterpreterNeeded bool
	Phone             string
	Email             string
	Address           string
	Members           []HouseholdMember
	// ProcessingConsent is read at intake only: the family consents to the
	// processing of its data, recorded as a Consent of that kind.
	ProcessingConsent bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Validate checks what a new file needs: a site, and at least one adult
// (pregnant person, parent or main caregiver) with a name.
func (f *Family) Validate() error {
	fields := map[string]string{}
	if f.SiteID == 0 {
		fields["site"] = "error.required"
	}
	adult := false
	for _, m := range f.Members {
		switch m.Role {
		case MemberPregnantPerson, MemberParent, MemberCaregiver:
			if strings.TrimSpace(m.GivenName) != "" || strings.TrimSpace(m.Surname) != "" {
				adult = true
			}
		case MemberPartner, MemberChild:
		case MemberUnborn:
			if m.DueDate.IsZero() {
				fields["due_date"] = "error.required"
			}
		default:
			fields["members"] = "error.member_role_unknown"
		}
	}
	if !adult {
		fields["members"] = "error.family_needs_adult"
	}
	in := berceau.FieldCheck{}
	for _, m := range f.Members {
		// Under "members", which the intake form shows, with a message
		// that says which limit.
		if len(m.GivenName) > berceau.MaxNameLength || len(m.Surname) > berceau.MaxNameLength {
			in.Length("members", m.GivenName, berceau.MaxNameLength)
			in.Length("members", m.Surname, berceau.MaxNameLength)
			if in["members"] != "" {
				in["members"] = berceau.KeyNameTooLong
			}
		}
		if !m.BirthDate.IsZero() && !berceau.DateInRange(m.BirthDate) {
			in.Set("birth_date", berceau.KeyDateRange)
		}
		if !m.DueDate.IsZero() && !berceau.DateInRange(m.DueDate) {
			in.Set("due_date", berceau.KeyDateRange)
		}
	}
	in.Length("languages", f.Languages, berceau.MaxShortTextLength)
	in.Length("phone", f.Phone, berceau.MaxNameLength)
	in.Length("email", f.Email, berceau.MaxEmailLength)
	in.Length("address", f.Address, berceau.MaxShortTextLength)
	in.Merge(fields)
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}
