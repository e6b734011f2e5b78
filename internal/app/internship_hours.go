package app

import (
	"context"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// InternshipPage is one internship as its people see it: its weeks of
// hours, evaluations and what the actor may do.
type InternshipPage struct {
	Internship  training.Internship
	SiteName    string
	Kind        training.InternshipKind
	Field       training.StudyField
	Supervisors []berceau.User
	Weeks       []training.WeekHours
	Evaluations []training.Evaluation
	Form        []training.EvaluationField
	Names       map[int64]string // the people the weeks and evaluations name
	SignedHours int              // minutes countersigned

	CanLog      bool // the intern (or, for an intern without account, a supervisor or coordinator)
	CanSign     bool // a supervisor on site
	CanEvaluate bool
	CanEdit     bool // keeps the site's register
}

// SignedMinutes is the countersigned time of the internship.
func (p InternshipPage) SignedMinutes() int {
	total := 0
	for _, w := range p.Weeks {
		if w.Signed {
			total += w.SignedMinutes
		}
	}
	return total
}

// mayLog reports whether the actor logs the hours of the internship: its
// intern; for an intern who does not use Berceau, a supervisor or a
// coordinator on their behalf.
func (r internshipRole) mayLog(i training.Internship) bool {
	if i.InternUserID != 0 {
		return r.intern
	}
	return r.supervisor || r.keeps
}

// OpenInternship reads one internship for its intern, supervisors and the
// coordinators who keep it; audited as one read.
func (a *InternshipService) OpenInternship(ctx context.Context, actor berceau.Actor, id int64) (InternshipPage, error) {
	var p InternshipPage
	err := a.readAudited(ctx, actor, "internship.read", "internship", id, func(tx *store.Tx) (string, error) {
		i, role, err := internshipFor(ctx, tx, actor, id)
		if err != nil {
			return "", err
		}
		p.Internship = i
		p.CanLog, p.CanSign, p.CanEvaluate, p.CanEdit = role.mayLog(i), role.supervisor, role.supervisor, role.keeps
		lists, err := readInternshipLists(ctx, tx)
		if err != nil {
			return "", err
		}
		p.Kind, _ = lists.KindByID(i.KindID)
		p.Field, _ = lists.FieldByID(i.FieldID)
		p.Form = lists.EvaluationFields
		site, err := internshipSite(ctx, tx, i.SiteID)
		if err != nil {
			return "", err
		}
		p.SiteName = site.Name
		for _, sid := range i.SupervisorIDs {
			u, err := tx.UserByID(ctx, sid)
			if err != nil {
				return "", err
			}
			p.Supervisors = append(p.Supervisors, u)
		}
		if p.Weeks, err = tx.InternshipWeeks(ctx, id); err != nil {
			return "", err
		}
		if p.Evaluations, err = tx.Evaluations(ctx, id); err != nil {
			return "", err
		}
		p.Names = map[int64]string{}
		for _, w := range p.Weeks {
			p.Names[w.LoggedBy], p.Names[w.SignedBy] = "", ""
		}
		for _, e := range p.Evaluations {
			p.Names[e.ByUserID] = ""
		}
		for uid := range p.Names {
			if uid == 0 {
				continue
			}
			u, err := tx.UserByID(ctx, uid)
			if err != nil && !berceau.IsNotFound(err) {
				return "", err
			}
			p.Names[uid] = u.DisplayName
		}
		p.SignedHours = p.SignedMinutes()
		return "", nil
	})
	return p, domainError(err)
}

// LogWeek records the hours of one ISO week (its Monday) of an internship:
// the intern's own, or on their behalf when they do not use Berceau. A
// week already countersigned is not changed.
func (a *InternshipService) LogWeek(ctx context.Context, actor berceau.Actor, internshipID int64, week time.Time, minutes int, note string) (training.WeekHours, error) {
	w := training.WeekHours{InternshipID: internshipID, Week: training.WeekStart(week), LoggedMinutes: minutes,
		Note: strings.TrimSpace(note), LoggedBy: actor.User.ID}
	if week.IsZero() {
		w.Week = time.Time{}
	}
	target := auditTarget{Action: "internship.log_week", ObjectType: "internship", ObjectID: internshipID}
	err := a.write(ctx, actor, berceau.PermInternshipsTakePart, target, func(tx *store.Tx, t *auditTarget) error {
		i, role, err := internshipFor(ctx, tx, actor, internshipID)
		if err != nil {
			return err
		}
		if !role.mayLog(i) {
			return &authError{err: berceau.Errorf(berceau.KindForbidden, "internship.error.not_yours_to_log"), detail: "not the intern"}
		}
		if err := training.ValidateWeek(i, w.Week, minutes, w.Note, a.now()); err != nil {
			return err
		}
		if old, err := tx.InternshipWeekOf(ctx, internshipID, w.Week); err == nil && old.Signed {
			return berceau.Errorf(berceau.KindConflict, "internship.error.week_signed")
		} else if err != nil && !berceau.IsNotFound(err) {
			return err
		}
		t.Detail = training.ISOWeekValue(w.Week) + " " + training.HoursText(minutes) + " h"
		return tx.LogInternshipWeek(ctx, &w)
	})
	return w, err
}

// Countersign signs a week of hours as one of the internship's supervisors
// working on its site: the intern's figure as it is, or a corrected one
// with a note saying why (the intern's figure stays beside it). The intern
// never countersigns their own hours, nor does anyone else.
func (a *InternshipService) Countersign(ctx context.Context, actor berceau.Actor, internshipID, weekID int64, minutes int, note string) error {
	note = strings.TrimSpace(note)
	target := auditTarget{Action: "internship.countersign", ObjectType: "internship", ObjectID: internshipID}
	return a.write(ctx, actor, berceau.PermInternshipsTakePart, target, func(tx *store.Tx, t *auditTarget) error {
		i, role, err := internshipFor(ctx, tx, actor, internshipID)
		if err != nil {
			return err
		}
		if role.intern {
			return &authError{err: berceau.Errorf(berceau.KindForbidden, "internship.error.own_hours"), detail: "the intern's own hours"}
		}
		if !role.supervisor {
			return &authError{err: berceau.Errorf(berceau.KindForbidden, "internship.error.not_supervisor"), detail: "not a supervisor on site"}
		}
		w, err := tx.InternshipWeek(ctx, i.ID, weekID)
		if err != nil {
			return err
		}
		if w.Signed {
			return berceau.Errorf(berceau.KindConflict, "internship.error.week_signed")
		}
		fields := map[string]string{}
		if minutes < 0 || minutes > training.MaxWeekMinutes {
			fields["hours"] = "internship.error.hours_range"
		}
		if minutes != w.LoggedMinutes && note == "" {
			fields["sign_note"] = "internship.error.correction_note"
		}
		if len([]rune(note)) > training.MaxNoteLength {
			fields["sign_note"] = "internship.error.too_long"
		}
		if len(fields) > 0 {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
		}
		t.Detail = training.ISOWeekValue(w.Week) + " " + training.HoursText(minutes) + " h"
		if minutes != w.LoggedMinutes {
			t.Detail += " (corrected from " + training.HoursText(w.LoggedMinutes) + " h)"
		}
		return tx.SignInternshipWeek(ctx, w.ID, minutes, actor.User.ID, note)
	})
}

// Evaluate writes a supervisor's evaluation of the intern at one stage
// (mid-term or end), answers by field id; writing a stage again replaces it.
func (a *InternshipService) Evaluate(ctx context.Context, actor berceau.Actor, internshipID int64, stage training.EvaluationStage, answers map[int64]string) error {
	target := auditTarget{Action: "internship.evaluate", ObjectType: "internship", ObjectID: internshipID, Detail: string(stage)}
	return a.write(ctx, actor, berceau.PermInternshipsTakePart, target, func(tx *store.Tx, t *auditTarget) error {
		_, role, err := internshipFor(ctx, tx, actor, internshipID)
		if err != nil {
			return err
		}
		if !role.supervisor {
			return &authError{err: berceau.Errorf(berceau.KindForbidden, "internship.error.not_supervisor"), detail: "not a supervisor on site"}
		}
		if !stage.Valid() {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"stage": "internship.error.stage"}}
		}
		form, err := tx.EvaluationFields(ctx)
		if err != nil {
			return err
		}
		clean, err := training.CleanAnswers(form, answers)
		if err != nil {
			return err
		}
		return tx.SaveEvaluation(ctx, &training.Evaluation{InternshipID: internshipID, Stage: stage, Answers: clean, ByUserID: actor.User.ID})
	})
}

// UnsignedWeek is a week waiting for the supervisor's countersignature.
type UnsignedWeek struct {
	training.WeekHours
	InternName string
}

// unsignedWeeksTx lists the weeks of the internships userID supervises
// that wait for a countersignature more than training.OverdueAfter after
// their last day (for their day's page).
func unsignedWeeksTx(ctx context.Context, tx *store.Tx, userID int64, today time.Time) ([]UnsignedWeek, error) {
	// A week is overdue when today - (Monday + 6 days) > 14 days.
	lastMonday := training.Civil(today).Add(-training.OverdueAfter).AddDate(0, 0, -7)
	weeks, err := tx.UnsignedWeeksSupervisedBy(ctx, userID, lastMonday)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	var out []UnsignedWeek
	for _, w := range weeks {
		if !w.Overdue(today) {
			continue
		}
		name, ok := names[w.InternshipID]
		if !ok {
			i, err := tx.InternshipByID(ctx, w.InternshipID)
			if err != nil {
				return nil, err
			}
			name, names[w.InternshipID] = i.InternName, i.InternName
		}
		out = append(out, UnsignedWeek{WeekHours: w, InternName: name})
	}
	return out, nil
}
