package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// FollowUp is everything the follow-up page of a family shows: its level
// and rhythm, contacts (sensitive notes only of the compartments the reader
// was granted), plan, referrals and reassessments.
type FollowUp struct {
	Family        care.Family
	Enrollment    care.Enrollment // the open enrollment; zero when none
	Programme     care.Programme  // its programme, with levels and reassessment rhythm
	Levels        []care.LevelChange
	Level         care.IntensityLevel // in force today; zero when none
	DaysBehind    int
	Expected28    float64        // contacts the levels prescribed over the last 28 days
	Done28        int            // contacts that took place over the last 28 days
	Contacts      []care.Contact // every contact, or the latest ones (OpenFollowUpRecent)
	ContactsTotal int            // how many contacts the family has
	records       []care.ContactRecord
	Goals         []care.Goal
	Referrals     []care.Referral
	Reassessments []care.Reassessment
	ReassessDue   time.Time // zero when the programme sets no rhythm
	ReassessSoon  bool      // the reminder is on
	CareTeam      []berceau.User
	Granted       map[care.Compartment]bool
	Hidden        int           // sensitive notes the reader may not read
	Summary       FamilySummary // the file's header, from the same read
	// GlassUntil is when the actor's break-the-glass opening of the file
	// ends; zero when they read it without one (OpenFollowUpRecent only).
	GlassUntil time.Time
}

// grantedCompartments reads the compartments the actor may read in a
// family's file: none without the sensitive-data permission, whatever was
// granted, and none outside the family's care team (a coordinator of the
// site, or someone who broke the glass, sees that notes exist, not what
// they say).
func grantedCompartments(ctx context.Context, tx *store.Tx, actor berceau.Actor, familyID int64) (map[care.Compartment]bool, error) {
	none := map[care.Compartment]bool{}
	if !actor.Can(berceau.PermFamiliesSensitive) {
		return none, nil
	}
	member, err := tx.InFamilysCareTeam(ctx, actor.User.ID, familyID)
	if err != nil || !member {
		return none, err
	}
	grants, err := tx.CompartmentGrants(ctx, []int64{actor.User.ID})
	if g := grants[actor.User.ID]; g != nil {
		return g, err
	}
	return none, err
}

// OpenFollowUp reads a family's follow-up in one read transaction, then
// writes its audit entry (which names the compartments whose notes were
// shown) before returning it.
func (a *CareService) OpenFollowUp(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (FollowUp, error) {
	return a.OpenFollowUpRecent(ctx, actor, familyID, today, 0)
}

// OpenFollowUpRecent is OpenFollowUp showing only the recent latest contacts
// (0: all of them); the rhythm still counts every contact. A file of 300
// contacts spent most of its page's time reading and rendering rows nobody
// scrolls to.
func (a *CareService) OpenFollowUpRecent(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time, recent int) (FollowUp, error) {
	var fu FollowUp
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.followup.read", func(tx *store.Tx, f care.Family) (string, error) {
		detail, err := fu.read(ctx, tx, actor, f, today, recent)
		if err != nil {
			return "", err
		}
		fu.GlassUntil, err = glassUntil(ctx, tx, actor, familyID)
		return detail, err
	})
	if err != nil {
		return fu, domainError(err)
	}
	fu.rhythm(today)
	fu.summarize(today)
	return fu, nil
}

// ContactView is the page of one contact: the contact as the actor may read
// it, and the file's follow-up for the form's choices (team, members,
// goals) and header.
type ContactView struct {
	FollowUp FollowUp
	Contact  care.Contact
}

// OpenContact reads one contact of a file with what its form needs, in one
// read transaction with one audit entry (family.contact.read). A contact of
// another file named under this one is not found.
func (a *CareService) OpenContact(ctx context.Context, actor berceau.Actor, familyID, contactID int64, today time.Time) (ContactView, error) {
	var v ContactView
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.contact.read", func(tx *store.Tx, f care.Family) (string, error) {
		c, err := tx.ContactByID(ctx, contactID)
		if err != nil {
			return "", err
		}
		if c.FamilyID != familyID {
			return "", berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		if _, err := v.FollowUp.read(ctx, tx, actor, f, today, 1); err != nil {
			return "", err
		}
		v.Contact = c.Redacted(v.FollowUp.Granted)
		return "contact " + strconv.FormatInt(contactID, 10), nil
	})
	if err != nil {
		return ContactView{}, err
	}
	v.FollowUp.rhythm(today)
	v.FollowUp.summarize(today)
	return v, nil
}

