package app

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/training"
)

// authzFamily is a family under test with records of its own, so that a
// use case naming a record (a contact, a decision) finds one.
type authzFamily struct {
	ID, Contact, Decision, Unborn int64
}

// authzWorld is the demo network with one family inside the rightful
// actors' reach (In, Parc-Extension) and one outside it (Out, Saint-Gilles).
type authzWorld struct {
	In, Out  authzFamily
	Sites    map[string]int64
	Teams    map[string]int64
	Nurse    berceau.Actor // a user whose account use cases act upon
	NurseID  int64
	Services []string
}

// useCaseCase says how to call one exported use case on the family f (or,
// for a use case of no family, on the world's objects).
type useCaseCase struct {
	// who is the account that may call it (its email in the demo network).
	who string
	// perm is the permission whose absence must refuse the call ("" strips
	// every permission: the use case is for whoever owns the object).
	perm berceau.Permission
	// family: the use case acts on one family file, so the rightful actor
	// calling it on a file outside their reach must get "not found".
	family bool
	call   func(ctx context.Context, a *App, actor berceau.Actor, w *authzWorld, f authzFamily) error
}

// emptyRefused turns an empty answer into a refusal, for the reads that
// answer "nothing" to whoever may not see anything (a list of one's work).
func emptyRefused[T any](list []T, err error) error {
	if err == nil && len(list) == 0 {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	return err
}

const (
	nurseEmail       = "infirmiere@berceau.example"
	coordinatorEmail = "coordination@berceau.example"
	adminEmail       = "admin@berceau.example"
	editorEmail      = "contenu@berceau.example"
	memberEmail      = "membre@berceau.example"
)

// useCaseAuthorization has an entry for every exported use case of App and
// of its services (named "Service.Method"). A new use case needs one, or a
// reason in useCaseExempt.
var useCaseAuthorization = map[string]useCaseCase{
	// The internship register (internship*.go).
	"Internships.OpenRegister": {nurseEmail, berceau.PermInternshipsTakePart, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.OpenRegister(ctx, who)
		return err
	}},
	"Internships.OpenInternshipForm": {coordinatorEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.OpenInternshipForm(ctx, who)
		return err
	}},
	"Internships.CreateInternship": {coordinatorEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		i := authzInternship(ctx, a)
		i.ID, i.InternUserID, i.InternName = 0, 0, "Léa Tremblay"
		_, err := a.Internships.CreateInternship(ctx, who, i)
		return err
	}},
	"Internships.UpdateInternship": {coordinatorEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Internships.UpdateInternship(ctx, who, authzInternship(ctx, a))
	}},
	"Internships.AttachAgreement": {coordinatorEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Internships.AttachAgreement(ctx, who, authzInternship(ctx, a).ID, "c.pdf", []byte("%PDF-1.4\n%%EOF\n"))
	}},
	"Internships.Agreement": {nurseEmail, berceau.PermInternshipsTakePart, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.Agreement(ctx, who, authzInternship(ctx, a).ID)
		return err
	}},
	"Internships.OpenInternship": {nurseEmail, berceau.PermInternshipsTakePart, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.OpenInternship(ctx, who, authzInternship(ctx, a).ID)
		return err
	}},
	"Internships.LogWeek": {"stagiaire@berceau.example", berceau.PermInternshipsTakePart, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.LogWeek(ctx, who, authzInternship(ctx, a).ID, a.now(), 7*60, "")
		return err
	}},
	"Internships.Countersign": {nurseEmail, berceau.PermInternshipsTakePart, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Internships.Countersign(ctx, who, authzInternship(ctx, a).ID, 1, 7*60, "")
	}},
	"Internships.Evaluate": {nurseEmail, berceau.PermInternshipsTakePart, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Internships.Evaluate(ctx, who, authzInternship(ctx, a).ID, training.StageEnd, map[int64]string{1: "4"})
	}},
	"Internships.Report": {coordinatorEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.Report(ctx, who, time.Time{}, time.Time{})
		return err
	}},
	"Internships.SaveInternshipKind": {adminEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.SaveInternshipKind(ctx, who, training.InternshipKind{Name: berceau.TextOf("fr", "Stage d'observation"), Plural: berceau.TextOf("fr", "stages d'observation")})
		return err
	}},
	"Internships.SaveStudyField": {adminEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.SaveStudyField(ctx, who, training.StudyField{Name: berceau.TextOf("fr", "ergothérapie")})
		return err
	}},
	"Internships.SaveEvaluationField": {adminEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Internships.SaveEvaluationField(ctx, who, training.EvaluationField{Label: berceau.TextOf("fr", "Ponctualité"), Kind: training.FieldScale})
		return err
	}},
	"Internships.SetFiscalYearStart": {adminEmail, berceau.PermInternshipsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Internships.SetFiscalYearStart(ctx, who, 4)
	}},
	// Family files: changes.
	"Care.RecordConsent": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.RecordConsent(ctx, who, care.Consent{FamilyID: f.ID, Kind: care.ConsentProcessing, GivenOn: a.now()})
		return err
	}},
	"Care.WithdrawConsent": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Care.WithdrawConsent(ctx, who, f.ID, 1)
	}},
	"Care.SetIntensity": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Care.SetIntensity(ctx, who, f.ID, sippe("2"), a.now(), "Suivi")
	}},
	"Care.SetLevel": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Care.SetLevel(ctx, who, f.ID, "2", care.LevelChange{On: a.now(), Reason: "Suivi"})
	}},
	"Care.RecordContact": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.RecordContact(ctx, who, care.Contact{FamilyID: f.ID, Kind: care.ContactCall, On: a.now(), Minutes: 10, Outcome: care.ContactDone})
		return err
	}},
	"Care.UpdateContactOutcome": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.UpdateContactOutcome(ctx, who, f.Contact, 1, care.ContactDone)
		return err
	}},
	"Care.EditContact": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.EditContact(ctx, who, care.Contact{ID: f.Contact, FamilyID: f.ID, Kind: care.ContactCall, On: a.now(), Minutes: 20,
			Outcome: care.ContactDone, Version: 1})
		return err
	}},
	"Care.RecordGroupMeeting": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.RecordGroupMeeting(ctx, who, GroupMeeting{SiteID: w.Sites["premiers-pas-parc-ex"], Title: "Halte-allaitement", On: a.now(), Minutes: 60},
			nil, []GroupAttendance{{FamilyID: f.ID, Present: true}})
		return err
	}},
	"Care.ProposeDecision": {nurseEmail, berceau.PermTeamDecisions, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.ProposeDecision(ctx, who, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit, Rationale: "Isolement."})
		return err
	}},
	"Care.ConfirmDecision": {nurseEmail, berceau.PermTeamDecisions, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.ConfirmDecision(ctx, who, f.Decision)
		return err
	}},
	"Care.Admit": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.Admit(ctx, who, f.ID, care.BasisCriteriaMet)
		return err
	}},
	"Care.Enroll": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.Enroll(ctx, who, f.ID, care.ProgrammeSIPPE, a.now())
		return err
	}},
	"Care.AssignKeyWorker": {coordinatorEmail, berceau.PermAssignments, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.AssignKeyWorker(ctx, who, f.ID, w.NurseID, "")
		return err
	}},
	"Care.ChangeStatus": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.ChangeStatus(ctx, who, f.ID, care.FamilyClosed, "Déménagement", care.ClosureFamilyMoved)
		return err
	}},
	"Care.TransferFamily": {coordinatorEmail, berceau.PermAssignments, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.TransferFamily(ctx, who, f.ID, w.Sites["premiers-pas-hochelaga"], w.Teams["hochelaga-pediatrie-sociale"], "Déménagement")
		return err
	}},
	"Care.RecordBirth": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Care.RecordBirth(ctx, who, f.ID, f.Unborn, a.now(), "Nour")
	}},
	"Care.UpdateContact": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Care.UpdateContact(ctx, who, care.Family{ID: f.ID, Languages: "arabe", Email: "famille@example.org"})
	}},
	"Care.AddGoal": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.AddGoal(ctx, who, care.Goal{FamilyID: f.ID, Words: "Dormir mieux"})
		return err
	}},
	"Care.UpdateGoal": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.UpdateGoal(ctx, who, care.Goal{ID: 1, FamilyID: f.ID, Words: "Dormir mieux", Version: 1})
		return err
	}},
	"Care.AddGoalNote": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.AddGoalNote(ctx, who, f.ID, 1, care.ProgressNote{At: a.now(), Text: "Mieux."})
		return err
	}},
	"Care.Reassess": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.Reassess(ctx, who, care.Reassessment{FamilyID: f.ID, On: a.now(), Summary: "Ça va mieux."}, nil)
		return err
	}},
	"Care.ProposeReferral": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.ProposeReferral(ctx, who, care.Referral{FamilyID: f.ID, ExternalResource: "Banque alimentaire", Reason: "Besoin alimentaire", Partner: "Moisson"})
		return err
	}},
	"Care.MoveReferral": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.MoveReferral(ctx, who, f.ID, 1, 1, ReferralMove{To: care.ReferralCompleted, Reason: "Plus besoin"}, a.now())
		return err
	}},
	"Care.ScreenFamily": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.ScreenFamily(ctx, who, f.ID, care.ProgrammeSIPPE, haddadInput(30000))
		return err
	}},
	"Care.RecordOrientation": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		id, err := firstScreening(ctx, a, f.ID)
		if err != nil {
			return err
		}
		_, err = a.Care.RecordOrientation(ctx, who, id, "CLSC du quartier")
		return err
	}},
	"Care.BreakGlass": {nurseEmail, berceau.PermFamiliesRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.BreakGlass(ctx, who, f.ID, "Appel urgent de la famille, équipe absente")
		return err
	}},

	// Family files: reads.
	// The pages of a file, each one use case reading in one transaction.
	"Care.OpenEnrollment": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenEnrollment(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenScreeningForm": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenScreeningForm(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenScreening": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenScreening(ctx, who, f.ID, 1, a.now())
		return err
	}},
	"Care.OpenDecisionForm": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenDecisionForm(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenDecision": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenDecision(ctx, who, f.ID, f.Decision, a.now())
		return err
	}},
	"Care.OpenPlan": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenPlan(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenReferral": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenReferral(ctx, who, f.ID, 1, a.now())
		return err
	}},
	"Care.OpenReferralForm": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenReferralForm(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenConsents": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenConsents(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenContact": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenContact(ctx, who, f.ID, f.Contact, a.now())
		return err
	}},
	"Care.Consents": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.Consents(ctx, who, f.ID)
		return err
	}},
	"Care.Decision": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.Decision(ctx, who, f.ID, f.Decision)
		return err
	}},
	"Care.DecisionParticipants": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.DecisionParticipants(ctx, who, f.ID)
		return err
	}},
	"Care.FamilyDecisions": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.FamilyDecisions(ctx, who, f.ID)
		return err
	}},
	"Care.CareTeam": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.CareTeam(ctx, who, f.ID)
		return err
	}},
	"Care.FamilyHistory": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.FamilyHistory(ctx, who, f.ID)
		return err
	}},
	"Care.OpenFamily": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenFamily(ctx, who, f.ID)
		return err
	}},
	"Care.OpenFamilyFile": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenFamilyFile(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenFamilySummary": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenFamilySummary(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenFollowUp": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenFollowUp(ctx, who, f.ID, a.now())
		return err
	}},
	"Care.OpenFollowUpRecent": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenFollowUpRecent(ctx, who, f.ID, a.now(), 5)
		return err
	}},
	"Care.Contact": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.Contact(ctx, who, f.ID, f.Contact)
		return err
	}},
	"Care.Plan": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.Plan(ctx, who, f.ID)
		return err
	}},
	"Care.FamilyPlan": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.FamilyPlan(ctx, who, f.ID)
		return err
	}},
	"Care.FamilyForPlan": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.FamilyForPlan(ctx, who, f.ID)
		return err
	}},
	"Care.Referral": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.Referral(ctx, who, f.ID, 1)
		return err
	}},
	"Care.FamilyScreenings": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.FamilyScreenings(ctx, who, f.ID)
		return err
	}},
	"Care.FileAccessLog": {coordinatorEmail, berceau.PermAssignments, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.FileAccessLog(ctx, who, f.ID, 1)
		return err
	}},
	// Its reach is the transfers the actor made, not the file's scope: the
	// coordinator who sent a file away still reads where it went.
	"Care.LastTransferBy": {coordinatorEmail, berceau.PermAssignments, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.LastTransferBy(ctx, who, f.ID)
		return err
	}},

	// Family files: lists across the actor's reach (refused: nothing shown).
	"Care.CreateFamily": {nurseEmail, berceau.PermFamiliesWrite, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, _, err := a.Care.CreateFamily(ctx, who, haddad(w.Sites["premiers-pas-parc-ex"], w.Teams["parc-ex-perinatalite"]), true)
		return err
	}},
	"Care.ListFamilies": {nurseEmail, berceau.PermFamiliesRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return emptyRefused(a.Care.ListFamilies(ctx, who))
	}},
	"Care.SearchFamilies": {nurseEmail, berceau.PermFamiliesRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		s, err := a.Care.SearchFamilies(ctx, who, "Haddad", a.now())
		return emptyRefused(s.Results, err)
	}},
	"Care.FamiliesBehind": {nurseEmail, berceau.PermFamiliesRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.FamiliesBehind(ctx, who, a.now())
		return err
	}},
	"Care.OpenMyDay": {nurseEmail, berceau.PermFamiliesRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenMyDay(ctx, who, a.now())
		return err
	}},
	"RecordRepeatedReads": {nurseEmail, berceau.PermFamiliesRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.RecordRepeatedReads(ctx, who, []ReadReceipt{{Action: "family.my_day", ObjectType: "family", Detail: "0 file(s)"}})
	}},
	"Care.OpenCoordinatorView": {coordinatorEmail, berceau.PermAssignments, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.OpenCoordinatorView(ctx, who, a.now(), 30)
		return err
	}},
	"Care.DecisionsAwaiting": {nurseEmail, berceau.PermTeamDecisions, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return emptyRefused(a.Care.DecisionsAwaiting(ctx, who))
	}},
	"Care.CompartmentMembers": {coordinatorEmail, berceau.PermAssignments, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.CompartmentMembers(ctx, who)
		return err
	}},
	"Care.SetCompartment": {coordinatorEmail, berceau.PermAssignments, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Care.SetCompartment(ctx, who, w.NurseID, care.CompartmentMentalHealth, true)
	}},
	"Care.AccessGrantsToReview": {coordinatorEmail, berceau.PermAssignments, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.AccessGrantsToReview(ctx, who)
		return err
	}},
	"Care.ReviewAccessGrant": {coordinatorEmail, berceau.PermAssignments, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Care.ReviewAccessGrant(ctx, who, 1)
	}},
	"Care.EvaluateScreening": {nurseEmail, berceau.PermFamiliesRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.EvaluateScreening(ctx, who, care.ProgrammeSIPPE, haddadInput(30000))
		return err
	}},
	"Care.ListProgrammes": {nurseEmail, berceau.PermFamiliesRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.ListProgrammes(ctx, who)
		return err
	}},

	// Accounts, organisations, settings.
	"Accounts.Invite": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Accounts.Invite(ctx, who, Invitation{Email: "nouvelle@berceau.example", DisplayName: "Nouvelle", Discipline: berceau.DisciplineNurse, Locale: "fr"})
		return err
	}},
	"Admin.AddUser": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.AddUser(ctx, who, NewAccount{Email: "autre@berceau.example", DisplayName: "Autre", Discipline: berceau.DisciplineNurse, Locale: "fr",
			Password: "un mot de passe assez long"})
		return err
	}},
	"Admin.ListUsers": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.ListUsers(ctx, who)
		return err
	}},
	"Admin.User": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.User(ctx, who, w.NurseID)
		return err
	}},
	"Admin.SetRoles": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.SetRoles(ctx, who, w.NurseID, w.Nurse.User.Roles)
	}},
	"Admin.SetDisabled": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.SetDisabled(ctx, who, w.NurseID, false)
	}},
	"Admin.EndAllSessions": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.EndAllSessions(ctx, who, w.NurseID)
	}},
	"Admin.SetTeams": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.SetTeams(ctx, who, w.NurseID, []int64{w.Teams["parc-ex-perinatalite"]})
	}},
	"Admin.RequestSecondFactorReset": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.RequestSecondFactorReset(ctx, who, w.NurseID)
	}},
	"Admin.PendingSecondFactorReset": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, _, err := a.Admin.PendingSecondFactorReset(ctx, who, w.NurseID)
		return err
	}},
	"Admin.ApproveSecondFactorReset": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.ApproveSecondFactorReset(ctx, who, w.NurseID)
	}},
	"Accounts.Sessions": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Accounts.Sessions(ctx, who, w.NurseID, "")
		return err
	}},
	"Accounts.EndSession": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Accounts.EndSession(ctx, who, w.NurseID, 1)
	}},
	"Admin.Outbox": {adminEmail, berceau.PermAdminOutbox, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.Outbox(ctx, who)
		return err
	}},
	"Admin.OperatorOutbox": {adminEmail, berceau.PermAdminOutbox, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.OperatorOutbox(ctx, who, "infirmiere@berceau.example")
		return err
	}},
	"Admin.AuditTrail": {adminEmail, berceau.PermAdminAudit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.AuditTrail(ctx, who, berceau.AuditFilter{})
		return err
	}},
	"Admin.ListOrganisations": {nurseEmail, berceau.PermNetworkRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.ListOrganisations(ctx, who)
		return err
	}},
	"Admin.ListSites": {nurseEmail, berceau.PermNetworkRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.ListSites(ctx, who)
		return err
	}},
	"Admin.ListTeams": {nurseEmail, berceau.PermNetworkRead, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.ListTeams(ctx, who)
		return err
	}},
	"Admin.CreateOrganisation": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.CreateOrganisation(ctx, who, berceau.Organisation{Slug: "nouvelle", Name: "Nouvelle"})
		return err
	}},
	"Admin.CreateSite": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.CreateSite(ctx, who, berceau.Site{Slug: "nouveau-site", Name: "Nouveau site", OrganisationID: 1})
		return err
	}},
	"Admin.CreateTeam": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Admin.CreateTeam(ctx, who, berceau.Team{Slug: "nouvelle-equipe", Name: "Nouvelle équipe", SiteID: w.Sites["premiers-pas-parc-ex"]})
		return err
	}},
	"Admin.RenameUnit": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.RenameUnit(ctx, who, Rename{Kind: "site", ID: w.Sites["premiers-pas-parc-ex"], Name: "Parc-Ex"})
	}},
	"Admin.SetNetworkName": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.SetNetworkName(ctx, who, "Réseau")
	}},
	"Admin.SaveNetworkSettings": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Admin.SaveNetworkSettings(ctx, who, "Réseau", "12")
	}},
	"Care.ReplaceIncomeThresholds": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Care.ReplaceIncomeThresholds(ctx, who, "Table", strings.NewReader("# Table\n1,30000\n"))
		return err
	}},
	"Care.IncomeThresholds": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, _, err := a.Care.IncomeThresholds(ctx, who)
		return err
	}},

	// Directory upkeep and moderation.
	"Directory.ImportDirectory": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		ds, err := a.Directory.ExportDirectory(ctx, mustActor(ctx, a, adminEmail), mustActor(ctx, a, adminEmail))
		if err != nil {
			return err
		}
		_, err = a.Directory.ImportDirectory(ctx, who, ds, nil)
		return err
	}},
	"Directory.ExportDirectory": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.ExportDirectory(ctx, who, who)
		return err
	}},
	"Directory.SuggestChange": {memberEmail, berceau.PermDirectorySuggest, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.SuggestChange(ctx, who, w.Services[0], "email", "accueil@example.org", "")
		return err
	}},
	"Directory.MySuggestions": {memberEmail, berceau.PermDirectorySuggest, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.MySuggestions(ctx, who)
		return err
	}},
	"Directory.OpenSuggestions": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.OpenSuggestions(ctx, who, "")
		return err
	}},
	"Directory.DecideSuggestion": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.DecideSuggestion(ctx, who, 1, false)
		return err
	}},
	"Directory.ConfirmService": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Directory.ConfirmService(ctx, who, w.Services[0], directory.ConfirmUnchanged)
	}},
	"Directory.MissingTranslation": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.MissingTranslation(ctx, who, "nl", 10)
		return err
	}},
	"Languages.Save": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Languages.Save(ctx, who, []string{"fr", "en"}, "fr")
	}},
	"Directory.ToVerify": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.ToVerify(ctx, who, 10)
		return err
	}},
	"Directory.UpdateCapacity": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Directory.UpdateCapacity(ctx, who, w.Services[0], directory.CapacityWaitlist, 4, "")
	}},
	"Directory.SetWeeklyHours": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Directory.SetWeeklyHours(ctx, who, w.Services[0], []string{"MO"}, "09:00", "17:00", "")
	}},
	"Directory.AddService": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.AddService(ctx, who, NewService{FromServiceID: w.Services[0], Name: berceau.TextOf("fr", "Nouveau service", "en", "New service")})
		return err
	}},
	"Directory.EditServiceField": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Directory.EditServiceField(ctx, who, w.Services[0], "email", "accueil@example.org", "")
	}},
	"Directory.DirectoryServiceMaintenance": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		m, err := a.Directory.DirectoryServiceMaintenance(ctx, who, w.Services[0])
		if err == nil && !m.CanMaintain {
			return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
		}
		return err
	}},
	"Directory.MaintainsDirectory": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		ok, err := a.Directory.MaintainsDirectory(ctx, who)
		if err == nil && !ok {
			return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
		}
		return err
	}},
	"Directory.DirectoryEditorsPage": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Directory.DirectoryEditorsPage(ctx, who, "")
		return err
	}},
	"Directory.GrantDirectoryEditor": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Directory.GrantDirectoryEditor(ctx, who, "", memberEmail)
	}},
	"Directory.RemoveDirectoryEditor": {adminEmail, berceau.PermDirectoryModerate, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Directory.RemoveDirectoryEditor(ctx, who, "", w.NurseID)
	}},

	// What an account does to its own things: refused for someone else's.
	"Care.SetMailDecisions": {nurseEmail, "", false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		who.User.ID = 0 // no account of one's own
		return a.Care.SetMailDecisions(ctx, who, true)
	}},
}

