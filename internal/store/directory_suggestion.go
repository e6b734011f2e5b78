package store

import (
	"context"
	"database/sql"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// AddSuggestion stores a proposed change and sets its id.
func (tx *Tx) AddSuggestion(ctx context.Context, s *directory.Suggestion) error {
	id, err := tx.insertID(ctx, `INSERT INTO directory_suggestions (service_id, field_name, current_value, proposed_value, note, proposed_by, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) RETURNING id`,
		s.ServiceID, s.Field, s.CurrentValue, s.ProposedValue, s.Note, s.ProposedBy, tx.now)
	s.ID, s.Status, s.CreatedAt = id, directory.SuggestionOpen, tx.now
	return wrapErr("add suggestion", err)
}

const suggestionColumns = `s.id, s.service_id, s.field_name, s.current_value, s.proposed_value, s.note, s.proposed_by, u.display_name,
	s.status, COALESCE(s.decided_by, 0), s.decided_at, s.created_at`

func scanSuggestion(row interface{ Scan(...any) error }) (directory.Suggestion, error) {
	var s directory.Suggestion
	var status string
	var decided sql.NullTime
	err := row.Scan(&s.ID, &s.ServiceID, &s.Field, &s.CurrentValue, &s.ProposedValue, &s.Note, &s.ProposedBy, &s.ProposerName,
		&status, &s.DecidedBy, &decided, &s.CreatedAt)
	s.Status = directory.SuggestionStatus(status)
	if decided.Valid {
		s.DecidedAt = decided.Time.UTC()
	}
	s.CreatedAt = s.CreatedAt.UTC()
	return s, err
}

// SuggestionByID reads one suggestion.
func (tx *Tx) SuggestionByID(ctx context.Context, id int64) (directory.Suggestion, error) {
	s, err := scanSuggestion(tx.queryRow(ctx, `SELECT `+suggestionColumns+` FROM directory_suggestions s JOIN users u ON u.id = s.proposed_by
		WHERE s.id = $1`, id))
	return s, notFound(wrapErr("read suggestion by ID", err), "directory.error.suggestion_not_found")
}

// editedBy narrows a query on directory_services (aliased svc) to the
// services of the organisations a user edits, when editorID is set.
func editedBy(editorID int64, arg string) string {
	if editorID == 0 {
		return ""
	}
	return ` AND svc.organization_id IN (SELECT organization_id FROM directory_organization_editors WHERE user_id = ` + arg + `)`
}

// OpenSuggestions lists open suggestions, oldest first; of one service
// when serviceID is set; of the services of the organisations editorID
// edits when it is set.
func (tx *Tx) OpenSuggestions(ctx context.Context, serviceID string, editorID int64) ([]directory.Suggestion, error) {
	var list []directory.Suggestion
	if err := tx.eachRow(ctx, "read open suggestions", func(row rowScanner) error {
		s, err := scanSuggestion(row)
		if err != nil {
			return err
		}
		list = append(list, s)
		return nil
	}, `SELECT `+suggestionColumns+` FROM directory_suggestions s JOIN users u ON u.id = s.proposed_by
		JOIN directory_services svc ON svc.id = s.service_id
		WHERE s.status = 'open' AND ($1 = '' OR s.service_id = $1)`+editedBy(editorID, "$2")+` ORDER BY s.created_at, s.id`,
		append([]any{serviceID}, editorArg(editorID)...)...); err != nil {
		return nil, err
	}
	return list, nil
}

// DecideSuggestion closes an open suggestion; a decided one is a conflict.
func (tx *Tx) DecideSuggestion(ctx context.Context, id int64, status directory.SuggestionStatus, by int64) error {
	res, err := tx.exec(ctx, `UPDATE directory_suggestions SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'open'`,
		string(status), by, tx.now, id)
	if err != nil {
		return wrapErr("decide suggestion", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "directory.error.already_decided"}
	}
	return nil
}

func editorArg(editorID int64) []any {
	if editorID == 0 {
		return nil
	}
	return []any{editorID}
}

// StaleServices lists active services never confirmed or confirmed before
// the given time, oldest first; of the organisations editorID edits when
// it is set.
func (tx *Tx) StaleServices(ctx context.Context, before any, limit int, editorID int64) ([]directory.DirectoryService, error) {
	var list []directory.DirectoryService
	if err := tx.eachRow(ctx, "read stale services", func(row rowScanner) error {
		s, err := scanService(row)
		if err != nil {
			return err
		}
		list = append(list, s)
		return nil
	}, `SELECT `+serviceColumns(Public)+` FROM directory_services svc
		WHERE status IN ('active', 'temporarily closed') AND (confirmed_at IS NULL OR confirmed_at < $1)`+editedBy(editorID, "$3")+`
		ORDER BY confirmed_at, id LIMIT $2`, append([]any{before, limit}, editorArg(editorID)...)...); err != nil {
		return nil, err
	}
	return list, nil
}

// ActiveServices lists the services open or temporarily closed, by id, of
// the organisations editorID edits (every one when editorID is 0): what
// their maintainers keep up, translations included.
func (tx *Tx) ActiveServices(ctx context.Context, editorID int64) ([]directory.DirectoryService, error) {
	return queryAll(ctx, tx, "read active services", scanService, `SELECT `+serviceColumns(Public)+` FROM directory_services svc
		WHERE status IN ('active', 'temporarily closed')`+editedBy(editorID, "$1")+` ORDER BY id`, editorArg(editorID)...)
}
