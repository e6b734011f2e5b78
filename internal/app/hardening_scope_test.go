package app

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// scopeWorld is the demo network at a fixed date with one file at
// Parc-Extension (the nurse's team) and one at Saint-Gilles (the midwife's).
type scopeWorld struct {
	a                  *App
	st                 *store.Store
	actor              func(string) berceau.Actor
	sites, teams       map[string]int64
	parcEx, saintGille care.Family
}

func newScopeWorld(t *testing.T, st *store.Store) scopeWorld {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 10, 14, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return now })
	a, actor, sites, teams := demoWorld(t, st)
	w := scopeWorld{a: a, st: st, actor: actor, sites: sites, teams: teams}
	var err error
	w.parcEx, _, err = a.Care.CreateFamily(ctx, actor("infirmiere@berceau.example"), haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
	if err != nil {
		t.Fatal(err)
	}
	w.saintGille, _, err = a.Care.CreateFamily(ctx, actor("sage-femme@berceau.example"), care.Family{
		SiteID: sites["mille-jours-saint-gilles"], TeamID: teams["saint-gilles-1000-jours"], Languages: "peul, français",
		Members: []care.HouseholdMember{
			{Role: care.MemberPregnantPerson, GivenName: "Awa", Surname: "Diallo", BirthDate: day("1994-07-10")},
			{Role: care.MemberUnborn, Surname: "Diallo", DueDate: day("2027-03-02")},
		}}, true)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// audits counts the audit entries of exactly action, about family id, with
// outcome.
func (w scopeWorld) audits(t *testing.T, action string, familyID int64, outcome berceau.AuditOutcome) int {
	t.Helper()
	var page berceau.AuditPage
	err := w.st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		page, err = tx.ListAudit(context.Background(), berceau.AuditFilter{Action: action, ObjectType: "family",
			ObjectID: itoaApp(familyID), PageSize: 200})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range page.Entries {
		if e.Action == action && e.Outcome == outcome {
			n++
		}
	}
	return n
}

// contacts counts a family's contacts.
func (w scopeWorld) contacts(t *testing.T, familyID int64) int {
	t.Helper()
	var list []care.Contact
	err := w.st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		list, err = tx.ContactsOfFamily(context.Background(), familyID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func fieldOf(err error) map[string]string {
	if e, ok := err.(*berceau.Error); ok {
		return e.Fields
	}
	return nil
}

// Item 12 and 10: a group meeting is held at one of the actor's sites; an
// unknown site or another organisation's site is refused on the site field
// inside the transaction, nothing is written and the refusal is audited.
func TestAGroupMeetingIsHeldAtOneOfTheActorsSites(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newScopeWorld(t, st)
		nurse := w.actor("infirmiere@berceau.example")
		contacts := w.contacts(t, w.parcEx.ID)
		attendance := []GroupAttendance{{FamilyID: w.parcEx.ID, Present: true}}
		for name, site := range map[string]int64{"another organisation's site": w.sites["mille-jours-saint-gilles"], "an unknown site": 999999} {
			_, err := w.a.Care.RecordGroupMeeting(ctx, nurse, GroupMeeting{SiteID: site, Title: "Atelier portage", On: day("2026-11-09"), Minutes: 90},
				nil, attendance)
			if berceau.KindOf(err) != berceau.KindInvalid || fieldOf(err)["site"] != "hardening_scope.group_site_not_allowed" {
				t.Fatalf("%s: %v, want invalid on the site field", name, err)
			}
		}
		if w.contacts(t, w.parcEx.ID) != contacts {
			t.Fatal("a refused group meeting was written")
		}
		var page berceau.AuditPage
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: "family.group_meeting", ObjectType: "site", ObjectID: "999999"})
			return err
		})
		if page.Total != 1 || page.Entries[0].Outcome != berceau.OutcomeDenied {
			t.Fatalf("the refused site is not audited: %+v", page.Entries)
		}
		if _, err := w.a.Care.RecordGroupMeeting(ctx, nurse, GroupMeeting{SiteID: w.sites["premiers-pas-parc-ex"], Title: "Atelier portage",
			On: day("2026-11-09"), Minutes: 90}, nil, attendance); err != nil {
			t.Fatalf("a meeting at the nurse's own site: %v", err)
		}
	})
}

