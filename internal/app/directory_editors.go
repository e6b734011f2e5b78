package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// Organisations maintain their own records: a network moderator makes
// some accounts editors of a directory organisation, and they then decide
// the suggestions made on that organisation's services, confirm them and
// edit them directly, like moderators but for that organisation only. This
// file is that access policy; every directory write that moderators or
// editors make goes through maintainerOf.

// maintainer is what an actor may maintain in the directory: everything
// (a network moderator), the services of some organisations (their
// editors), or nothing.
type maintainer struct {
	all    bool
	orgs   map[string]bool
	editor int64 // the editor's user id when not all
}

// any reports whether the actor maintains anything at all.
func (m maintainer) any() bool { return m.all || len(m.orgs) > 0 }

// may reports whether the actor maintains the services of organizationID.
func (m maintainer) may(organizationID string) bool {
	return m.all || (organizationID != "" && m.orgs[organizationID])
}

// editorID narrows the store's lists: 0 for a moderator (everything), the
// editor's id otherwise.
func (m maintainer) editorID() int64 {
	if m.all {
		return 0
	}
	return m.editor
}

func maintainerOf(ctx context.Context, tx *store.Tx, actor berceau.Actor) (maintainer, error) {
	if actor.Can(berceau.PermDirectoryModerate) {
		return maintainer{all: true}, nil
	}
	m := maintainer{orgs: map[string]bool{}, editor: actor.User.ID}
	if actor.User.ID == 0 {
		return m, nil
	}
	ids, err := tx.EditedOrganizations(ctx, actor.User.ID)
	for _, id := range ids {
		m.orgs[id] = true
	}
	return m, err
}

// maintainedService reads a service for a change by one of its maintainers:
// notMaintainer unless the actor is one (checked before the service is
// read, so that others learn nothing of it).
func maintainedService(ctx context.Context, tx *store.Tx, actor berceau.Actor, serviceID string) (directory.DirectoryService, error) {
	m, err := maintainerOf(ctx, tx, actor)
	if err != nil {
		return directory.DirectoryService{}, err
	}
	if !m.any() {
		return directory.DirectoryService{}, notMaintainer()
	}
	s, err := tx.DirectoryServiceByID(ctx, serviceID, store.Professionals)
	if err != nil {
		return s, err
	}
	if !m.may(s.OrganizationID) {
		return s, notMaintainer()
	}
	return s, nil
}

// notMaintainer refuses, inside the transaction, whoever does not maintain
// what they act upon; the authorization helpers (write, read) audit it.
func notMaintainer() error { return forbidden() }

// ServiceMaintenance says who maintains a service: ByOrganization when its
// organisation has active editors (otherwise the network's moderators do),
// and whether the actor may decide its suggestions, confirm it and edit it.
type ServiceMaintenance struct {
	ByOrganization bool
	CanMaintain    bool
	// CanManageEditors: the actor may grant and remove the
	// organisation's editors (a moderator).
	CanManageEditors bool
	OrganizationID   string
	// Version is the service's version as the edit form sends it back.
	Version string
}

// ServiceVersion is the version of a service a direct edit expects: it
// changes with every write to the service.
func ServiceVersion(s directory.DirectoryService) string {
	return strconv.FormatInt(s.LastModified.UnixMicro(), 10)
}

// DirectoryServiceMaintenance reads who maintains a service.
func (a *DirectoryService) DirectoryServiceMaintenance(ctx context.Context, actor berceau.Actor, serviceID string) (ServiceMaintenance, error) {
	var sm ServiceMaintenance
	if !berceau.ValidUUID(serviceID) {
		return sm, berceau.Errorf(berceau.KindNotFound, "directory.error.not_found")
	}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		s, err := tx.DirectoryServiceByID(ctx, serviceID, store.Public)
		if err != nil {
			return err
		}
		sm.OrganizationID, sm.Version = s.OrganizationID, ServiceVersion(s)
		if s.OrganizationID != "" {
			n, err := tx.CountDirectoryEditors(ctx, s.OrganizationID)
			if err != nil {
				return err
			}
			sm.ByOrganization = n > 0
		}
		m, err := maintainerOf(ctx, tx, actor)
		sm.CanMaintain = m.may(s.OrganizationID)
		sm.CanManageEditors = m.all && s.OrganizationID != ""
		return err
	})
	return sm, domainError(err)
}

// MaintainsDirectory reports whether the actor maintains any directory
// record: a moderator, or an editor of at least one organisation.
func (a *DirectoryService) MaintainsDirectory(ctx context.Context, actor berceau.Actor) (bool, error) {
	var ok bool
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		m, err := maintainerOf(ctx, tx, actor)
		ok = m.any()
		return err
	})
	return ok, err
}

