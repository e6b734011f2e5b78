package web

import (
	"net/http"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/app"
)

// voicePeriodForm is the months a voice page covers.
type voicePeriodForm struct{ From, To string }

func voicePeriodOf(r *http.Request) voicePeriodForm {
	return voicePeriodForm{From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to")}
}

// voiceResultsPage shows the questionnaire's answers per site and for the
// network, each with its table: the share who agreed and the count of each
// answer, or a note that too few answered to show anything.
type voiceResultsPage struct {
	Layout
	Results app.VoiceResults
	Period  voicePeriodForm
	Errors  formErrors
	Pending int // comments waiting for this coordinator's moderation
}

// voiceSiteBlock is one site's (or the network's) section of the page.
type voiceSiteBlock struct {
	Page     *voiceResultsPage
	Result   indicator.VoiceSiteResult
	TitleKey string // the network's title; a site shows its name
}

// Block frames a site's result for its section.
func (p *voiceResultsPage) Block(r indicator.VoiceSiteResult, titleKey string) voiceSiteBlock {
	return voiceSiteBlock{Page: p, Result: r, TitleKey: titleKey}
}

// Share is a question result's share who agreed, as "83 %".
func (p *voiceResultsPage) Share(r indicator.VoiceQuestionResult) string {
	if r.Answered == 0 {
		return p.T("voice.no_answer")
	}
	return p.T("voice.percent", "Value", formatNumber(p.Lang, r.AgreedShare(), 0))
}

// Say is a question in the page's language.
func (p *voiceResultsPage) Say(q indicator.VoiceQuestion) string { return q.Say(p.Lang, false) }

// Bar is the width of a share's bar, in percent.
func (p *voiceResultsPage) Bar(r indicator.VoiceQuestionResult) string {
	return strconv.Itoa(int(r.AgreedShare() + 0.5))
}

// Count is how many gave value to a question.
func (p *voiceResultsPage) Count(r indicator.VoiceQuestionResult, value int) string {
	return p.Number(r.Counts[value])
}

// Values are the answer values of a question, in order.
func (p *voiceResultsPage) Values(q indicator.VoiceQuestion) []int {
	if q.Kind == indicator.VoiceYesNo {
		return []int{1, 0}
	}
	return []int{5, 4, 3, 2, 1}
}

// ValueKey names an answer value.
func (p *voiceResultsPage) ValueKey(q indicator.VoiceQuestion, v int) string {
	if q.Kind == indicator.VoiceYesNo {
		if v == 1 {
			return "voice.yes"
		}
		return "voice.no"
	}
	return "voice.scale_" + strconv.Itoa(v)
}

func (s *Server) handleVoiceResults(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), state(r).actor
	period := voicePeriodOf(r)
	p := &voiceResultsPage{Layout: s.newLayout(r, voiceNav(r), "voice.results_title"), Period: period,
		Pending: s.app.Voice.PendingComments(ctx, actor)}
	res, err := s.app.Voice.Results(ctx, actor, period.From, period.To)
	if fe, ok := formErrorsFrom(err); ok {
		p.Errors = fe
		res, err = s.app.Voice.Results(ctx, actor, "", "")
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Results = res
	if p.Period.From == "" || p.Errors.Has() {
		p.Period = voicePeriodForm{From: res.From, To: res.To}
	}
	status := http.StatusOK
	if p.Errors.Has() {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "voice_results", p)
}

// voiceCommentsPage lists comments: shared ones (the site's team, the
// evaluators) or, for a coordinator, the moderation queue of one state.
type voiceCommentsPage struct {
	Layout
	Comments   []indicator.VoiceComment
	Period     voicePeriodForm
	Errors     formErrors
	Moderation bool
	State      indicator.VoiceCommentState
	States     []indicator.VoiceCommentState
	Notice     string
}

// Asked is the question a comment answered, worded as it was then.
func (p *voiceCommentsPage) Asked(c indicator.VoiceComment) string { return p.Local(c.Question) }

// Month is a comment's period as the page's language writes a month.
func (p *voiceCommentsPage) Month(period string) string { return voiceMonth(&p.Layout, period) }

func voiceMonth(l *Layout, period string) string {
	year, month, ok := splitPeriod(period)
	if !ok {
		return period
	}
	return l.T("voice.month", "Month", l.T("voice.month_"+strconv.Itoa(month)), "Year", strconv.Itoa(year))
}

func splitPeriod(period string) (year, month int, ok bool) {
	if !indicator.ValidVoicePeriod(period) {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(period[:4])
	month, _ = strconv.Atoi(period[5:])
	return year, month, true
}

func (s *Server) handleVoiceComments(w http.ResponseWriter, r *http.Request) {
	period := voicePeriodOf(r)
	if period.From == "" || period.To == "" {
		period.From, period.To = app.VoicePeriodDefault(s.app.Now())
	}
	p := &voiceCommentsPage{Layout: s.newLayout(r, voiceNav(r), "voice.comments_title"), Period: period}
	list, err := s.app.Voice.SharedComments(r.Context(), state(r).actor, period.From, period.To)
	if fe, ok := formErrorsFrom(err); ok {
		p.Errors = fe
		p.Period.From, p.Period.To = app.VoicePeriodDefault(s.app.Now())
		list, err = s.app.Voice.SharedComments(r.Context(), state(r).actor, p.Period.From, p.Period.To)
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Comments = list
	status := http.StatusOK
	if p.Errors.Has() {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "voice_comments", p)
}

func (s *Server) handleVoiceModeration(w http.ResponseWriter, r *http.Request) {
	period := voicePeriodOf(r)
	if period.From == "" || period.To == "" {
		period.From, period.To = app.VoicePeriodDefault(s.app.Now())
	}
	st := indicator.VoiceCommentState(r.URL.Query().Get("state"))
	if !st.Valid() {
		st = indicator.VoicePending
	}
	p := &voiceCommentsPage{Layout: s.newLayout(r, voiceNav(r), "voice.moderation_title"), Period: period, Moderation: true, State: st,
		States: []indicator.VoiceCommentState{indicator.VoicePending, indicator.VoiceShared, indicator.VoiceHidden}}
	switch d := r.URL.Query().Get("done"); d {
	case "shared", "hidden":
		p.Notice = "voice.done_" + d
	}
	list, err := s.app.Voice.ModerationQueue(r.Context(), state(r).actor, st, period.From, period.To)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Comments = list
	s.render(w, r, http.StatusOK, "voice_moderation", p)
}

var voiceModerations = map[string]indicator.VoiceCommentState{"share": indicator.VoiceShared, "hide": indicator.VoiceHidden}

func (s *Server) handleVoiceModerate(w http.ResponseWriter, r *http.Request) {
	to, ok := voiceModerations[r.PathValue("action")]
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.Voice.Moderate(r.Context(), state(r).actor, r.PathValue("id"), to); err != nil {
		if berceau.KindOf(err) == berceau.KindConflict {
			http.Redirect(w, r, "/voice/moderation?state="+string(to), http.StatusSeeOther)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	back := r.PostForm.Get("state")
	if !indicator.VoiceCommentState(back).Valid() {
		back = string(indicator.VoicePending)
	}
	http.Redirect(w, r, "/voice/moderation?state="+back+"&done="+string(to), http.StatusSeeOther)
}

// voiceNav is the navigation entry the voice's staff pages belong to: the
// indicators for those who have them (their dashboard links the voice),
// the voice's own entry for the others.
func voiceNav(r *http.Request) string {
	if state(r).actor.Can(berceau.PermIndicators) {
		return "indicators"
	}
	return "voice"
}