// Item 12 and 10: a contact's workers are active members of the family's
// care team or coordinators of its site, allowed to follow families.
func TestAContactsWorkersBelongToTheFamilysCareTeam(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newScopeWorld(t, st)
		nurse := w.actor("infirmiere@berceau.example")
		contact := func(workers ...int64) care.Contact {
			return care.Contact{FamilyID: w.parcEx.ID, Kind: care.ContactHomeVisit, On: day("2026-11-09"), Minutes: 60,
				Outcome: care.ContactDone, WorkerIDs: workers}
		}
		contacts := w.contacts(t, w.parcEx.ID)
		refused := map[string]int64{
			"a midwife of another organisation":      w.actor("sage-femme@berceau.example").User.ID,
			"an unknown account":                     999999,
			"an administrator (no family files)":     w.actor("admin@berceau.example").User.ID,
			"a physician of another site of the org": w.actor("medecin@berceau.example").User.ID,
		}
		for name, id := range refused {
			_, err := w.a.Care.RecordContact(ctx, nurse, contact(nurse.User.ID, id))
			if berceau.KindOf(err) != berceau.KindInvalid || fieldOf(err)["workers"] != "hardening_scope.workers_not_allowed" {
				t.Fatalf("%s as worker: %v, want invalid on the workers field", name, err)
			}
		}
		if w.contacts(t, w.parcEx.ID) != contacts {
			t.Fatal("a refused contact was written")
		}
		if n := w.audits(t, "family.contact", w.parcEx.ID, berceau.OutcomeFailure); n != len(refused) {
			t.Fatalf("%d refused contacts audited, want %d", n, len(refused))
		}
		trainee, coordinator := w.actor("stagiaire@berceau.example"), w.actor("coordination@berceau.example")
		c, err := w.a.Care.RecordContact(ctx, nurse, contact(nurse.User.ID, trainee.User.ID, coordinator.User.ID))
		if err != nil {
			t.Fatalf("the team's trainee and the site's coordinator as workers: %v", err)
		}
		// A worker who has since left the team stays on the contact it was
		// recorded with; a new outsider is still refused on an edit.
		if err := w.a.Admin.SetTeams(ctx, w.actor("admin@berceau.example"), trainee.User.ID, nil); err != nil {
			t.Fatal(err)
		}
		c.Notes = "Visite faite à deux."
		if c, err = w.a.Care.EditContact(ctx, nurse, c); err != nil {
			t.Fatalf("editing a contact whose worker left the team: %v", err)
		}
		c.WorkerIDs = append(c.WorkerIDs, refused["a midwife of another organisation"])
		if _, err := w.a.Care.EditContact(ctx, nurse, c); fieldOf(err)["workers"] != "hardening_scope.workers_not_allowed" {
			t.Fatalf("an outsider added on an edit: %v", err)
		}
	})
}

// Item 10: the administrator's site and team pickers refuse ids that name
// nothing (or a site of another organisation) on their field, instead of a
// foreign-key failure.
func TestRoleGrantsAndTeamsNameRealPlaces(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newScopeWorld(t, st)
		admin, member := w.actor("admin@berceau.example"), w.actor("membre@berceau.example")
		var brussels int64
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			sites, err := tx.ListSites(ctx)
			for _, s := range sites {
				if s.ID == w.sites["mille-jours-saint-gilles"] {
					brussels = s.OrganisationID
				}
			}
			return err
		})
		parcEx := w.sites["premiers-pas-parc-ex"]
		bad := map[string]berceau.RoleGrant{
			"an unknown site":                {Role: berceau.RolePractitioner, OrganisationID: brussels, SiteID: 999999},
			"an unknown organisation":        {Role: berceau.RoleNetworkMember, OrganisationID: 999999},
			"a site of another organisation": {Role: berceau.RolePractitioner, OrganisationID: brussels, SiteID: parcEx},
		}
		for name, g := range bad {
			if err := w.a.Admin.SetRoles(ctx, admin, member.User.ID, []berceau.RoleGrant{g}); fieldOf(err)["roles"] != "hardening_scope.grant_place_unknown" {
				t.Errorf("SetRoles with %s: %v", name, err)
			}
			if _, err := w.a.Accounts.Invite(ctx, admin, Invitation{Email: "nouvelle@berceau.example", DisplayName: "Nouvelle", Locale: "fr",
				Roles: []berceau.RoleGrant{g}}); fieldOf(err)["roles"] != "hardening_scope.grant_place_unknown" {
				t.Errorf("Invite with %s: %v", name, err)
			}
		}
		if err := w.a.Admin.SetTeams(ctx, admin, member.User.ID, []int64{w.teams["parc-ex-perinatalite"], 999999}); fieldOf(err)["teams"] != "hardening_scope.team_unknown" {
			t.Errorf("SetTeams with an unknown team: %v", err)
		}
		if got := w.actor("membre@berceau.example"); len(got.User.Roles) != len(member.User.Roles) {
			t.Fatalf("a refused grant changed the roles: %+v", got.User.Roles)
		}
		if err := w.a.Admin.SetRoles(ctx, admin, member.User.ID, []berceau.RoleGrant{{Role: berceau.RoleNetworkMember, OrganisationID: brussels}}); err != nil {
			t.Fatalf("a real organisation: %v", err)
		}
	})
}