// useCaseExempt are the exported methods that are not a signed-in actor's
// use case, with why.
var useCaseExempt = map[string]string{
	"Close":                                       "lifecycle of the App",
	"Library.SitemapEntries":                      "lists only public resources for sitemap.xml, as the anonymous public search (public_sitemap.go)",
	"News.SitemapEntries":                         "lists only published public articles for sitemap.xml, as the anonymous public search",
	"Outreach.SitemapEntries":                     "lists the outreach register's entries, all public, for sitemap.xml",
	"Trainings.SitemapEntries":                    "lists the public catalogue's trainings for sitemap.xml",
	"Public.Register":                             "wiring of the App while it is built (New), not a use case",
	"Public.All":                                  "lists the registered public sources; each source's methods read only public content",
	"SetClock":                                    "the clock (tests, demo)",
	"Now":                                         "the clock",
	"Ready":                                       "health check of the database, no data",
	"DataGeneration":                              "the page cache's counter, no data",
	"SoleWriter":                                  "the database engine's kind, no data",
	"StartHousekeeping":                           "background work of the App itself",
	"Housekeeping":                                "background work of the App itself",
	"SendPendingMail":                             "background work of the App itself (the mailer)",
	"Accounts.SessionStore":                       "the session store the web layer plugs in",
	"Accounts.SessionCodec":                       "how the session store encodes sessions, for the web layer",
	"RecordDenial":                                "audits a refusal of the access policy; reads and changes nothing",
	"FamilyScope":                                 "computes the reach the other use cases check; empty without families.read (scope_test.go)",
	"Accounts.SignIn":                             "before any actor: checks the password itself",
	"Accounts.CompleteSignIn":                     "before any actor: called once the password (and second factor) passed",
	"Accounts.VerifySecondFactor":                 "before any actor: checks the code itself",
	"Accounts.BeginEnrollment":                    "second-factor enrolment during sign-in, for the account signing in",
	"Accounts.ConfirmEnrollment":                  "second-factor enrolment during sign-in, for the account signing in",
	"Accounts.ReopenEnrollment":                   "second-factor enrolment during sign-in, for the account signing in",
	"Accounts.ActorFor":                           "builds the actor from an account: the source of the permissions checked elsewhere",
	"Accounts.SessionActor":                       "builds the actor from a session: the source of the permissions checked elsewhere",
	"Accounts.ActorForToken":                      "builds the actor from an API token: the source of the permissions checked elsewhere",
	"Accounts.LinkAccount":                        "an emailed link is the credential (invitation, password reset)",
	"Accounts.SetPasswordWithLink":                "an emailed link is the credential (invitation, password reset)",
	"Accounts.RequestPasswordReset":               "anonymous by design; answers the same for any address",
	"Accounts.ChangePassword":                     "the actor's own password, re-authenticated by the current one",
	"Accounts.SetLocale":                          "the actor's own language",
	"Accounts.SignOut":                            "the actor's own session",
	"Accounts.ReplaceSecondFactor":                "the actor's own second factor, re-authenticated by the current password",
	"Accounts.CreateToken":                        "the actor's own token, re-authenticated by the current password; scopes bounded by their permissions (token tests)",
	"Accounts.ListTokens":                         "the actor's own tokens only",
	"Accounts.RevokeToken":                        "the actor's own tokens only (the store filters by owner)",
	"Care.MailDecisions":                          "the actor's own preference",
	"Care.BreakGlassExpiry":                       "the actor's own grant on a file, no file data",
	"Care.PartnerOrganisations":                   "public directory: organisation names",
	"Admin.NetworkOverview":                       "public page: counts of the network",
	"Directory.DirectoryIndex":                    "public directory search: the index holds only what the public sees",
	"Directory.WaitDirectoryIndex":                "public directory search: the index holds only what the public sees",
	"Directory.BuildDirectoryIndex":               "public directory search: the index holds only what the public sees",
	"Directory.DirectoryTaxonomies":               "public directory: the taxonomy",
	"Directory.DirectoryOrganizationsOfKind":      "public directory map",
	"Directory.DirectoryStaleMonths":              "a network setting shown to everyone who maintains the directory",
	"Languages.Enabled":                           "the network's languages: every page, signed in or not, is negotiated among them",
	"Languages.Available":                         "the languages with complete catalogs: a fact of the build, no one's data",
	"Directory.DirectoryStaleAfter":               "a network setting shown to everyone who maintains the directory",
	"Directory.DirectoryServicePage":              "public directory page; professional-only fields redacted by permission (directory tests)",
	"Directory.DirectoryRecords":                  "public HSDS API; professional-only fields redacted by permission (directory API tests)",
	"Directory.DirectoryOrganizationRecords":      "public HSDS API; professional-only fields redacted by permission (directory API tests)",
	"Directory.DirectoryServiceAtLocationRecords": "public HSDS API; professional-only fields redacted by permission (directory API tests)",
	"DirectoryQueries.Services":                   "public HSDS API: the search index holds only what the public sees",
	"DirectoryQueries.Organizations":              "public HSDS API; what the reader sees is DirectoryAudience's (directory audience tests)",
	"DirectoryQueries.ServiceAtLocations":         "public HSDS API; what the reader sees is DirectoryAudience's (directory audience tests)",
	"Internships.Lists":                           "the register's lists (kinds, fields, evaluation questions) and the fiscal year's month: names of things, no person",
	"Internships.ReportSentence":                  "formats a report Report already read and authorized; reads nothing",
}

