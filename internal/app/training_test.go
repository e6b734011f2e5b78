package app

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
	"github.com/berceau/berceau/training"
)

// trainingWorld is the demo network with a clock at a fixed instant, the
// network's editor (contenu@, who gives every training), and three
// nutritionists of Parc-Extension of the test's own (no demo line is
// theirs, so their sums are exact).
type trainingWorld struct {
	a        *App
	st       *store.Store
	now      *time.Time
	editor   berceau.Actor
	actor    func(email string) berceau.Actor
	people   []berceau.Actor // at Parc-Extension
	sites    map[string]int64
	training training.Training
	sessions []knowledge.Event
}

func newTrainingWorld(t *testing.T, st *store.Store) *trainingWorld {
	t.Helper()
	ctx := context.Background()
	a, actor, sites, _ := demoWorld(t, st)
	now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	w := &trainingWorld{a: a, st: st, now: &now, actor: actor, sites: sites}
	a.SetClock(func() time.Time { return *w.now })
	w.editor = actor("contenu@berceau.example")
	var ids []int64
	if err := st.WriteTx(ctx, func(tx *store.Tx) error {
		all, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		var org int64
		for _, s := range all {
			if s.ID == sites["premiers-pas-parc-ex"] {
				org = s.OrganisationID
			}
		}
		for i := range 3 {
			u := berceau.User{Email: fmt.Sprintf("nutrition.%d@reseau.example", i), DisplayName: fmt.Sprintf("Nutritionniste %d", i),
				Discipline: berceau.DisciplineNutritionist, Locale: []string{"fr", "en", "fr"}[i],
				Roles: []berceau.RoleGrant{{Role: berceau.RolePractitioner, OrganisationID: org, SiteID: sites["premiers-pas-parc-ex"]}}}
			if err := tx.CreateUser(ctx, &u, ""); err != nil {
				return err
			}
			ids = append(ids, u.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		act, err := a.Accounts.ActorFor(ctx, id, "192.0.2.8")
		if err != nil {
			t.Fatal(err)
		}
		w.people = append(w.people, act)
	}
	// Two sessions a week apart (days 1 and 8) and a third, cancelled.
	for _, days := range []int{1, 8, 15} {
		e := testEvent(now, "nid-hochelaga", days)
		e.Kind, e.Capacity = knowledge.KindTraining, 30
		created, err := a.Events.CreateEvent(ctx, w.editor, e)
		if err != nil {
			t.Fatal(err)
		}
		w.sessions = append(w.sessions, created)
	}
	if _, err := a.Events.CancelEvent(ctx, w.editor, w.sessions[2].ID); err != nil {
		t.Fatal(err)
	}
	tr, err := a.Trainings.CreateTraining(ctx, w.editor, training.Training{
		Title:      berceau.TextOf("fr", "Entretien motivationnel", "en", "Motivational interviewing"),
		Objectives: berceau.TextOf("fr", "Soutenir le changement"), Minutes: 6 * 60, Modality: training.InPerson, Language: "fr",
		Audience:       []berceau.Discipline{berceau.DisciplineNutritionist, berceau.DisciplineNurse},
		OrganizationID: directory.NameUUID("demo-org:nid-hochelaga"),
		SessionIDs:     []int64{w.sessions[0].ID, w.sessions[1].ID, w.sessions[2].ID},
	})
	if err != nil {
		t.Fatal(err)
	}
	w.training = tr
	return w
}

// attend registers each person to the session and, after it, marks them
// attended (hours < 0: the event's length).
func (w *trainingWorld) attend(t *testing.T, session knowledge.Event, hours float64, people ...berceau.Actor) {
	t.Helper()
	ctx := context.Background()
	saved := *w.now
	for _, p := range people {
		r, err := w.a.Events.Register(ctx, p, session.ID)
		if err != nil {
			t.Fatal(err)
		}
		*w.now = session.End.Add(time.Hour)
		if _, err := w.a.Events.MarkAttendance(ctx, w.editor, r.ID, knowledge.ActAttend, hours); err != nil {
			t.Fatal(err)
		}
		*w.now = saved
	}
}

func (w *trainingWorld) register(t *testing.T, session knowledge.Event, people ...berceau.Actor) {
	t.Helper()
	for _, p := range people {
		if _, err := w.a.Events.Register(context.Background(), p, session.ID); err != nil {
			t.Fatal(err)
		}
	}
}

func standingOf(t *testing.T, list ParticipantList, userID int64) ParticipantStanding {
	t.Helper()
	for _, p := range list.Participants {
		if p.UserID == userID {
			return p
		}
	}
	t.Fatalf("user %d is no participant of %v", userID, list.Participants)
	return ParticipantStanding{}
}

// TestTrainingCompletionRules: attending every session (the cancelled one
// aside) completes a training on the day of the last one; missing one does
// not; the trainer's mark, with its note, does, on the day of the mark.
// Only a trainer marks, and only a participant.
func TestTrainingCompletionRules(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newTrainingWorld(t, st)
		all, one, none := w.people[0], w.people[1], w.people[2]
		w.attend(t, w.sessions[0], -1, all, one)
		w.attend(t, w.sessions[1], -1, all)
		w.register(t, w.sessions[1], one)
		*w.now = w.sessions[1].End.Add(72 * time.Hour)

		list, err := w.a.Trainings.Participants(ctx, w.editor, w.training.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Participants) != 2 {
			t.Fatalf("participants %+v, want the two registered", list.Participants)
		}
		got := standingOf(t, list, all.User.ID).Completion
		lastDay := training.CivilDay(w.sessions[1].End.In(w.sessions[1].Location()))
		if !got.Done || got.Method != training.ByAttendance || !got.On.Equal(lastDay) || got.Attended != 2 || got.Sessions != 2 {
			t.Fatalf("every session attended: %+v, want done by attendance on %s", got, lastDay)
		}
		if got := standingOf(t, list, one.User.ID).Completion; got.Done || got.Attended != 1 {
			t.Fatalf("one session missed: %+v, want not done", got)
		}

		// Only a trainer marks: not a practitioner, not the person.
		for _, who := range []berceau.Actor{one, w.actor("infirmiere@berceau.example")} {
			if err := w.a.Trainings.MarkComplete(ctx, who, w.training.ID, one.User.ID, "Rattrapage"); berceau.KindOf(err) != berceau.KindForbidden {
				t.Fatalf("%s marks complete: %v, want forbidden", who.User.Email, err)
			}
		}
		if err := w.a.Trainings.MarkComplete(ctx, w.editor, w.training.ID, one.User.ID, "  "); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("mark without a note: %v, want invalid", err)
		}
		if err := w.a.Trainings.MarkComplete(ctx, w.editor, w.training.ID, none.User.ID, "Équivalence"); !berceau.IsNotFound(err) {
			t.Fatalf("mark of someone registered to no session: %v, want not found", err)
		}
		if err := w.a.Trainings.MarkComplete(ctx, w.editor, w.training.ID, one.User.ID, "Séance rattrapée le 12 mars"); err != nil {
			t.Fatal(err)
		}
		list, err = w.a.Trainings.Participants(ctx, w.editor, w.training.ID)
		if err != nil {
			t.Fatal(err)
		}
		got = standingOf(t, list, one.User.ID).Completion
		if !got.Done || got.Method != training.ByTrainer || !got.On.Equal(training.CivilDay(*w.now)) || got.Note != "Séance rattrapée le 12 mars" {
			t.Fatalf("marked by the trainer: %+v, want done on %s", got, training.CivilDay(*w.now))
		}
		// The person sees their own standing on the training's page.
		d, err := w.a.Trainings.Training(ctx, one, w.training.ID)
		if err != nil || d.Completion == nil || !d.Completion.Done || d.CanManage {
			t.Fatalf("the participant's page: %+v %v", d.Completion, err)
		}
		assertAudited(t, st, "training.complete", berceau.OutcomeSuccess)
		assertAudited(t, st, "training.complete", berceau.OutcomeDenied)
	})
}

