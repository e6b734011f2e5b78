package app

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// PossibleDuplicate is a person already in a file who looks like someone of
// a new file: same birth date, similar names. A match in a file the actor
// may not open says only that such a file exists at a site (Elsewhere, with
// SiteID so the worker knows whose coordinator to ask): no file id, no name.
type PossibleDuplicate struct {
	FamilyID  int64
	Member    care.HouseholdMember
	Elsewhere bool
	SiteID    int64
}

// CreateFamily opens a family file at a site (and care team) within the
// actor's scope. Unless the worker has seen and set aside the possible
// duplicates, a file whose people look like people already known is not
// created: the duplicates come back with a conflict error. Duplicates
// outside the actor's scope are reported without their file or names. The
// duplicate check reads other files, so each file it matched is audited
// (family.duplicate_check), shown or not.
func (a *CareService) CreateFamily(ctx context.Context, actor berceau.Actor, f care.Family, duplicatesSeen bool) (care.Family, []PossibleDuplicate, error) {
	var dups []PossibleDuplicate
	err := a.write(ctx, actor, berceau.PermFamiliesWrite, auditTarget{Action: "family.create", ObjectType: "family"}, func(tx *store.Tx, t *auditTarget) error {
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !care.ScopeCovers(scope, f) {
			return &authError{err: berceau.Errorf(berceau.KindForbidden, "error.forbidden_message"), detail: "outside scope",
				objectType: "site", objectID: f.SiteID}
		}
		if err := f.Validate(); err != nil {
			return err
		}
		detail := "possible duplicates set aside"
		if !duplicatesSeen {
			matches, err := possibleDuplicates(ctx, tx, f.Members, scope)
			if err != nil {
				return err
			}
			if len(matches) > 0 {
				// The file is held back; what commits is the audit of the probe.
				dups = shownDuplicates(matches)
				t.Skip = true
				return auditDuplicateProbe(ctx, tx, actor, matches)
			}
			detail = "duplicate check: no match"
		}
		if err := tx.CreateFamily(ctx, &f); err != nil {
			return err
		}
		if f.ProcessingConsent {
			c := care.Consent{FamilyID: f.ID, Kind: care.ConsentProcessing, GivenOn: a.now(), RecordedBy: actor.User.ID}
			if err := tx.CreateConsent(ctx, &c); err != nil {
				return err
			}
			if err := record(ctx, tx, actor, "family.consent", "family", f.ID, berceau.OutcomeSuccess, string(c.Kind)+" at intake"); err != nil {
				return err
			}
		}
		t.ObjectID, t.Detail = f.ID, detail
		return nil
	})
	if err == nil && len(dups) > 0 {
		return f, dups, &berceau.Error{Kind: berceau.KindConflict, Key: "error.possible_duplicate"}
	}
	return f, dups, err
}

// possibleDuplicates finds the people of other files who look like the new
// file's people, in the order of family ids. Matches outside the actor's
// scope are marked Elsewhere but keep their family id, for the audit only.
func possibleDuplicates(ctx context.Context, tx *store.Tx, members []care.HouseholdMember, scope berceau.FamilyScope) ([]PossibleDuplicate, error) {
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
	familyIDs := make([]int64, 0, len(known))
	for id := range known {
		familyIDs = append(familyIDs, id)
	}
	slices.Sort(familyIDs)
	var dups []PossibleDuplicate
	for _, familyID := range familyIDs {
		var file care.Family
		for _, k := range known[familyID] {
			for _, m := range members {
				if !care.PossibleDuplicate(m, k) {
					continue
				}
				if file.ID == 0 {
					if file, err = tx.FamilyByID(ctx, familyID); err != nil {
						return nil, err
					}
				}
				dups = append(dups, PossibleDuplicate{FamilyID: familyID, Member: k, SiteID: file.SiteID, Elsewhere: !care.ScopeCovers(scope, file)})
			}
		}
	}
	return dups, nil
}

// shownDuplicates is what the worker may see of the matches: the people of
// files in scope, and for the others one line per site saying that a file
// there may match, with neither file id nor name.
func shownDuplicates(matches []PossibleDuplicate) []PossibleDuplicate {
	var shown []PossibleDuplicate
	sites := map[int64]bool{}
	for _, d := range matches {
		if !d.Elsewhere {
			shown = append(shown, d)
			continue
		}
		if !sites[d.SiteID] {
			sites[d.SiteID] = true
			shown = append(shown, PossibleDuplicate{Elsewhere: true, SiteID: d.SiteID})
		}
	}
	return shown
}

// auditDuplicateProbe writes one entry per file the duplicate check matched:
// the probe read those files' people, shown to the worker or not.
func auditDuplicateProbe(ctx context.Context, tx *store.Tx, actor berceau.Actor, matches []PossibleDuplicate) error {
	done := map[int64]bool{}
	for _, d := range matches {
		if done[d.FamilyID] {
			continue
		}
		done[d.FamilyID] = true
		detail := "possible duplicate shown"
		if d.Elsewhere {
			detail = "possible duplicate outside scope: not shown"
		}
		if err := record(ctx, tx, actor, "family.duplicate_check", "family", d.FamilyID, berceau.OutcomeSuccess, detail); err != nil {
			return err
		}
	}
	return nil
}

// OpenFamily reads a family file. Only its care team and its site's
// coordinator may; every read, and every refusal, is audited.
func (a *CareService) OpenFamily(ctx context.Context, actor berceau.Actor, id int64) (care.Family, error) {
	var f care.Family
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, id, "family.read", func(_ *store.Tx, found care.Family) (string, error) {
		f = found
		return "", nil
	})
	if err != nil {
		return care.Family{}, err
	}
	return f, nil
}

// ListFamilies returns the files in the actor's scope. Listing shows names,
// so it is audited as a read of each file listed.
func (a *CareService) ListFamilies(ctx context.Context, actor berceau.Actor) ([]care.Family, error) {
	var list []care.Family
	err := a.scopedReadAudited(ctx, actor, berceau.PermFamiliesRead, "family.list", func(tx *store.Tx, scope berceau.FamilyScope) (detail string, err error) {
		list, err = tx.ListFamilies(ctx, scope)
		return strconv.Itoa(len(list)) + " file(s)", err
	})
	return list, err
}
