package app

import (
	"context"
	"sort"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// CompartmentMember is a care-team member of a coordinated site with the
// compartments of sensitive notes granted to them. Eligible is false for
// people whose role does not allow sensitive data (trainees, by default):
// a grant would not let them read anything.
type CompartmentMember struct {
	User     berceau.User
	Granted  map[care.Compartment]bool
	Eligible bool
}

// CompartmentMembers lists the members of the care teams of the sites the
// actor coordinates, with their grants.
func (a *CareService) CompartmentMembers(ctx context.Context, actor berceau.Actor) ([]CompartmentMember, error) {
	var out []CompartmentMember
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		out, err = compartmentMembers(ctx, tx, actor)
		return err
	})
	if _, ok := asAuthError(err); ok {
		a.recordAlone(ctx, actor, "compartment.list", "user", 0, berceau.OutcomeDenied, "")
	}
	return out, domainError(plain(err))
}

// compartmentMembers reads CompartmentMembers inside tx, checking there
// that the actor coordinates.
func compartmentMembers(ctx context.Context, tx *store.Tx, actor berceau.Actor) ([]CompartmentMember, error) {
	if !actor.Can(berceau.PermAssignments) {
		return nil, forbidden()
	}
	var out []CompartmentMember
	err := func() error {
		members, err := coordinatedMembers(ctx, tx, actor)
		if err != nil {
			return err
		}
		ids := make([]int64, 0, len(members))
		for id := range members {
			ids = append(ids, id)
		}
		grants, err := tx.CompartmentGrants(ctx, ids)
		if err != nil {
			return err
		}
		for _, u := range members {
			perms, err := tx.PermissionsOf(ctx, u.ID)
			if err != nil {
				return err
			}
			g := grants[u.ID]
			if g == nil {
				g = map[care.Compartment]bool{}
			}
			out = append(out, CompartmentMember{User: u, Granted: g, Eligible: perms.Has(berceau.PermFamiliesSensitive)})
		}
		return nil
	}()
	sort.Slice(out, func(i, j int) bool { return out[i].User.DisplayName < out[j].User.DisplayName })
	return out, err
}

// coordinatedMembers reads the members of the care teams at the sites the
// actor coordinates.
func coordinatedMembers(ctx context.Context, tx *store.Tx, actor berceau.Actor) (map[int64]berceau.User, error) {
	scope, err := familyScopeTx(ctx, tx, actor)
	if err != nil {
		return nil, err
	}
	sites := map[int64]bool{}
	for _, id := range scope.SiteIDs {
		sites[id] = true
	}
	teams, err := tx.ListTeams(ctx)
	if err != nil {
		return nil, err
	}
	members := map[int64]berceau.User{}
	for _, t := range teams {
		if !sites[t.SiteID] {
			continue
		}
		list, err := tx.TeamMembers(ctx, t.ID)
		if err != nil {
			return nil, err
		}
		for _, u := range list {
			members[u.ID] = u
		}
	}
	return members, nil
}

// SetCompartment grants (or takes back) a compartment of sensitive notes to
// a member of a care team at a site the actor coordinates. Granting it to
// someone whose role does not allow sensitive data is refused: it would
// promise access the role does not give.
func (a *CareService) SetCompartment(ctx context.Context, actor berceau.Actor, userID int64, c care.Compartment, granted bool) error {
	target := auditTarget{Action: "compartment.set", ObjectType: "user", ObjectID: userID, Detail: string(c)}
	return a.write(ctx, actor, berceau.PermAssignments, target, func(tx *store.Tx, t *auditTarget) error {
		if !c.Valid() {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"compartment": "contact.compartment_unknown"}}
		}
		members, err := compartmentMembers(ctx, tx, actor)
		if err != nil {
			return err
		}
		var member *CompartmentMember
		for i := range members {
			if members[i].User.ID == userID {
				member = &members[i]
			}
		}
		if member == nil {
			return &authError{err: berceau.Errorf(berceau.KindNotFound, "error.not_found_message"), detail: "not a member of a coordinated team",
				objectType: "user", objectID: userID}
		}
		if granted && !member.Eligible {
			return berceau.Errorf(berceau.KindConflict, "compartment.role_not_allowed")
		}
		if !granted {
			t.Detail = "revoked " + t.Detail
		}
		if granted {
			return tx.GrantCompartment(ctx, userID, c, actor.User.ID)
		}
		return tx.RevokeCompartment(ctx, userID, c)
	})
}
