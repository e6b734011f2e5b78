package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// VoiceService holds the use cases of the families' voice: the
// questionnaire, the invitations a worker hands over from a family's file,
// the anonymous answers, their results and the moderation of comments.
type VoiceService struct{ *App }

// Questions lists the questionnaire, inactive questions included, for the
// people who manage it.
func (a *VoiceService) Questions(ctx context.Context, actor berceau.Actor) ([]indicator.VoiceQuestion, error) {
	var list []indicator.VoiceQuestion
	err := a.read(ctx, actor, berceau.PermVoiceManage, nil, func(tx *store.Tx) error {
		var err error
		list, err = tx.VoiceQuestions(ctx, false)
		return err
	})
	return list, err
}

// Question reads one question at its current wording, for its edit form.
func (a *VoiceService) Question(ctx context.Context, actor berceau.Actor, id int64) (indicator.VoiceQuestion, error) {
	var q indicator.VoiceQuestion
	err := a.read(ctx, actor, berceau.PermVoiceManage, nil, func(tx *store.Tx) error {
		var err error
		q, err = tx.VoiceQuestion(ctx, id)
		return err
	})
	return q, err
}

// AddQuestion adds a question at the end of the questionnaire, active.
func (a *VoiceService) AddQuestion(ctx context.Context, actor berceau.Actor, q indicator.VoiceQuestion) (indicator.VoiceQuestion, error) {
	q.Active = true
	q.Wording, q.Plain = trimText(q.Wording), trimText(q.Plain)
	err := a.write(ctx, actor, berceau.PermVoiceManage, auditTarget{Action: "voice.question.create", ObjectType: "voice_question"},
		func(tx *store.Tx, t *auditTarget) error {
			if err := q.Validate(); err != nil {
				return err
			}
			if err := tx.CreateVoiceQuestion(ctx, &q, actor.User.ID); err != nil {
				return err
			}
			t.ObjectID, t.Detail = q.ID, q.Code+" ("+string(q.Kind)+")"
			return nil
		})
	return q, err
}

// Reword gives a question a new wording: a new version, so the answers
// given to the old one keep the text they answered. The same wording
// changes nothing.
func (a *VoiceService) Reword(ctx context.Context, actor berceau.Actor, id int64, wording, plain berceau.Text) error {
	wording, plain = trimText(wording), trimText(plain)
	return a.write(ctx, actor, berceau.PermVoiceManage, auditTarget{Action: "voice.question.reword", ObjectType: "voice_question", ObjectID: id},
		func(tx *store.Tx, t *auditTarget) error {
			if err := indicator.ValidateVoiceWording(wording, plain); err != nil {
				return err
			}
			q, err := tx.VoiceQuestion(ctx, id)
			if err != nil {
				return err
			}
			if sameText(q.Wording, wording) && sameText(q.Plain, plain) {
				t.Skip = true
				return nil
			}
			q.Wording, q.Plain = wording, plain
			if err := tx.AddVoiceQuestionVersion(ctx, &q, actor.User.ID); err != nil {
				return err
			}
			t.Detail = "version " + strconv.Itoa(q.Version)
			return nil
		})
}

// SetQuestionActive puts a question in the questionnaire or takes it out;
// its answers stay.
func (a *VoiceService) SetQuestionActive(ctx context.Context, actor berceau.Actor, id int64, active bool) error {
	return a.write(ctx, actor, berceau.PermVoiceManage, auditTarget{Action: "voice.question.active", ObjectType: "voice_question", ObjectID: id},
		func(tx *store.Tx, t *auditTarget) error {
			if _, err := tx.VoiceQuestion(ctx, id); err != nil {
				return err
			}
			t.Detail = strconv.FormatBool(active)
			return tx.SetVoiceQuestionActive(ctx, id, active)
		})
}

