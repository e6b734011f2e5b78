package app

import (
	"context"
	"errors"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// This file is the one way a use case is authorized: a helper opens the
// transaction that acts (or reads), checks the permission and, for a family
// file, the actor's reach INSIDE it, audits, and only then runs the use
// case's own work. Checking in the transaction that acts means the check and
// the change see the same rows: a file transferred, an account stripped of
// a team between a check and a write can no longer slip through. A family
// out of reach is not found, whether it exists or not; every refusal is
// audited as a denial.
//
//   - familyWrite / familyWriteOf: change one family file (write reach:
//     the actor's sites and care teams, never a break-the-glass opening).
//   - familyRead: read one family file, audited with one entry (readAudited).
//   - familyLook: read one family file for a page whose read is audited by
//     another use case; only a refusal is audited.
//   - scopedRead / scopedReadAudited: read across the files of the actor's
//     reach (lists, searches, the day's work).
//   - write / read: every other use case (accounts, directory, settings,
//     organisations), by permission.

// Denial details written to the audit trail (internal/web translates them).
const (
	denialOutOfReach = "outside scope or absent"
	denialNoPerm     = ""
)

// authError is a refusal of the authorization step itself, as opposed to a
// refusal by the use case's own rules, so the helper audits it with its
// denial detail.
type authError struct {
	err    error
	detail string
	// objectType and objectID, when set, name what the denial entry is
	// about instead of the use case's target (a site refused at intake).
	objectType string
	objectID   int64
}

func (e *authError) Error() string { return e.err.Error() }
func (e *authError) Unwrap() error { return e.err }

func forbidden() error {
	return &authError{err: berceau.Errorf(berceau.KindForbidden, "error.forbidden_message"), detail: denialNoPerm}
}

func outOfReach() error {
	return &authError{err: berceau.Errorf(berceau.KindNotFound, "error.family_not_found"), detail: denialOutOfReach}
}

// asAuthError reports whether err was refused by the authorization step.
func asAuthError(err error) (*authError, bool) {
	var e *authError
	ok := errors.As(err, &e)
	return e, ok
}

// plain returns the domain error under an authorization refusal, so callers
// see the same errors as before the helpers existed.
func plain(err error) error {
	if e, ok := asAuthError(err); ok {
		return e.err
	}
	return err
}

// authorizeFamily checks, inside tx, that the actor holds perm and that the
// family is within their reach: for a change, their sites and care teams;
// for a read, break-the-glass openings too.
func authorizeFamily(ctx context.Context, tx *store.Tx, actor berceau.Actor, perm berceau.Permission, familyID int64, change bool) (care.Family, error) {
	if !actor.Can(perm) || actor.System {
		return care.Family{}, forbidden()
	}
	if !actor.Can(berceau.PermFamiliesRead) {
		return care.Family{}, outOfReach()
	}
	scope, err := familyScopeTx(ctx, tx, actor)
	if err != nil {
		return care.Family{}, err
	}
	if change {
		scope.FamilyIDs = nil // break-the-glass grants read, never change
	}
	f, err := tx.FamilyByID(ctx, familyID)
	if berceau.IsNotFound(err) || (err == nil && !care.ScopeCovers(scope, f)) {
		return care.Family{}, outOfReach()
	}
	return f, err
}

// familyWrite changes one family file: in one write transaction it checks
// that the actor holds perm and that the file is within their reach for a
// change, runs change, and writes the success entry (action, the family,
// the detail change returns). A refusal of either check is audited as a
// denial; a refusal by change (invalid, conflict, not found) is audited by
// refused. Nothing is written unless everything succeeds.
func (a *App) familyWrite(ctx context.Context, actor berceau.Actor, perm berceau.Permission, familyID int64, action string,
	change func(tx *store.Tx, f care.Family) (detail string, err error)) error {
	return a.familyWriteOf(ctx, actor, perm, action, "family", familyID,
		func(*store.Tx) (int64, error) { return familyID, nil }, change)
}

// familyWriteOf is familyWrite for a change named by another record (a
// contact, a decision, a screening): familyOf finds, inside the same
// transaction, the family it belongs to. A refusal is audited under the
// family, or under objectType and objectID, the record that was tried, when
// it was not found; success under the family.
func (a *App) familyWriteOf(ctx context.Context, actor berceau.Actor, perm berceau.Permission, action, objectType string, objectID int64,
	familyOf func(tx *store.Tx) (int64, error),
	change func(tx *store.Tx, f care.Family) (detail string, err error)) error {
	familyID := int64(0)
	if objectType == "family" {
		familyID = objectID
	}
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if !actor.Can(perm) || actor.System {
			return forbidden()
		}
		id, err := familyOf(tx)
		if berceau.IsNotFound(err) {
			return outOfReach()
		}
		if err != nil {
			return err
		}
		familyID = id
		f, err := authorizeFamily(ctx, tx, actor, perm, id, true)
		if err != nil {
			return err
		}
		detail, err := change(tx, f)
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, action, "family", id, berceau.OutcomeSuccess, detail)
	})
	if e, ok := asAuthError(err); ok {
		if familyID != 0 {
			// The record was found: the refusal is about its family.
			objectType, objectID = "family", familyID
		}
		a.recordAlone(ctx, actor, action, objectType, objectID, berceau.OutcomeDenied, e.detail)
		return e.err
	}
	if familyID == 0 {
		return domainError(err)
	}
	return a.refused(ctx, actor, action, familyID, err)
}

