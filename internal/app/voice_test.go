package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// voiceWorld is the demo network on 2031-03-15 (no demo answer falls in
// that month) with one family of Parc-Extension enrolled.
func voiceWorld(t *testing.T, st *store.Store) (*App, func(string) berceau.Actor, map[string]int64, int64) {
	t.Helper()
	a, actor, sites, teams := demoWorldOn(t, st)
	now := time.Date(2031, 3, 15, 10, 0, 0, 0, time.UTC)
	a.SetClock(func() time.Time { return now })
	id := enrolledFamily(t, a, actor, sites, teams, now.AddDate(0, -2, 0))
	return a, func(email string) berceau.Actor { return mustActor(context.Background(), a, email) }, sites, id
}

// answersTo fills every question of a form: agreement value, yes, comment.
func answersTo(form VoiceForm, agreement int, comment string) map[int64]indicator.VoiceAnswer {
	out := map[int64]indicator.VoiceAnswer{}
	for _, q := range form.Questions {
		switch q.Kind {
		case indicator.VoiceAgreement:
			out[q.VersionID] = indicator.VoiceAnswer{Value: agreement}
		case indicator.VoiceYesNo:
			out[q.VersionID] = indicator.VoiceAnswer{Value: 1}
		case indicator.VoiceFreeComment:
			out[q.VersionID] = indicator.VoiceAnswer{Comment: comment}
		}
	}
	return out
}

func voiceCounts(t *testing.T, a *App, month string) (responses int) {
	t.Helper()
	_ = a.store.ReadTx(context.Background(), func(tx *store.Tx) error {
		counts, err := tx.VoiceCounts(context.Background(), month, month)
		for _, c := range counts {
			if c.QuestionID == 0 {
				responses += c.Count
			}
		}
		return err
	})
	return responses
}

func TestVoiceLinkIsAnsweredOnceAndAuditedUnderTheFamilyOnly(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, familyID := voiceWorld(t, st)
		nurse := actor(nurseEmail)
		issued, err := a.Voice.Invite(ctx, nurse, familyID, indicator.VoiceAtReassessment, indicator.VoiceByLink)
		if err != nil {
			t.Fatal(err)
		}
		if len(issued.Token) < 40 || issued.URL != "https://berceau.example.org/voice/"+issued.Token {
			t.Fatalf("issued %q at %q: want an unguessable token in a link", issued.Token, issued.URL)
		}
		if want := a.Now().Add(indicator.VoiceLinkLife); !issued.Invitation.ExpiresAt.Equal(want) {
			t.Errorf("expires %v, want %v", issued.Invitation.ExpiresAt, want)
		}
		var entries []berceau.AuditEntry
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			page, err := tx.ListAudit(ctx, berceau.AuditFilter{Action: "family.voice_invitation"})
			entries = page.Entries
			return err
		})
		if len(entries) != 1 || entries[0].ObjectType != "family" || entries[0].ObjectID != strconv.FormatInt(familyID, 10) ||
			entries[0].Detail != "reassessment, link" {
			t.Fatalf("audit of the invitation: %+v, want one entry under the family", entries)
		}

		form, err := a.Voice.OpenVoiceForm(ctx, issued.Token)
		if err != nil || form.Kiosk || len(form.Questions) != 6 {
			t.Fatalf("form: %+v, %v; want the 6 default questions, not a kiosk", form, err)
		}
		if _, err := a.Voice.Answer(ctx, issued.Token, answersTo(form, 5, "Merci pour tout")); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Voice.Answer(ctx, issued.Token, answersTo(form, 1, "Encore")); berceau.KindOf(err) != berceau.KindConflict || !isKey(err, "voice.error.used") {
			t.Fatalf("a link used twice: %v, want the conflict voice.error.used", err)
		}
		if _, err := a.Voice.OpenVoiceForm(ctx, issued.Token); !isKey(err, "voice.error.used") {
			t.Fatalf("the form of a used link: %v", err)
		}
		if _, err := a.Voice.OpenVoiceForm(ctx, issued.Token+"x"); !berceau.IsNotFound(err) {
			t.Fatalf("an unknown link: %v, want not found", err)
		}
		if n := voiceCounts(t, a, "2031-03"); n != 1 {
			t.Fatalf("%d responses in 2031-03, want 1", n)
		}
		coordinator := actor(coordinatorEmail)
		pending, err := a.Voice.ModerationQueue(ctx, coordinator, indicator.VoicePending, "2031-03", "2031-03")
		if err != nil || len(pending) != 1 || pending[0].Body != "Merci pour tout" || pending[0].SiteID != sites["premiers-pas-parc-ex"] ||
			pending[0].Period != "2031-03" || pending[0].Programme != "sippe" {
			t.Fatalf("pending comments %+v, %v", pending, err)
		}
		// Answering wrote no audit entry (it would date the answer to the
		// second), and the invitation is only flagged used.
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			page, err := tx.ListAudit(ctx, berceau.AuditFilter{Action: "voice."})
			for _, e := range page.Entries {
				if e.Action != "voice.comments.moderation" {
					t.Errorf("an audit entry of the answer: %+v", e)
				}
			}
			invs, _ := tx.VoiceInvitationsOf(ctx, familyID)
			if len(invs) != 1 || !invs[0].Used {
				t.Errorf("invitations %+v, want the one used", invs)
			}
			return err
		})
	})
}