func assertAudited(t *testing.T, st *store.Store, action string, outcome berceau.AuditOutcome) {
	t.Helper()
	var n int
	_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
		page, err := tx.ListAudit(context.Background(), berceau.AuditFilter{Action: action, PageSize: 200})
		for _, e := range page.Entries {
			if e.Outcome == outcome {
				n++
			}
		}
		return err
	})
	if n == 0 {
		t.Errorf("no %s audit entry of %s", outcome, action)
	}
}

// TestLedgerSumsPerYearCategoryAndDiscipline: a completed training counts
// its duration once (not its sessions again), an event attended its hours,
// an approved declaration its hours; per year, per category, and summed per
// discipline and site for the coordinator and the network.
func TestLedgerSumsPerYearCategoryAndDiscipline(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newTrainingWorld(t, st)
		p := w.people[0]
		w.attend(t, w.sessions[0], -1, p)
		w.attend(t, w.sessions[1], -1, p)
		meeting := testEvent(*w.now, "nid-hochelaga", 20)
		meeting.Kind = knowledge.KindMeeting
		meeting, err := w.a.Events.CreateEvent(ctx, w.editor, meeting)
		if err != nil {
			t.Fatal(err)
		}
		w.attend(t, meeting, 1.5, p)
		*w.now = meeting.End.Add(48 * time.Hour)
		lastYear := time.Date(2025, 10, 3, 0, 0, 0, 0, time.UTC)
		d, err := w.a.Trainings.DeclareExternal(ctx, p, training.Declaration{Title: "Allaitement : les bases", Provider: "IBCLC Québec",
			On: lastYear, Minutes: 120, ProofName: "attestation.pdf"}, []byte("%PDF-1.4\n% attestation\n"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Trainings.DeclareExternal(ctx, p, training.Declaration{Title: "En attente", Provider: "Ailleurs",
			On: lastYear, Minutes: 600, ProofName: "a.pdf"}, []byte("%PDF-1.4\n")); err != nil {
			t.Fatal(err)
		}
		coordinator := w.actor("coordination@berceau.example")
		if err := w.a.Trainings.DecideDeclaration(ctx, coordinator, d.ID, true, ""); err != nil {
			t.Fatal(err)
		}

		r, err := w.a.Trainings.MyLearningRecord(ctx, p, 0, "fr")
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Ledger.Minutes(); got != 360+90+120 {
			t.Fatalf("total %d minutes, want 570: %+v", got, r.Ledger.Entries)
		}
		years := r.Ledger.ByYear()
		if len(years) != 2 || years[0].Year != 2026 || years[0].Minutes != 450 || years[0].ByCategory[training.CategoryTraining] != 360 ||
			years[0].ByCategory[training.CategoryEvent] != 90 || years[1].Year != 2025 || years[1].ByCategory[training.CategoryExternal] != 120 {
			t.Fatalf("by year %+v", years)
		}
		if got := r.Ledger.In(2025).Minutes(); got != 120 {
			t.Fatalf("2025: %d minutes, want the approved declaration's 120 (the pending one not counted)", got)
		}
		if len(r.Declarations) != 2 {
			t.Fatalf("declarations %+v, want both, in their statuses", r.Declarations)
		}

		site, err := w.a.Trainings.SiteLearningRecords(ctx, coordinator, 2026, "fr")
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, pt := range site.People {
			if pt.Person.UserID == p.User.ID {
				found = pt.Minutes == 450 && pt.ByCategory[training.CategoryTraining] == 360
			}
		}
		pending := 0
		for _, d := range site.Pending {
			if d.UserID == p.User.ID {
				pending++
			}
		}
		if !found || site.ByDiscipline[berceau.DisciplineNutritionist] != 450 || pending != 1 {
			t.Fatalf("the coordinator's view: %+v", site)
		}
		if _, err := w.a.Trainings.SiteLearningRecords(ctx, w.actor("infirmiere@berceau.example"), 2026, "fr"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner's site view: %v, want forbidden", err)
		}

		network, err := w.a.Trainings.NetworkLearningRecords(ctx, w.actor("admin@berceau.example"), 0)
		if err != nil {
			t.Fatal(err)
		}
		var cell NetworkCell
		for _, c := range network.Cells {
			if c.SiteID == w.sites["premiers-pas-parc-ex"] && c.Discipline == berceau.DisciplineNutritionist {
				cell = c
			}
		}
		if cell.People != 3 || cell.Minutes != 570 {
			t.Fatalf("network cell Parc-Extension × nutritionist: %+v, want 3 people and 570 minutes", cell)
		}
		// One year at a time: the events of other years are skipped, never a training's sessions.
		for year, want := range map[int]int{2026: 450, 2025: 120, 2024: 0} {
			network, err := w.a.Trainings.NetworkLearningRecords(ctx, w.actor("admin@berceau.example"), year)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range network.Cells {
				if c.SiteID == w.sites["premiers-pas-parc-ex"] && c.Discipline == berceau.DisciplineNutritionist && c.Minutes != want {
					t.Fatalf("network %d, Parc-Extension × nutritionist: %d minutes, want %d", year, c.Minutes, want)
				}
			}
		}
		if _, err := w.a.Trainings.NetworkLearningRecords(ctx, coordinator, 0); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a coordinator's network view: %v, want forbidden", err)
		}
		// A coordinator reads the record of their site's people, not others'.
		if _, err := w.a.Trainings.PersonLearningRecord(ctx, coordinator, p.User.ID, 0, "fr"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Trainings.PersonLearningRecord(ctx, coordinator, w.actor("sage-femme@berceau.example").User.ID, 0, "fr"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("another site's person: %v, want forbidden", err)
		}
		assertAudited(t, st, "learning_record.read", berceau.OutcomeSuccess)
	})
}

