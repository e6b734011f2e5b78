package store

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// programmeOrientations reads a programme's action-plan orientations with
// their sub-objectives, in order.
func (tx *Tx) programmeOrientations(ctx context.Context, programmeID int64) ([]care.Orientation, error) {
	var list []care.Orientation
	index := map[string]int{}
	if err := tx.eachRow(ctx, "read programme orientations", func(row rowScanner) error {
		var code, parent string
		var fr, en string
		if err := row.Scan(&code, &parent, &fr, &en); err != nil {
			return err
		}
		name := berceau.TextOf("fr", fr, "en", en)
		if parent == "" {
			index[code] = len(list)
			list = append(list, care.Orientation{ID: code, Name: name})
			return nil
		}
		if i, ok := index[parent]; ok {
			list[i].SubObjectives = append(list[i].SubObjectives, care.SubObjective{ID: code, Name: name})
		}
		return nil
	}, `SELECT code, orientation_code, name_fr, name_en FROM programme_domains
		WHERE programme_id = $1 ORDER BY position`, programmeID); err != nil {
		return nil, err
	}
	return list, nil
}

// DomainNames names every orientation and sub-objective code of every
// programme, for goals shown after their family changed programme.
func (tx *Tx) DomainNames(ctx context.Context) (map[string]berceau.Text, error) {
	names := map[string]berceau.Text{}
	if err := tx.eachRow(ctx, "read domain names", func(row rowScanner) error {
		var code string
		var fr, en string
		if err := row.Scan(&code, &fr, &en); err != nil {
			return err
		}
		names[code] = berceau.TextOf("fr", fr, "en", en)
		return nil
	}, `SELECT code, name_fr, name_en FROM programme_domains ORDER BY programme_id, position`); err != nil {
		return nil, err
	}
	return names, nil
}
