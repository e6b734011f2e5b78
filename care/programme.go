package care

import "time"

// Programme is a follow-up programme a network offers, as configuration: the
// rulebook that screens families for it automatically (empty: no automatic
// rulebook, the interdisciplinary team reviews every file) and the quorum of
// its team decisions. Programmes are rows (migration 00006 seeds sippe, cspc
// and mille-jours), not code; only rulebooks are code (RulebookFor).
type Programme struct {
	ID        int64
	Slug      string // "sippe", "cspc", "mille-jours"
	Rulebook  string // a rulebook id of Programmes, or "" for team review only
	Quorum    Quorum
	Active    bool
	CreatedAt time.Time
	// Levels are the programme's intensity levels, most intense first.
	Levels []IntensityLevel
	// Orientations are the domains of its action plans, in order.
	Orientations []Orientation
	// ReassessMonths is how often a family is reassessed; the worker is
	// reminded ReassessNoticeDays before it is due.
	ReassessMonths     int
	ReassessNoticeDays int
}

// Level finds one of the programme's levels by its code.
func (p Programme) Level(code string) (IntensityLevel, bool) {
	for _, l := range p.Levels {
		if l.Code == code {
			return l, true
		}
	}
	return IntensityLevel{}, false
}

// ReassessmentDue is the civil date a family's next reassessment is due:
// ReassessMonths after the last one, or after the start of its follow-up
// when it was never reassessed. Zero when the programme sets no rhythm.
func (p Programme) ReassessmentDue(since time.Time) time.Time {
	if p.ReassessMonths <= 0 || since.IsZero() {
		return time.Time{}
	}
	return civilDate(since).AddDate(0, p.ReassessMonths, 0)
}

// ReassessmentReminder reports whether, on a date, the worker should be
// reminded of a reassessment due on due: from ReassessNoticeDays before it,
// and every day after until it is held.
func (p Programme) ReassessmentReminder(due, on time.Time) bool {
	if due.IsZero() {
		return false
	}
	return !civilDate(on).Before(civilDate(due).AddDate(0, 0, -p.ReassessNoticeDays))
}

// Reassessment is a dated review of a family's situation. It may change the
// level (LevelCode, "" when unchanged); the goals it updates are changed in
// the same transaction.
type Reassessment struct {
	ID        int64
	FamilyID  int64
	On        time.Time // civil date
	Summary   string
	LevelCode string
	By        int64
	At        time.Time
}

// Screen evaluates in for this programme with thresholds. A programme without
// a rulebook leaves the decision to the team: outcome team_review, no
// criteria, no rulebook and no thresholds named. ok is false when the
// programme names a rulebook this version of Berceau does not know.
func (p Programme) Screen(in ScreeningInput, thresholds IncomeThresholds) (s Screening, ok bool) {
	if p.Rulebook == "" {
		return Screening{Outcome: ScreeningTeamReview}, true
	}
	rb, ok := RulebookFor(p.Rulebook, thresholds)
	if !ok {
		return Screening{}, false
	}
	return rb.Evaluate(in), true
}

// StoredScreening is a screening of a family as it was stored: the input
// exactly as evaluated and the screening as it came out (outcome, rulebook
// id@version, thresholds label, criteria with their explanations). Nothing
// recomputes it: changing a rulebook or a thresholds table never changes a
// past screening. Only Orientation is added later, for a screening that
// found the family not eligible.
type StoredScreening struct {
	ID        int64
	FamilyID  int64
	Programme string // the programme's slug
	Input     ScreeningInput
	Screening
	Orientation string // where a not-eligible family was oriented; "" until given
	ScreenedBy  int64
	CreatedAt   time.Time
}