// Item 11: the duplicate check shows nothing of a file the worker may not
// open — no id, no name, one line per site — and every file it matched is
// audited, shown or not.
func TestTheDuplicateProbeShowsOnlyWhatTheWorkerMaySeeAndIsAudited(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newScopeWorld(t, st)
		second, _, err := w.a.Care.CreateFamily(ctx, w.actor("infirmiere@berceau.example"), haddad(w.sites["premiers-pas-parc-ex"], w.teams["parc-ex-perinatalite"]), true)
		if err != nil {
			t.Fatal(err)
		}
		midwife := w.actor("sage-femme@berceau.example")
		_, dups, err := w.a.Care.CreateFamily(ctx, midwife, haddad(w.sites["mille-jours-saint-gilles"], w.teams["saint-gilles-1000-jours"]), false)
		if berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("possible duplicates elsewhere: %v", err)
		}
		if len(dups) != 1 || !dups[0].Elsewhere || dups[0].FamilyID != 0 || dups[0].SiteID != w.sites["premiers-pas-parc-ex"] ||
			dups[0].Member != (care.HouseholdMember{}) {
			t.Fatalf("the midwife sees of two Parc-Extension files: %+v", dups)
		}
		for _, id := range []int64{w.parcEx.ID, second.ID} {
			if w.audits(t, "family.duplicate_check", id, berceau.OutcomeSuccess) != 1 {
				t.Fatalf("the probe that matched file %d is not audited", id)
			}
		}
		nurse := w.actor("infirmiere@berceau.example")
		if _, dups, _ = w.a.Care.CreateFamily(ctx, nurse, haddad(w.sites["premiers-pas-parc-ex"], w.teams["parc-ex-perinatalite"]), false); len(dups) != 2 ||
			dups[0].Elsewhere || dups[0].FamilyID != w.parcEx.ID || dups[0].Member.GivenName != "Yasmine" {
			t.Fatalf("the nurse's own duplicates: %+v", dups)
		}
		if w.audits(t, "family.duplicate_check", w.parcEx.ID, berceau.OutcomeSuccess) != 2 {
			t.Fatal("the nurse's probe is not audited")
		}
	})
}

// Item 11: the coordinator's "who opened this file" answers a file of
// another site exactly like a missing one, and audits both.
func TestTheAccessLogAnswersAnotherSitesFileLikeAMissingOne(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newScopeWorld(t, st)
		coordinator := w.actor("coordination@berceau.example")
		_, otherErr := w.a.Care.FileAccessLog(ctx, coordinator, w.saintGille.ID, 1)
		_, missingErr := w.a.Care.FileAccessLog(ctx, coordinator, 999999, 1)
		if !berceau.IsNotFound(otherErr) || !berceau.IsNotFound(missingErr) || otherErr.Error() != missingErr.Error() {
			t.Fatalf("another site's file: %v; a missing one: %v", otherErr, missingErr)
		}
		for _, id := range []int64{w.saintGille.ID, 999999} {
			if w.audits(t, "family.access_log.read", id, berceau.OutcomeDenied) != 1 {
				t.Fatalf("the refused access-log read of %d is not audited", id)
			}
		}
	})
}

