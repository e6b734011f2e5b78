package app

import (
	"context"
	"sort"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// MyDay is a worker's day: the contacts planned today and this week (in
// order of date and time of day), the families they follow that are behind
// their rhythm (most behind first), the team decisions waiting for their
// confirmation, the referrals whose follow-up is due, and the reassessments
// coming due.
type MyDay struct {
	Today       []care.Contact
	ThisWeek    []care.Contact // after today, within seven days
	Behind      []FamilyRhythm
	FollowUps   []care.Referral
	Reassess    []ReassessmentDue
	Awaiting    []DecisionAwaiting    // team decisions waiting for the worker's confirmation
	Unsigned    []UnsignedWeek        // interns' weeks waiting over 14 days for the worker's countersignature
	Families    map[int64]care.Family // every family named on the page
	FollowedNow int                   // families the worker follows as key worker
}

// ReassessmentDue is a family whose reassessment is due on a date.
type ReassessmentDue struct {
	FamilyID int64
	Due      time.Time
}

// OpenMyDay reads the actor's day in one transaction: the families they
// follow as key worker (and those they visit this week) in scope, with one
// audit entry.
func (a *CareService) OpenMyDay(ctx context.Context, actor berceau.Actor, today time.Time) (MyDay, error) {
	day := MyDay{Families: map[int64]care.Family{}}
	y, m, d := today.Date()
	today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	err := a.scopedReadAudited(ctx, actor, berceau.PermFamiliesRead, "family.my_day", func(tx *store.Tx, scope berceau.FamilyScope) (string, error) {
		followed, err := tx.FamiliesFollowedBy(ctx, scope, actor.User.ID)
		if err != nil {
			return "", err
		}
		day.FollowedNow = len(followed)
		ids := make([]int64, len(followed))
		for i, f := range followed {
			ids[i], day.Families[f.ID] = f.ID, f
		}
		planned, err := tx.PlannedContactsOf(ctx, actor.User.ID, today, today.AddDate(0, 0, 7))
		if err != nil {
			return "", err
		}
		for _, c := range planned {
			if _, ok := day.Families[c.FamilyID]; !ok {
				f, err := tx.FamilyByID(ctx, c.FamilyID)
				if err != nil || !care.ScopeCovers(scope, f) {
					continue // a file moved out of the worker's scope since
				}
				day.Families[f.ID] = f
			}
			if c.On.Equal(today) {
				day.Today = append(day.Today, c)
			} else {
				day.ThisWeek = append(day.ThisWeek, c)
			}
		}
		changes, err := tx.IntensityChangesOf(ctx, ids)
		if err != nil {
			return "", err
		}
		// Only the last contact that took place counts for the rhythm: one
		// row per family rather than every contact of its history.
		last, err := tx.LastContactsOf(ctx, ids, today)
		if err != nil {
			return "", err
		}
		for _, id := range ids {
			var records []care.ContactRecord
			if on, ok := last[id]; ok {
				records = []care.ContactRecord{{On: on, Outcome: care.ContactDone}}
			}
			if days, ok := care.DaysBehind(changes[id], records, today); ok && days > 0 {
				day.Behind = append(day.Behind, FamilyRhythm{FamilyID: id, DaysBehind: days, Level: levelInForce(changes[id], today)})
			}
		}
		open, err := tx.OpenReferralsOf(ctx, ids)
		if err != nil {
			return "", err
		}
		for _, r := range open {
			if r.FollowUpDue(today) {
				day.FollowUps = append(day.FollowUps, r)
			}
		}
		if day.Reassess, err = reassessmentsDue(ctx, tx, ids, today); err != nil {
			return "", err
		}
		if day.Unsigned, err = unsignedWeeksTx(ctx, tx, actor.User.ID, today); err != nil {
			return "", err
		}
		return "", day.readAwaiting(ctx, tx, actor, scope)
	})
	sortBehind(day.Behind)
	return day, domainError(err)
}

// readAwaiting reads the team decisions the actor was proposed to take
// part in and has not confirmed, of the files of their scope.
func (day *MyDay) readAwaiting(ctx context.Context, tx *store.Tx, actor berceau.Actor, scope berceau.FamilyScope) (err error) {
	day.Awaiting, err = decisionsAwaitingIn(ctx, tx, actor, scope, day.Families)
	return err
}

// reassessmentsDue lists the families whose reassessment reminder is on,
// soonest due first.
func reassessmentsDue(ctx context.Context, tx *store.Tx, ids []int64, today time.Time) ([]ReassessmentDue, error) {
	enrollments, err := tx.OpenEnrollmentsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	last, err := tx.LastReassessmentsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	programmes, err := tx.ListProgrammes(ctx)
	if err != nil {
		return nil, err
	}
	bySlug := map[string]care.Programme{}
	for _, p := range programmes {
		bySlug[p.Slug] = p
	}
	var out []ReassessmentDue
	for _, id := range ids {
		e, ok := enrollments[id]
		if !ok {
			continue
		}
		since := e.StartDate
		if l, ok := last[id]; ok && l.After(since) {
			since = l
		}
		p := bySlug[e.Programme]
		due := p.ReassessmentDue(since)
		if p.ReassessmentReminder(due, today) {
			out = append(out, ReassessmentDue{FamilyID: id, Due: due})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out, nil
}

func sortBehind(list []FamilyRhythm) {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].DaysBehind != list[j].DaysBehind {
			return list[i].DaysBehind > list[j].DaysBehind
		}
		return list[i].FamilyID < list[j].FamilyID
	})
}