// useCaseNames lists the exported methods of root (a pointer to the App
// struct) and of every service it holds (an exported field pointing to a
// type with methods, named "Field.Method"), leaving out what a service only
// promotes from an embedded App.
func useCaseNames(root reflect.Type) []string {
	var names []string
	for i := 0; i < root.NumMethod(); i++ {
		names = append(names, root.Method(i).Name)
	}
	st := root.Elem()
	for i := 0; i < st.NumField(); i++ {
		field := st.Field(i)
		if !field.IsExported() {
			continue
		}
		service := field.Type
		if service.Kind() == reflect.Struct {
			service = reflect.PointerTo(service)
		}
		if service.Kind() != reflect.Pointer || service.Elem().Kind() != reflect.Struct {
			continue
		}
		for j := 0; j < service.NumMethod(); j++ {
			m := service.Method(j)
			if promotedFrom(root, service.Elem(), m.Name) {
				continue
			}
			names = append(names, field.Name+"."+m.Name)
		}
	}
	slices.Sort(names)
	return names
}

// promotedFrom reports whether a service's method is root's own, reached
// through an embedded root (or its struct).
func promotedFrom(root, service reflect.Type, method string) bool {
	if _, ok := root.MethodByName(method); !ok {
		return false
	}
	for i := 0; i < service.NumField(); i++ {
		f := service.Field(i)
		if f.Anonymous && (f.Type == root || f.Type == root.Elem()) {
			return true
		}
	}
	return false
}

