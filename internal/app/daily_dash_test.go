package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// dashToday is the day these tests run on: the app's and the store's
// clocks read it (dashWorld), and the demo is loaded on it.
var dashToday = day("2027-03-01")

// dashWorld is the demo world on dashToday at 10:00 UTC.
func dashWorld(t *testing.T, st *store.Store) (*App, func(email string) berceau.Actor, map[string]int64, map[string]int64) {
	t.Helper()
	started := time.Now()
	st.SetClock(func() time.Time { return dashToday.Add(10*time.Hour + time.Since(started)) })
	return demoWorldOn(t, st)
}

// auditOf lists the audit entries of an action.
func auditOf(t *testing.T, st *store.Store, action string) []berceau.AuditEntry {
	t.Helper()
	var page berceau.AuditPage
	err := st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		page, err = tx.ListAudit(context.Background(), berceau.AuditFilter{Action: action, PageSize: 200})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return page.Entries
}

func TestAContactTimeIsOptionalAndValidated(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := dashWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		id := enrolledFamily(t, a, actor, sites, teams, dashToday.AddDate(0, 0, -31))
		for _, bad := range []string{"25:00", "7:30", "07:60", "midi", "07:30:00"} {
			_, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: id, Kind: care.ContactHomeVisit, On: dashToday,
				Outcome: care.ContactPlanned, Time: bad})
			if fe, ok := err.(*berceau.Error); !ok || fe.Fields["time"] != "daily_dash.time_invalid" {
				t.Fatalf("time %q: %v, want a field error on time", bad, err)
			}
		}
		saved, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: id, Kind: care.ContactHomeVisit, On: dashToday,
			Outcome: care.ContactPlanned, Time: "07:30"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.Care.Contact(ctx, nurse, id, saved.ID)
		if err != nil || got.Time != "07:30" {
			t.Fatalf("read back: time %q, %v", got.Time, err)
		}
		got.Time = ""
		if _, err := a.Care.EditContact(ctx, nurse, got); err != nil {
			t.Fatal(err)
		}
		if got, _ = a.Care.Contact(ctx, nurse, id, saved.ID); got.Time != "" {
			t.Fatalf("the time was not cleared: %q", got.Time)
		}
	})
}