// Item 13: every read of a family's data and every refusal leaves an audit
// entry about the family id that was tried: one row per case.
func TestEveryFamilyReadAndDenialIsAudited(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newScopeWorld(t, st)
		nurse, midwife := w.actor("infirmiere@berceau.example"), w.actor("sage-femme@berceau.example")
		coordinator, doctor := w.actor("coordination@berceau.example"), w.actor("medecin@berceau.example")
		mine, theirs := w.parcEx.ID, w.saintGille.ID

		// Records of other files, named under the nurse's own file.
		theirContact, err := w.a.Care.RecordContact(ctx, midwife, care.Contact{FamilyID: theirs, Kind: care.ContactCall,
			On: day("2026-11-09"), Minutes: 20, Outcome: care.ContactDone})
		if err != nil {
			t.Fatal(err)
		}
		theirReferral, err := w.a.Care.ProposeReferral(ctx, midwife, care.Referral{FamilyID: theirs, ExternalResource: "Maison de naissance",
			Partner: "Maison de naissance", Reason: "Suivi de grossesse"})
		if err != nil {
			t.Fatal(err)
		}
		sibling, _, err := w.a.Care.CreateFamily(ctx, nurse, care.Family{SiteID: w.sites["premiers-pas-parc-ex"], TeamID: w.teams["parc-ex-perinatalite"],
			Members: []care.HouseholdMember{{Role: care.MemberParent, GivenName: "Lina", Surname: "Saber", BirthDate: day("1990-01-15")}}}, true)
		if err != nil {
			t.Fatal(err)
		}
		social := w.actor("travail.social@berceau.example")
		siblingDecision, err := w.a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: sibling.ID, Verdict: care.VerdictAdmit,
			Rationale: "Isolement marqué.", ParticipantIDs: []int64{nurse.User.ID, social.User.ID}})
		if err != nil {
			t.Fatal(err)
		}

		cases := []struct {
			name     string
			action   string
			familyID int64
			outcome  berceau.AuditOutcome
			do       func() error
		}{
			{"consents of another site's file", "family.consent.read", theirs, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.Consents(ctx, nurse, theirs); return err }},
			{"consents of a missing file", "family.consent.read", 999999, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.Consents(ctx, nurse, 999999); return err }},
			{"withdrawing a consent of another site's file", "family.consent.withdraw", theirs, berceau.OutcomeDenied,
				func() error { return w.a.Care.WithdrawConsent(ctx, nurse, theirs, 1) }},
			{"another family's child under one's own file", "family.birth", mine, berceau.OutcomeDenied,
				func() error {
					return w.a.Care.RecordBirth(ctx, nurse, mine, w.saintGille.Members[1].ID, day("2026-11-08"), "Nour")
				}},
			{"the coordinator's access-log view", "family.access_log.read", mine, berceau.OutcomeSuccess,
				func() error { _, err := w.a.Care.FileAccessLog(ctx, coordinator, mine, 1); return err }},
			{"breaking the glass on a missing file", "family.break_glass", 999999, berceau.OutcomeDenied,
				func() error {
					_, err := w.a.Care.BreakGlass(ctx, doctor, 999999, "Consultation en urgence pour le nourrisson")
					return err
				}},
			{"the follow-up of another site's file", "family.followup.read", theirs, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.OpenFollowUp(ctx, nurse, theirs, day("2026-11-10")); return err }},
			{"another family's contact under one's own file", "family.contact.read", mine, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.Contact(ctx, nurse, mine, theirContact.ID); return err }},
			{"another family's referral under one's own file", "family.referral.read", mine, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.Referral(ctx, nurse, mine, theirReferral.ID); return err }},
			{"another family's decision under one's own file", "family.decision.read", mine, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.Decision(ctx, nurse, mine, siblingDecision.ID); return err }},
			{"the care team of another site's file", "family.care_team.read", theirs, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.CareTeam(ctx, nurse, theirs); return err }},
			{"the decision participants of another site's file", "family.decision.participants", theirs, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.DecisionParticipants(ctx, nurse, theirs); return err }},
			{"the decisions of another site's file", "family.decision.list", theirs, berceau.OutcomeDenied,
				func() error { _, err := w.a.Care.FamilyDecisions(ctx, nurse, theirs); return err }},
			{"the contact details of another site's file", "family.contact", theirs, berceau.OutcomeDenied,
				func() error {
					return w.a.Care.UpdateContact(ctx, nurse, care.Family{ID: theirs, Phone: "514 555-0199"})
				}},
			{"the duplicate probe", "family.duplicate_check", theirs, berceau.OutcomeSuccess,
				func() error {
					_, _, err := w.a.Care.CreateFamily(ctx, nurse, care.Family{SiteID: w.sites["premiers-pas-parc-ex"], TeamID: w.teams["parc-ex-perinatalite"],
						Members: []care.HouseholdMember{{Role: care.MemberPregnantPerson, GivenName: "Awa", Surname: "Diallo", BirthDate: day("1994-07-10")}}}, false)
					if berceau.KindOf(err) != berceau.KindConflict {
						t.Errorf("the probe found no duplicate: %v", err)
					}
					return nil
				}},
		}
		for _, c := range cases {
			before := w.audits(t, c.action, c.familyID, c.outcome)
			err := c.do()
			if c.outcome == berceau.OutcomeDenied && err == nil {
				t.Errorf("%s: not refused", c.name)
			}
			if c.outcome == berceau.OutcomeSuccess && err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			if w.audits(t, c.action, c.familyID, c.outcome) <= before {
				t.Errorf("%s: no %s entry (%s) about family %d", c.name, c.action, c.outcome, c.familyID)
			}
		}
	})
}