// A miniature App with one service, to check that the enumeration walks
// services and leaves out what they promote from the core.
type miniApp struct {
	Care *miniCare
}

type miniCare struct{ *miniApp }

func (*miniApp) Close()              {}
func (*miniApp) Now() int            { return 0 }
func (*miniCare) Admit(int64) error  { return nil }
func (*miniCare) Enroll(int64) error { return nil }

func TestUseCaseEnumerationWalksTheServices(t *testing.T) {
	t.Parallel()
	got := useCaseNames(reflect.TypeOf(&miniApp{}))
	want := []string{"Care.Admit", "Care.Enroll", "Close", "Now"}
	if !slices.Equal(got, want) {
		t.Fatalf("use cases of the miniature App: %v, want %v", got, want)
	}
}

// TestEveryUseCaseHasAnAuthorizationEntry: a new exported use case (on App
// or on one of its services) without an entry fails here, saying what to add.
func TestEveryUseCaseHasAnAuthorizationEntry(t *testing.T) {
	t.Parallel()
	names := useCaseNames(reflect.TypeOf(&App{}))
	for _, name := range names {
		_, tested := useCaseAuthorization[name]
		reason, exempt := useCaseExempt[name]
		switch {
		case tested && exempt:
			t.Errorf("%s is both tested and exempt (%q): keep one", name, reason)
		case !tested && !exempt:
			t.Errorf("exported use case %s has no authorization entry: add to useCaseAuthorization (usecase_authorization_test.go) "+
				"who may call it, the permission it needs, whether it acts on one family, and how to call it; "+
				"or, if no actor's permission applies (sign-in, public directory, clock), add it to useCaseExempt with the reason", name)
		}
	}
	for name := range useCaseAuthorization {
		if !slices.Contains(names, name) {
			t.Errorf("useCaseAuthorization names %s, which is no longer an exported method: remove its entry", name)
		}
	}
	for name := range useCaseExempt {
		if !slices.Contains(names, name) {
			t.Errorf("useCaseExempt names %s, which is no longer an exported method: remove it", name)
		}
	}
}