func TestMyDayOrdersVisitsByTimeAndListsDecisionsAwaitingMe(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := dashWorld(t, st)
		nurse, social := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example")
		coordinator := actor("coordination@berceau.example")
		id := enrolledFamily(t, a, actor, sites, teams, dashToday.AddDate(0, 0, -31))
		var planned []int64
		for _, c := range []care.Contact{
			{On: dashToday, Time: "14:00"},
			{On: dashToday},
			{On: dashToday, Time: "09:15"},
			{On: dashToday.AddDate(0, 0, 2), Time: "16:00"},
			{On: dashToday.AddDate(0, 0, 2), Time: "08:00"},
		} {
			c.FamilyID, c.Kind, c.Outcome = id, care.ContactHomeVisit, care.ContactPlanned
			saved, err := a.Care.RecordContact(ctx, nurse, c)
			if err != nil {
				t.Fatal(err)
			}
			planned = append(planned, saved.ID)
		}
		// A decision about a file of the team, waiting for the nurse and the
		// social worker; another one the nurse has already confirmed.
		other, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		if err != nil {
			t.Fatal(err)
		}
		waiting, err := a.Care.ProposeDecision(ctx, coordinator, DecisionProposal{FamilyID: other.ID, Verdict: care.VerdictAdmit,
			Rationale: "Isolement.", ParticipantIDs: []int64{nurse.User.ID, social.User.ID, coordinator.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		before := len(auditOf(t, st, "family.my_day"))
		day, err := a.Care.OpenMyDay(ctx, nurse, dashToday)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(auditOf(t, st, "family.my_day")) - before; got != 1 {
			t.Fatalf("%d audit entries for one my day, want 1", got)
		}
		// The demo's own files are in the nurse's day too: keep this test's.
		ids := func(list []care.Contact) []int64 {
			var out []int64
			for _, c := range list {
				if c.FamilyID == id {
					out = append(out, c.ID)
				}
			}
			return out
		}
		awaiting := func(day MyDay) []int64 {
			var out []int64
			for _, d := range day.Awaiting {
				if d.Family.ID == other.ID {
					out = append(out, d.DecisionID)
				}
			}
			return out
		}
		// Timed visits in order of time, those without a time last.
		if got, want := ids(day.Today), []int64{planned[2], planned[0], planned[1]}; !equalIDs(got, want) {
			t.Fatalf("today: %v, want %v", got, want)
		}
		if got, want := ids(day.ThisWeek), []int64{planned[4], planned[3]}; !equalIDs(got, want) {
			t.Fatalf("this week: %v, want %v", got, want)
		}
		if got := awaiting(day); len(got) != 1 || got[0] != waiting.ID || day.Families[other.ID].ID != other.ID {
			t.Fatalf("decisions awaiting the nurse: %+v", day.Awaiting)
		}
		// Confirmed by her: no longer waiting for her, still for the social worker.
		if _, err := a.Care.ConfirmDecision(ctx, nurse, waiting.ID); err != nil {
			t.Fatal(err)
		}
		if day, err = a.Care.OpenMyDay(ctx, nurse, dashToday); err != nil || len(awaiting(day)) != 0 {
			t.Fatalf("after confirming: %+v, %v", day.Awaiting, err)
		}
		if day, err = a.Care.OpenMyDay(ctx, social, dashToday); err != nil || len(awaiting(day)) != 1 {
			t.Fatalf("the social worker's day: %+v, %v", day.Awaiting, err)
		}
		// The midwife of another site was never asked.
		if day, err = a.Care.OpenMyDay(ctx, actor("sage-femme@berceau.example"), dashToday); err != nil || len(awaiting(day)) != 0 {
			t.Fatalf("the midwife's day: %+v, %v", day.Awaiting, err)
		}
	})
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAFamilySummarySaysWhatIsLateAndWhatComesNext(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := dashWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		id := enrolledFamily(t, a, actor, sites, teams, dashToday.AddDate(0, 0, -61))
		if err := a.Care.SetLevel(ctx, nurse, id, "1", care.LevelChange{On: dashToday.AddDate(0, 0, -61), Reason: "Début"}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: id, Kind: care.ContactHomeVisit, On: dashToday.AddDate(0, 0, -20),
			Minutes: 60, Outcome: care.ContactDone}); err != nil {
			t.Fatal(err)
		}
		next, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: id, Kind: care.ContactCall, On: dashToday.AddDate(0, 0, 3),
			Time: "10:00", Outcome: care.ContactPlanned})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.RecordContact(ctx, nurse, care.Contact{FamilyID: id, Kind: care.ContactHomeVisit, On: dashToday.AddDate(0, 0, 5),
			Outcome: care.ContactPlanned}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ProposeReferral(ctx, nurse, care.Referral{FamilyID: id, ExternalResource: "Banque alimentaire", Reason: "Fin de mois",
			NextFollowUp: dashToday.AddDate(0, 0, -2)}); err != nil {
			t.Fatal(err)
		}
		s, err := a.Care.OpenFamilySummary(ctx, nurse, id, dashToday)
		if err != nil {
			t.Fatal(err)
		}
		if s.Programme != "sippe" || s.Level.Code != "1" || s.KeyWorker != nurse.User.DisplayName || s.Family.ID != id {
			t.Fatalf("summary: programme %q level %q key worker %q", s.Programme, s.Level.Code, s.KeyWorker)
		}
		if s.DaysBehind != 13 || s.FollowUpsDue != 1 || !s.Late() {
			t.Fatalf("late: %d days behind, %d follow-ups due", s.DaysBehind, s.FollowUpsDue)
		}
		if !s.HasNext || s.Next.ID != next.ID || s.Next.Time != "10:00" {
			t.Fatalf("next contact: %+v", s.Next)
		}
		if !s.HasGestation || s.GestWeeks == 0 {
			t.Fatalf("no pregnancy week in the summary: %+v", s)
		}
		// The follow-up page's read carries the same summary.
		fu, err := a.Care.OpenFollowUp(ctx, nurse, id, dashToday)
		if err != nil {
			t.Fatal(err)
		}
		if fu.Summary.DaysBehind != s.DaysBehind || fu.Summary.FollowUpsDue != 1 || fu.Summary.Next.ID != next.ID ||
			fu.Summary.KeyWorker != s.KeyWorker || fu.Summary.Programme != "sippe" {
			t.Fatalf("follow-up summary %+v differs from %+v", fu.Summary, s)
		}
		file, err := a.Care.OpenFamilyFile(ctx, nurse, id, dashToday)
		if err != nil || file.Summary.Next.ID != next.ID || file.Summary.DaysBehind != 13 {
			t.Fatalf("file summary %+v, %v", file.Summary, err)
		}
		// Outside the scope: not found, and audited once as a denial.
		denials := func() int {
			n := 0
			for _, e := range auditOf(t, st, "family.read") {
				if e.Outcome == berceau.OutcomeDenied && e.ObjectID == strconv.FormatInt(id, 10) {
					n++
				}
			}
			return n
		}
		before := denials()
		if _, err := a.Care.OpenFamilySummary(ctx, actor("sage-femme@berceau.example"), id, dashToday); !berceau.IsNotFound(err) {
			t.Fatalf("another site's midwife: %v", err)
		}
		if got := denials() - before; got != 1 {
			t.Fatalf("%d denials audited for one refused summary, want 1", got)
		}
	})
}