func isKey(err error, key string) bool {
	e, ok := err.(*berceau.Error)
	return ok && e.Key == key
}

func TestVoiceExpiredOrInvalidAnswersWriteNothing(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, familyID := voiceWorld(t, st)
		issued, err := a.Voice.Invite(ctx, actor(nurseEmail), familyID, indicator.VoiceAtClosure, indicator.VoiceByLink)
		if err != nil {
			t.Fatal(err)
		}
		form, err := a.Voice.OpenVoiceForm(ctx, issued.Token)
		if err != nil {
			t.Fatal(err)
		}
		bad := answersTo(form, 9, "")
		_, err = a.Voice.Answer(ctx, issued.Token, bad)
		if berceau.KindOf(err) != berceau.KindInvalid || len(err.(*berceau.Error).Fields) != 4 {
			t.Fatalf("values out of the scale: %v, want invalid with one field per agreement question", err)
		}
		if _, err := a.Voice.Answer(ctx, issued.Token, map[int64]indicator.VoiceAnswer{}); !isKey(err, "voice.error.empty") {
			t.Fatalf("nothing answered: %v", err)
		}
		if _, err := a.Voice.Answer(ctx, issued.Token, map[int64]indicator.VoiceAnswer{987654: {Value: 3}}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an answer to no question of the form: %v", err)
		}
		if n := voiceCounts(t, a, "2031-03"); n != 0 {
			t.Fatalf("%d responses written by refused answers", n)
		}
		later := a.Now().Add(indicator.VoiceLinkLife)
		a.SetClock(func() time.Time { return later })
		if _, err := a.Voice.Answer(ctx, issued.Token, answersTo(form, 4, "")); !isKey(err, "voice.error.expired") {
			t.Fatalf("an expired link: %v, want voice.error.expired", err)
		}
		if n := voiceCounts(t, a, indicator.VoicePeriod(later)); n != 0 {
			t.Fatalf("%d responses through an expired link", n)
		}
		// A file never enrolled: its answers would count under no programme.
		var team int64
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			teams, err := tx.ListTeams(ctx)
			for _, tm := range teams {
				if tm.Slug == "parc-ex-perinatalite" {
					team = tm.ID
				}
			}
			return err
		})
		fresh, _, err := a.Care.CreateFamily(ctx, actor(nurseEmail), haddad(sites["premiers-pas-parc-ex"], team), true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Voice.Invite(ctx, actor(nurseEmail), fresh.ID, indicator.VoiceAtReassessment, indicator.VoiceByLink); !isKey(err, "voice.error.no_programme") {
			t.Fatalf("a file never enrolled: %v", err)
		}
		// An occasion that is neither a reassessment nor a closure.
		if _, err := a.Voice.Invite(ctx, actor(nurseEmail), familyID, "someday", indicator.VoiceByLink); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an unknown occasion: %v", err)
		}
	})
}