// Caseload is one key worker's load at the coordinator's sites.
type Caseload struct {
	Worker        berceau.User
	Families      int
	WeeklyVisits  float64 // contacts per week the levels in force prescribe
	OpenReferrals int
}

// SilentFamily is a followed family without a contact for a while.
type SilentFamily struct {
	Family      care.Family
	LastContact time.Time // zero: none ever took place
	Days        int       // since the last contact, or since the file was opened
}

// CoordinatorView is the coordinator's page: every key worker's caseload
// weighted by intensity, the files without a key worker, and the families
// without a contact for silentDays days.
type CoordinatorView struct {
	Caseloads  []Caseload
	Unassigned []care.Family
	Silent     []SilentFamily
	SilentDays int
}

// OpenCoordinatorView reads the followed families of the sites the actor
// coordinates, with one audit entry.
func (a *CareService) OpenCoordinatorView(ctx context.Context, actor berceau.Actor, today time.Time, silentDays int) (CoordinatorView, error) {
	view := CoordinatorView{SilentDays: silentDays}
	y, m, d := today.Date()
	today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	err := a.scopedReadAudited(ctx, actor, berceau.PermAssignments, "family.caseloads", func(tx *store.Tx, scope berceau.FamilyScope) (string, error) {
		// Only the coordinated sites: a coordinator's own care team is in the
		// scope too, but its files are in those sites already.
		scope = berceau.FamilyScope{SiteIDs: scope.SiteIDs}
		families, err := tx.FollowedFamilies(ctx, scope)
		if err != nil {
			return "", err
		}
		ids := make([]int64, len(families))
		for i, f := range families {
			ids[i] = f.ID
		}
		changes, err := tx.IntensityChangesOf(ctx, ids)
		if err != nil {
			return "", err
		}
		open, err := tx.OpenReferralsOf(ctx, ids)
		if err != nil {
			return "", err
		}
		last, err := tx.LastContactsOf(ctx, ids, today)
		if err != nil {
			return "", err
		}
		enrollments, err := tx.OpenEnrollmentsOf(ctx, ids)
		if err != nil {
			return "", err
		}
		users, err := tx.ListUsers(ctx)
		if err != nil {
			return "", err
		}
		byUser := map[int64]*Caseload{}
		for _, u := range users {
			byUser[u.ID] = &Caseload{Worker: u}
		}
		referralsOf := map[int64]int{}
		for _, r := range open {
			referralsOf[r.FamilyID]++
		}
		for _, f := range families {
			// Silence counts from the last contact that took place, or
			// from the start of the follow-up when none ever did.
			since, ok := last[f.ID]
			s := SilentFamily{Family: f, LastContact: since}
			if !ok {
				since = enrollments[f.ID].StartDate
				if since.IsZero() {
					since = f.CreatedAt.UTC()
				}
			}
			if s.Days = int(today.Sub(since).Hours() / 24); s.Days >= silentDays {
				view.Silent = append(view.Silent, s)
			}
			c, ok := byUser[f.KeyWorkerID]
			if f.KeyWorkerID == 0 || !ok {
				view.Unassigned = append(view.Unassigned, f)
				continue
			}
			c.Families++
			c.OpenReferrals += referralsOf[f.ID]
			if lvl := levelInForce(changes[f.ID], today); lvl.IntervalDays > 0 {
				c.WeeklyVisits += 7 / float64(lvl.IntervalDays)
			}
		}
		for _, c := range byUser {
			if c.Families > 0 {
				view.Caseloads = append(view.Caseloads, *c)
			}
		}
		return "", nil
	})
	sort.SliceStable(view.Caseloads, func(i, j int) bool {
		if view.Caseloads[i].WeeklyVisits != view.Caseloads[j].WeeklyVisits {
			return view.Caseloads[i].WeeklyVisits > view.Caseloads[j].WeeklyVisits
		}
		return view.Caseloads[i].Worker.ID < view.Caseloads[j].Worker.ID
	})
	sort.SliceStable(view.Silent, func(i, j int) bool { return view.Silent[i].Days > view.Silent[j].Days })
	return view, domainError(err)
}