// MoveQuestion moves a question one place up (-1) or down (+1).
func (a *VoiceService) MoveQuestion(ctx context.Context, actor berceau.Actor, id int64, step int) error {
	return a.write(ctx, actor, berceau.PermVoiceManage, auditTarget{Action: "voice.question.move", ObjectType: "voice_question", ObjectID: id},
		func(tx *store.Tx, t *auditTarget) error {
			if step != -1 && step != 1 {
				return berceau.Errorf(berceau.KindInvalid, "error.form_invalid")
			}
			list, err := tx.VoiceQuestions(ctx, false)
			if err != nil {
				return err
			}
			at := -1
			for i, q := range list {
				if q.ID == id {
					at = i
				}
			}
			if at < 0 {
				return berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
			}
			to := at + step
			if to < 0 || to >= len(list) {
				t.Skip = true
				return nil
			}
			list[at], list[to] = list[to], list[at]
			for i, q := range list {
				if err := tx.SetVoiceQuestionPosition(ctx, q.ID, i+1); err != nil {
					return err
				}
			}
			t.Detail = "position " + strconv.Itoa(to+1)
			return nil
		})
}

// MinResponses is how many responses a site needs in a period before its
// results show: the indicators' small-cell threshold (SettingMinFamilies,
// 5 by default), one rule for every number the network publishes.
func (a *VoiceService) MinResponses(ctx context.Context) int {
	n := indicator.DefaultVoiceMinResponses
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		n = voiceMinResponses(ctx, tx)
		return nil
	})
	return n
}

func voiceMinResponses(ctx context.Context, tx *store.Tx) int {
	n, err := minFamilies(ctx, tx)
	if err != nil || n < 1 {
		return indicator.DefaultVoiceMinResponses
	}
	return n
}

// VoiceIssued is an invitation just created, with its token in clear: shown
// once (as a link and a QR code, or as the kiosk's page), never stored.
type VoiceIssued struct {
	Invitation indicator.VoiceInvitation
	Token      string
	URL        string // the link to answer, absolute when the base URL is known
}

// Invite creates an invitation to the questionnaire for a family, at a
// reassessment or at closure, as a one-time link or on the worker's tablet
// (kiosk). It is a change of the family's file, audited under the family;
// the invitation keeps the family's site and programme, which are all the
// response will keep.
func (a *VoiceService) Invite(ctx context.Context, actor berceau.Actor, familyID int64, occasion indicator.VoiceOccasion, mode indicator.VoiceMode) (VoiceIssued, error) {
	var issued VoiceIssued
	err := a.familyWrite(ctx, actor, berceau.PermFamiliesWrite, familyID, "family.voice_invitation", func(tx *store.Tx, f care.Family) (string, error) {
		fields := map[string]string{}
		if !occasion.Valid() {
			fields["occasion"] = "voice.error.occasion"
		}
		if !mode.Valid() {
			fields["mode"] = "voice.error.mode"
		}
		if len(fields) > 0 {
			return "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
		}
		enrollments, err := tx.EnrollmentsOf(ctx, familyID)
		if err != nil {
			return "", err
		}
		programme := voiceProgramme(enrollments)
		if programme == "" {
			return "", berceau.Errorf(berceau.KindInvalid, "voice.error.no_programme")
		}
		token, hash, err := newVoiceToken()
		if err != nil {
			return "", err
		}
		life := indicator.VoiceLinkLife
		if mode == indicator.VoiceByKiosk {
			life = indicator.VoiceKioskLife
		}
		inv := indicator.VoiceInvitation{FamilyID: familyID, SiteID: f.SiteID, Programme: programme, Occasion: occasion, Mode: mode,
			CreatedBy: actor.User.ID, ExpiresAt: tx.Now().Add(life)}
		if err := tx.CreateVoiceInvitation(ctx, &inv, hash); err != nil {
			return "", err
		}
		issued = VoiceIssued{Invitation: inv, Token: token, URL: strings.TrimRight(a.opts.BaseURL, "/") + "/voice/" + token}
		return string(occasion) + ", " + string(mode), nil
	})
	return issued, err
}

// voiceProgramme is the programme a family's answers count under: that of
// its open enrollment, else of its latest one (a closure); "" when it was
// never enrolled. Enrollments come oldest first.
func voiceProgramme(enrollments []care.Enrollment) string {
	programme := ""
	for _, e := range enrollments {
		if e.Open() {
			return e.Programme
		}
		programme = e.Programme
	}
	return programme
}

func newVoiceToken() (token, hash string, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", berceau.Wrap(err, "error.internal_message")
	}
	token = base64.RawURLEncoding.EncodeToString(b[:])
	return token, hashVoiceToken(token), nil
}

