package app

import (
	"context"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// SuggestChange records a member's proposal to change one field of a
// service. Nothing changes until a moderator accepts it.
func (a *DirectoryService) SuggestChange(ctx context.Context, actor berceau.Actor, serviceID, field, value, note string) (directory.Suggestion, error) {
	var sg directory.Suggestion
	value, note = strings.TrimSpace(value), strings.TrimSpace(note)
	target := auditTarget{Action: "directory.suggest", ObjectType: "directory_service", Detail: serviceID}
	err := a.write(ctx, actor, berceau.PermDirectorySuggest, target, func(tx *store.Tx, t *auditTarget) error {
		if err := checkFieldValue(field, value, note); err != nil {
			return err
		}
		s, err := tx.DirectoryServiceByID(ctx, serviceID, store.Professionals)
		if err != nil {
			return err
		}
		if s.FieldValue(field) == value {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"value": "directory.error.same_value"}}
		}
		sg = directory.Suggestion{ServiceID: s.ID, Field: field, CurrentValue: s.FieldValue(field), ProposedValue: value, Note: note,
			ProposedBy: actor.User.ID}
		if err := tx.AddSuggestion(ctx, &sg); err != nil {
			return err
		}
		t.ObjectType, t.ObjectID, t.Detail = "directory_suggestion", sg.ID, s.ID+" "+field
		return nil
	})
	return sg, err
}

// OpenSuggestions lists what waits for the actor's decision (of one
// service when serviceID is set): every open suggestion for a network
// moderator, those on their organisations' services for an organisation's
// editor; anyone else is refused.
func (a *DirectoryService) OpenSuggestions(ctx context.Context, actor berceau.Actor, serviceID string) ([]directory.Suggestion, error) {
	var list []directory.Suggestion
	err := a.read(ctx, actor, "", nil, func(tx *store.Tx) error {
		m, err := maintainerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !m.any() {
			return notMaintainer()
		}
		list, err = tx.OpenSuggestions(ctx, serviceID, m.editorID())
		return err
	})
	return list, domainError(err)
}

// DecideSuggestion accepts or rejects a suggestion, for the service's
// maintainers (a network moderator, an editor of the service's
// organisation). Accepting changes the field, stamps the record modified,
// and writes the change to the HSDS history (field, old value, new value,
// who, when), all in one transaction with its audit entry.
func (a *DirectoryService) DecideSuggestion(ctx context.Context, actor berceau.Actor, id int64, accept bool) (directory.Suggestion, error) {
	var sg directory.Suggestion
	target := auditTarget{Action: "directory.suggestion.decide", ObjectType: "directory_suggestion", ObjectID: id}
	err := a.write(ctx, actor, "", target, func(tx *store.Tx, t *auditTarget) error {
		m, err := maintainerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !m.any() {
			return notMaintainer()
		}
		if sg, err = tx.SuggestionByID(ctx, id); err != nil {
			return err
		}
		s, err := tx.DirectoryServiceByID(ctx, sg.ServiceID, store.Professionals)
		if err != nil {
			return err
		}
		if !m.may(s.OrganizationID) {
			return notMaintainer()
		}
		// A suggestion changes the value it was made against: if the field
		// changed since, accepting it would silently undo that change.
		if accept && s.FieldValue(sg.Field) != sg.CurrentValue {
			return ErrSuggestionOutdated
		}
		// Checked again: a suggestion stored before the checks existed
		// must not bring a javascript: address in when accepted.
		if key := directory.CheckSuggestedValue(sg.Field, sg.ProposedValue); accept && key != "" {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"value": key}}
		}
		status := directory.SuggestionRejected
		if accept {
			status = directory.SuggestionAccepted
		}
		if err := tx.DecideSuggestion(ctx, id, status, actor.User.ID); err != nil {
			return err
		}
		sg.Status = status
		if accept {
			old := s.FieldValue(sg.Field)
			s.SetField(sg.Field, sg.ProposedValue)
			s.LastModified = tx.Now()
			if err := tx.PutService(ctx, s); err != nil {
				return err
			}
			if err := tx.AddHistory(ctx, directory.DirectoryChange{ResourceID: s.ID, ResourceType: "service", FieldName: sg.Field,
				PreviousValue: old, ReplacementValue: sg.ProposedValue, UpdatedBy: actor.User.Email, ActionType: "update"}); err != nil {
				return err
			}
		}
		if err := a.tellSuggester(ctx, tx, actor, sg, s); err != nil {
			return err
		}
		action := "directory.suggestion." + string(status)
		t.Action, t.Detail = action, sg.ServiceID+" "+sg.Field
		return nil
	})
	if err != nil {
		return directory.Suggestion{}, err
	}
	return sg, nil
}

