package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// FamilyFile is everything the page of a family file shows.
type FamilyFile struct {
	Family     berceau.Family
	Timeline   FamilyTimeline
	Screenings []berceau.StoredScreening
	Decisions  []berceau.AdmissionDecision
	CareTeam   []berceau.User
}

// OpenFamilyFile reads a whole family file, with the actor's scope, in one
// read transaction, with one audit entry for the read, group-committed with
// those of concurrent reads (store.AppendAuditGrouped): the file page's
// single durable commit, where reading its parts one by one would audit
// (and flush) each part. Reading inside a write transaction would hold
// SQLite's single writer for the whole read and empty the shared-page cache
// on every view; the file reaches the caller only once its entry is
// committed.
func (a *App) OpenFamilyFile(ctx context.Context, actor berceau.Actor, familyID int64) (FamilyFile, error) {
	var file FamilyFile
	if !actor.Can(berceau.PermFamiliesRead) {
		a.recordAlone(ctx, actor, "family.read", "family", familyID, berceau.OutcomeDenied, "")
		return file, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return err
		}
		if file.Family, err = tx.FamilyByID(ctx, familyID); err != nil {
			return err
		}
		if !scope.CoversFamily(file.Family) {
			return berceau.Errorf(berceau.KindNotFound, "error.family_not_found")
		}
		if file.Timeline.Enrollments, err = tx.EnrollmentsOf(ctx, familyID); err != nil {
			return err
		}
		if file.Timeline.Status, err = tx.StatusHistory(ctx, familyID); err != nil {
			return err
		}
		if file.Timeline.KeyWorkers, err = tx.KeyWorkerHistory(ctx, familyID); err != nil {
			return err
		}
		if file.Screenings, err = tx.ScreeningsOfFamily(ctx, familyID); err != nil {
			return err
		}
		if file.Decisions, err = tx.DecisionsOfFamily(ctx, familyID); err != nil {
			return err
		}
		if file.Family.TeamID != 0 {
			if file.CareTeam, err = tx.TeamMembers(ctx, file.Family.TeamID); err != nil {
				return err
			}
		}
		return nil
	})
	if berceau.IsNotFound(err) {
		a.recordAlone(ctx, actor, "family.read", "family", familyID, berceau.OutcomeDenied, "outside scope or absent")
		return FamilyFile{}, berceau.Errorf(berceau.KindNotFound, "error.family_not_found")
	}
	if err != nil {
		return FamilyFile{}, domainError(err)
	}
	entry := auditEntry(actor, "family.read", "family", familyID, berceau.OutcomeSuccess, "whole file")
	if err := a.store.AppendAuditGrouped(ctx, &entry); err != nil {
		return FamilyFile{}, domainError(err)
	}
	return file, nil
}
