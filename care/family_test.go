package care

import (
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestGestationalAgeIsComputedFromTheDueDate(t *testing.T) {
	t.Parallel()
	unborn := HouseholdMember{Role: MemberUnborn, DueDate: day("2027-06-01")}
	cases := []struct {
		on          string
		weeks, days int
		ok          bool
	}{
		{"2027-06-01", 40, 0, true},
		{"2026-11-17", 12, 0, true}, // 196 days before the due date
		{"2026-11-16", 11, 6, true},
		{"2026-08-25", 0, 0, true}, // the due date minus 280 days
		{"2026-08-24", 0, 0, false},
		{"2027-06-08", 41, 0, true},
	}
	for _, c := range cases {
		w, d, ok := unborn.GestationalAge(day(c.on))
		if w != c.weeks || d != c.days || ok != c.ok {
			t.Errorf("on %s: %d w %d d (%v), want %d w %d d (%v)", c.on, w, d, ok, c.weeks, c.days, c.ok)
		}
	}
	if _, _, ok := (HouseholdMember{Role: MemberChild, DueDate: day("2027-06-01")}).GestationalAge(day("2027-01-01")); ok {
		t.Error("a born child has a gestational age")
	}
}

func TestRecordingABirthTurnsThePregnancyIntoALinkedChild(t *testing.T) {
	t.Parallel()
	unborn := HouseholdMember{ID: 7, Role: MemberUnborn, Surname: "Haddad", DueDate: day("2027-06-01")}
	child, err := unborn.RecordBirth(day("2027-05-20"), " Yara ")
	if err != nil {
		t.Fatal(err)
	}
	if child.Role != MemberChild || child.BornFrom != 7 || child.GivenName != "Yara" || child.Surname != "Haddad" || !child.BirthDate.Equal(day("2027-05-20")) {
		t.Fatalf("child = %+v", child)
	}
	if _, err := child.RecordBirth(day("2027-05-21"), "x"); berceau.KindOf(err) != berceau.KindInvalid {
		t.Fatalf("a birth recorded twice: %v", err)
	}
	if _, err := unborn.RecordBirth(day("2026-11-01"), "x"); berceau.KindOf(err) != berceau.KindInvalid {
		t.Fatalf("a birth 30 weeks before the due date: %v", err)
	}
	if _, err := unborn.RecordBirth(time.Time{}, "x"); berceau.KindOf(err) != berceau.KindInvalid {
		t.Fatalf("no birth date: %v", err)
	}
}

func TestPossibleDuplicatesAreFlaggedBySimilarNamesAndTheSameBirthDate(t *testing.T) {
	t.Parallel()
	born := day("1994-03-12")
	person := func(given, surname string, birth time.Time) HouseholdMember {
		return HouseholdMember{Role: MemberPregnantPerson, GivenName: given, Surname: surname, BirthDate: birth}
	}
	known := person("Marie-Ève", "Tremblay", born)
	cases := []struct {
		name string
		p    HouseholdMember
		want bool
	}{
		{"same spelling", person("Marie-Ève", "Tremblay", born), true},
		{"no accents, no hyphen", person("marie eve", "TREMBLAY", born), true},
		{"names swapped", person("Tremblay", "Marie-Ève", born), true},
		{"one typing slip", person("Marie-Ève", "Tremblai", born), true},
		{"another birth date", person("Marie-Ève", "Tremblay", day("1994-03-13")), false},
		{"another person", person("Marie-Claude", "Tremblay", born), false},
		{"unknown birth date", person("Marie-Ève", "Tremblay", time.Time{}), false},
	}
	for _, c := range cases {
		if got := PossibleDuplicate(known, c.p); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestEditDistanceAtMostOne(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want bool
	}{{"abc", "abc", true}, {"abc", "abd", true}, {"abc", "ab", true}, {"abc", "xbc", true}, {"abc", "acb", false}, {"abc", "a", false}, {"", "a", true}} {
		if got := editDistanceAtMost1(c.a, c.b); got != c.want {
			t.Errorf("%q %q: %v", c.a, c.b, got)
		}
	}
}
