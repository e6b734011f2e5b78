package app

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

func sippe(code string) care.IntensityLevel {
	for _, l := range care.SIPPELevels {
		if l.Code == code {
			return l
		}
	}
	panic("no SIPPE level " + code)
}

func TestFamiliesBehindTheirRhythmComeFirstAndMissedVisitsDoNotCount(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorldOn(t, st)
		nurse := actor("infirmiere@berceau.example")
		// Followed files (admitted): only they have a rhythm to keep.
		newFile := func() int64 {
			f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
			if err != nil {
				t.Fatal(err)
			}
			screenEligible(t, a, nurse, f.ID)
			if _, err := a.Care.Admit(ctx, nurse, f.ID, care.BasisCriteriaMet); err != nil {
				t.Fatal(err)
			}
			return f.ID
		}
		weekly, monthly, none := newFile(), newFile(), newFile()
		ago := func(days int) time.Time { return today.AddDate(0, 0, -days) }

		if err := a.Care.SetIntensity(ctx, nurse, weekly, sippe("1"), ago(30), "  "); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a level set without a reason: %v", err)
		}
		if err := a.Care.SetIntensity(ctx, nurse, weekly, sippe("1"), ago(30), "Grossesse à risque"); err != nil {
			t.Fatal(err)
		}
		if err := a.Care.SetIntensity(ctx, nurse, monthly, sippe("3"), ago(30), "Situation stable"); err != nil {
			t.Fatal(err)
		}
		done, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: weekly, Kind: care.ContactHomeVisit,
			On: ago(20), Minutes: 90, Outcome: care.ContactDone})
		if err != nil {
			t.Fatal(err)
		}
		if len(done.WorkerIDs) != 1 || done.WorkerIDs[0] != nurse.User.ID || done.Version != 1 {
			t.Fatalf("recorded contact: %+v", done)
		}
		if _, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: weekly, Kind: care.ContactHomeVisit,
			On: ago(3), Minutes: 0, Outcome: care.ContactMissed}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: none, Kind: care.ContactCall,
			On: ago(1), Minutes: 15, Outcome: care.ContactDone}); err != nil {
			t.Fatal(err)
		}

		all, err := a.Care.FamiliesBehind(ctx, nurse, today)
		if err != nil {
			t.Fatal(err)
		}
		// The demo's files have their own rhythm: keep this test's, in order.
		var behind []FamilyRhythm
		for _, b := range all {
			if b.FamilyID == weekly || b.FamilyID == monthly || b.FamilyID == none {
				behind = append(behind, b)
			}
		}
		want := []FamilyRhythm{{FamilyID: weekly, DaysBehind: 13, Level: sippe("1")}, {FamilyID: monthly, DaysBehind: 2, Level: sippe("3")}}
		if len(behind) != len(want) {
			t.Fatalf("families behind: %+v, want %+v", behind, want)
		}
		for i := range want {
			if behind[i] != want[i] {
				t.Errorf("rank %d: %+v, want %+v", i, behind[i], want[i])
			}
		}
		if got, _ := a.Care.FamiliesBehind(ctx, actor("sage-femme@berceau.example"), today); len(got) != 1 || got[0].FamilyID == weekly || got[0].FamilyID == monthly {
			t.Fatalf("a midwife of another site sees other rhythms than her demo file's: %+v", got)
		}

		var contacts []care.Contact
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { contacts, err = tx.ContactsOfFamily(ctx, weekly); return err })
		if len(contacts) != 2 || contacts[0].Outcome != care.ContactMissed || len(contacts[1].WorkerIDs) != 1 {
			t.Fatalf("contacts of the file, newest first: %+v", contacts)
		}

		for action, n := range map[string]int{"family.intensity": 2, "family.contact": 3} {
			var page berceau.AuditPage
			_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
				page, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: action, ObjectType: "family"})
				return err
			})
			got := 0
			for _, e := range page.Entries {
				if e.Action == action && e.Outcome == berceau.OutcomeSuccess && e.ActorID == nurse.User.ID {
					got++
				}
			}
			if got != n {
				t.Errorf("%s: %d audit entries, want %d", action, got, n)
			}
		}
	})
}

func TestTwoPeopleRecordingTheSameContactOutcomeGetAConflict(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, social := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		if err != nil {
			t.Fatal(err)
		}
		c, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: f.ID, Kind: care.ContactGroupMeeting,
			On: time.Now().UTC(), Minutes: 120, Outcome: care.ContactPlanned, WorkerIDs: []int64{nurse.User.ID, social.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		next, err := a.Care.UpdateContactOutcome(ctx, nurse, c.ID, c.Version, care.ContactDone)
		if err != nil || next != c.Version+1 {
			t.Fatalf("first outcome: version %d, %v", next, err)
		}
		if _, err := a.Care.UpdateContactOutcome(ctx, social, c.ID, c.Version, care.ContactMissed); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("second outcome from a stale version: %v", err)
		}
		var got care.Contact
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { got, err = tx.ContactByID(ctx, c.ID); return err })
		if got.Outcome != care.ContactDone || got.Version != next || len(got.WorkerIDs) != 2 {
			t.Fatalf("after the conflict: %+v", got)
		}
		if _, err := a.Care.UpdateContactOutcome(ctx, social, c.ID, next, care.ContactMissed); err != nil {
			t.Fatalf("after reloading: %v", err)
		}
	})
}

func TestContactsAndLevelsOutsideTheScopeAreRefused(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, midwife := actor("infirmiere@berceau.example"), actor("sage-femme@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Care.SetIntensity(ctx, midwife, f.ID, sippe("2"), time.Now(), "Suivi"); !berceau.IsNotFound(err) {
			t.Errorf("level set outside the scope: %v", err)
		}
		if _, err := a.Care.RecordContact(ctx, midwife, care.Contact{FamilyID: f.ID, Kind: care.ContactCall,
			On: time.Now(), Minutes: 10, Outcome: care.ContactDone}); !berceau.IsNotFound(err) {
			t.Errorf("contact recorded outside the scope: %v", err)
		}
		c, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: f.ID, Kind: care.ContactCall,
			On: time.Now(), Minutes: 10, Outcome: care.ContactPlanned})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.UpdateContactOutcome(ctx, midwife, c.ID, c.Version, care.ContactDone); !berceau.IsNotFound(err) {
			t.Errorf("outcome changed outside the scope: %v", err)
		}
		if _, err := a.Care.RecordContact(ctx, actor("evaluation@berceau.example"), care.Contact{FamilyID: f.ID, Kind: care.ContactCall,
			On: time.Now(), Minutes: 10, Outcome: care.ContactDone}); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("contact recorded without the permission: %v", err)
		}
		var page berceau.AuditPage
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: "family.", ObjectType: "family"})
			return err
		})
		denied := 0
		for _, e := range page.Entries {
			if e.Outcome == berceau.OutcomeDenied && e.ActorID == midwife.User.ID {
				denied++
			}
		}
		if denied != 3 {
			t.Errorf("%d denials of the midwife audited, want 3", denied)
		}
	})
}
