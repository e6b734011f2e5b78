package store

import (
	"context"

	"github.com/berceau/berceau/directory"
)

// SuggestionOfUser is a suggestion with the name of its service, for the
// page where its author follows what became of it.
type SuggestionOfUser struct {
	directory.Suggestion
	ServiceNameFR, ServiceNameEN string
}

// SuggestionsBy lists a user's suggestions, newest first, at most limit.
func (tx *Tx) SuggestionsBy(ctx context.Context, userID int64, limit int) ([]SuggestionOfUser, error) {
	return queryAll(ctx, tx, "list the suggestions of a user", func(row rowScanner) (SuggestionOfUser, error) {
		var fr, en string
		s, err := scanSuggestion(scanTail{row, []any{&fr, &en}})
		return SuggestionOfUser{Suggestion: s, ServiceNameFR: fr, ServiceNameEN: en}, err
	}, `SELECT `+suggestionColumns+`, COALESCE(svc.name_fr, ''), COALESCE(svc.name_en, '')
		FROM directory_suggestions s JOIN users u ON u.id = s.proposed_by
		LEFT JOIN directory_services svc ON svc.id = s.service_id
		WHERE s.proposed_by = $1 ORDER BY s.created_at DESC, s.id DESC LIMIT $2`, userID, limit)

}

// scanTail scans a row into scanSuggestion's columns and then into more.
type scanTail struct {
	row  interface{ Scan(...any) error }
	more []any
}

func (s scanTail) Scan(dest ...any) error { return s.row.Scan(append(dest, s.more...)...) }
