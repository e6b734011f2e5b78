package app

import (
	"context"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// readFamilyPage is how a page of a family file reads: one use case, one
// read transaction, one audit entry. Inside the read transaction it
// computes the actor's scope, reads the family (absent and out of reach
// look alike: not found), the summary header every page of the file opens
// with, then what the page adds (more, given the family; it returns the
// audit entry's detail). The entry is group-committed by readAudited before
// anything reaches the caller, and a read changes no generation, so the
// shared-page cache stays (TestFamilyPagesLeaveTheSharedPageCacheAlone).
func (a *CareService) readFamilyPage(ctx context.Context, actor berceau.Actor, action string, familyID int64, today time.Time,
	more func(tx *store.Tx, f care.Family) (string, error)) (FamilySummary, error) {
	var sum FamilySummary
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, action, func(tx *store.Tx, f care.Family) (string, error) {
		var err error
		if sum, err = summarizeFamily(ctx, tx, f, civilDay(today)); err != nil {
			return "", err
		}
		if more == nil {
			return "summary", nil
		}
		return more(tx, f)
	})
	if err != nil {
		return FamilySummary{}, err
	}
	return sum, nil
}

// EnrollmentView is everything the enrollment page of a file shows: its
// header, history and screenings, the programmes one may enroll in, and
// for the people who may act on them the possible key workers and the
// network's sites and teams.
type EnrollmentView struct {
	Summary    FamilySummary
	Timeline   FamilyTimeline
	Screenings []care.StoredScreening
	Programmes []care.Programme
	Candidates []berceau.User // possible key workers; only for berceau.PermAssignments
	Sites      []berceau.Site // only for berceau.PermNetworkRead
	Teams      []berceau.Team // only for berceau.PermNetworkRead
}

