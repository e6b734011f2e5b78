package care

import (
	"testing"

	"github.com/berceau/berceau"
)

// testOrientations are two of SIPPE's orientations, as configured.
var testOrientations = []Orientation{
	{ID: "health", SubObjectives: []SubObjective{{ID: "lifestyle"}, {ID: "health_follow_up"}}},
	{ID: "child_development", SubObjectives: []SubObjective{{ID: "attachment"}, {ID: "stimulation"}}},
}

func TestAGoalBelongsToAnOrientationOfItsProgramme(t *testing.T) {
	t.Parallel()
	ok := Goal{Words: "Que Yara dorme mieux la nuit", Orientation: "child_development", SubObjective: "attachment", Status: GoalInProgress, Progress: 2}
	if err := ok.Validate(testOrientations); err != nil {
		t.Fatal(err)
	}
	cases := map[string]Goal{
		"no words":                     {Orientation: "health", SubObjective: "lifestyle", Status: GoalNotStarted},
		"sub-objective of another one": {Words: "x", Orientation: "health", SubObjective: "attachment", Status: GoalNotStarted},
		"unknown orientation":          {Words: "x", Orientation: "wealth", SubObjective: "lifestyle", Status: GoalNotStarted},
		"unknown status":               {Words: "x", Orientation: "health", SubObjective: "lifestyle", Status: "done"},
		"progress beyond the scale":    {Words: "x", Orientation: "health", SubObjective: "lifestyle", Status: GoalAchieved, Progress: 5},
		"negative progress":            {Words: "x", Orientation: "health", SubObjective: "lifestyle", Status: GoalAchieved, Progress: -1},
	}
	for name, g := range cases {
		if err := g.Validate(testOrientations); berceau.KindOf(err) != berceau.KindInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestThePrintedPlanLeavesInternalNotesOut(t *testing.T) {
	t.Parallel()
	g := Goal{Notes: []ProgressNote{{Text: "Yara fait ses nuits 3 fois sur 7"}, {Text: "Conflit conjugal évoqué", Internal: true}}}
	notes := g.FamilyNotes()
	if len(notes) != 1 || notes[0].Internal {
		t.Fatalf("family notes = %+v", notes)
	}
}
