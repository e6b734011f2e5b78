package app

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// FamilyTimeline is the follow-up history of a family file: its
// enrollments, its status changes (transfers included) and its key workers,
// each oldest first.
type FamilyTimeline struct {
	Enrollments []care.Enrollment
	Status      []care.StatusChange
	KeyWorkers  []care.KeyWorkerChange
}

// Admit admits a family in screening directly, on basis BasisCriteriaMet:
// a practitioner or coordinator of its care team or site finds that it
// meets the programme's criteria. Admission on clinical judgment goes
// through a team decision instead (ProposeDecision, ConfirmDecision).
// The file must be in screening and its latest screening eligible, both
// checked in the transaction that admits.
func (a *CareService) Admit(ctx context.Context, actor berceau.Actor, familyID int64, basis care.AdmissionBasis) (care.StatusChange, error) {
	const action = "family.admit"
	var change care.StatusChange
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, action, func(tx *store.Tx, f care.Family) (string, error) {
		if basis != care.BasisCriteriaMet {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"basis": "enrollment.basis_unknown"}}
		}
		if f.Status != care.FamilyScreening {
			return "", berceau.Errorf(berceau.KindConflict, "enrollment.admission_needs_screening")
		}
		// Admission by the rules needs the file's latest screening to be
		// eligible; anything else goes through a team decision.
		screenings, err := tx.ScreeningsOfFamily(ctx, familyID)
		if err != nil {
			return "", err
		}
		if len(screenings) == 0 || screenings[0].Outcome != care.ScreeningEligible {
			return "", berceau.Errorf(berceau.KindConflict, "admission.needs_eligible_screening")
		}
		if err := tx.ChangeFamilyStatus(ctx, familyID, f.Status, care.FamilyActive); err != nil {
			return "", err
		}
		change = care.StatusChange{FamilyID: familyID, From: f.Status, To: care.FamilyActive, Reason: string(basis), ChangedBy: actor.User.ID}
		return string(basis), tx.AddStatusChange(ctx, &change)
	})
	return change, err
}

// Enroll enrolls an admitted family (active or on hold) in a programme from
// a start date. A family has at most one open enrollment per programme;
// closing the file closes its enrollments.
func (a *CareService) Enroll(ctx context.Context, actor berceau.Actor, familyID int64, programme string, startDate time.Time) (care.Enrollment, error) {
	const action = "family.enroll"
	e := care.Enrollment{FamilyID: familyID, Programme: programme, StartDate: startDate}
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, action, func(tx *store.Tx, f care.Family) (string, error) {
		if err := e.Validate(); err != nil {
			return "", err
		}
		if f.Status != care.FamilyActive && f.Status != care.FamilyOnHold {
			return "", berceau.Errorf(berceau.KindConflict, "enrollment.not_admitted")
		}
		if _, err := tx.ProgrammeBySlug(ctx, e.Programme); err != nil {
			if berceau.IsNotFound(err) {
				return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"programme": "screening.programme_not_found"}}
			}
			return "", err
		}
		existing, err := tx.EnrollmentsOf(ctx, familyID)
		if err != nil {
			return "", err
		}
		for _, other := range existing {
			if other.Open() && other.Programme == e.Programme {
				return "", berceau.Errorf(berceau.KindConflict, "enrollment.already_enrolled")
			}
		}
		return "programme " + e.Programme, tx.CreateEnrollment(ctx, &e)
	})
	return e, err
}

// AssignKeyWorker names the family's key worker (intervenante pivot), or
// leaves it without one when userID is 0. Only a coordinator of the file
// (berceau.PermAssignments) assigns; the key worker must be able to change
// family files and see this one: a member of its care team or a
// coordinator of its site. Replacing or removing a key worker says why.
func (a *CareService) AssignKeyWorker(ctx context.Context, actor berceau.Actor, familyID, userID int64, reason string) (care.KeyWorkerChange, error) {
	const action = "family.key_worker"
	change := care.KeyWorkerChange{FamilyID: familyID, UserID: userID, Reason: strings.TrimSpace(reason), ChangedBy: actor.User.ID}
	notAllowed := &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"key_worker": "enrollment.key_worker_not_allowed"}}
	var candidate berceau.Actor
	candidateErr := error(nil)
	if userID != 0 && actor.Can(berceau.PermAssignments) {
		candidate, candidateErr = a.Accounts.ActorFor(ctx, userID, "")
	}
	err := a.familyWrite(ctx, actor, berceau.PermAssignments, familyID, action, func(tx *store.Tx, f care.Family) (string, error) {
		if userID != 0 {
			if candidateErr != nil || !candidate.Can(berceau.PermFamiliesWrite) {
				return "", notAllowed
			}
			candidateScope, err := familyScopeTx(ctx, tx, candidate)
			if err != nil {
				return "", err
			}
			if !candidateScope.Covers(f.SiteID, f.TeamID) {
				return "", notAllowed
			}
		}
		if f.Status == care.FamilyClosed {
			return "", berceau.Errorf(berceau.KindConflict, "enrollment.family_closed")
		}
		if userID == f.KeyWorkerID {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"key_worker": "enrollment.key_worker_unchanged"}}
		}
		if f.KeyWorkerID != 0 && change.Reason == "" {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"reason": "error.required"}}
		}
		if err := tx.SetKeyWorker(ctx, familyID, f.KeyWorkerID, userID); err != nil {
			return "", err
		}
		if err := tx.AddKeyWorkerChange(ctx, &change); err != nil {
			return "", err
		}
		detail := "named user " + strconv.FormatInt(userID, 10)
		switch {
		case userID == 0:
			detail = "cleared"
		case f.KeyWorkerID != 0:
			detail = "replaced by user " + strconv.FormatInt(userID, 10)
		}
		return detail, nil
	})
	return change, err
}