func TestVoiceRewordingKeepsTheTextAnOldAnswerWasGivenTo(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, familyID := voiceWorld(t, st)
		admin, nurse := actor(adminEmail), actor(nurseEmail)
		first, _ := a.Voice.Invite(ctx, nurse, familyID, indicator.VoiceAtReassessment, indicator.VoiceByLink)
		second, _ := a.Voice.Invite(ctx, nurse, familyID, indicator.VoiceAtClosure, indicator.VoiceByLink)
		oldForm, err := a.Voice.OpenVoiceForm(ctx, first.Token)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Voice.Answer(ctx, first.Token, answersTo(oldForm, 4, "Très bien")); err != nil {
			t.Fatal(err)
		}
		var comment indicator.VoiceQuestion
		for _, q := range oldForm.Questions {
			if q.Kind == indicator.VoiceFreeComment {
				comment = q
			}
		}
		if err := a.Voice.Reword(ctx, admin, comment.ID, berceau.TextOf("fr", "Un mot pour l'équipe ?", "en", "A word for the team?"), berceau.Text{}); err != nil {
			t.Fatal(err)
		}
		if err := a.Voice.Reword(ctx, admin, comment.ID, berceau.TextOf("fr", "", "en", ""), berceau.Text{}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an empty wording: %v", err)
		}
		// The form opened before the change is stale: refused, not misfiled.
		if _, err := a.Voice.Answer(ctx, second.Token, answersTo(oldForm, 4, "Bien")); !isKey(err, "voice.error.answers") {
			t.Fatalf("a stale form: %v", err)
		}
		newForm, _ := a.Voice.OpenVoiceForm(ctx, second.Token)
		if _, err := a.Voice.Answer(ctx, second.Token, answersTo(newForm, 4, "Bien")); err != nil {
			t.Fatal(err)
		}
		pending, err := a.Voice.ModerationQueue(ctx, actor(coordinatorEmail), indicator.VoicePending, "2031-03", "2031-03")
		if err != nil || len(pending) != 2 {
			t.Fatalf("pending %+v, %v", pending, err)
		}
		asked := map[string]string{}
		for _, c := range pending {
			asked[c.Body] = c.Question.Get("fr")
		}
		if asked["Très bien"] != comment.Wording.Get("fr") || asked["Bien"] != "Un mot pour l'équipe ?" {
			t.Fatalf("questions of the comments: %v", asked)
		}
		q, _ := a.Voice.Question(ctx, admin, comment.ID)
		if q.Version != 2 {
			t.Fatalf("version %d after one rewording, want 2", q.Version)
		}
	})
}

