package app

import (
	"context"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// PossibleDuplicate is a person already in a file who looks like someone of
// a new file: same birth date, similar names.
type PossibleDuplicate struct {
	FamilyID int64
	Member   berceau.HouseholdMember
}

// CreateFamily opens a family file at a site (and care team) within the
// actor's scope. Unless the worker has seen and set aside the possible
// duplicates, a file whose people look like people already known is not
// created: the duplicates come back with a conflict error. Duplicates
// outside the actor's scope are reported without their names.
func (a *App) CreateFamily(ctx context.Context, actor berceau.Actor, f berceau.Family, duplicatesSeen bool) (berceau.Family, []PossibleDuplicate, error) {
	if !actor.Can(berceau.PermFamiliesWrite) {
		a.recordAlone(ctx, actor, "family.create", "family", 0, berceau.OutcomeDenied, "")
		return f, nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	scope, err := a.FamilyScope(ctx, actor)
	if err != nil {
		return f, nil, err
	}
	if !scope.CoversFamily(f) {
		a.recordAlone(ctx, actor, "family.create", "site", f.SiteID, berceau.OutcomeDenied, "outside scope")
		return f, nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	if err := f.Validate(); err != nil {
		return f, nil, err
	}
	var dups []PossibleDuplicate
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if !duplicatesSeen {
			var err error
			if dups, err = possibleDuplicates(ctx, tx, f.Members, scope); err != nil {
				return err
			}
			if len(dups) > 0 {
				return &berceau.Error{Kind: berceau.KindConflict, Key: "error.possible_duplicate"}
			}
		}
		if err := tx.CreateFamily(ctx, &f); err != nil {
			return err
		}
		if f.ProcessingConsent {
			c := berceau.Consent{FamilyID: f.ID, Kind: berceau.ConsentProcessing, GivenOn: a.now(), RecordedBy: actor.User.ID}
			if err := tx.CreateConsent(ctx, &c); err != nil {
				return err
			}
			if err := record(ctx, tx, actor, "family.consent", "family", f.ID, berceau.OutcomeSuccess, string(c.Kind)+" at intake"); err != nil {
				return err
			}
		}
		detail := ""
		if duplicatesSeen {
			detail = "possible duplicates set aside"
		}
		return record(ctx, tx, actor, "family.create", "family", f.ID, berceau.OutcomeSuccess, detail)
	})
	return f, dups, domainError(err)
}

func possibleDuplicates(ctx context.Context, tx *store.Tx, members []berceau.HouseholdMember, scope berceau.FamilyScope) ([]PossibleDuplicate, error) {
	var dates []time.Time
	for _, m := range members {
		if !m.BirthDate.IsZero() {
			dates = append(dates, m.BirthDate)
		}
	}
	known, err := tx.MembersBornOn(ctx, dates)
	if err != nil {
		return nil, err
	}
	var dups []PossibleDuplicate
	for familyID, people := range known {
		for _, k := range people {
			for _, m := range members {
				if !berceau.PossibleDuplicate(m, k) {
					continue
				}
				d := PossibleDuplicate{FamilyID: familyID, Member: k}
				if f, err := tx.FamilyByID(ctx, familyID); err == nil && !scope.CoversFamily(f) {
					// Someone else's file: say that it exists, not who is in it.
					d.Member = berceau.HouseholdMember{Role: k.Role, BirthDate: k.BirthDate}
				}
				dups = append(dups, d)
			}
		}
	}
	return dups, nil
}

// OpenFamily reads a family file. Only its care team and its site's
// coordinator may; every read, and every refusal, is audited.
func (a *App) OpenFamily(ctx context.Context, actor berceau.Actor, id int64) (berceau.Family, error) {
	if !actor.Can(berceau.PermFamiliesRead) {
		a.recordAlone(ctx, actor, "family.read", "family", id, berceau.OutcomeDenied, "")
		return berceau.Family{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	scope, err := a.FamilyScope(ctx, actor)
	if err != nil {
		return berceau.Family{}, err
	}
	var f berceau.Family
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		var err error
		if f, err = tx.FamilyByID(ctx, id); err != nil {
			return err
		}
		if !scope.CoversFamily(f) {
			f = berceau.Family{}
			return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
		}
		return record(ctx, tx, actor, "family.read", "family", id, berceau.OutcomeSuccess, "")
	})
	if berceau.KindOf(err) == berceau.KindForbidden || berceau.IsNotFound(err) {
		// Not found and not yours look the same from outside.
		a.recordAlone(ctx, actor, "family.read", "family", id, berceau.OutcomeDenied, "outside scope or absent")
		return berceau.Family{}, berceau.Errorf(berceau.KindNotFound, "error.family_not_found")
	}
	return f, domainError(err)
}

// ListFamilies returns the files in the actor's scope. Listing shows names,
// so it is audited as a read of each file listed.
func (a *App) ListFamilies(ctx context.Context, actor berceau.Actor) ([]berceau.Family, error) {
	if !actor.Can(berceau.PermFamiliesRead) {
		a.recordAlone(ctx, actor, "family.list", "family", 0, berceau.OutcomeDenied, "")
		return nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	scope, err := a.FamilyScope(ctx, actor)
	if err != nil {
		return nil, err
	}
	var list []berceau.Family
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		var err error
		if list, err = tx.ListFamilies(ctx, scope); err != nil {
			return err
		}
		return record(ctx, tx, actor, "family.list", "family", 0, berceau.OutcomeSuccess, strconv.Itoa(len(list))+" file(s)")
	})
	return list, domainError(err)
}