func hashVoiceToken(token string) string {
	sum := sha256.Sum256([]byte("voice:" + token))
	return hex.EncodeToString(sum[:])
}

// FamilyVoice is the page of a family's file that offers the questionnaire:
// its header and the invitations already made (never their answers).
type FamilyVoice struct {
	Summary     FamilySummary
	Invitations []indicator.VoiceInvitation
	Programme   string // the programme an invitation would name; "" when none
}

// OpenFamilyVoice reads a family's voice page: one read, one audit entry.
func (a *VoiceService) OpenFamilyVoice(ctx context.Context, actor berceau.Actor, familyID int64, today time.Time) (FamilyVoice, error) {
	var v FamilyVoice
	sum, err := a.Care.readFamilyPage(ctx, actor, "family.voice.read", familyID, today, func(tx *store.Tx, f care.Family) (string, error) {
		var err error
		if v.Invitations, err = tx.VoiceInvitationsOf(ctx, familyID); err != nil {
			return "", err
		}
		enrollments, err := tx.EnrollmentsOf(ctx, familyID)
		v.Programme = voiceProgramme(enrollments)
		return "voice invitations", err
	})
	v.Summary = sum
	return v, err
}

// VoiceForm is the questionnaire a token opens: its questions and whether
// it is answered on a worker's tablet.
type VoiceForm struct {
	Questions []indicator.VoiceQuestion
	Kiosk     bool
}

// OpenVoiceForm reads the questionnaire of a link: a link unknown, used or
// expired is refused, and the form shows nothing of the family.
func (a *VoiceService) OpenVoiceForm(ctx context.Context, token string) (VoiceForm, error) {
	var form VoiceForm
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		inv, err := tx.VoiceInvitationByToken(ctx, hashVoiceToken(token))
		if err != nil {
			return err
		}
		if err := inv.Usable(tx.Now()); err != nil {
			return err
		}
		form.Kiosk = inv.Mode == indicator.VoiceByKiosk
		form.Questions, err = tx.VoiceQuestions(ctx, true)
		return err
	})
	return form, domainError(err)
}

// Answer records a family's answers through its link: the invitation is
// spent (only flagged used) and the answers are written with the site,
// programme and month, nothing else, in the same transaction. A link used
// twice or expired is refused and nothing is written. No audit entry: one
// would date the answer to the second and tie it to the invitation's.
// It reports whether the answer came from a kiosk.
func (a *VoiceService) Answer(ctx context.Context, token string, answers map[int64]indicator.VoiceAnswer) (kiosk bool, err error) {
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		hash := hashVoiceToken(token)
		inv, err := tx.VoiceInvitationByToken(ctx, hash)
		if err != nil {
			return err
		}
		if err := inv.Usable(tx.Now()); err != nil {
			return err
		}
		kiosk = inv.Mode == indicator.VoiceByKiosk
		questions, err := tx.VoiceQuestions(ctx, true)
		if err != nil {
			return err
		}
		kept, err := indicator.CheckVoiceAnswers(questions, answers)
		if err != nil {
			return err
		}
		if ok, err := tx.UseVoiceInvitation(ctx, hash); err != nil {
			return err
		} else if !ok {
			return berceau.Errorf(berceau.KindConflict, "voice.error.used")
		}
		kinds := map[int64]indicator.VoiceAnswerKind{}
		for _, q := range questions {
			kinds[q.VersionID] = q.Kind
		}
		return tx.AddVoiceResponse(ctx, indicator.VoiceResponse{SiteID: inv.SiteID, Programme: inv.Programme,
			Period: indicator.VoicePeriod(tx.Now()), Answers: kept}, kinds)
	})
	return kiosk, domainError(err)
}

// trimText trims every language of a text.
func trimText(t berceau.Text) berceau.Text {
	var out berceau.Text
	for _, lang := range voiceLanguages {
		out.Set(lang, strings.TrimSpace(t.Get(lang)))
	}
	return out
}

func sameText(a, b berceau.Text) bool {
	for _, lang := range voiceLanguages {
		if a.Get(lang) != b.Get(lang) {
			return false
		}
	}
	return true
}

// voiceLanguages are the languages a question is written in.
var voiceLanguages = []string{"fr", "en", "nl"}
