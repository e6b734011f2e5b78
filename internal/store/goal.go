package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// CreateGoal adds a goal to a family's action plan and sets its ID; the goal
// starts at version 1. Its notes, if any, are not written: see AddGoalNote.
func (tx *Tx) CreateGoal(ctx context.Context, g *care.Goal) error {
	id, err := tx.insertID(ctx, `INSERT INTO plan_goals (family_id, words, orientation, sub_objective, status, progress,
		target_date, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id`,
		g.FamilyID, g.Words, g.Orientation, g.SubObjective, string(g.Status), g.Progress, nullDate(g.TargetDate), tx.now)
	if err != nil {
		return wrapErr("create goal", err)
	}
	g.ID, g.Version = id, 1
	return nil
}

// GoalsOfFamily reads a family's action plan, oldest goal first, each with
// its notes in the order they were written (two queries, whatever the
// number of goals).
func (tx *Tx) GoalsOfFamily(ctx context.Context, familyID int64) ([]care.Goal, error) {
	var goals []care.Goal
	index := map[int64]int{}
	if err := tx.eachRow(ctx, "read goals of family", func(row rowScanner) error {
		var g care.Goal
		var status string
		var target sql.NullTime
		if err := row.Scan(&g.ID, &g.FamilyID, &g.Words, &g.Orientation, &g.SubObjective, &status, &g.Progress, &target, &g.Version); err != nil {
			return err
		}
		g.Status, g.TargetDate = care.GoalStatus(status), civil(target)
		index[g.ID] = len(goals)
		goals = append(goals, g)
		return nil
	}, `SELECT id, family_id, words, orientation, sub_objective, status, progress, target_date, version
		FROM plan_goals WHERE family_id = $1 ORDER BY id`, familyID); err != nil {
		return nil, err
	}
	if len(goals) == 0 {
		return goals, nil
	}
	if err := tx.eachRow(ctx, "read the notes of a family's goals", func(row rowScanner) error {
		var goalID int64
		var n care.ProgressNote
		if err := row.Scan(&goalID, &n.At, &n.Text, &n.Internal, &n.By); err != nil {
			return err
		}
		if i, ok := index[goalID]; ok {
			goals[i].Notes = append(goals[i].Notes, n)
		}
		return nil
	}, `SELECT n.goal_id, n.at, n.text, n.internal, n.author FROM goal_notes n
		JOIN plan_goals g ON g.id = n.goal_id WHERE g.family_id = $1 ORDER BY n.at, n.id`, familyID); err != nil {
		return nil, err
	}
	return goals, nil

}

// UpdateGoal writes a goal's fields only if nobody changed it since it was
// read: the row must still be at g.Version, which the write then bumps. A
// goal changed in the meantime gives a conflict (the caller re-reads it and
// shows the other person's change); a goal that is not in the family, not
// found. Notes are not touched.
func (tx *Tx) UpdateGoal(ctx context.Context, g care.Goal) error {
	res, err := tx.exec(ctx, `UPDATE plan_goals SET words = $1, orientation = $2, sub_objective = $3, status = $4, progress = $5,
		target_date = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND family_id = $9 AND version = $10`,
		g.Words, g.Orientation, g.SubObjective, string(g.Status), g.Progress, nullDate(g.TargetDate), tx.now,
		g.ID, g.FamilyID, g.Version)
	if err != nil {
		return wrapErr("update goal", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return wrapErr("update goal", err)
	}
	if n == 1 {
		return nil
	}
	var one int
	err = tx.queryRow(ctx, `SELECT 1 FROM plan_goals WHERE id = $1 AND family_id = $2`, g.ID, g.FamilyID).Scan(&one)
	if err != nil {
		return notFound(wrapErr("update goal", err), "error.not_found_message")
	}
	return &berceau.Error{Kind: berceau.KindConflict, Key: "plan.goal_changed"}
}

// AddGoalNote adds a dated note to a goal of the family, stamped with the
// transaction's time.
func (tx *Tx) AddGoalNote(ctx context.Context, familyID, goalID int64, n *care.ProgressNote) error {
	if strings.TrimSpace(n.Text) == "" {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"text": "error.required"}}
	}
	var id int64
	err := tx.queryRow(ctx, `INSERT INTO goal_notes (goal_id, at, text, internal, author)
		SELECT id, $1, $2, $3, $4 FROM plan_goals WHERE id = $5 AND family_id = $6 RETURNING id`,
		tx.now, n.Text, n.Internal, n.By, goalID, familyID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return &berceau.Error{Kind: berceau.KindNotFound, Key: "error.not_found_message", Cause: err}
	}
	if err != nil {
		return wrapErr("add goal note", err)
	}
	n.At = tx.now
	return nil
}
