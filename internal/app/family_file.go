package app

import (
	"context"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// FamilyFile is everything the page of a family file shows.
type FamilyFile struct {
	Family     care.Family
	Timeline   FamilyTimeline
	Screenings []care.StoredScreening
	Decisions  []care.AdmissionDecision
	CareTeam   []berceau.User
	Summary    FamilySummary
	// GlassUntil is when the actor's break-the-glass opening of the file
	// ends; zero when they read it without one.
	GlassUntil time.Time
}

// OpenFamilyFile reads a whole family file and its summary header in one
// read transaction, then writes the one audit entry of that read
// (readAudited): reading its parts one by one would audit (and flush) each
// part, and reading inside the write transaction held the single writer.
func (a *CareService) OpenFamilyFile(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (FamilyFile, error) {
	var file FamilyFile
	err := a.readAudited(ctx, actor, "family.read", "family", familyID, func(tx *store.Tx) (string, error) {
		if !actor.Can(berceau.PermFamiliesRead) {
			return "", forbidden()
		}
		// The scope is read in the same transaction: one snapshot, one
		// transaction fewer per view.
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return "", err
		}
		detail, err := file.read(ctx, tx, scope, familyID)
		if err != nil {
			return "", err
		}
		if file.Summary, err = summarizeFamily(ctx, tx, file.Family, civilDay(today)); err != nil {
			return "", err
		}
		file.GlassUntil, err = glassUntil(ctx, tx, actor, familyID)
		return detail, err
	})
	if berceau.IsNotFound(err) {
		// readAudited has audited the denial; out of reach and absent look alike.
		return FamilyFile{}, berceau.Errorf(berceau.KindNotFound, "error.family_not_found")
	}
	return file, domainError(err)
}

// read reads the parts of a file the actor's scope covers.
func (file *FamilyFile) read(ctx context.Context, tx *store.Tx, scope berceau.FamilyScope, familyID int64) (string, error) {
	err := func() error {
		var err error
		if file.Family, err = tx.FamilyByID(ctx, familyID); err != nil {
			return err
		}
		if !care.ScopeCovers(scope, file.Family) {
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
	}()
	return "whole file", err
}
