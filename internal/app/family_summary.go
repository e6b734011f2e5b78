package app

import (
	"context"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// FamilySummary is the header every page of a family file opens with: who
// the family is, where the pregnancy or the youngest child stands, the
// programme and level, the key worker, the status, what is late, and the
// next planned contact.
type FamilySummary struct {
	Family        care.Family
	Programme     string // slug of the open enrollment's programme; "" when none
	Level         care.IntensityLevel
	KeyWorker     string // the key worker's name; "" when none
	DaysBehind    int    // days behind the rhythm; 0 when on time
	FollowUpsDue  int    // open referrals whose follow-up date has come
	ReassessDue   time.Time
	ReassessSoon  bool // the reassessment reminder is on
	Next          care.Contact
	HasNext       bool
	Today         time.Time
	GestWeeks     int // the youngest pregnancy's age, when HasGestation
	GestDays      int
	HasGestation  bool
	YoungestChild time.Time // birth date of the youngest child; zero when none
}

// Late reports whether anything of the file is late.
func (s FamilySummary) Late() bool { return s.DaysBehind > 0 || s.FollowUpsDue > 0 || s.ReassessSoon }

// summarizeFamily reads a family's summary inside a read the caller
// authorized and audits: a handful of indexed reads, the same whatever the
// length of the file's history.
func summarizeFamily(ctx context.Context, tx *store.Tx, f care.Family, today time.Time) (FamilySummary, error) {
	s := FamilySummary{Family: f, Today: today}
	ids := []int64{f.ID}
	open, err := tx.OpenEnrollmentsOf(ctx, ids)
	if err != nil {
		return s, err
	}
	var programme care.Programme
	e, enrolled := open[f.ID]
	if enrolled {
		s.Programme = e.Programme
		if programme, err = tx.ProgrammeBySlug(ctx, e.Programme); err != nil {
			return s, err
		}
	}
	if f.Status.Followed() { // a closed file (or one in screening) keeps no rhythm
		changes, err := tx.IntensityChangesOf(ctx, ids)
		if err != nil {
			return s, err
		}
		last, err := tx.LastContactsOf(ctx, ids, today)
		if err != nil {
			return s, err
		}
		var records []care.ContactRecord
		if on, ok := last[f.ID]; ok {
			records = []care.ContactRecord{{On: on, Outcome: care.ContactDone}}
		}
		if days, ok := care.DaysBehind(changes[f.ID], records, today); ok {
			s.DaysBehind, s.Level = max(days, 0), levelInForce(changes[f.ID], today)
		}
	}
	referrals, err := tx.OpenReferralsOf(ctx, ids)
	if err != nil {
		return s, err
	}
	for _, r := range referrals {
		if r.FollowUpDue(today) {
			s.FollowUpsDue++
		}
	}
	if enrolled {
		since := e.StartDate
		reassessed, err := tx.LastReassessmentsOf(ctx, ids)
		if err != nil {
			return s, err
		}
		if l, ok := reassessed[f.ID]; ok && l.After(since) {
			since = l
		}
		s.ReassessDue = programme.ReassessmentDue(since)
		s.ReassessSoon = programme.ReassessmentReminder(s.ReassessDue, today)
	}
	if s.KeyWorker, err = keyWorkerName(ctx, tx, f, nil); err != nil {
		return s, err
	}
	if s.Next, s.HasNext, err = tx.NextPlannedContact(ctx, f.ID, today); err != nil {
		return s, err
	}
	s.ages()
	return s, nil
}

// ages finds the pregnancy's age (the soonest due) and the youngest child.
func (s *FamilySummary) ages() {
	var due time.Time
	for _, m := range s.Family.Members {
		if w, d, ok := m.GestationalAge(s.Today); ok && (due.IsZero() || m.DueDate.Before(due)) {
			due, s.GestWeeks, s.GestDays, s.HasGestation = m.DueDate, w, d, true
		}
		if m.Role == care.MemberChild && !m.BirthDate.IsZero() && m.BirthDate.After(s.YoungestChild) {
			s.YoungestChild = m.BirthDate
		}
	}
}

// OpenFamilySummary reads the summary header of a family file, in one read
// transaction with one audit entry, for the pages of the file whose own read
// does not carry it (the family and follow-up pages do).
func (a *CareService) OpenFamilySummary(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (FamilySummary, error) {
	return a.readFamilyPage(ctx, actor, "family.read", familyID, today, nil)
}

// civilDay is a date's civil day at midnight UTC, as schedules count days.
func civilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