// TestExternalDeclarationApprovalIsTheCoordinators: only a coordinator of
// one of the person's sites decides; never the person, nor another site's
// coordinator; a refusal needs its reason; a decision is final; the proof's
// type is read from its content.
func TestExternalDeclarationApprovalIsTheCoordinators(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newTrainingWorld(t, st)
		p := w.people[1]
		decl := training.Declaration{Title: "Portage", Provider: "Ailleurs", On: day("2026-02-10"), Minutes: 180, ProofName: "preuve.pdf"}
		if _, err := w.a.Trainings.DeclareExternal(ctx, p, decl, []byte("<html><body>pas un PDF</body></html>")); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an HTML page named .pdf: %v, want invalid", err)
		}
		if _, err := w.a.Trainings.DeclareExternal(ctx, p, decl, make([]byte, training.MaxProofSize+1)); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("too large a proof: %v, want invalid", err)
		}
		png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
		d, err := w.a.Trainings.DeclareExternal(ctx, p, decl, png)
		if err != nil || d.ProofType != "image/png" || d.Status != training.Pending {
			t.Fatalf("declaration %+v %v", d, err)
		}
		// Another site's coordinator: a coordinator at Saint-Gilles.
		var other berceau.Actor
		_ = st.WriteTx(ctx, func(tx *store.Tx) error {
			all, _ := tx.ListSites(ctx)
			var org int64
			for _, s := range all {
				if s.ID == w.sites["mille-jours-saint-gilles"] {
					org = s.OrganisationID
				}
			}
			u := berceau.User{Email: "coord.sg@reseau.example", DisplayName: "Coordination Saint-Gilles", Locale: "fr",
				Roles: []berceau.RoleGrant{{Role: berceau.RoleSiteCoordinator, OrganisationID: org, SiteID: w.sites["mille-jours-saint-gilles"]}}}
			return tx.CreateUser(ctx, &u, "")
		})
		other = w.actor("coord.sg@reseau.example")
		for _, who := range []berceau.Actor{p, other, w.actor("infirmiere@berceau.example"), w.actor("admin@berceau.example")} {
			if err := w.a.Trainings.DecideDeclaration(ctx, who, d.ID, true, ""); berceau.KindOf(err) != berceau.KindForbidden {
				t.Fatalf("%s approves: %v, want forbidden", who.User.Email, err)
			}
			if _, err := w.a.Trainings.DeclarationProof(ctx, who, d.ID); who.User.ID != p.User.ID && berceau.KindOf(err) != berceau.KindForbidden {
				t.Fatalf("%s reads the proof: %v, want forbidden", who.User.Email, err)
			}
		}
		coordinator := w.actor("coordination@berceau.example")
		if err := w.a.Trainings.DecideDeclaration(ctx, coordinator, d.ID, false, " "); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("refusal without a reason: %v, want invalid", err)
		}
		proof, err := w.a.Trainings.DeclarationProof(ctx, coordinator, d.ID)
		if err != nil || len(proof.Content) != len(png) || proof.ContentType != "image/png" {
			t.Fatalf("the coordinator reads the proof: %+v %v", proof.ContentType, err)
		}
		if err := w.a.Trainings.DecideDeclaration(ctx, coordinator, d.ID, false, "Attestation illisible"); err != nil {
			t.Fatal(err)
		}
		if err := w.a.Trainings.DecideDeclaration(ctx, coordinator, d.ID, true, ""); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("decided twice: %v, want conflict", err)
		}
		r, err := w.a.Trainings.MyLearningRecord(ctx, p, 0, "fr")
		if err != nil || r.Ledger.Minutes() != 0 || r.Declarations[0].Status != training.Refused || r.Declarations[0].Reason != "Attestation illisible" {
			t.Fatalf("a refused declaration counts nothing: %+v %v", r, err)
		}
		assertAudited(t, st, "learning_record.refuse", berceau.OutcomeSuccess)
		assertAudited(t, st, "learning_record.approve", berceau.OutcomeDenied)
	})
}