func mustActor(ctx context.Context, a *App, email string) berceau.Actor {
	var u berceau.User
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) (err error) { u, err = tx.UserByEmail(ctx, email); return err })
	act, _ := a.Accounts.ActorFor(ctx, u.ID, "192.0.2.1")
	act.SecondFactor = true
	return act
}

func firstScreening(ctx context.Context, a *App, familyID int64) (int64, error) {
	var id int64
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.ScreeningsOfFamily(ctx, familyID)
		if len(list) > 0 {
			id = list[0].ID
		}
		return err
	})
	return id, err
}

// authzSetUp builds the world: a family in Parc-Extension (the nurse's
// team, the coordinator's site) and one transferred to Saint-Gilles (the
// midwife's), each with a contact, a team decision, a consent and a
// screening.
func authzSetUp(t *testing.T, st *store.Store) (*App, *authzWorld) {
	t.Helper()
	ctx := context.Background()
	a, _, sites, teams := demoWorldOn(t, st)
	w := &authzWorld{Sites: sites, Teams: teams}
	w.Nurse = mustActor(ctx, a, nurseEmail)
	w.NurseID = w.Nurse.User.ID
	creator := w.Nurse
	participants := []int64{w.NurseID, mustActor(ctx, a, "travail.social@berceau.example").User.ID, mustActor(ctx, a, coordinatorEmail).User.ID}
	family := func() authzFamily {
		f, _, err := a.Care.CreateFamily(ctx, creator, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		if err != nil {
			t.Fatal(err)
		}
		af := authzFamily{ID: f.ID}
		for _, m := range f.Members {
			if m.Role == care.MemberUnborn {
				af.Unborn = m.ID
			}
		}
		c, err := a.Care.RecordContact(ctx, creator, care.Contact{FamilyID: f.ID, Kind: care.ContactCall, On: a.now(), Minutes: 10, Outcome: care.ContactPlanned})
		if err != nil {
			t.Fatal(err)
		}
		af.Contact = c.ID
		d, err := a.Care.ProposeDecision(ctx, creator, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit, Rationale: "Isolement.",
			ParticipantIDs: participants})
		if err != nil {
			t.Fatal(err)
		}
		af.Decision = d.ID
		if _, err := a.Care.RecordConsent(ctx, creator, care.Consent{FamilyID: f.ID, Kind: care.ConsentProcessing, GivenOn: a.now()}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ScreenFamily(ctx, creator, f.ID, care.ProgrammeSIPPE, haddadInput(30000)); err != nil {
			t.Fatal(err)
		}
		return af
	}
	w.In, w.Out = family(), family()
	// Out leaves for Saint-Gilles (the midwife's team): out of the nurse's
	// and the Parc-Extension coordinator's reach, with its records.
	if _, err := a.Care.TransferFamily(ctx, mustActor(ctx, a, coordinatorEmail), w.Out.ID, sites["mille-jours-saint-gilles"],
		teams["saint-gilles-1000-jours"], "Déménagement"); err != nil {
		t.Fatal(err)
	}
	_ = st.ReadTx(ctx, func(tx *store.Tx) error {
		ss, _, err := tx.DirectoryServices(ctx, store.DirectoryPage{Limit: 5}, store.Professionals)
		for _, s := range ss {
			w.Services = append(w.Services, s.ID)
		}
		return err
	})
	if len(w.Services) == 0 {
		t.Fatal("the demo directory has no service")
	}
	return a, w
}

// without is actor stripped of perm ("" : of every permission).
func without(actor berceau.Actor, perm berceau.Permission) berceau.Actor {
	stripped := berceau.Permissions{}
	if perm != "" {
		for p, ok := range actor.Permissions {
			if ok && p != perm {
				stripped[p] = true
			}
		}
	}
	actor.Permissions = stripped
	return actor
}

// TestEveryUseCaseRefusesWhoMayNot calls every exported use case (1) as its
// rightful caller on a family outside their reach, which must be "not
// found", and (2) as its rightful caller stripped of the permission it
// needs, which must be refused ("forbidden", or "not found" for a file).
// A use case that lets either through fails the test.
func TestEveryUseCaseRefusesWhoMayNot(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, w := authzSetUp(t, st)
		names := make([]string, 0, len(useCaseAuthorization))
		for name := range useCaseAuthorization {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			c := useCaseAuthorization[name]
			rightful := mustActor(ctx, a, c.who)
			if c.perm != "" && !rightful.Can(c.perm) {
				t.Errorf("%s: the entry's caller %s does not hold %s: the entry tests nothing", name, c.who, c.perm)
				continue
			}
			if c.family {
				err := c.call(ctx, a, rightful, w, w.Out)
				if !berceau.IsNotFound(err) {
					t.Errorf("%s on a family outside the reach of %s: %v, want not found", name, c.who, err)
				}
			}
			err := c.call(ctx, a, without(rightful, c.perm), w, w.In)
			switch kind := berceau.KindOf(err); {
			case err == nil:
				t.Errorf("%s without %q succeeded, want refused", name, c.perm)
			case kind != berceau.KindForbidden && !(c.family && kind == berceau.KindNotFound):
				t.Errorf("%s without %q: %v (%s), want forbidden", name, c.perm, err, kind)
			}
		}
	})
}

// authzInternship is the demo trainee's internship (Parc-Extension,
// supervised by the nurse).
func authzInternship(ctx context.Context, a *App) training.Internship {
	var found training.Internship
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.Internships(ctx, store.InternshipFilter{AllSites: true})
		for _, i := range list {
			if i.InternUserID != 0 {
				found = i
			}
		}
		return err
	})
	return found
}
