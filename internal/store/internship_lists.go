package store

import (
	"context"
	"encoding/json"

	"github.com/berceau/berceau/training"
)

// The register's configurable lists: kinds of internship, fields of study
// and the evaluation form's fields, in their order.

// InternshipKinds lists the kinds of internship, retired ones included.
func (tx *Tx) InternshipKinds(ctx context.Context) ([]training.InternshipKind, error) {
	return queryAll(ctx, tx, "list internship kinds", func(row rowScanner) (training.InternshipKind, error) {
		var k training.InternshipKind
		var name, plural string
		if err := row.Scan(&k.ID, &k.Code, &name, &plural, &k.Position, &k.Retired); err != nil {
			return k, err
		}
		var err error
		if k.Name, err = internshipText(name); err != nil {
			return k, internshipJSONErr("kind name", err)
		}
		k.Plural, err = internshipText(plural)
		return k, internshipJSONErr("kind plural", err)
	}, `SELECT id, code, name, plural, position, retired FROM internship_kinds ORDER BY position, id`)
}

// SaveInternshipKind adds a kind (ID 0) or changes one; k.ID is set.
func (tx *Tx) SaveInternshipKind(ctx context.Context, k *training.InternshipKind) error {
	if k.ID == 0 {
		id, err := tx.insertID(ctx, `INSERT INTO internship_kinds (code, name, plural, position, retired)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, k.Code, internshipTextJSON(k.Name), internshipTextJSON(k.Plural), k.Position, k.Retired)
		k.ID = id
		return wrapErr("add an internship kind", err)
	}
	return wrapErr("change an internship kind", affectedOne(tx.exec(ctx, `UPDATE internship_kinds SET name = $1, plural = $2,
		position = $3, retired = $4 WHERE id = $5`, internshipTextJSON(k.Name), internshipTextJSON(k.Plural), k.Position, k.Retired, k.ID)))
}

// StudyFields lists the fields of study, retired ones included.
func (tx *Tx) StudyFields(ctx context.Context) ([]training.StudyField, error) {
	return queryAll(ctx, tx, "list fields of study", func(row rowScanner) (training.StudyField, error) {
		var f training.StudyField
		var name string
		if err := row.Scan(&f.ID, &f.Code, &name, &f.Position, &f.Retired); err != nil {
			return f, err
		}
		var err error
		f.Name, err = internshipText(name)
		return f, internshipJSONErr("field name", err)
	}, `SELECT id, code, name, position, retired FROM internship_fields ORDER BY position, id`)
}

// SaveStudyField adds a field of study (ID 0) or changes one; f.ID is set.
func (tx *Tx) SaveStudyField(ctx context.Context, f *training.StudyField) error {
	if f.ID == 0 {
		id, err := tx.insertID(ctx, `INSERT INTO internship_fields (code, name, position, retired)
			VALUES ($1, $2, $3, $4) RETURNING id`, f.Code, internshipTextJSON(f.Name), f.Position, f.Retired)
		f.ID = id
		return wrapErr("add a field of study", err)
	}
	return wrapErr("change a field of study", affectedOne(tx.exec(ctx, `UPDATE internship_fields SET name = $1,
		position = $2, retired = $3 WHERE id = $4`, internshipTextJSON(f.Name), f.Position, f.Retired, f.ID)))
}

// EvaluationFields lists the evaluation form's fields, retired ones included.
func (tx *Tx) EvaluationFields(ctx context.Context) ([]training.EvaluationField, error) {
	return queryAll(ctx, tx, "list evaluation fields", func(row rowScanner) (training.EvaluationField, error) {
		var f training.EvaluationField
		var label, kind string
		if err := row.Scan(&f.ID, &label, &kind, &f.Position, &f.Retired); err != nil {
			return f, err
		}
		f.Kind = training.EvaluationFieldKind(kind)
		var err error
		f.Label, err = internshipText(label)
		return f, internshipJSONErr("evaluation field label", err)
	}, `SELECT id, label, kind, position, retired FROM internship_evaluation_fields ORDER BY position, id`)
}

// SaveEvaluationField adds a field to the form (ID 0) or changes one.
func (tx *Tx) SaveEvaluationField(ctx context.Context, f *training.EvaluationField) error {
	if f.ID == 0 {
		id, err := tx.insertID(ctx, `INSERT INTO internship_evaluation_fields (label, kind, position, retired)
			VALUES ($1, $2, $3, $4) RETURNING id`, internshipTextJSON(f.Label), string(f.Kind), f.Position, f.Retired)
		f.ID = id
		return wrapErr("add an evaluation field", err)
	}
	return wrapErr("change an evaluation field", affectedOne(tx.exec(ctx, `UPDATE internship_evaluation_fields SET label = $1,
		kind = $2, position = $3, retired = $4 WHERE id = $5`, internshipTextJSON(f.Label), string(f.Kind), f.Position, f.Retired, f.ID)))
}

// Evaluations lists an internship's evaluations, mid-term first.
func (tx *Tx) Evaluations(ctx context.Context, internshipID int64) ([]training.Evaluation, error) {
	return queryAll(ctx, tx, "list evaluations", func(row rowScanner) (training.Evaluation, error) {
		var e training.Evaluation
		var stage, answers string
		if err := row.Scan(&e.ID, &e.InternshipID, &stage, &answers, &e.ByUserID, &e.At); err != nil {
			return e, err
		}
		e.Stage = training.EvaluationStage(stage)
		return e, internshipJSONErr("evaluation answers", json.Unmarshal([]byte(answers), &e.Answers))
	}, `SELECT id, internship_id, stage, answers, COALESCE(by_user_id, 0), at FROM internship_evaluations
		WHERE internship_id = $1 ORDER BY CASE stage WHEN 'mid_term' THEN 0 ELSE 1 END`, internshipID)
}

// SaveEvaluation writes (or rewrites) the evaluation of one stage.
func (tx *Tx) SaveEvaluation(ctx context.Context, e *training.Evaluation) error {
	answers, err := json.Marshal(e.Answers)
	if err != nil {
		return wrapErr("save an evaluation", err)
	}
	e.At = tx.now
	e.ID, err = tx.insertID(ctx, `INSERT INTO internship_evaluations (internship_id, stage, answers, by_user_id, at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (internship_id, stage) DO UPDATE SET answers = excluded.answers,
		by_user_id = excluded.by_user_id, at = excluded.at RETURNING id`, e.InternshipID, string(e.Stage), string(answers), e.ByUserID, e.At)
	return wrapErr("save an evaluation", err)
}