// TestCertificateVerification: a certificate states the real completion
// date and the hours; its code verifies in any case or grouping; a forged
// code is not found; a revoked certificate verifies as revoked; only a
// coordinator or a trainer revokes; nothing is issued for what is not
// completed.
func TestCertificateVerification(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newTrainingWorld(t, st)
		p, missed := w.people[0], w.people[1]
		w.attend(t, w.sessions[0], -1, p, missed)
		w.attend(t, w.sessions[1], -1, p)
		*w.now = w.sessions[1].End.Add(30 * 24 * time.Hour) // printed a month later
		if _, err := w.a.Trainings.IssueCertificate(ctx, missed, w.training.ID, 0); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("certificate of an unfinished training: %v, want conflict", err)
		}
		c, err := w.a.Trainings.IssueCertificate(ctx, p, w.training.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		lastDay := training.CivilDay(w.sessions[1].End.In(w.sessions[1].Location()))
		if len(c.Code) != 16 || !c.On.Equal(lastDay) || c.Minutes != 360 || c.Holder != "Nutritionniste 0" || c.Lang != "fr" || c.Issuer == "" {
			t.Fatalf("certificate %+v, want 16 characters, completed %s (not the print date), 360 minutes", c, lastDay)
		}
		again, err := w.a.Trainings.IssueCertificate(ctx, p, w.training.ID, 0)
		if err != nil || again.ID != c.ID {
			t.Fatalf("issued twice: %+v %v, want the same", again, err)
		}
		v, err := w.a.Trainings.VerifyCertificate(ctx, " "+training.GroupCode(c.Code)+" ")
		if err != nil || v.Holder != c.Holder || v.Minutes != 360 || !v.On.Equal(lastDay) || v.Revoked() || v.UserID != 0 {
			t.Fatalf("verified %+v %v", v, err)
		}
		for _, forged := range []string{training.NewCode(), "AAAAAAAAAAAAAAAA", c.Code[:15] + "A", "'; DROP TABLE--"} {
			if forged == c.Code {
				continue
			}
			if _, err := w.a.Trainings.VerifyCertificate(ctx, forged); !berceau.IsNotFound(err) {
				t.Fatalf("forged code %q: %v, want not found", forged, err)
			}
		}
		// Revoking: not the holder, not a practitioner; the coordinator may.
		for _, who := range []berceau.Actor{p, w.actor("infirmiere@berceau.example")} {
			if err := w.a.Trainings.RevokeCertificate(ctx, who, c.ID, "Erreur"); berceau.KindOf(err) != berceau.KindForbidden {
				t.Fatalf("%s revokes: %v, want forbidden", who.User.Email, err)
			}
		}
		if err := w.a.Trainings.RevokeCertificate(ctx, w.actor("coordination@berceau.example"), c.ID, ""); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("revoked without a reason: %v, want invalid", err)
		}
		if err := w.a.Trainings.RevokeCertificate(ctx, w.actor("coordination@berceau.example"), c.ID, "Présence contestée"); err != nil {
			t.Fatal(err)
		}
		v, err = w.a.Trainings.VerifyCertificate(ctx, c.Code)
		if err != nil || !v.Revoked() || v.Reason != "" {
			t.Fatalf("revoked certificate verifies as %+v %v, want revoked without its reason", v, err)
		}
		// A trainer revokes too; a new certificate has a new code.
		fresh, err := w.a.Trainings.IssueCertificate(ctx, p, w.training.ID, 0)
		if err != nil || fresh.Code == c.Code || fresh.ID == c.ID {
			t.Fatalf("reissued %+v %v", fresh, err)
		}
		if err := w.a.Trainings.RevokeCertificate(ctx, w.editor, fresh.ID, "Doublon"); err != nil {
			t.Fatal(err)
		}
		// An event attended has its certificate too, with its own hours.
		meeting := testEvent(*w.now, "nid-hochelaga", 3)
		meeting, err = w.a.Events.CreateEvent(ctx, w.editor, meeting)
		if err != nil {
			t.Fatal(err)
		}
		w.attend(t, meeting, 2, missed)
		ec, err := w.a.Trainings.IssueCertificate(ctx, missed, 0, meeting.ID)
		if err != nil || ec.Minutes != 120 || ec.Lang != "en" {
			t.Fatalf("event certificate %+v %v", ec, err)
		}
		if _, err := w.a.Trainings.Certificate(ctx, p, ec.ID); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("someone else's certificate: %v, want forbidden", err)
		}
		assertAudited(t, st, "certificate.revoke", berceau.OutcomeSuccess)
		assertAudited(t, st, "certificate.revoke", berceau.OutcomeDenied)
	})
}

