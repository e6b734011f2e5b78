package web

import (
	"net/http"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
)

// voiceLanguages are the languages a question is written in, in the order
// the forms ask for them: those of French, English and Dutch a text can
// hold (Dutch once berceau.Text holds it), so no form field is dropped.
var voiceLanguages = textLanguages("fr", "en", "nl")

func textLanguages(langs ...string) []string {
	var out []string
	for _, lang := range langs {
		var t berceau.Text
		if t.Set(lang, "x"); t.Get(lang) == "x" {
			out = append(out, lang)
		}
	}
	return out
}

// voiceQuestionsPage manages the questionnaire: its questions in order,
// each active or not, a form to add one, and (for the administrators) the
// small-cell threshold of the results.
type voiceQuestionsPage struct {
	Layout
	Questions    []indicator.VoiceQuestion
	Kinds        []indicator.VoiceAnswerKind
	Languages    []string
	New          voiceQuestionForm
	Errors       formErrors
	MinResponses int
	Notice       string
}

// voiceQuestionForm is a question as typed: its code and kind (new ones
// only) and its wordings per language.
type voiceQuestionForm struct {
	Code, Kind string
	Wording    map[string]string
	Plain      map[string]string
}

func voiceQuestionFormOf(r *http.Request) voiceQuestionForm {
	f := voiceQuestionForm{Code: r.PostForm.Get("code"), Kind: r.PostForm.Get("kind"), Wording: map[string]string{}, Plain: map[string]string{}}
	for _, lang := range voiceLanguages {
		f.Wording[lang] = r.PostForm.Get("wording_" + lang)
		f.Plain[lang] = r.PostForm.Get("plain_" + lang)
	}
	return f
}

func (f voiceQuestionForm) texts() (wording, plain berceau.Text) {
	for _, lang := range voiceLanguages {
		wording.Set(lang, f.Wording[lang])
		plain.Set(lang, f.Plain[lang])
	}
	return wording, plain
}

func voiceQuestionFormFrom(q indicator.VoiceQuestion) voiceQuestionForm {
	f := voiceQuestionForm{Code: q.Code, Kind: string(q.Kind), Wording: map[string]string{}, Plain: map[string]string{}}
	for _, lang := range voiceLanguages {
		f.Wording[lang] = q.Wording.Get(lang)
		f.Plain[lang] = q.Plain.Get(lang)
	}
	return f
}

// Say is a question in the page's language.
func (p *voiceQuestionsPage) Say(q indicator.VoiceQuestion) string { return q.Say(p.Lang, false) }

// LanguageName is a language's own name ("Nederlands").
func (p *voiceQuestionsPage) LanguageName(code string) string { return p.T("voice.language_" + code) }

func (s *Server) voiceQuestionsPage(r *http.Request) (*voiceQuestionsPage, error) {
	list, err := s.app.Voice.Questions(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	p := &voiceQuestionsPage{Layout: s.newLayout(r, voiceNav(r), "voice.questions_title"), Questions: list, Kinds: indicator.VoiceAnswerKinds,
		Languages: voiceLanguages, New: voiceQuestionForm{Kind: string(indicator.VoiceAgreement)},
		MinResponses: s.app.Voice.MinResponses(r.Context())}
	switch d := r.URL.Query().Get("done"); d {
	case "added", "saved":
		p.Notice = "voice.done_" + d
	}
	return p, nil
}

func (s *Server) handleVoiceQuestions(w http.ResponseWriter, r *http.Request) {
	p, err := s.voiceQuestionsPage(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "voice_questions", p)
}

func (s *Server) handleVoiceQuestionAdd(w http.ResponseWriter, r *http.Request) {
	form := voiceQuestionFormOf(r)
	wording, plain := form.texts()
	_, err := s.app.Voice.AddQuestion(r.Context(), state(r).actor, indicator.VoiceQuestion{Code: form.Code, Kind: indicator.VoiceAnswerKind(form.Kind),
		Wording: wording, Plain: plain})
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.voiceQuestionsPage(r)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.New, p.Errors = form, fe
		s.render(w, r, statusForForm(err), "voice_questions", p)
		return
	}
	http.Redirect(w, r, "/voice/questions?done=added", http.StatusSeeOther)
}

// voiceQuestionPage edits one question's wording: saving a changed text
// makes a new version.
type voiceQuestionPage struct {
	Layout
	Question  indicator.VoiceQuestion
	Form      voiceQuestionForm
	Languages []string
	Errors    formErrors
}

// LanguageName is a language's own name.
func (p *voiceQuestionPage) LanguageName(code string) string { return p.T("voice.language_" + code) }

func (s *Server) handleVoiceQuestion(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	q, err := s.app.Voice.Question(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &voiceQuestionPage{Layout: s.newLayout(r, voiceNav(r), "voice.question_title"), Question: q, Form: voiceQuestionFormFrom(q), Languages: voiceLanguages}
	s.render(w, r, http.StatusOK, "voice_question", p)
}

func (s *Server) handleVoiceQuestionReword(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	form := voiceQuestionFormOf(r)
	wording, plain := form.texts()
	err := s.app.Voice.Reword(r.Context(), state(r).actor, id, wording, plain)
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		q, qerr := s.app.Voice.Question(r.Context(), state(r).actor, id)
		if qerr != nil {
			s.renderDomainError(w, r, qerr)
			return
		}
		form.Code, form.Kind = q.Code, string(q.Kind)
		p := &voiceQuestionPage{Layout: s.newLayout(r, voiceNav(r), "voice.question_title"), Question: q, Form: form, Languages: voiceLanguages, Errors: fe}
		s.render(w, r, statusForForm(err), "voice_question", p)
		return
	}
	http.Redirect(w, r, "/voice/questions?done=saved", http.StatusSeeOther)
}

func (s *Server) handleVoiceQuestionAction(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	ctx, actor := r.Context(), state(r).actor
	var err error
	switch r.PathValue("action") {
	case "activate":
		err = s.app.Voice.SetQuestionActive(ctx, actor, id, true)
	case "deactivate":
		err = s.app.Voice.SetQuestionActive(ctx, actor, id, false)
	case "up":
		err = s.app.Voice.MoveQuestion(ctx, actor, id, -1)
	case "down":
		err = s.app.Voice.MoveQuestion(ctx, actor, id, 1)
	default:
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/voice/questions?done=saved", http.StatusSeeOther)
}
