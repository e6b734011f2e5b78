package care

import (
	"errors"
	"testing"
	"time"

	"github.com/berceau/berceau"
)

var decisionTime = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

func newDecision(participants ...Participant) *AdmissionDecision {
	return &AdmissionDecision{FamilyID: 1, Verdict: VerdictAdmit, Quorum: DefaultQuorum, Participants: participants,
		Rationale: "Isolement marqué depuis l’arrivée au Québec, revenu juste au-dessus du seuil."}
}

var (
	nurse   = Participant{UserID: 1, Name: "Amina Diallo", Discipline: berceau.DisciplineNurse}
	social  = Participant{UserID: 2, Name: "Julien Bouchard", Discipline: berceau.DisciplineSocialWorker}
	nurse2  = Participant{UserID: 3, Name: "Camille Nguyen", Discipline: berceau.DisciplineNurse}
	midwife = Participant{UserID: 4, Name: "Els Vermeulen", Discipline: berceau.DisciplineMidwife}
)

func TestClinicalJudgmentAdmissionNeedsTwoDisciplines(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		people    []Participant
		confirm   []int64
		complete  bool
		wantError []bool
	}{
		{"two disciplines confirm", []Participant{nurse, social}, []int64{1, 2}, true, []bool{false, false}},
		{"one confirmation is never enough", []Participant{nurse, social}, []int64{1}, false, []bool{false}},
		{"the same person twice", []Participant{nurse, social}, []int64{1, 1}, false, []bool{false, true}},
		{"someone not listed", []Participant{nurse, social}, []int64{1, 9}, false, []bool{false, true}},
		{"three people, two disciplines", []Participant{nurse, nurse2, midwife}, []int64{1, 3, 4}, true, []bool{false, false, false}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newDecision(c.people...)
			if err := d.Validate(); err != nil {
				t.Fatal(err)
			}
			for i, id := range c.confirm {
				err := d.Confirm(id, decisionTime.Add(time.Duration(i)*time.Minute))
				if (err != nil) != c.wantError[i] {
					t.Fatalf("confirmation %d by %d: %v", i+1, id, err)
				}
			}
			if d.Complete() != c.complete {
				t.Fatalf("complete = %v, want %v", d.Complete(), c.complete)
			}
		})
	}
}

// TestADecisionThatCanNeverReachItsQuorumIsRefused: two nurses are one
// discipline, so they could never complete a decision that needs two.
func TestADecisionThatCanNeverReachItsQuorumIsRefused(t *testing.T) {
	t.Parallel()
	d := newDecision(nurse, nurse2)
	err := d.Validate()
	var de *berceau.Error
	if !errors.As(err, &de) || de.Fields["participants"] != "daily_flows.quorum_disciplines_short" {
		t.Fatalf("two nurses proposed: %v", err)
	}
	present, missing := d.DisciplinesShort()
	if len(present) != 1 || present[0] != berceau.DisciplineNurse || missing != 1 {
		t.Fatalf("present %v, missing %d", present, missing)
	}
	if err := newDecision(nurse, nurse2, social).Validate(); err != nil {
		t.Fatalf("two nurses and a social worker: %v", err)
	}
	if _, missing := newDecision(Participant{UserID: 5}, Participant{UserID: 6}).DisciplinesShort(); missing != 2 {
		t.Fatalf("participants without a discipline count for none: missing %d", missing)
	}
}

func TestACompleteDecisionCannotChange(t *testing.T) {
	t.Parallel()
	d := newDecision(nurse, social, midwife)
	_ = d.Confirm(1, decisionTime)
	_ = d.Confirm(2, decisionTime)
	if !d.Complete() {
		t.Fatal("quorum reached but not complete")
	}
	if err := d.Confirm(4, decisionTime); berceau.KindOf(err) != berceau.KindConflict {
		t.Fatalf("confirming a complete decision: %v", err)
	}
	if err := d.Edit("autre texte", ""); berceau.KindOf(err) != berceau.KindConflict {
		t.Fatalf("editing a complete decision: %v", err)
	}
}

func TestEditingWithdrawsTheConfirmationsGiven(t *testing.T) {
	t.Parallel()
	d := newDecision(nurse, social)
	_ = d.Confirm(1, decisionTime)
	if err := d.Edit("Nouvelle justification", ""); err != nil {
		t.Fatal(err)
	}
	_ = d.Confirm(2, decisionTime)
	if d.Complete() {
		t.Fatal("a confirmation of the old text counted towards the edited one")
	}
}

func TestADecisionNeedsARationaleEnoughPeopleAndAnOrientationToRefuse(t *testing.T) {
	t.Parallel()
	cases := map[string]*AdmissionDecision{
		"no rationale":                 {Verdict: VerdictAdmit, Quorum: DefaultQuorum, Participants: []Participant{nurse, social}},
		"one participant":              {Verdict: VerdictAdmit, Rationale: "x", Quorum: DefaultQuorum, Participants: []Participant{nurse}},
		"listed twice":                 {Verdict: VerdictAdmit, Rationale: "x", Quorum: DefaultQuorum, Participants: []Participant{nurse, nurse}},
		"quorum of one":                {Verdict: VerdictAdmit, Rationale: "x", Quorum: Quorum{1, 1}, Participants: []Participant{nurse, social}},
		"refusal, no orientation":      {Verdict: VerdictRefuse, Rationale: "x", Quorum: DefaultQuorum, Participants: []Participant{nurse, social}},
		"no verdict":                   {Rationale: "x", Quorum: DefaultQuorum, Participants: []Participant{nurse, social}},
		"more disciplines than people": {Verdict: VerdictAdmit, Rationale: "x", Quorum: Quorum{2, 3}, Participants: []Participant{nurse, social}},
	}
	for name, d := range cases {
		if err := d.Validate(); berceau.KindOf(err) != berceau.KindInvalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
}

func TestASupersededDecisionTakesNoMoreConfirmations(t *testing.T) {
	t.Parallel()
	d := newDecision(nurse, social)
	d.SupersededBy = 42
	if err := d.Confirm(1, decisionTime); berceau.KindOf(err) != berceau.KindConflict {
		t.Fatalf("confirming a superseded decision: %v", err)
	}
}