// ErrSuggestionOutdated refuses to accept a suggestion whose field changed
// since it was made; nothing is written.
var ErrSuggestionOutdated = &berceau.Error{Kind: berceau.KindConflict, Key: "directory.notice_outdated"}

// ConfirmService records that a maintainer of the service (a network
// moderator, an editor of its organisation) checked it, with what they
// found. A closed service becomes defunct and leaves search.
func (a *DirectoryService) ConfirmService(ctx context.Context, actor berceau.Actor, serviceID string, outcome directory.ConfirmOutcome) error {
	err := a.write(ctx, actor, "", auditTarget{Action: "directory.confirm", ObjectType: "directory_service", ObjectID: 0, Detail: serviceID}, func(tx *store.Tx, t *auditTarget) error {
		s, err := maintainedService(ctx, tx, actor, serviceID)
		if err != nil {
			return err
		}
		if !outcome.Valid() {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"outcome": "error.required"}}
		}
		old := ""
		if !s.Confirmation.At.IsZero() {
			old = s.Confirmation.At.Format("2006-01-02")
		}
		s.Confirmation = directory.Confirmation{At: tx.Now(), By: actor.User.Email, Outcome: outcome}
		if outcome == directory.ConfirmClosed {
			if err := tx.AddHistory(ctx, directory.DirectoryChange{ResourceID: s.ID, ResourceType: "service", FieldName: "status",
				PreviousValue: string(s.Status), ReplacementValue: string(directory.ServiceDefunct), UpdatedBy: actor.User.Email, ActionType: "update"}); err != nil {
				return err
			}
			s.Status = directory.ServiceDefunct
		}
		s.LastModified = tx.Now()
		if err := tx.PutService(ctx, s); err != nil {
			return err
		}
		if err := tx.AddHistory(ctx, directory.DirectoryChange{ResourceID: s.ID, ResourceType: "service", FieldName: "assured_date",
			PreviousValue: old, ReplacementValue: tx.Now().Format("2006-01-02"), UpdatedBy: actor.User.Email, ActionType: "update"}); err != nil {
			return err
		}
		t.Detail = s.ID + " " + string(outcome)
		return nil
	})
	return err
}

// ToVerify lists the services whose confirmation is older than the
// network's stale period (or missing), oldest first: every one for a
// network moderator, their organisations' for an organisation's editor.
func (a *DirectoryService) ToVerify(ctx context.Context, actor berceau.Actor, limit int) ([]directory.DirectoryService, error) {
	before := a.now().Add(-a.DirectoryStaleAfter(ctx))
	var list []directory.DirectoryService
	err := a.read(ctx, actor, "", nil, func(tx *store.Tx) error {
		m, err := maintainerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !m.any() {
			return notMaintainer()
		}
		list, err = tx.StaleServices(ctx, before, limit, m.editorID())
		return err
	})
	return list, domainError(err)
}

// MissingTranslation lists, for a directory maintainer, the services they
// keep up whose name or description exists in some language but not in
// lang: what a translator of that language has left to do. At most limit.
func (a *DirectoryService) MissingTranslation(ctx context.Context, actor berceau.Actor, lang string, limit int) ([]directory.DirectoryService, error) {
	var list []directory.DirectoryService
	err := a.read(ctx, actor, "", nil, func(tx *store.Tx) error {
		m, err := maintainerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !m.any() {
			return notMaintainer()
		}
		all, err := tx.ActiveServices(ctx, m.editorID())
		for _, s := range all {
			if len(list) < limit && (s.Name.Missing(lang) || s.Description.Missing(lang)) {
				list = append(list, s)
			}
		}
		return err
	})
	return list, domainError(err)
}