// familyRead reads one family file for a use case whose read is audited:
// in one read transaction it checks perm and the actor's reach (break-the-
// glass openings included), then runs read; the entry (action, the family,
// read's detail) is written before anything reaches the caller
// (readAudited). A refusal is audited as a denial.
func (a *App) familyRead(ctx context.Context, actor berceau.Actor, perm berceau.Permission, familyID int64, action string,
	read func(tx *store.Tx, f care.Family) (detail string, err error)) error {
	err := a.readAudited(ctx, actor, action, "family", familyID, func(tx *store.Tx) (string, error) {
		f, err := authorizeFamily(ctx, tx, actor, perm, familyID, false)
		if err != nil {
			return "", err
		}
		return read(tx, f)
	})
	return domainError(plain(err))
}

// familyLook reads one family file, checked like familyRead, for a use case
// that frames a read another use case audits (the same page): only a
// refusal is audited.
func (a *App) familyLook(ctx context.Context, actor berceau.Actor, perm berceau.Permission, familyID int64, action string,
	read func(tx *store.Tx, f care.Family) error) error {
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		f, err := authorizeFamily(ctx, tx, actor, perm, familyID, false)
		if err != nil {
			return err
		}
		return read(tx, f)
	})
	if e, ok := asAuthError(err); ok {
		a.recordAlone(ctx, actor, action, "family", familyID, berceau.OutcomeDenied, e.detail)
		return e.err
	}
	return domainError(err)
}

// scopedRead reads across the files of the actor's reach (lists, counts,
// the day's work): in one read transaction it checks perm and computes the
// reach, which read passes to the store's queries. Nothing is audited here;
// a use case showing personal data audits it with readAudited.
func (a *App) scopedRead(ctx context.Context, actor berceau.Actor, perm berceau.Permission,
	read func(tx *store.Tx, scope berceau.FamilyScope) error) error {
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		if !actor.Can(perm) {
			return forbidden()
		}
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return err
		}
		return read(tx, scope)
	})
	return domainError(plain(err))
}

// scopedReadAudited is scopedRead for a read that shows family data (a
// list, a search, the decisions awaiting): one read transaction, then one
// audit entry (action, no object, read's detail) through readAudited. A
// refusal is audited as a denial.
func (a *App) scopedReadAudited(ctx context.Context, actor berceau.Actor, perm berceau.Permission, action string,
	read func(tx *store.Tx, scope berceau.FamilyScope) (detail string, err error)) error {
	err := a.readAudited(ctx, actor, action, "family", 0, func(tx *store.Tx) (string, error) {
		if !actor.Can(perm) || actor.System {
			return "", forbidden()
		}
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return "", err
		}
		return read(tx, scope)
	})
	return domainError(err)
}