// ChangeStatus moves a family file between active and on hold, or closes
// it with a closure reason (which closes its open enrollments too). Entering
// active from screening or closed takes an admission (Admit, or a team
// decision); see berceau.CheckStatusChange for the rules.
func (a *CareService) ChangeStatus(ctx context.Context, actor berceau.Actor, familyID int64, to care.FamilyStatus, reason string,
	closure care.ClosureReason) (care.StatusChange, error) {
	const action = "family.status"
	change := care.StatusChange{FamilyID: familyID, To: to, Reason: strings.TrimSpace(reason), Closure: closure, ChangedBy: actor.User.ID}
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, action, func(tx *store.Tx, f care.Family) (string, error) {
		change.From = f.Status
		if err := care.CheckStatusChange(f.Status, to, change.Reason, closure); err != nil {
			return "", err
		}
		if err := tx.ChangeFamilyStatus(ctx, familyID, f.Status, to); err != nil {
			return "", err
		}
		if to == care.FamilyClosed {
			if _, err := tx.CloseEnrollments(ctx, familyID, closure); err != nil {
				return "", err
			}
		}
		if err := tx.AddStatusChange(ctx, &change); err != nil {
			return "", err
		}
		detail := string(f.Status) + " → " + string(to)
		if closure != "" {
			detail += ", " + string(closure)
		}
		return detail, nil
	})
	return change, err
}

// TransferFamily hands a family file to a care team of another site (or
// another team of the same site). Only a coordinator of the file's current
// site may (berceau.PermAssignments); the file leaves the sending team's
// view, reaches the receiving team's, and loses its key worker, whom the
// receiving site names. The status history records the move.
func (a *CareService) TransferFamily(ctx context.Context, actor berceau.Actor, familyID, toSiteID, toTeamID int64, reason string) (care.StatusChange, error) {
	const action = "family.transfer"
	change := care.StatusChange{FamilyID: familyID, Reason: strings.TrimSpace(reason), ToSiteID: toSiteID, ToTeamID: toTeamID, ChangedBy: actor.User.ID}
	err := a.familyWrite(ctx, actor, berceau.PermAssignments, familyID, action, func(tx *store.Tx, f care.Family) (string, error) {
		fields := map[string]string{}
		if toSiteID == 0 {
			fields["site"] = "error.required"
		}
		if toTeamID == 0 {
			fields["team"] = "error.required"
		}
		if change.Reason == "" {
			fields["reason"] = "error.required"
		}
		if len(fields) > 0 {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
		}
		// Coordinating the source site is what counts, not belonging to its team.
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return "", err
		}
		if !containsID(scope.SiteIDs, f.SiteID) {
			// A member of the file's team who coordinates another site: not theirs to send.
			return "", &authError{err: berceau.Errorf(berceau.KindForbidden, "error.forbidden_message"), detail: "not coordinator of the source site"}
		}
		if f.Status == care.FamilyClosed {
			return "", berceau.Errorf(berceau.KindConflict, "enrollment.family_closed")
		}
		teamSite, err := tx.TeamSite(ctx, toTeamID)
		if berceau.IsNotFound(err) || (err == nil && teamSite != toSiteID) {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"team": "enrollment.team_not_in_site"}}
		}
		if err != nil {
			return "", err
		}
		if toSiteID == f.SiteID && toTeamID == f.TeamID {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"team": "enrollment.transfer_same_team"}}
		}
		if err := tx.MoveFamily(ctx, familyID, f.SiteID, f.TeamID, toSiteID, toTeamID); err != nil {
			return "", err
		}
		if f.KeyWorkerID != 0 {
			cleared := care.KeyWorkerChange{FamilyID: familyID, Reason: change.Reason, ChangedBy: actor.User.ID}
			if err := tx.AddKeyWorkerChange(ctx, &cleared); err != nil {
				return "", err
			}
		}
		change.From, change.To, change.FromSiteID, change.FromTeamID = f.Status, f.Status, f.SiteID, f.TeamID
		if err := tx.AddStatusChange(ctx, &change); err != nil {
			return "", err
		}
		return "site " + strconv.FormatInt(f.SiteID, 10) + " team " + strconv.FormatInt(f.TeamID, 10) +
			" → site " + strconv.FormatInt(toSiteID, 10) + " team " + strconv.FormatInt(toTeamID, 10), nil
	})
	return change, err
}

// FamilyHistory reads a family file's enrollments, status history and key
// worker history. Like opening the file, it is for its care team and site
// coordinator only, and every read is audited.
func (a *CareService) FamilyHistory(ctx context.Context, actor berceau.Actor, familyID int64) (FamilyTimeline, error) {
	var h FamilyTimeline
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.history.read", func(tx *store.Tx, _ care.Family) (string, error) {
		var err error
		h, err = readTimeline(ctx, tx, familyID)
		return "", err
	})
	if err != nil {
		return FamilyTimeline{}, err
	}
	return h, nil
}

// refusalKey names what was wrong in an audit entry: the error's key and
// the fields in error, never what was typed.
func refusalKey(err error) string {
	var e *berceau.Error
	if !errors.As(err, &e) {
		return ""
	}
	var fields []string
	for name := range e.Fields {
		fields = append(fields, name)
	}
	slices.Sort(fields)
	if len(fields) == 0 {
		return e.Key
	}
	return e.Key + " (" + strings.Join(fields, ", ") + ")"
}
