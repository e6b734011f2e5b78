package care

import (
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// Orientation groups a programme's objectives; each has sub-objectives. A
// programme's orientations are configuration (programme_domains): SIPPE's
// are those of its reference framework, a social pediatrics centre defines
// its own.
type Orientation struct {
	ID            string
	Name          berceau.Text
	SubObjectives []SubObjective
}

// SubObjective is one objective under an orientation.
type SubObjective struct {
	ID   string
	Name berceau.Text
}

// DomainNames maps every orientation and sub-objective code of orientations
// to its name, for goals shown outside their programme's list.
func DomainNames(orientations []Orientation) map[string]berceau.Text {
	names := map[string]berceau.Text{}
	for _, o := range orientations {
		names[o.ID] = o.Name
		for _, sub := range o.SubObjectives {
			names[sub.ID] = sub.Name
		}
	}
	return names
}

// GoalStatus is where a goal of the action plan stands.
type GoalStatus string

const (
	GoalNotStarted GoalStatus = "not_started"
	GoalInProgress GoalStatus = "in_progress"
	GoalAchieved   GoalStatus = "achieved"
	GoalAbandoned  GoalStatus = "abandoned"
)

// GoalStatuses lists the statuses in the order they are shown.
var GoalStatuses = []GoalStatus{GoalNotStarted, GoalInProgress, GoalAchieved, GoalAbandoned}

// MaxProgress is the top of the simple progress scale (0 to 4).
const MaxProgress = 4

// Goal is one goal of a family's action plan, in the family's own words.
type Goal struct {
	ID           int64
	FamilyID     int64
	Words        string // as the family says it
	Orientation  string
	SubObjective string
	Status       GoalStatus
	Progress     int // 0..MaxProgress
	TargetDate   time.Time
	Notes        []ProgressNote
	Version      int // for conflict detection when two people edit the plan
}

// ProgressNote is a dated note on a goal. Internal notes never appear in the
// plan printed for the family.
type ProgressNote struct {
	At       time.Time
	Text     string
	Internal bool
	By       int64
}

// Validate checks a goal against a programme's orientations.
func (g *Goal) Validate(orientations []Orientation) error {
	fields := map[string]string{}
	if strings.TrimSpace(g.Words) == "" {
		fields["words"] = "error.required"
	}
	known := false
	for _, o := range orientations {
		if o.ID != g.Orientation {
			continue
		}
		for _, sub := range o.SubObjectives {
			known = known || sub.ID == g.SubObjective
		}
	}
	if !known {
		fields["sub_objective"] = "plan.sub_objective_unknown"
	}
	validStatus := false
	for _, s := range GoalStatuses {
		validStatus = validStatus || s == g.Status
	}
	if !validStatus {
		fields["status"] = "error.required"
	}
	if g.Progress < 0 || g.Progress > MaxProgress {
		fields["progress"] = "plan.progress_out_of_scale"
	}
	in := berceau.FieldCheck{}
	in.Length("words", g.Words, berceau.MaxLongTextLength)
	in.Merge(fields)
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// FamilyNotes are the notes that may be printed for the family: internal
// ones are left out.
func (g Goal) FamilyNotes() []ProgressNote {
	var out []ProgressNote
	for _, n := range g.Notes {
		if !n.Internal {
			out = append(out, n)
		}
	}
	return out
}
