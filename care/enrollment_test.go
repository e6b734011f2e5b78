package care

import (
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func TestEveryStatusTransition(t *testing.T) {
	t.Parallel()
	allowed := map[[2]FamilyStatus]bool{
		{FamilyScreening, FamilyActive}: true,
		{FamilyActive, FamilyOnHold}:    true,
		{FamilyOnHold, FamilyActive}:    true,
		{FamilyActive, FamilyClosed}:    true,
		{FamilyOnHold, FamilyClosed}:    true,
		{FamilyClosed, FamilyActive}:    true,
	}
	admission := map[[2]FamilyStatus]bool{
		{FamilyScreening, FamilyActive}: true,
		{FamilyClosed, FamilyActive}:    true,
	}
	statuses := append([]FamilyStatus{"", "archived"}, FamilyStatuses...)
	for _, from := range statuses {
		for _, to := range statuses {
			pair := [2]FamilyStatus{from, to}
			if got := CanTransition(from, to); got != allowed[pair] {
				t.Errorf("CanTransition(%q, %q) = %v, want %v", from, to, got, allowed[pair])
			}
			if got := NeedsAdmission(from, to) && CanTransition(from, to); got != admission[pair] {
				t.Errorf("NeedsAdmission(%q, %q) = %v, want %v", from, to, got, admission[pair])
			}
		}
	}
}

func TestAPlainStatusChangeFollowsTheRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		from, to FamilyStatus
		reason   string
		closure  ClosureReason
		kind     berceau.ErrorKind // "" when accepted
		field    string
	}{
		{"put on hold with a reason", FamilyActive, FamilyOnHold, "Séjour à l’étranger", "", "", ""},
		{"on hold without a reason", FamilyActive, FamilyOnHold, " ", "", berceau.KindInvalid, "reason"},
		{"resume", FamilyOnHold, FamilyActive, "", "", "", ""},
		{"close with a reason", FamilyActive, FamilyClosed, "", ClosureGoalsMet, "", ""},
		{"close from on hold", FamilyOnHold, FamilyClosed, "", ClosureUnreachable, "", ""},
		{"close without a reason", FamilyActive, FamilyClosed, "fin", "", berceau.KindInvalid, "closure_reason"},
		{"close with an unknown reason", FamilyActive, FamilyClosed, "", "bored", berceau.KindInvalid, "closure_reason"},
		{"closure reason when not closing", FamilyActive, FamilyOnHold, "x", ClosureGoalsMet, berceau.KindInvalid, "closure_reason"},
		{"screening to on hold", FamilyScreening, FamilyOnHold, "x", "", berceau.KindConflict, ""},
		{"closed to on hold", FamilyClosed, FamilyOnHold, "x", "", berceau.KindConflict, ""},
		{"screening to closed", FamilyScreening, FamilyClosed, "", ClosureFamilyMoved, berceau.KindConflict, ""},
		{"screening to active needs an admission", FamilyScreening, FamilyActive, "", "", berceau.KindConflict, ""},
		{"closed to active needs an admission", FamilyClosed, FamilyActive, "", "", berceau.KindConflict, ""},
		{"same status", FamilyActive, FamilyActive, "", "", berceau.KindConflict, ""},
		{"unknown status", FamilyActive, "archived", "", "", berceau.KindInvalid, "status"},
	}
	for _, c := range cases {
		err := CheckStatusChange(c.from, c.to, c.reason, c.closure)
		if c.kind == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if berceau.KindOf(err) != c.kind {
			t.Errorf("%s: %v, want kind %s", c.name, err, c.kind)
			continue
		}
		if c.field != "" {
			if e := err.(*berceau.Error); e.Fields[c.field] == "" {
				t.Errorf("%s: no error on field %s: %+v", c.name, c.field, e.Fields)
			}
		}
	}
	admissionErr := CheckStatusChange(FamilyScreening, FamilyActive, "", "").(*berceau.Error)
	if admissionErr.Key != "enrollment.admission_required" {
		t.Errorf("screening → active: key %s", admissionErr.Key)
	}
}

func TestClosureReasonsAreAClosedList(t *testing.T) {
	t.Parallel()
	want := []ClosureReason{"child_reached_age_5", "family_moved", "family_ended_follow_up", "goals_met", "transferred", "unreachable"}
	if len(ClosureReasons) != len(want) {
		t.Fatalf("%d closure reasons, want %d", len(ClosureReasons), len(want))
	}
	for i, r := range want {
		if ClosureReasons[i] != r || !r.Valid() {
			t.Errorf("closure reason %d: %q (valid %v), want %q", i, ClosureReasons[i], ClosureReasons[i].Valid(), r)
		}
	}
	for _, r := range []ClosureReason{"", "Goals_met", "moved", "transferred "} {
		if r.Valid() {
			t.Errorf("%q accepted as a closure reason", r)
		}
	}
}

func TestAnEnrollmentNeedsAProgrammeAndAStartDate(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 11, 23, 22, 30, 0, 0, time.FixedZone("EST", -5*3600))
	e := Enrollment{Programme: " sippe ", StartDate: start}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if e.Programme != "sippe" || !e.StartDate.Equal(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)) || !e.Open() {
		t.Fatalf("normalized enrollment: %+v", e)
	}
	for _, bad := range []Enrollment{{StartDate: start}, {Programme: "SIPPE 2", StartDate: start}, {Programme: "sippe"}} {
		if err := bad.Validate(); berceau.KindOf(err) != berceau.KindInvalid {
			t.Errorf("%+v accepted: %v", bad, err)
		}
	}
	if (Enrollment{ClosedOn: start}).Open() {
		t.Fatal("a closed enrollment is open")
	}
}