func TestVoiceCommentsAreModeratedBeforeAnyoneElseReadsThem(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, familyID := voiceWorld(t, st)
		nurse, coordinator, evaluator := actor(nurseEmail), actor(coordinatorEmail), actor(evaluatorEmail)
		midwife := actor("sage-femme@berceau.example")
		for i := 0; i < 5; i++ {
			issued, err := a.Voice.Invite(ctx, nurse, familyID, indicator.VoiceAtReassessment, indicator.VoiceByLink)
			if err != nil {
				t.Fatal(err)
			}
			form, _ := a.Voice.OpenVoiceForm(ctx, issued.Token)
			comment := ""
			if i == 0 {
				comment = "Amina est formidable"
			}
			if _, err := a.Voice.Answer(ctx, issued.Token, answersTo(form, 4, comment)); err != nil {
				t.Fatal(err)
			}
		}
		shared := func(who berceau.Actor) int {
			list, err := a.Voice.SharedComments(ctx, who, "2031-03", "2031-03")
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		if shared(evaluator) != 0 || shared(nurse) != 0 {
			t.Fatal("a pending comment reached the team or an evaluator")
		}
		if _, err := a.Voice.ModerationQueue(ctx, evaluator, indicator.VoicePending, "", ""); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("an evaluator read the moderation queue: %v", err)
		}
		pending, err := a.Voice.ModerationQueue(ctx, coordinator, indicator.VoicePending, "2031-03", "2031-03")
		if err != nil || len(pending) != 1 {
			t.Fatalf("pending %+v, %v", pending, err)
		}
		if err := a.Voice.Moderate(ctx, evaluator, pending[0].ID, indicator.VoiceShared); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("an evaluator moderated: %v", err)
		}
		if err := a.Voice.Moderate(ctx, coordinator, pending[0].ID, indicator.VoicePending); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("back to pending: %v", err)
		}
		if err := a.Voice.Moderate(ctx, coordinator, pending[0].ID, indicator.VoiceShared); err != nil {
			t.Fatal(err)
		}
		if err := a.Voice.Moderate(ctx, coordinator, pending[0].ID, indicator.VoiceShared); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("shared twice: %v", err)
		}
		if shared(evaluator) != 1 || shared(nurse) != 1 || shared(coordinator) != 1 {
			t.Fatal("a shared comment did not reach the site's team and the evaluators")
		}
		if shared(midwife) != 0 {
			t.Fatal("a shared comment of Parc-Extension reached Saint-Gilles' team")
		}
		var moderation []berceau.AuditEntry
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			page, err := tx.ListAudit(ctx, berceau.AuditFilter{Action: "voice.comment.moderate"})
			moderation = page.Entries
			return err
		})
		if len(moderation) == 0 || moderation[0].ActorID != coordinator.User.ID || moderation[0].Outcome != berceau.OutcomeSuccess ||
			moderation[0].Detail != pending[0].ID+": pending → shared" {
			t.Fatalf("moderation audit %+v", moderation)
		}
		if err := a.Voice.Moderate(ctx, coordinator, pending[0].ID, indicator.VoiceHidden); err != nil {
			t.Fatal(err)
		}
		if shared(evaluator) != 0 {
			t.Fatal("a hidden comment is still shared")
		}
		// A site under the threshold shows no comment, shared or not.
		// The threshold is the indicators' (one rule for every published number).
		if err := a.Indicators.SetMinFamilies(ctx, actor(adminEmail), 6); err != nil {
			t.Fatal(err)
		}
		if err := a.Voice.Moderate(ctx, coordinator, pending[0].ID, indicator.VoiceShared); err != nil {
			t.Fatal(err)
		}
		if shared(evaluator) != 0 {
			t.Fatal("a comment of a site with 5 responses shown under a threshold of 6")
		}
	})
}

func TestVoiceResultsShowASiteFromFiveResponses(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, familyID := voiceWorld(t, st)
		nurse, evaluator := actor(nurseEmail), actor(evaluatorEmail)
		answer := func(agreement int) {
			issued, err := a.Voice.Invite(ctx, nurse, familyID, indicator.VoiceAtReassessment, indicator.VoiceByLink)
			if err != nil {
				t.Fatal(err)
			}
			form, _ := a.Voice.OpenVoiceForm(ctx, issued.Token)
			if _, err := a.Voice.Answer(ctx, issued.Token, answersTo(form, agreement, "")); err != nil {
				t.Fatal(err)
			}
		}
		site := func(r VoiceResults) indicator.VoiceSiteResult {
			for _, s := range r.Sites {
				if s.SiteID == sites["premiers-pas-parc-ex"] {
					return s
				}
			}
			t.Fatal("Parc-Extension is not in the results")
			return indicator.VoiceSiteResult{}
		}
		for _, v := range []int{5, 4, 2, 5} {
			answer(v)
		}
		r, err := a.Voice.Results(ctx, evaluator, "2031-03", "2031-03")
		if err != nil {
			t.Fatal(err)
		}
		if s := site(r); !s.Suppressed || s.Responses != 0 || len(s.Questions) != 0 || !r.Network.Suppressed {
			t.Fatalf("4 responses shown: %+v, network %+v", s, r.Network)
		}
		answer(3)
		r, err = a.Voice.Results(ctx, evaluator, "2031-03", "2031-03")
		if err != nil {
			t.Fatal(err)
		}
		s := site(r)
		if s.Suppressed || s.Responses != 5 || r.Network.Responses != 5 {
			t.Fatalf("5 responses: %+v", s)
		}
		listened := s.Questions[0]
		if listened.Question.Code != "listened" || listened.Answered != 5 || listened.Agreed() != 3 || listened.AgreedShare() != 60 {
			t.Fatalf("listened: %+v (agreed %d)", listened, listened.Agreed())
		}
		if _, err := a.Voice.Results(ctx, evaluator, "2031-13", "2031-03"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a bad period: %v", err)
		}
		if _, err := a.Voice.Results(ctx, actor(memberEmail), "", ""); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a network member read the results: %v", err)
		}
	})
}