// auditTarget is what an audit entry of write is about. change may fill in
// the success entry's ObjectID (known once created), ObjectType, Action and
// Detail; the denial entry is written with the target as given.
type auditTarget struct {
	Action, ObjectType string
	ObjectID           int64
	Detail             string
	// Skip leaves the success entry to change (which wrote several).
	Skip bool
}

// write runs a change that is not a family file's (accounts, directory,
// settings, organisations): in one write transaction it checks that the
// actor holds perm, runs change, and writes the success entry of target.
// A missing permission is audited as a denial under target. Use
// berceau.Permission("") for a change any signed-in account may make on
// what is its own (its password, its tokens): change checks ownership.
func (a *App) write(ctx context.Context, actor berceau.Actor, perm berceau.Permission, target auditTarget,
	change func(tx *store.Tx, t *auditTarget) error) error {
	denied := target
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if perm != "" && !actor.Can(perm) {
			return forbidden()
		}
		t := target
		if err := change(tx, &t); err != nil {
			return err
		}
		if t.Skip {
			return nil
		}
		return record(ctx, tx, actor, t.Action, t.ObjectType, t.ObjectID, berceau.OutcomeSuccess, t.Detail)
	})
	if e, ok := asAuthError(err); ok {
		if e.objectType != "" {
			denied.ObjectType, denied.ObjectID, denied.Detail = e.objectType, e.objectID, e.detail
		}
		a.recordAlone(ctx, actor, denied.Action, denied.ObjectType, denied.ObjectID, berceau.OutcomeDenied, denied.Detail)
		return plain(err)
	}
	return domainError(err)
}

// read runs a read that is not a family file's, checking perm inside its
// read transaction. A refusal is audited under denied when it is set (the
// reads whose refusals were always audited: the audit trail, the
// directory's editors); nil leaves it to the route's own denial entry.
func (a *App) read(ctx context.Context, actor berceau.Actor, perm berceau.Permission, denied *auditTarget, read func(tx *store.Tx) error) error {
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		if perm != "" && !actor.Can(perm) {
			return forbidden()
		}
		return read(tx)
	})
	if e, ok := asAuthError(err); ok && denied != nil {
		d := *denied
		if e.objectType != "" {
			d.ObjectType, d.ObjectID, d.Detail = e.objectType, e.objectID, e.detail
		}
		a.recordAlone(ctx, actor, d.Action, d.ObjectType, d.ObjectID, berceau.OutcomeDenied, d.Detail)
	}
	return domainError(plain(err))
}

// deny refuses early, before any transaction, a use case whose costly
// preparation (hashing a password, parsing an upload) must not run for
// whoever lacks perm; the refusal is audited under target. The use case's
// write checks perm again inside its transaction.
func (a *App) deny(ctx context.Context, actor berceau.Actor, perm berceau.Permission, target auditTarget) error {
	if perm == "" || actor.Can(perm) {
		return nil
	}
	a.recordAlone(ctx, actor, target.Action, target.ObjectType, target.ObjectID, berceau.OutcomeDenied, target.Detail)
	return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
}

// refused audits a change that did not happen: a failure for an invalid
// request or a conflict, a denial for a file out of reach. It returns err
// as a domain error (nil stays nil).
func (a *App) refused(ctx context.Context, actor berceau.Actor, action string, familyID int64, err error) error {
	if err == nil {
		return nil
	}
	switch kind := berceau.KindOf(err); kind {
	case berceau.KindInvalid, berceau.KindConflict:
		a.recordAlone(ctx, actor, action, "family", familyID, berceau.OutcomeFailure, string(kind)+": "+refusalKey(err))
	case berceau.KindForbidden, berceau.KindNotFound:
		a.recordAlone(ctx, actor, action, "family", familyID, berceau.OutcomeDenied, string(kind))
	}
	return domainError(err)
}