// read reads a file's follow-up inside tx, the family already authorized;
// it returns the audit detail (which names the sensitive compartments shown).
func (fu *FollowUp) read(ctx context.Context, tx *store.Tx, actor berceau.Actor, f care.Family, today time.Time, recent int) (string, error) {
	familyID := f.ID
	var err error
	fu.Family = f
	if fu.Granted, err = grantedCompartments(ctx, tx, actor, familyID); err != nil {
		return "", err
	}
	open, err := tx.OpenEnrollmentsOf(ctx, []int64{familyID})
	if err != nil {
		return "", err
	}
	if e, ok := open[familyID]; ok {
		fu.Enrollment = e
		if fu.Programme, err = tx.ProgrammeBySlug(ctx, e.Programme); err != nil {
			return "", err
		}
	}
	if fu.Levels, err = tx.IntensityChanges(ctx, familyID); err != nil {
		return "", err
	}
	records, err := tx.ContactRecordsOf(ctx, []int64{familyID})
	if err != nil {
		return "", err
	}
	fu.records, fu.ContactsTotal = records[familyID], len(records[familyID])
	if recent > 0 && fu.ContactsTotal > recent {
		fu.Contacts, err = tx.RecentContactsOfFamily(ctx, familyID, recent)
	} else {
		fu.Contacts, err = tx.ContactsOfFamily(ctx, familyID)
	}
	if err != nil {
		return "", err
	}
	if fu.Goals, err = tx.GoalsOfFamily(ctx, familyID); err != nil {
		return "", err
	}
	if fu.Referrals, err = tx.ReferralsOfFamily(ctx, familyID); err != nil {
		return "", err
	}
	if fu.Reassessments, err = tx.ReassessmentsOfFamily(ctx, familyID); err != nil {
		return "", err
	}
	if fu.Family.TeamID != 0 {
		if fu.CareTeam, err = tx.TeamMembers(ctx, fu.Family.TeamID); err != nil {
			return "", err
		}
	}
	if fu.Summary.Next, fu.Summary.HasNext, err = tx.NextPlannedContact(ctx, familyID, civilDay(today)); err != nil {
		return "", err
	}
	if fu.Summary.KeyWorker, err = keyWorkerName(ctx, tx, fu.Family, fu.CareTeam); err != nil {
		return "", err
	}
	var shown []string
	seen := map[care.Compartment]bool{}
	for i, c := range fu.Contacts {
		if c.Compartment == "" {
			continue
		}
		if fu.Granted[c.Compartment] {
			if !seen[c.Compartment] {
				seen[c.Compartment] = true
				shown = append(shown, string(c.Compartment))
			}
			continue
		}
		fu.Contacts[i] = c.Redacted(fu.Granted)
		fu.Hidden++
	}
	detail := "follow-up"
	if len(shown) > 0 {
		detail += "; sensitive: " + strings.Join(shown, ",")
	}
	return detail, nil
}

// summarize fills the file's header from what the follow-up read: no
// query of its own but the next planned contact and the key worker's name.
func (fu *FollowUp) summarize(today time.Time) {
	s := &fu.Summary
	s.Family, s.Today, s.Programme = fu.Family, civilDay(today), fu.Enrollment.Programme
	s.DaysBehind, s.Level = max(fu.DaysBehind, 0), fu.Level
	for _, r := range fu.Referrals {
		if r.FollowUpDue(today) {
			s.FollowUpsDue++
		}
	}
	s.ReassessDue, s.ReassessSoon = fu.ReassessDue, fu.ReassessSoon
	s.ages()
}

// keyWorkerName names a family's key worker, from its care team when they
// are in it.
func keyWorkerName(ctx context.Context, tx *store.Tx, f care.Family, team []berceau.User) (string, error) {
	if f.KeyWorkerID == 0 {
		return "", nil
	}
	for _, u := range team {
		if u.ID == f.KeyWorkerID {
			return u.DisplayName, nil
		}
	}
	u, err := tx.UserByID(ctx, f.KeyWorkerID)
	if berceau.IsNotFound(err) {
		return "", nil
	}
	return u.DisplayName, err
}

