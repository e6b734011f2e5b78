package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// The authorization entries of the families' voice
// (TestEveryUseCaseRefusesWhoMayNot), joined to the tables of
// usecase_authorization_test.go at init where they have no entry of that
// name yet.
func init() {
	for name, c := range voiceAuthorization {
		_, tested := useCaseAuthorization[name]
		_, exempt := useCaseExempt[name]
		if !tested && !exempt {
			useCaseAuthorization[name] = c
		}
	}
	for name, reason := range voiceExempt {
		if _, tested := useCaseAuthorization[name]; !tested {
			useCaseExempt[name] = reason
		}
	}
}

// demoVoiceComment is the id of a pending demo comment of Parc-Extension
// (the coordinator's site).
func demoVoiceComment(ctx context.Context, a *App, sites map[string]int64) string {
	id := ""
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.VoiceComments(ctx, store.VoiceCommentFilter{State: indicator.VoicePending, SiteIDs: []int64{sites["premiers-pas-parc-ex"]},
			From: "1900-01", To: "2100-12"})
		if len(list) > 0 {
			id = list[0].ID
		}
		return err
	})
	return id
}

func demoVoiceQuestion(ctx context.Context, a *App) indicator.VoiceQuestion {
	var q indicator.VoiceQuestion
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.VoiceQuestions(ctx, true)
		if len(list) > 0 {
			q = list[0]
		}
		return err
	})
	return q
}

var voiceAuthorization = map[string]useCaseCase{
	"Voice.Invite": {nurseEmail, berceau.PermFamiliesWrite, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Voice.Invite(ctx, who, f.ID, indicator.VoiceAtReassessment, indicator.VoiceByLink)
		return err
	}},
	"Voice.OpenFamilyVoice": {nurseEmail, berceau.PermFamiliesRead, true, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Voice.OpenFamilyVoice(ctx, who, f.ID, a.now())
		return err
	}},
	"Voice.Questions": {adminEmail, berceau.PermVoiceManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Voice.Questions(ctx, who)
		return err
	}},
	"Voice.Question": {adminEmail, berceau.PermVoiceManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Voice.Question(ctx, who, demoVoiceQuestion(ctx, a).ID)
		return err
	}},
	"Voice.AddQuestion": {adminEmail, berceau.PermVoiceManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Voice.AddQuestion(ctx, who, indicator.VoiceQuestion{Code: "welcome_" + itoaApp(int64(len(who.Permissions))), Kind: indicator.VoiceYesNo,
			Wording: berceau.TextOf("fr", "On m'a bien accueillie.", "en", "I was welcomed.")})
		return err
	}},
	"Voice.Reword": {adminEmail, berceau.PermVoiceManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Voice.Reword(ctx, who, demoVoiceQuestion(ctx, a).ID, berceau.TextOf("fr", "Je me suis sentie écoutée ("+itoaApp(int64(len(who.Permissions)))+").", "en", "I felt heard."), berceau.Text{})
	}},
	"Voice.SetQuestionActive": {adminEmail, berceau.PermVoiceManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Voice.SetQuestionActive(ctx, who, demoVoiceQuestion(ctx, a).ID, true)
	}},
	"Voice.MoveQuestion": {adminEmail, berceau.PermVoiceManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Voice.MoveQuestion(ctx, who, demoVoiceQuestion(ctx, a).ID, 1)
	}},
	"Voice.ModerationQueue": {coordinatorEmail, berceau.PermVoiceManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return emptyRefused(a.Voice.ModerationQueue(ctx, who, indicator.VoicePending, "1900-01", "2100-12"))
	}},
	"Voice.Moderate": {coordinatorEmail, berceau.PermVoiceManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Voice.Moderate(ctx, who, demoVoiceComment(ctx, a, w.Sites), indicator.VoiceShared)
	}},
	// Results and shared comments: whoever holds none of families.read,
	// indicators.read, indicators.deidentified, voice.manage is refused
	// ("" strips every permission).
	"Voice.Results": {evaluatorEmail, "", false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Voice.Results(ctx, who, "", "")
		return err
	}},
	"Voice.SharedComments": {evaluatorEmail, "", false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return emptyRefused(a.Voice.SharedComments(ctx, who, "1900-01", "2100-12"))
	}},
}

var voiceExempt = map[string]string{
	"Voice.OpenVoiceForm":   "a family's one-time link is the credential; the form shows no family data (voice tests: used, expired, kiosk)",
	"Voice.Answer":          "a family's one-time link is the credential; the answer is anonymous by design (voice tests)",
	"Voice.MinResponses":    "the indicators' small-cell threshold, a network setting, no data",
	"Voice.PendingComments": "a count for the actor's own moderation queue; 0 for whoever does not moderate",
}
