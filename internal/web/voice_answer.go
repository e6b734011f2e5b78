package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
)

// voiceAnswerPage is the questionnaire a family answers through its link or
// on the worker's tablet: a page of its own frame (layouts/voice.html), no
// navigation, no account, nothing of the family; works without JavaScript,
// in the network's languages, in plain words on request.
type voiceAnswerPage struct {
	Layout
	Token     string
	Kiosk     bool
	Plain     bool
	Questions []indicator.VoiceQuestion
	Scale     []int
	Errors    formErrors
	Values    map[string]string
	// Closed is the message of a link that can no longer be answered.
	Closed string
}

// Say is a question in the page's language, plainly when asked.
func (p *voiceAnswerPage) Say(q indicator.VoiceQuestion) string { return q.Say(p.Lang, p.Plain) }

// YesNo and Comment tell a question's kind.
func (p *voiceAnswerPage) YesNo(q indicator.VoiceQuestion) bool {
	return q.Kind == indicator.VoiceYesNo
}
func (p *voiceAnswerPage) Comment(q indicator.VoiceQuestion) bool {
	return q.Kind == indicator.VoiceFreeComment
}

// Name is a question's field name.
func (p *voiceAnswerPage) Name(q indicator.VoiceQuestion) string { return voiceField(q.VersionID) }

// Checked reports whether value was chosen for q (the form shown again).
func (p *voiceAnswerPage) Checked(q indicator.VoiceQuestion, value int) bool {
	return p.Values[voiceField(q.VersionID)] == strconv.Itoa(value)
}

// Value is what was typed for q.
func (p *voiceAnswerPage) Value(q indicator.VoiceQuestion) string {
	return p.Values[voiceField(q.VersionID)]
}

// Error is the message key of q's field, if any.
func (p *voiceAnswerPage) Error(q indicator.VoiceQuestion) string {
	return p.Errors.Field(voiceField(q.VersionID))
}

// ScaleKey names a value of the agreement scale, plainly when asked.
func (p *voiceAnswerPage) ScaleKey(v int) string {
	if p.Plain {
		return "voice.scale_plain_" + strconv.Itoa(v)
	}
	return "voice.scale_" + strconv.Itoa(v)
}

// PlainPath and WordedPath switch between the two wordings.
func (p *voiceAnswerPage) PlainPath() string  { return "/voice/" + p.Token + "?plain=1" }
func (p *voiceAnswerPage) WordedPath() string { return "/voice/" + p.Token }

func voiceField(versionID int64) string { return "q" + strconv.FormatInt(versionID, 10) }

func (s *Server) newVoiceAnswerPage(r *http.Request, token string) *voiceAnswerPage {
	p := &voiceAnswerPage{Layout: s.newLayout(r, "voice", "voice.form_title"), Token: token, Scale: indicator.VoiceAgreementScale,
		Plain: r.URL.Query().Get("plain") == "1" || r.PostForm.Get("plain") == "1"}
	if p.Plain {
		p.Path = p.PlainPath() // the language switch comes back in plain words
	}
	return p
}

// voiceClosed shows a link that cannot be answered (unknown, used, expired)
// as a page that says so, in the questionnaire's frame.
func (s *Server) voiceClosed(w http.ResponseWriter, r *http.Request, token string, err error) {
	status, key := http.StatusNotFound, "voice.error.link"
	switch {
	case berceau.IsNotFound(err):
	case berceau.KindOf(err) == berceau.KindConflict:
		status, key = http.StatusConflict, "voice.error.used"
	case berceau.KindOf(err) == berceau.KindInvalid:
		status, key = http.StatusGone, "voice.error.expired"
	default:
		s.renderDomainError(w, r, err)
		return
	}
	p := s.newVoiceAnswerPage(r, token)
	p.Closed = key
	s.render(w, r, status, "voice_answer", p)
}

func (s *Server) handleVoiceForm(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	form, err := s.app.Voice.OpenVoiceForm(r.Context(), token)
	if err != nil {
		s.voiceClosed(w, r, token, err)
		return
	}
	p := s.newVoiceAnswerPage(r, token)
	p.Kiosk, p.Questions = form.Kiosk, form.Questions
	s.render(w, r, http.StatusOK, "voice_answer", p)
}

func (s *Server) handleVoiceAnswer(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	form, err := s.app.Voice.OpenVoiceForm(r.Context(), token)
	if err != nil {
		s.voiceClosed(w, r, token, err)
		return
	}
	kinds := map[int64]indicator.VoiceAnswerKind{}
	for _, q := range form.Questions {
		kinds[q.VersionID] = q.Kind
	}
	answers := map[int64]indicator.VoiceAnswer{}
	values := map[string]string{}
	fields := map[string]string{}
	for key, vs := range r.PostForm {
		id, err := strconv.ParseInt(strings.TrimPrefix(key, "q"), 10, 64)
		if !strings.HasPrefix(key, "q") || err != nil || len(vs) == 0 {
			continue
		}
		v := vs[0]
		values[key] = v
		if kinds[id] == indicator.VoiceFreeComment {
			answers[id] = indicator.VoiceAnswer{Comment: v}
			continue
		}
		if strings.TrimSpace(v) == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fields[key] = "voice.error.value"
			continue
		}
		answers[id] = indicator.VoiceAnswer{Value: n}
	}
	if len(fields) == 0 {
		var kiosk bool
		kiosk, err = s.app.Voice.Answer(r.Context(), token, answers)
		if err == nil {
			next := "/voice/thanks"
			if kiosk {
				next += "?kiosk=1"
			}
			http.Redirect(w, r, next, http.StatusSeeOther)
			return
		}
	} else {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "voice.error.answers", Fields: fields}
	}
	fe, ok := formErrorsFrom(err)
	if !ok || isVoiceLinkError(err) {
		s.voiceClosed(w, r, token, err)
		return
	}
	p := s.newVoiceAnswerPage(r, token)
	p.Kiosk, p.Questions, p.Errors, p.Values = form.Kiosk, form.Questions, fe, values
	s.render(w, r, statusForForm(err), "voice_answer", p)
}

// isVoiceLinkError reports whether err is about the link (used meanwhile,
// expired), not the answers.
func isVoiceLinkError(err error) bool {
	var e *berceau.Error
	return errors.As(err, &e) && (e.Key == "voice.error.used" || e.Key == "voice.error.expired")
}

// voiceThanksPage thanks the family; in kiosk mode it asks them to hand
// the tablet back, and offers the worker to sign in again.
type voiceThanksPage struct {
	Layout
	Kiosk bool
}

func (s *Server) handleVoiceThanks(w http.ResponseWriter, r *http.Request) {
	p := &voiceThanksPage{Layout: s.newLayout(r, "voice", "voice.thanks_title"), Kiosk: r.URL.Query().Get("kiosk") == "1"}
	s.render(w, r, http.StatusOK, "voice_thanks", p)
}
