package app

import (
	"context"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// The register's lists (kinds of internship, fields of study, the
// evaluation form) and the fiscal year are the network's: its
// administrators edit them (internships.manage with the administration of
// organisations), coordinators only use them.

// listEditor checks inside tx that the actor edits the network's lists.
func internshipListEditor(actor berceau.Actor) error {
	if !actor.Can(berceau.PermInternshipsManage) || !actor.Can(berceau.PermAdminOrganisations) {
		return forbidden()
	}
	return nil
}

// checkText checks a multilingual name: at least one language, bounded.
func checkInternshipText(t berceau.Text, field string, fields map[string]string) {
	if t.Empty() {
		fields[field] = "internship.error.name_required"
		return
	}
	for _, lang := range i18n.Languages {
		if utf8.RuneCountInString(t.Get(lang)) > training.MaxLabelLength {
			fields[field] = "internship.error.too_long"
		}
	}
}

func internshipInvalid(fields map[string]string) error {
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// SaveInternshipKind adds a kind of internship (ID 0) or renames,
// reorders or retires one. A retired kind stays on the internships that
// have it and in past reports.
func (a *InternshipService) SaveInternshipKind(ctx context.Context, actor berceau.Actor, k training.InternshipKind) (training.InternshipKind, error) {
	target := auditTarget{Action: "internship.kind_save", ObjectType: "internship_kind", ObjectID: k.ID}
	err := a.write(ctx, actor, berceau.PermInternshipsManage, target, func(tx *store.Tx, t *auditTarget) error {
		if err := internshipListEditor(actor); err != nil {
			return err
		}
		fields := map[string]string{}
		checkInternshipText(k.Name, "name", fields)
		checkInternshipText(k.Plural, "plural", fields)
		if err := internshipInvalid(fields); err != nil {
			return err
		}
		if k.ID == 0 {
			kinds, err := tx.InternshipKinds(ctx)
			if err != nil {
				return err
			}
			k.Code = "custom-" + berceau.NewUUID()
			if k.Position == 0 {
				k.Position = len(kinds) + 1
			}
		}
		if err := tx.SaveInternshipKind(ctx, &k); err != nil {
			return err
		}
		t.ObjectID, t.Detail = k.ID, k.Name.String()
		return nil
	})
	return k, err
}

// SaveStudyField adds a field of study (ID 0) or renames, reorders or
// retires one.
func (a *InternshipService) SaveStudyField(ctx context.Context, actor berceau.Actor, f training.StudyField) (training.StudyField, error) {
	target := auditTarget{Action: "internship.field_save", ObjectType: "internship_field", ObjectID: f.ID}
	err := a.write(ctx, actor, berceau.PermInternshipsManage, target, func(tx *store.Tx, t *auditTarget) error {
		if err := internshipListEditor(actor); err != nil {
			return err
		}
		fields := map[string]string{}
		checkInternshipText(f.Name, "name", fields)
		if err := internshipInvalid(fields); err != nil {
			return err
		}
		if f.ID == 0 {
			all, err := tx.StudyFields(ctx)
			if err != nil {
				return err
			}
			f.Code = "custom-" + berceau.NewUUID()
			if f.Position == 0 {
				f.Position = len(all) + 1
			}
		}
		if err := tx.SaveStudyField(ctx, &f); err != nil {
			return err
		}
		t.ObjectID, t.Detail = f.ID, f.Name.String()
		return nil
	})
	return f, err
}

// SaveEvaluationField adds a question to the evaluation form (ID 0) or
// changes one; retiring keeps its past answers readable.
func (a *InternshipService) SaveEvaluationField(ctx context.Context, actor berceau.Actor, f training.EvaluationField) (training.EvaluationField, error) {
	target := auditTarget{Action: "internship.evaluation_field_save", ObjectType: "internship_evaluation_field", ObjectID: f.ID}
	err := a.write(ctx, actor, berceau.PermInternshipsManage, target, func(tx *store.Tx, t *auditTarget) error {
		if err := internshipListEditor(actor); err != nil {
			return err
		}
		fields := map[string]string{}
		checkInternshipText(f.Label, "label", fields)
		if !f.Kind.Valid() {
			fields["kind"] = "internship.error.field_kind"
		}
		if err := internshipInvalid(fields); err != nil {
			return err
		}
		if f.ID == 0 && f.Position == 0 {
			all, err := tx.EvaluationFields(ctx)
			if err != nil {
				return err
			}
			f.Position = len(all) + 1
		}
		if err := tx.SaveEvaluationField(ctx, &f); err != nil {
			return err
		}
		t.ObjectID, t.Detail = f.ID, f.Label.String()
		return nil
	})
	return f, err
}

// SetFiscalYearStart sets the month the organisation's fiscal year starts
// on (1–12), which the yearly report's default period follows.
func (a *InternshipService) SetFiscalYearStart(ctx context.Context, actor berceau.Actor, month int) error {
	target := auditTarget{Action: "internship.fiscal_year_start", ObjectType: "setting", Detail: strconv.Itoa(month)}
	return a.write(ctx, actor, berceau.PermInternshipsManage, target, func(tx *store.Tx, t *auditTarget) error {
		if err := internshipListEditor(actor); err != nil {
			return err
		}
		if month < 1 || month > 12 {
			return internshipInvalid(map[string]string{"fiscal_start": "internship.error.month"})
		}
		return tx.SetSetting(ctx, training.SettingFiscalYearStart, strconv.Itoa(int(time.Month(month))))
	})
}