func TestFamilySearchToleratesAccentsAndASlipWithinScope(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := dashWorld(t, st)
		nurse, midwife := actor("infirmiere@berceau.example"), actor("sage-femme@berceau.example")
		helene := care.Family{SiteID: sites["premiers-pas-parc-ex"], TeamID: teams["parc-ex-perinatalite"], Phone: "(514) 555-7788",
			Members: []care.HouseholdMember{{Role: care.MemberPregnantPerson, GivenName: "Hélène", Surname: "Bélanger-Côté",
				BirthDate: day("1994-06-01")}}}
		f, _, err := a.Care.CreateFamily(ctx, nurse, helene, true)
		if err != nil {
			t.Fatal(err)
		}
		found := func(who berceau.Actor, q string) []int64 {
			t.Helper()
			res, err := a.Care.SearchFamilies(ctx, who, q, dashToday)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			var ids []int64
			for _, r := range res.Results {
				ids = append(ids, r.Family.ID)
			}
			return ids
		}
		has := func(ids []int64, id int64) bool {
			for _, x := range ids {
				if x == id {
					return true
				}
			}
			return false
		}
		for _, q := range []string{"helene", "HÉLÈNE", "Helene Belanger", "heleme", "belanger cote", "bélang", "514 555 7788", "5557788",
			strconv.FormatInt(f.ID, 10), "#" + strconv.FormatInt(f.ID, 10)} {
			if ids := found(nurse, q); !has(ids, f.ID) {
				t.Errorf("%q does not find Hélène Bélanger-Côté: %v", q, ids)
			}
		}
		for _, q := range []string{"hxlxne", "marie", "7789", "helene tremblay"} {
			if ids := found(nurse, q); has(ids, f.ID) {
				t.Errorf("%q finds Hélène Bélanger-Côté", q)
			}
		}
		// Scope: the midwife of Saint-Gilles never finds the Parc-Extension
		// file, and the nurse never finds Saint-Gilles' Mbuyi family.
		if ids := found(midwife, "helene"); len(ids) != 0 {
			t.Fatalf("another site's file found: %v", ids)
		}
		if ids := found(nurse, "mbuyi"); len(ids) != 0 {
			t.Fatalf("the nurse found a Saint-Gilles file: %v", ids)
		}
		if ids := found(midwife, "mbuyi"); len(ids) != 1 {
			t.Fatalf("the midwife does not find her own Mbuyi file: %v", ids)
		}
		// One audit entry per search, naming the files found, not the words.
		before := len(auditOf(t, st, "family.search"))
		found(nurse, "Hélène")
		entries := auditOf(t, st, "family.search")
		if len(entries)-before != 1 {
			t.Fatalf("%d audit entries for one search", len(entries)-before)
		}
		newest := entries[0]
		for _, e := range entries {
			if e.ID > newest.ID {
				newest = e
			}
		}
		if newest.Detail != "results: "+strconv.FormatInt(f.ID, 10) || newest.ActorID != nurse.User.ID {
			t.Fatalf("the search's audit entry: %+v", newest)
		}
		// An empty search reads nothing.
		if res, err := a.Care.SearchFamilies(ctx, nurse, "  ", dashToday); err != nil || len(res.Results) != 0 || !res.Query.Empty() {
			t.Fatalf("empty search: %+v, %v", res, err)
		}
	})
}
