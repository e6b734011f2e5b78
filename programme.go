package berceau

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
