package store

import (
	"context"

	"github.com/berceau/berceau"
)

// programmeOrientations reads a programme's action-plan orientations with
// their sub-objectives, in order.
func (tx *Tx) programmeOrientations(ctx context.Context, programmeID int64) ([]berceau.Orientation, error) {
	rows, err := tx.query(ctx, `SELECT code, orientation_code, name_fr, name_en FROM programme_domains
		WHERE programme_id = $1 ORDER BY position`, programmeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []berceau.Orientation
	index := map[string]int{}
	for rows.Next() {
		var code, parent string
		var name berceau.Text
		if err := rows.Scan(&code, &parent, &name.FR, &name.EN); err != nil {
			return nil, err
		}
		if parent == "" {
			index[code] = len(list)
			list = append(list, berceau.Orientation{ID: code, Name: name})
			continue
		}
		if i, ok := index[parent]; ok {
			list[i].SubObjectives = append(list[i].SubObjectives, berceau.SubObjective{ID: code, Name: name})
		}
	}
	return list, rows.Err()
}

// DomainNames names every orientation and sub-objective code of every
// programme, for goals shown after their family changed programme.
func (tx *Tx) DomainNames(ctx context.Context) (map[string]berceau.Text, error) {
	rows, err := tx.query(ctx, `SELECT code, name_fr, name_en FROM programme_domains ORDER BY programme_id, position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[string]berceau.Text{}
	for rows.Next() {
		var code string
		var name berceau.Text
		if err := rows.Scan(&code, &name.FR, &name.EN); err != nil {
			return nil, err
		}
		names[code] = name
	}
	return names, rows.Err()
}