// rhythm computes the level in force, the days behind, the last four
// weeks' expected and done contacts and the next reassessment.
func (fu *FollowUp) rhythm(today time.Time) {
	records := fu.records
	from := today.AddDate(0, 0, -28)
	fu.Done28 = care.DoneContacts(records, from, today.AddDate(0, 0, 1))
	if !fu.Family.Status.Followed() {
		return // a closed file (or one in screening) keeps no rhythm
	}
	if days, ok := care.DaysBehind(fu.Levels, records, today); ok {
		fu.DaysBehind, fu.Level = days, levelInForce(fu.Levels, today)
	}
	fu.Expected28 = care.ExpectedContacts(fu.Levels, from, today.AddDate(0, 0, 1))
	since := fu.Enrollment.StartDate
	if len(fu.Reassessments) > 0 {
		since = fu.Reassessments[0].On
	}
	if fu.Enrollment.ID != 0 {
		fu.ReassessDue = fu.Programme.ReassessmentDue(since)
		fu.ReassessSoon = fu.Programme.ReassessmentReminder(fu.ReassessDue, today)
	}
}

// GroupAttendance is one family's attendance at a group meeting.
type GroupAttendance struct {
	FamilyID  int64
	Present   bool
	MemberIDs []int64
}

// RecordGroupMeeting records one group meeting of several families: each
// family's attendance becomes its own contact (done when present, missed
// when absent), all in one transaction, with one audit entry per family.
// Every family must be in the actor's scope (its own site is kept on its
// file; the meeting's site only says where the meeting was held, and must
// be one of the actor's sites); both are checked again inside the
// transaction that writes.
func (a *CareService) recordGroupMeeting(ctx context.Context, actor berceau.Actor, g store.GroupMeeting, workerIDs []int64,
	attendance []GroupAttendance) (store.GroupMeeting, error) {
	fields := map[string]string{}
	g.Title = strings.TrimSpace(g.Title)
	if g.Title == "" {
		fields["title"] = "error.required"
	}
	if g.On.IsZero() {
		fields["on"] = "error.required"
	}
	if g.Minutes < 0 || g.Minutes > care.MaxContactMinutes {
		fields["minutes"] = "contact.minutes_range"
	}
	if len(attendance) == 0 {
		fields["families"] = "group.families_required"
	}
	if len(fields) > 0 {
		return g, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	if len(workerIDs) == 0 {
		workerIDs = []int64{actor.User.ID}
	}
	// Several files at once: each is authorized, inside the transaction
	// that writes, like familyWrite authorizes one.
	var refusedFamily int64
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		for _, at := range attendance {
			if _, err := authorizeFamily(ctx, tx, actor, berceau.PermFamiliesWrite, at.FamilyID, true); err != nil {
				refusedFamily = at.FamilyID
				return err
			}
		}
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return err
		}
		if err := checkGroupSite(ctx, tx, scope, g.SiteID); err != nil {
			return err
		}
		for _, at := range attendance {
			if err := checkWorkers(ctx, tx, actor, at.FamilyID, workerIDs, nil); err != nil {
				return err
			}
		}
		if err := tx.CreateGroupMeeting(ctx, &g, actor.User.ID); err != nil {
			return err
		}
		for _, at := range attendance {
			outcome := care.ContactMissed
			if at.Present {
				outcome = care.ContactDone
			}
			c := care.Contact{FamilyID: at.FamilyID, Kind: care.ContactGroupMeeting, On: g.On, Minutes: g.Minutes,
				Outcome: outcome, WorkerIDs: workerIDs, MemberIDs: at.MemberIDs, GroupID: g.ID, Notes: g.Title}
			if err := tx.CreateContact(ctx, &c, actor.User.ID); err != nil {
				return err
			}
			if err := record(ctx, tx, actor, "family.group_meeting", "family", at.FamilyID, berceau.OutcomeSuccess, string(outcome)); err != nil {
				return err
			}
		}
		return nil
	})
	if e, ok := asAuthError(err); ok {
		a.recordAlone(ctx, actor, "family.group_meeting", "family", refusedFamily, berceau.OutcomeDenied, e.detail)
		return g, e.err
	}
	switch berceau.KindOf(err) {
	case berceau.KindInvalid, berceau.KindNotFound:
		a.recordAlone(ctx, actor, "family.group_meeting", "site", g.SiteID, berceau.OutcomeDenied, refusalKey(err))
	}
	return g, domainError(err)
}

// checkGroupSite refuses, inside the transaction that records a group
// meeting, a site outside the actor's reach: one they coordinate or one of
// their care teams' sites. An unknown site is refused the same way.
func checkGroupSite(ctx context.Context, tx *store.Tx, scope berceau.FamilyScope, siteID int64) error {
	if containsID(scope.SiteIDs, siteID) {
		return nil
	}
	teamSites, err := tx.SitesOfTeams(ctx, scope.TeamIDs)
	if err != nil {
		return err
	}
	if !containsID(teamSites, siteID) {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
			Fields: map[string]string{"site": "hardening_scope.group_site_not_allowed"}}
	}
	return nil
}