// OpenEnrollment reads the enrollment page of a file in one read
// transaction with one audit entry (family.history.read).
func (a *CareService) OpenEnrollment(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (EnrollmentView, error) {
	var v EnrollmentView
	sum, err := a.readFamilyPage(ctx, actor, "family.history.read", familyID, today, func(tx *store.Tx, f care.Family) (string, error) {
		var err error
		if v.Timeline, err = readTimeline(ctx, tx, familyID); err != nil {
			return "", err
		}
		if v.Screenings, err = tx.ScreeningsOfFamily(ctx, familyID); err != nil {
			return "", err
		}
		if v.Programmes, err = tx.ListProgrammes(ctx); err != nil {
			return "", err
		}
		if actor.Can(berceau.PermAssignments) {
			if v.Candidates, err = tx.PeopleWhoCanSee(ctx, f, berceau.PermTeamDecisions); err != nil {
				return "", err
			}
		}
		if actor.Can(berceau.PermNetworkRead) {
			if v.Sites, err = tx.ListSites(ctx); err != nil {
				return "", err
			}
			if v.Teams, err = tx.ListTeams(ctx); err != nil {
				return "", err
			}
		}
		return "enrollment page", nil
	})
	if err != nil {
		return EnrollmentView{}, err
	}
	v.Summary = sum
	return v, nil
}

// readTimeline reads a file's enrollments, status and key worker history.
func readTimeline(ctx context.Context, tx *store.Tx, familyID int64) (FamilyTimeline, error) {
	var h FamilyTimeline
	var err error
	if h.Enrollments, err = tx.EnrollmentsOf(ctx, familyID); err != nil {
		return h, err
	}
	if h.Status, err = tx.StatusHistory(ctx, familyID); err != nil {
		return h, err
	}
	h.KeyWorkers, err = tx.KeyWorkerHistory(ctx, familyID)
	return h, err
}

// ScreeningFormView is the page of a new screening: the file's header and
// the programmes one may screen for (active ones only).
type ScreeningFormView struct {
	Summary    FamilySummary
	Programmes []care.Programme
}

// OpenScreeningForm reads the new-screening page of a file in one read
// transaction with one audit entry (family.read).
func (a *CareService) OpenScreeningForm(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (ScreeningFormView, error) {
	var v ScreeningFormView
	sum, err := a.readFamilyPage(ctx, actor, "family.read", familyID, today, func(tx *store.Tx, _ care.Family) (string, error) {
		all, err := tx.ListProgrammes(ctx)
		for _, p := range all {
			if p.Active {
				v.Programmes = append(v.Programmes, p)
			}
		}
		return "screening form", err
	})
	v.Summary = sum
	return v, err
}

// ScreeningView is the page of one stored screening of a file.
type ScreeningView struct {
	Summary   FamilySummary
	Screening care.StoredScreening
}

// OpenScreening reads one screening of a file with the file's header, in
// one read transaction with one audit entry (family.screening.read). A
// screening of another file named under this one is not found, and the
// attempt is audited as a denial.
func (a *CareService) OpenScreening(ctx context.Context, actor berceau.Actor, familyID, screeningID int64, today time.Time) (ScreeningView, error) {
	var v ScreeningView
	sum, err := a.readFamilyPage(ctx, actor, "family.screening.read", familyID, today, func(tx *store.Tx, _ care.Family) (string, error) {
		list, err := tx.ScreeningsOfFamily(ctx, familyID)
		if err != nil {
			return "", err
		}
		for _, s := range list {
			if s.ID == screeningID {
				v.Screening = s
				return "screening " + strconv.FormatInt(screeningID, 10), nil
			}
		}
		return "", berceau.Errorf(berceau.KindNotFound, "screening.screening_not_found")
	})
	if err != nil {
		return ScreeningView{}, err
	}
	v.Summary = sum
	return v, nil
}

// DecisionFormView is the page of a new team decision: the file's header and
// the people who may take part.
type DecisionFormView struct {
	Summary    FamilySummary
	Candidates []berceau.User
}

// OpenDecisionForm reads the new-decision page of a file in one read
// transaction with one audit entry (family.read). The participants are
// those DecisionParticipants lists.
func (a *CareService) OpenDecisionForm(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (DecisionFormView, error) {
	var v DecisionFormView
	sum, err := a.readFamilyPage(ctx, actor, "family.read", familyID, today, func(tx *store.Tx, f care.Family) (string, error) {
		var err error
		v.Candidates, err = tx.PeopleWhoCanSee(ctx, f, berceau.PermTeamDecisions)
		return "decision form", err
	})
	v.Summary = sum
	return v, err
}

// DecisionView is the page of one team decision about a file.
type DecisionView struct {
	Summary  FamilySummary
	Decision care.AdmissionDecision
}

// OpenDecision reads one team decision with the file's header, in one read
// transaction with one audit entry (family.decision.read). A decision of
// another file named under this one is not found, audited as a denial.
func (a *CareService) OpenDecision(ctx context.Context, actor berceau.Actor, familyID, decisionID int64, today time.Time) (DecisionView, error) {
	var v DecisionView
	sum, err := a.readFamilyPage(ctx, actor, "family.decision.read", familyID, today, func(tx *store.Tx, _ care.Family) (string, error) {
		d, err := tx.AdmissionDecisionByID(ctx, decisionID)
		if berceau.IsNotFound(err) || (err == nil && d.FamilyID != familyID) {
			// Absent, or another family's decision named under this file.
			return "", berceau.Errorf(berceau.KindNotFound, "error.decision_not_found")
		}
		if err != nil {
			return "", err
		}
		v.Decision = d
		return "decision " + strconv.FormatInt(decisionID, 10), nil
	})
	if err != nil {
		return DecisionView{}, err
	}
	v.Summary = sum
	return v, nil
}

// PlanView is the page of a file's action plan: its goals with every note,
// what frames them, and the care team.
type PlanView struct {
	Summary  FamilySummary
	Goals    []care.Goal
	Frame    PlanFrame
	CareTeam []berceau.User
}

// OpenPlan reads the action-plan page of a file in one read transaction
// with one audit entry (family.plan.read).
func (a *CareService) OpenPlan(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (PlanView, error) {
	var v PlanView
	sum, err := a.readFamilyPage(ctx, actor, "family.plan.read", familyID, today, func(tx *store.Tx, f care.Family) (string, error) {
		var err error
		if v.Goals, err = tx.GoalsOfFamily(ctx, familyID); err != nil {
			return "", err
		}
		if v.Frame, err = planFrameTx(ctx, tx, f); err != nil {
			return "", err
		}
		if f.TeamID != 0 {
			if v.CareTeam, err = tx.TeamMembers(ctx, f.TeamID); err != nil {
				return "", err
			}
		}
		return "", nil
	})
	if err != nil {
		return PlanView{}, err
	}
	v.Summary = sum
	return v, nil
}

// planFrameTx reads a plan's frame inside tx.
func planFrameTx(ctx context.Context, tx *store.Tx, f care.Family) (PlanFrame, error) {
	pf := PlanFrame{Family: f}
	var err error
	if pf.Orientations, err = orientationsOf(ctx, tx, f.ID); err != nil {
		return pf, err
	}
	pf.Names, err = tx.DomainNames(ctx)
	return pf, err
}

// ReferralView is the page of one referral of a file.
type ReferralView struct {
	Summary  FamilySummary
	Referral care.Referral
	CareTeam []berceau.User
}

// OpenReferral reads one referral with its history and the file's care team,
// in one read transaction with one audit entry (family.referral.read). A
// referral of another file named under this one is not found.
func (a *CareService) OpenReferral(ctx context.Context, actor berceau.Actor, familyID, referralID int64, today time.Time) (ReferralView, error) {
	var v ReferralView
	sum, err := a.readFamilyPage(ctx, actor, "family.referral.read", familyID, today, func(tx *store.Tx, f care.Family) (string, error) {
		r, err := tx.ReferralByID(ctx, referralID)
		if err != nil {
			return "", err
		}
		if r.FamilyID != familyID {
			return "", berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		v.Referral = r
		if f.TeamID != 0 {
			if v.CareTeam, err = tx.TeamMembers(ctx, f.TeamID); err != nil {
				return "", err
			}
		}
		return "referral " + strconv.FormatInt(referralID, 10), nil
	})
	if err != nil {
		return ReferralView{}, err
	}
	v.Summary = sum
	return v, nil
}

// ConsentsView is the consents page of a file: its consents and the
// organisations a sharing consent may name.
type ConsentsView struct {
	Summary  FamilySummary
	Consents []care.Consent
	Partners []PartnerOrganisation
}

// OpenConsents reads the consents page of a file in one read transaction
// with one audit entry (family.consent.read).
func (a *CareService) OpenConsents(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (ConsentsView, error) {
	var v ConsentsView
	sum, err := a.readFamilyPage(ctx, actor, "family.consent.read", familyID, today, func(tx *store.Tx, _ care.Family) (string, error) {
		var err error
		if v.Consents, err = tx.ConsentsOf(ctx, familyID); err != nil {
			return "", err
		}
		partners, err := tx.PartnerOrganisations(ctx)
		v.Partners = viewsOf(partners, func(r store.PartnerOrganisation) PartnerOrganisation { return PartnerOrganisation(r) })
		return "", err
	})
	if err != nil {
		return ConsentsView{}, err
	}
	v.Summary = sum
	return v, nil
}

// ReferralFormView is the page of a new referral: the file's header and its
// consents (a sharing consent names the partners one may refer to).
type ReferralFormView struct {
	Summary  FamilySummary
	Consents []care.Consent
}

// OpenReferralForm reads the new-referral page of a file in one read
// transaction with one audit entry (family.consent.read: the consents are
// what it shows of the file).
func (a *CareService) OpenReferralForm(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (ReferralFormView, error) {
	var v ReferralFormView
	sum, err := a.readFamilyPage(ctx, actor, "family.consent.read", familyID, today, func(tx *store.Tx, _ care.Family) (string, error) {
		var err error
		v.Consents, err = tx.ConsentsOf(ctx, familyID)
		return "referral form", err
	})
	if err != nil {
		return ReferralFormView{}, err
	}
	v.Summary = sum
	return v, nil
}