// TestTrainingEditorsAndValidation: editors create and edit; a form's
// errors come back by field; a practitioner creates nothing; an event is a
// session of one training only.
func TestTrainingEditorsAndValidation(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newTrainingWorld(t, st)
		var e *berceau.Error
		_, err := w.a.Trainings.CreateTraining(ctx, w.editor, training.Training{Modality: "fax", Language: "fr"})
		if !asError(err, &e) || e.Fields["title"] == "" || e.Fields["hours"] == "" || e.Fields["modality"] == "" || e.Fields["organization"] == "" {
			t.Fatalf("empty training: %v", err)
		}
		other := w.training
		other.ID = 0
		other.SessionIDs = []int64{w.sessions[0].ID}
		if _, err := w.a.Trainings.CreateTraining(ctx, w.editor, other); !asError(err, &e) || e.Fields["sessions"] != "training.error.session_taken" {
			t.Fatalf("a session taken by another training: %v", err)
		}
		if _, err := w.a.Trainings.CreateTraining(ctx, w.actor("infirmiere@berceau.example"), training.Training{Title: berceau.TextOf("fr", "X"),
			Minutes: 60, Modality: training.Online, Language: "fr", OrganizationID: w.training.OrganizationID}); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner creates a training: %v, want forbidden", err)
		}
		changed := w.training
		changed.Minutes = 7 * 60
		changed.SessionIDs = changed.SessionIDs[:2]
		if _, err := w.a.Trainings.UpdateTraining(ctx, w.editor, changed); err != nil {
			t.Fatal(err)
		}
		list, err := w.a.Trainings.Catalogue(ctx, TrainingQuery{Discipline: berceau.DisciplineNutritionist, Modality: training.InPerson})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, it := range list.Items {
			if it.Training.ID == w.training.ID {
				found = it.Training.Minutes == 420 && len(it.Training.SessionIDs) == 2 && len(it.Sessions) == 2
			}
		}
		if !found {
			t.Fatalf("the catalogue filtered for nutritionists: %+v", list)
		}
		list, err = w.a.Trainings.Catalogue(ctx, TrainingQuery{Discipline: berceau.DisciplineMidwife, Modality: training.InPerson, Language: "fr"})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range list.Items {
			if it.Training.ID == w.training.ID {
				t.Fatal("a training for nutritionists and nurses listed for midwives")
			}
		}
		hits, err := w.a.Trainings.SearchPublic(ctx, PublicQuery{Lang: "en", Words: "motivational", Limit: 5})
		if err != nil || len(hits) == 0 || hits[0].Title != "Motivational interviewing" || hits[0].URL != "/trainings/"+itoaApp(w.training.ID) {
			t.Fatalf("public search: %+v %v", hits, err)
		}
		// The home page features the trainings with a session to come, soonest first.
		featured, err := w.a.Trainings.FeaturedPublic(ctx, "fr", 10)
		if err != nil || len(featured) == 0 {
			t.Fatalf("featured: %+v %v", featured, err)
		}
		found = false
		for i, h := range featured {
			found = found || (h.Title == "Entretien motivationnel" && h.When.Equal(w.sessions[0].Start))
			if h.When.IsZero() || (i > 0 && h.When.Before(featured[i-1].When)) {
				t.Fatalf("featured out of order or without a session to come: %+v", featured)
			}
		}
		if !found {
			t.Fatalf("the training with sessions to come is not featured: %+v", featured)
		}
	})
}

func asError(err error, target **berceau.Error) bool {
	return errors.As(err, target)
}
