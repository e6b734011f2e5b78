package store

import (
	"context"

	"github.com/berceau/berceau"
)

// SuggestionOfUser is a suggestion with the name of its service, for the
// page where its author follows what became of it.
type SuggestionOfUser struct {
	berceau.Suggestion
	ServiceNameFR, ServiceNameEN string
}

// SuggestionsBy lists a user's suggestions, newest first, at most limit.
func (tx *Tx) SuggestionsBy(ctx context.Context, userID int64, limit int) ([]SuggestionOfUser, error) {
	rows, err := tx.query(ctx, `SELECT `+suggestionColumns+`, COALESCE(svc.name_fr, ''), COALESCE(svc.name_en, '')
		FROM directory_suggestions s JOIN users u ON u.id = s.proposed_by
		LEFT JOIN directory_services svc ON svc.id = s.service_id
		WHERE s.proposed_by = $1 ORDER BY s.created_at DESC, s.id DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []SuggestionOfUser
	for rows.Next() {
		var o SuggestionOfUser
		var fr, en string
		s, err := scanSuggestion(scanTail{rows, []any{&fr, &en}})
		if err != nil {
			return nil, err
		}
		o.Suggestion, o.ServiceNameFR, o.ServiceNameEN = s, fr, en
		list = append(list, o)
	}
	return list, rows.Err()
}

// scanTail scans a row into scanSuggestion's columns and then into more.
type scanTail struct {
	row  interface{ Scan(...any) error }
	more []any
}

func (s scanTail) Scan(dest ...any) error { return s.row.Scan(append(dest, s.more...)...) }