// checkFieldValue validates a proposed value of a suggestable field.
func checkFieldValue(field, value, note string) error {
	fields := map[string]string{}
	if !directory.ValidSuggestionField(field) {
		fields["field"] = "directory.error.field_unknown"
	}
	if value == "" && field != "alert" {
		fields["value"] = "error.required"
	}
	if key := directory.CheckSuggestedValue(field, value); key != "" && value != "" {
		fields["value"] = key
	}
	if len(note) > 2000 {
		fields["value"] = "directory.error.too_long" // the form shows one message, under the value
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// EditServiceField changes one field of a service directly, for the
// service's maintainers (its organisation's editors, the network's
// moderators). The change lands in the HSDS history like an accepted
// suggestion. version, when set, is the service version the editor saw
// (ServiceVersion): if the service changed since, nothing is written and
// the answer is a conflict.
func (a *DirectoryService) EditServiceField(ctx context.Context, actor berceau.Actor, serviceID, field, value, version string) error {
	value = strings.TrimSpace(value)
	if !actor.SignedIn() {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	err := a.write(ctx, actor, "", auditTarget{Action: "directory.service.edit", ObjectType: "directory_service", ObjectID: 0, Detail: serviceID + " " + field}, func(tx *store.Tx, t *auditTarget) error {
		s, err := maintainedService(ctx, tx, actor, serviceID)
		if err != nil {
			return err
		}
		if err := checkFieldValue(field, value, ""); err != nil {
			return err
		}
		if version != "" && version != ServiceVersion(s) {
			return &berceau.Error{Kind: berceau.KindConflict, Key: "directory_editors.error.changed"}
		}
		old := s.FieldValue(field)
		if old == value {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"value": "directory.error.same_value"}}
		}
		s.SetField(field, value)
		s.LastModified = tx.Now()
		if err := tx.PutService(ctx, s); err != nil {
			return err
		}
		if err := tx.AddHistory(ctx, directory.DirectoryChange{ResourceID: s.ID, ResourceType: "service", FieldName: field,
			PreviousValue: old, ReplacementValue: value, UpdatedBy: actor.User.Email, ActionType: "update"}); err != nil {
			return err
		}
		t.Detail = s.ID + " " + field
		return nil
	})
	return err
}

// EditorsPage is an organisation's editors and the active accounts that
// may become one.
type EditorsPage struct {
	Organization directory.DirectoryOrganization
	Editors      []directory.DirectoryEditor
	Candidates   []berceau.User
}

// DirectoryEditorsPage reads an organisation's editors, for moderators.
func (a *DirectoryService) DirectoryEditorsPage(ctx context.Context, actor berceau.Actor, organizationID string) (EditorsPage, error) {
	var p EditorsPage
	err := a.read(ctx, actor, berceau.PermDirectoryModerate, nil, func(tx *store.Tx) error {
		if !berceau.ValidUUID(organizationID) {
			return berceau.Errorf(berceau.KindNotFound, "directory.error.not_found")
		}
		var err error
		if p.Organization, err = tx.DirectoryOrganizationByID(ctx, organizationID); err != nil {
			return err
		}
		if p.Editors, err = tx.DirectoryEditors(ctx, organizationID); err != nil {
			return err
		}
		users, err := tx.ListUsers(ctx)
		if err != nil {
			return err
		}
		already := map[int64]bool{}
		for _, e := range p.Editors {
			already[e.UserID] = true
		}
		for _, u := range users {
			if !u.Disabled && !already[u.ID] {
				p.Candidates = append(p.Candidates, u)
			}
		}
		return nil
	})
	return p, err
}

// GrantDirectoryEditor makes the active account with this email an editor
// of an organisation, for moderators.
func (a *DirectoryService) GrantDirectoryEditor(ctx context.Context, actor berceau.Actor, organizationID, email string) error {
	email = berceau.NormalizeEmail(email)
	return a.write(ctx, actor, berceau.PermDirectoryModerate, auditTarget{Action: "directory.editor.grant", ObjectType: "directory_organization", ObjectID: 0, Detail: organizationID}, func(tx *store.Tx, t *auditTarget) error {
		if !berceau.ValidUUID(organizationID) {
			return berceau.Errorf(berceau.KindNotFound, "directory.error.not_found")
		}
		if email == "" {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"email": "error.required"}}
		}
		if _, err := tx.DirectoryOrganizationByID(ctx, organizationID); err != nil {
			return err
		}
		u, err := tx.UserByEmail(ctx, email)
		if berceau.IsNotFound(err) || (err == nil && u.Disabled) {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
				Fields: map[string]string{"email": "directory_editors.error.no_account"}}
		}
		if err != nil {
			return err
		}
		if err := tx.AddDirectoryEditor(ctx, organizationID, u.ID, actor.User.ID); err != nil {
			return err
		}
		t.ObjectType, t.ObjectID = "user", u.ID
		return nil
	})
}

// RemoveDirectoryEditor ends an account's editing of an organisation, for
// moderators.
func (a *DirectoryService) RemoveDirectoryEditor(ctx context.Context, actor berceau.Actor, organizationID string, userID int64) error {
	return a.write(ctx, actor, berceau.PermDirectoryModerate, auditTarget{Action: "directory.editor.remove", ObjectType: "user", ObjectID: userID, Detail: organizationID}, func(tx *store.Tx, _ *auditTarget) error {
		return tx.RemoveDirectoryEditor(ctx, organizationID, userID)
	})
}
