package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

func TestDecisionsAwaitingListsWhatTheActorHasNotConfirmed(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, social, coordinator := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example"), actor("coordination@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		before, err := a.Care.DecisionsAwaiting(ctx, social)
		if err != nil {
			t.Fatal(err)
		}
		d, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit, Rationale: "Isolement marqué.",
			ParticipantIDs: []int64{nurse.User.ID, social.User.ID, coordinator.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		awaiting, err := a.Care.DecisionsAwaiting(ctx, social)
		if err != nil || len(awaiting) != len(before)+1 {
			t.Fatalf("awaiting the social worker: %d (before %d), %v", len(awaiting), len(before), err)
		}
		got := awaiting[len(awaiting)-1]
		if got.DecisionID != d.ID || got.Family.ID != f.ID || got.ProposedBy != "Amina Diallo" || got.Verdict != care.VerdictAdmit ||
			got.Path() != "/families/"+itoaApp(f.ID)+"/decisions/"+itoaApp(d.ID) {
			t.Fatalf("awaiting = %+v", got)
		}
		if _, err := a.Care.ConfirmDecision(ctx, social, d.ID); err != nil {
			t.Fatal(err)
		}
		if after, _ := a.Care.DecisionsAwaiting(ctx, social); len(after) != len(before) {
			t.Fatalf("a confirmed decision still awaits: %d", len(after))
		}
		// Once the quorum is reached (nurse + social worker), nothing awaits
		// the coordinator any more.
		if _, err := a.Care.ConfirmDecision(ctx, nurse, d.ID); err != nil {
			t.Fatal(err)
		}
		for _, w := range mustAwait(t, a, coordinator) {
			if w.DecisionID == d.ID {
				t.Fatal("a complete decision still awaits the coordinator")
			}
		}
		// Those who take no part in decisions wait for nothing.
		if list, err := a.Care.DecisionsAwaiting(ctx, actor("stagiaire@berceau.example")); err != nil || len(list) != 0 {
			t.Fatalf("trainee: %v %v", list, err)
		}
	})
}

func mustAwait(t *testing.T, a *App, actor berceau.Actor) []DecisionAwaiting {
	t.Helper()
	list, err := a.Care.DecisionsAwaiting(context.Background(), actor)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestParticipantsAreMailedInTheirLanguageUnlessTheyOptedOut(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, social := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example")
		if err := a.Accounts.SetLocale(ctx, social, "en"); err != nil {
			t.Fatal(err)
		}
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		outbox := func() []store.OutboxMessage {
			var list []store.OutboxMessage
			st.ReadTx(ctx, func(tx *store.Tx) (err error) { list, err = tx.ListOutbox(ctx, 100); return err })
			return list
		}
		n := len(outbox())
		if _, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit, Rationale: "Isolement.",
			ParticipantIDs: []int64{nurse.User.ID, social.User.ID}}); err != nil {
			t.Fatal(err)
		}
		mails := outbox()
		if len(mails) != n+1 || mails[0].Recipient != social.User.Email || !strings.HasPrefix(mails[0].Subject, "A team decision awaits your confirmation") ||
			!strings.Contains(mails[0].Body, "https://berceau.example.org/families/"+itoaApp(f.ID)+"/decisions/") {
			t.Fatalf("%d new mails; first: %+v", len(mails)-n, mails[0])
		}
		if on, _ := a.Care.MailDecisions(ctx, social); !on {
			t.Fatal("mail is off by default")
		}
		if err := a.Care.SetMailDecisions(ctx, social, false); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit, Rationale: "Isolement, bis.",
			ParticipantIDs: []int64{nurse.User.ID, social.User.ID}}); err != nil {
			t.Fatal(err)
		}
		if len(outbox()) != n+1 {
			t.Fatal("a participant who opted out was mailed")
		}
		// Two participants of one discipline: refused, nothing written, nobody mailed.
		_, err = a.Care.ProposeDecision(ctx, social, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit, Rationale: "x",
			ParticipantIDs: []int64{social.User.ID, actor("coordination@berceau.example").User.ID}})
		var de *berceau.Error
		if berceau.KindOf(err) != berceau.KindInvalid || !errors.As(err, &de) || de.Fields["participants"] != "daily_flows.quorum_disciplines_short" {
			t.Fatalf("two social workers: %v", err)
		}
	})
}
