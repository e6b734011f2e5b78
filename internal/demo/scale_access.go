package demo

import (
	"context"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// The scaled demo's access history: how each household came in, dated when
// it happened, so that the access indicators (issue 17) count real rows —
// a screening some days before the admission, an admission on the
// criteria or by a team decision, a pregnancy followed from a gestational
// age (or an admission after the birth), the birth, closures with their
// reasons, households screened and not admitted (not eligible, oriented
// elsewhere, or refused by the team), and each site's expected births.
// Drawn from the generator's access source (seeded from ScaleSeed).

// notAdmittedPercent: for every hundred households admitted, about this
// many more are screened and not admitted.
const notAdmittedPercent = 14

// accessStory is how one admitted household came in and, for some, left.
type accessStory struct {
	screened      time.Time
	start         time.Time // the admission and the enrollment's start
	teamDecision  bool
	due           time.Time // the pregnancy's due date; zero when unknown
	birth         time.Time // zero while the child is unborn
	prenatal      bool      // admitted during the pregnancy
	closedOn      time.Time // zero while followed
	closure       care.ClosureReason
	previousAgent bool // a first key worker before the current one
}

// accessStory draws the household's story: admitted during the pregnancy
// for most SIPPE and 1000-days families (from 8 to 34 weeks), after the
// birth otherwise; one admission in six by a team decision; one file in
// three followed for more than 400 days closed since (never when keepOpen).
func (g *generator) accessStory(t scaleTeam, start, today time.Time, keepOpen bool) accessStory {
	a := g.access
	s := accessStory{start: start, screened: start.AddDate(0, 0, -(3 + a.IntN(40))), teamDecision: a.IntN(6) == 0}
	prenatalPercent := 70
	switch t.programme.Slug {
	case "cspc":
		prenatalPercent = 20
	case "mille-jours":
		prenatalPercent = 60
	}
	if a.IntN(100) < prenatalPercent {
		s.prenatal = true
		weeks := 8 + a.IntN(27)
		s.due = start.AddDate(0, 0, 280-7*weeks-a.IntN(7))
		if b := s.due.AddDate(0, 0, a.IntN(22)-14); b.Before(today) {
			s.birth = b
		}
	} else {
		s.birth = start.AddDate(0, 0, -(7 + a.IntN(330)))
		if a.IntN(2) == 0 {
			s.due = s.birth.AddDate(0, 0, a.IntN(15)-7)
		}
	}
	followed := int(today.Sub(start).Hours() / 24)
	if followed > 400 && a.IntN(3) == 0 && !keepOpen {
		s.closedOn = start.AddDate(0, 0, 300+a.IntN(followed-330))
		reasons := []care.ClosureReason{care.ClosureGoalsMet, care.ClosureGoalsMet, care.ClosureFamilyMoved, care.ClosureFamilyEndedFollowUp,
			care.ClosureTransferred, care.ClosureUnreachable}
		s.closure = reasons[a.IntN(len(reasons))]
		if !s.birth.IsZero() && s.closedOn.Sub(s.birth) > 5*365*24*time.Hour {
			s.closure = care.ClosureChildReachedAge5
		}
	}
	s.previousAgent = a.IntN(10) == 0
	return s
}

// until is the last day of the follow-up: the closure, or today.
func (s accessStory) until(today time.Time) time.Time {
	if !s.closedOn.IsZero() {
		return s.closedOn
	}
	return today
}

// shape makes the household drawn by household() agree with the story:
// its youngest child born on the story's day (with the due date it had),
// or still unborn, its parent then pregnant; a closed file is closed.
func (s accessStory) shape(f *care.Family) {
	for i := range f.Members {
		m := &f.Members[i]
		if m.Role != care.MemberChild {
			continue
		}
		if s.birth.IsZero() {
			m.Role, m.BirthDate, m.DueDate = care.MemberUnborn, time.Time{}, s.due
			for j := range f.Members {
				if f.Members[j].Role == care.MemberParent {
					f.Members[j].Role = care.MemberPregnantPerson
					f.Members[j].BirthDate = time.Time{}
				}
			}
		} else {
			m.BirthDate, m.DueDate = s.birth, s.due
		}
	}
	if !s.closedOn.IsZero() {
		f.Status = care.FamilyClosed
	}
}

// admit writes the household's way in: its screening, the team decision
// when there was one, the admission, its key worker(s) and its enrollment,
// each dated.
func (g *generator) admit(ctx context.Context, tx *store.Tx, familyID int64, caseload int, t scaleTeam, start time.Time, s accessStory) error {
	owner := g.plan[caseload]
	outcome, basis := care.ScreeningEligible, care.BasisCriteriaMet
	if s.teamDecision {
		outcome, basis = care.ScreeningTeamReview, care.BasisTeamDecision
	}
	g.countAdmission(t.SiteID, start)
	if err := g.screen(ctx, tx, familyID, t, owner.userID, s.screened, outcome, ""); err != nil {
		return err
	}
	if s.teamDecision {
		if _, err := tx.DemoDecision(ctx, familyID, string(care.VerdictAdmit), "Situation de vulnérabilité reconnue par l’équipe.", "",
			owner.userID, start.AddDate(0, 0, -g.access.IntN(5)).Add(14*time.Hour)); err != nil {
			return err
		}
	}
	admission := care.StatusChange{FamilyID: familyID, From: care.FamilyScreening, To: care.FamilyActive, Reason: string(basis), ChangedBy: owner.userID}
	if err := tx.AddStatusChange(ctx, &admission); err != nil {
		return err
	}
	if err := tx.Backdate(ctx, store.BackdateStatusChange, admission.ID, start.Add(10*time.Hour)); err != nil {
		return err
	}
	first := owner.userID
	if other := g.colleague(caseload); s.previousAgent && other != 0 {
		first = other
	}
	k := care.KeyWorkerChange{FamilyID: familyID, UserID: first, Reason: "Intervenante pivot désignée à l’admission"}
	if err := tx.AddKeyWorkerChange(ctx, &k); err != nil {
		return err
	}
	if err := tx.Backdate(ctx, store.BackdateKeyWorkerChange, k.ID, start.Add(10*time.Hour)); err != nil {
		return err
	}
	if first != owner.userID {
		span := int(s.until(civilDay(tx.Now())).Sub(start).Hours() / 24)
		k := care.KeyWorkerChange{FamilyID: familyID, UserID: owner.userID, Reason: "Départ de l’intervenante : suivi repris"}
		if err := tx.AddKeyWorkerChange(ctx, &k); err != nil {
			return err
		}
		if err := tx.Backdate(ctx, store.BackdateKeyWorkerChange, k.ID, start.AddDate(0, 0, g.access.IntN(max(span, 1))).Add(11*time.Hour)); err != nil {
			return err
		}
	}
	return tx.CreateEnrollment(ctx, &care.Enrollment{FamilyID: familyID, Programme: t.programme.Slug, StartDate: start,
		ClosedOn: s.closedOn, ClosureReason: s.closure})
}

// colleague is another key worker of the caseload's team (0: none).
func (g *generator) colleague(caseload int) int64 {
	team := g.plan[caseload].team
	for d := 1; d < len(g.plan); d++ {
		j := (caseload + d) % len(g.plan)
		if g.plan[j].team == team && g.plan[j].userID != 0 {
			return g.plan[j].userID
		}
	}
	return 0
}

// screen stores a screening of the household on a day.
func (g *generator) screen(ctx context.Context, tx *store.Tx, familyID int64, t scaleTeam, by int64, on time.Time, outcome care.ScreeningOutcome, orientation string) error {
	s := care.StoredScreening{FamilyID: familyID, Programme: t.programme.Slug, Input: care.ScreeningInput{Date: on},
		Screening: care.Screening{Outcome: outcome, Rulebook: t.programme.Slug + "@demo", Thresholds: "demo"}, Orientation: orientation, ScreenedBy: by}
	if err := tx.CreateScreening(ctx, &s); err != nil {
		return err
	}
	return tx.Backdate(ctx, store.BackdateScreening, s.ID, on.Add(15*time.Hour))
}

// dateGoals dates the plan's goals in the first two months of the
// follow-up.
func (g *generator) dateGoals(ctx context.Context, tx *store.Tx, goalIDs []int64, start, until time.Time) error {
	span := min(60, int(until.Sub(start).Hours()/24))
	for _, id := range goalIDs {
		if err := tx.Backdate(ctx, store.BackdateGoal, id, start.AddDate(0, 0, g.access.IntN(max(span, 1))).Add(13*time.Hour)); err != nil {
			return err
		}
	}
	return nil
}

// reassessments holds a reassessment about every six months of the
// follow-up: most on time (150 to 186 days after the previous one), one in
// seven late (up to 260 days).
func (g *generator) reassessments(ctx context.Context, tx *store.Tx, familyID, by int64, level string, start, until time.Time) error {
	on := start
	for {
		step := 150 + g.access.IntN(37)
		if g.access.IntN(7) == 0 {
			step = 190 + g.access.IntN(71)
		}
		on = on.AddDate(0, 0, step)
		if !on.Before(until) {
			return nil
		}
		if err := tx.AddReassessment(ctx, &care.Reassessment{FamilyID: familyID, On: on, LevelCode: level, By: by,
			Summary: "Réévaluation : objectifs revus avec la famille."}); err != nil {
			return err
		}
	}
}

// close records a closed file's closure in its status history.
func (g *generator) close(ctx context.Context, tx *store.Tx, familyID, by int64, s accessStory) error {
	if s.closedOn.IsZero() {
		return nil
	}
	c := care.StatusChange{FamilyID: familyID, From: care.FamilyActive, To: care.FamilyClosed, Reason: "Fin du suivi",
		Closure: s.closure, ChangedBy: by}
	if err := tx.AddStatusChange(ctx, &c); err != nil {
		return err
	}
	return tx.Backdate(ctx, store.BackdateStatusChange, c.ID, s.closedOn.Add(16*time.Hour))
}

// notAdmitted writes a household screened in the last five years and not
// admitted: not eligible and oriented elsewhere (two in three), or sent to
// the team, which refused and oriented it.
func (g *generator) notAdmitted(ctx context.Context, tx *store.Tx, t scaleTeam, by int64, today time.Time, report *ScaleReport) error {
	a := g.access
	given, surname := g.person(t.brussels)
	f := care.Family{SiteID: t.SiteID, TeamID: t.ID, Status: care.FamilyClosed, Languages: "français",
		Members: []care.HouseholdMember{{Role: care.MemberParent, GivenName: given, Surname: surname}}}
	if err := tx.CreateFamily(ctx, &f); err != nil {
		return err
	}
	on := today.AddDate(0, 0, -(1 + a.IntN(5*365)))
	orientations := []string{"CLSC : services de santé courants", "Organisme communautaire famille du quartier", "Halte-garderie du quartier"}
	if a.IntN(3) < 2 {
		if err := g.screen(ctx, tx, f.ID, t, by, on, care.ScreeningNotEligible, orientations[a.IntN(len(orientations))]); err != nil {
			return err
		}
	} else {
		if err := g.screen(ctx, tx, f.ID, t, by, on, care.ScreeningTeamReview, ""); err != nil {
			return err
		}
		if _, err := tx.DemoDecision(ctx, f.ID, string(care.VerdictRefuse), "Les besoins relèvent d’un autre service.",
			orientations[a.IntN(len(orientations))], by, on.AddDate(0, 0, 3+a.IntN(18)).Add(14*time.Hour)); err != nil {
			return err
		}
	}
	report.NotAdmitted++
	return nil
}

// countAdmission notes an admission for the expected births.
func (g *generator) countAdmission(siteID int64, on time.Time) {
	if g.admitted == nil {
		g.admitted = map[[2]int64]int{}
	}
	g.admitted[[2]int64{siteID, int64(on.Year())}]++
}

// expectedBirths enters each site's expected eligible births for every
// year of the dataset: about one and a half times its admissions (the
// network reaches about two families in three).
func (g *generator) expectedBirths(ctx context.Context, tx *store.Tx) error {
	for k, n := range g.admitted {
		births := n*3/2 + 5
		if err := tx.SetExpectedBirths(ctx, indicator.ExpectedBirths{SiteID: k[0], Year: int(k[1]), Births: births}, g.world.nurse.ID); err != nil {
			return err
		}
	}
	return nil
}
