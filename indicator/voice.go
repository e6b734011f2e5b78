package indicator

// The families' voice: a short satisfaction and experience questionnaire a
// family answers at reassessment or at closure, through a one-time link or on
// the worker's tablet (kiosk). The answers are anonymous: a response keeps
// only the site, the programme and the month it was given in, never the
// family, the invitation or a precise time, so no view or export can lead
// back from an answer to a file.

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// VoiceAnswerKind is how a question is answered.
type VoiceAnswerKind string

const (
	// VoiceAgreement is a 1–5 agreement scale, from "strongly disagree" (1)
	// to "strongly agree" (5).
	VoiceAgreement VoiceAnswerKind = "agreement"
	// VoiceYesNo is yes (1) or no (0).
	VoiceYesNo VoiceAnswerKind = "yes_no"
	// VoiceFreeComment is a short free comment, moderated before anyone reads it.
	VoiceFreeComment VoiceAnswerKind = "comment"
)

// VoiceAnswerKinds lists the kinds in the order forms show them.
var VoiceAnswerKinds = []VoiceAnswerKind{VoiceAgreement, VoiceYesNo, VoiceFreeComment}

// Valid reports whether k is a known kind.
func (k VoiceAnswerKind) Valid() bool {
	for _, known := range VoiceAnswerKinds {
		if k == known {
			return true
		}
	}
	return false
}

// VoiceAgreementScale is the agreement scale's values, in order.
var VoiceAgreementScale = []int{1, 2, 3, 4, 5}

// VoiceAgrees reports whether an agreement value says "agree" or "strongly
// agree": what the indicators count as a favourable answer.
func VoiceAgrees(value int) bool { return value >= 4 && value <= 5 }

// MaxVoiceCommentLength bounds a family's free comment, in characters: a
// short comment, not a letter.
const MaxVoiceCommentLength = 1000

// DefaultVoiceMinResponses is how many responses a site needs in a period
// before its results are shown: the indicators' small-cell rule.
const DefaultVoiceMinResponses = 5

var voiceCodePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// VoiceQuestion is one question of the questionnaire, at one version of its
// wording. Editing the wording makes a new version; answers keep the version
// they answered, so an old answer still shows the text it was given to.
type VoiceQuestion struct {
	ID int64
	// Code names the question for the indicators ("listened"): stable,
	// lower case, set at creation.
	Code     string
	Kind     VoiceAnswerKind
	Position int
	Active   bool
	// VersionID and Version name the current wording.
	VersionID int64
	Version   int
	Wording   berceau.Text // as a questionnaire says it
	Plain     berceau.Text // the same in plain words; empty falls back on Wording
}

// Validate checks a question before it is saved.
func (q *VoiceQuestion) Validate() error {
	fields := map[string]string{}
	q.Code = strings.TrimSpace(q.Code)
	if !voiceCodePattern.MatchString(q.Code) {
		fields["code"] = "voice.error.code"
	}
	if !q.Kind.Valid() {
		fields["kind"] = "voice.error.kind"
	}
	if q.Wording.Empty() {
		fields["wording"] = "voice.error.wording_required"
	}
	if err := checkVoiceTexts(q.Wording, q.Plain); err != "" {
		fields["wording"] = err
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// ValidateVoiceWording checks a new wording of an existing question.
func ValidateVoiceWording(wording, plain berceau.Text) error {
	fields := map[string]string{}
	if wording.Empty() {
		fields["wording"] = "voice.error.wording_required"
	}
	if err := checkVoiceTexts(wording, plain); err != "" {
		fields["wording"] = err
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

func checkVoiceTexts(texts ...berceau.Text) string {
	for _, t := range texts {
		for _, lang := range []string{"fr", "en", "nl"} {
			if v := t.Get(lang); utf8.RuneCountInString(v) > berceau.MaxShortTextLength || !utf8.ValidString(v) {
				return berceau.KeyTooLong
			}
		}
	}
	return ""
}

// Say returns the question in lang, plainly when plain is asked and a plain
// wording exists.
func (q VoiceQuestion) Say(lang string, plain bool) string {
	if plain && !q.Plain.Empty() {
		v, _ := q.Plain.In(lang)
		return v
	}
	v, _ := q.Wording.In(lang)
	return v
}

// VoiceOccasion is when the questionnaire is offered.
type VoiceOccasion string

const (
	VoiceAtReassessment VoiceOccasion = "reassessment"
	VoiceAtClosure      VoiceOccasion = "closure"
)

// Valid reports whether o is a known occasion.
func (o VoiceOccasion) Valid() bool { return o == VoiceAtReassessment || o == VoiceAtClosure }

// VoiceMode is how the family answers.
type VoiceMode string

const (
	// VoiceByLink is a one-time link (and its QR code) the family opens on
	// its own phone.
	VoiceByLink VoiceMode = "link"
	// VoiceByKiosk is the worker's tablet, handed over in a mode that shows
	// nothing of the file.
	VoiceByKiosk VoiceMode = "kiosk"
)

// Valid reports whether m is a known mode.
func (m VoiceMode) Valid() bool { return m == VoiceByLink || m == VoiceByKiosk }

// VoiceLinkLife is how long a link stays usable; a kiosk session is answered
// on the spot and lives an hour.
const (
	VoiceLinkLife  = 30 * 24 * time.Hour
	VoiceKioskLife = time.Hour
)

// VoiceInvitation is what the worker hands over: it knows the family (its
// creation is a change of the file) but never the response it led to; once
// answered it is only marked used.
type VoiceInvitation struct {
	ID        int64
	FamilyID  int64
	SiteID    int64
	Programme string
	Occasion  VoiceOccasion
	Mode      VoiceMode
	CreatedBy int64
	CreatedAt time.Time
	ExpiresAt time.Time
	Used      bool
}

// Usable says why an invitation cannot be answered at now: already used
// (conflict) or expired (invalid); nil when it can.
func (inv VoiceInvitation) Usable(now time.Time) error {
	if inv.Used {
		return berceau.Errorf(berceau.KindConflict, "voice.error.used")
	}
	if !now.Before(inv.ExpiresAt) {
		return berceau.Errorf(berceau.KindInvalid, "voice.error.expired")
	}
	return nil
}

// VoicePeriod is the month a response is kept under ("2026-12"): no finer
// time is stored, so a response cannot be matched with the moment an
// invitation was used.
func VoicePeriod(t time.Time) string { return t.UTC().Format("2006-01") }

// ValidVoicePeriod reports whether s is a month written YYYY-MM.
func ValidVoicePeriod(s string) bool {
	t, err := time.Parse("2006-01", s)
	return err == nil && berceau.DateInRange(t)
}

// VoiceAnswer is the answer to one question (at one version).
type VoiceAnswer struct {
	VersionID int64
	Value     int    // agreement 1–5, yes 1 / no 0; unused for a comment
	Comment   string // a comment question's text
}

// VoiceResponse is one family's answers, with only what the indicators
// break them down by.
type VoiceResponse struct {
	SiteID    int64
	Programme string
	Period    string
	Answers   []VoiceAnswer
}

// CheckVoiceAnswers reads a questionnaire's answers against its questions:
// every question may be left out (no answer is required), a value outside
// its kind or a comment too long is refused with the question's field.
// Empty comments are dropped.
func CheckVoiceAnswers(questions []VoiceQuestion, answers map[int64]VoiceAnswer) ([]VoiceAnswer, error) {
	fields := map[string]string{}
	var kept []VoiceAnswer
	known := map[int64]bool{}
	for _, q := range questions {
		known[q.VersionID] = true
		a, ok := answers[q.VersionID]
		if !ok {
			continue
		}
		a.VersionID = q.VersionID
		field := "q" + strconv.FormatInt(q.VersionID, 10)
		switch q.Kind {
		case VoiceAgreement:
			if a.Value < 1 || a.Value > 5 {
				fields[field] = "voice.error.value"
				continue
			}
			a.Comment = ""
		case VoiceYesNo:
			if a.Value != 0 && a.Value != 1 {
				fields[field] = "voice.error.value"
				continue
			}
			a.Comment = ""
		case VoiceFreeComment:
			a.Comment = strings.TrimSpace(a.Comment)
			if !utf8.ValidString(a.Comment) || utf8.RuneCountInString(a.Comment) > MaxVoiceCommentLength {
				fields[field] = "voice.error.comment_long"
				continue
			}
			if a.Comment == "" {
				continue
			}
			a.Value = 0
		}
		kept = append(kept, a)
	}
	for id := range answers {
		if !known[id] {
			fields["form"] = "voice.error.stale_form"
		}
	}
	if len(fields) > 0 {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "voice.error.answers", Fields: fields}
	}
	if len(kept) == 0 {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "voice.error.empty"}
	}
	return kept, nil
}

// VoiceCommentState is where a comment stands in moderation.
type VoiceCommentState string

const (
	// VoicePending is a comment no coordinator has read yet: nobody but the
	// site's coordinators sees it.
	VoicePending VoiceCommentState = "pending"
	// VoiceShared is shown to the site's team and the network's evaluators.
	VoiceShared VoiceCommentState = "shared"
	// VoiceHidden is kept out of every view but moderation.
	VoiceHidden VoiceCommentState = "hidden"
)

// Valid reports whether s is a known state.
func (s VoiceCommentState) Valid() bool {
	return s == VoicePending || s == VoiceShared || s == VoiceHidden
}

// CheckVoiceModeration says whether a comment may go from one state to
// another: a coordinator shares or hides a pending comment, and may change
// their mind (hide a shared one, share a hidden one); nothing goes back to
// pending.
func CheckVoiceModeration(from, to VoiceCommentState) error {
	if (to != VoiceShared && to != VoiceHidden) || from == to || !from.Valid() {
		return berceau.Errorf(berceau.KindConflict, "voice.error.moderation")
	}
	return nil
}

// VoiceComment is a family's free comment, known only by its site,
// programme and month, and by the question (at its version) it answered.
type VoiceComment struct {
	ID          string // random: no order to match with invitations
	SiteID      int64
	SiteName    string
	Programme   string
	Period      string
	Question    berceau.Text
	Body        string
	State       VoiceCommentState
	ModeratedBy int64
	ModeratedAt time.Time
}

// VoiceQuestionResult is one question's answers over a site (or the
// network) and a period: counts per value, and whether there were too few
// responses to show them.
type VoiceQuestionResult struct {
	Question VoiceQuestion
	Answered int
	// Counts per value: 1–5 for an agreement, 0/1 for yes/no.
	Counts map[int]int
}

// Agreed is how many answered agree or strongly agree (agreement) or yes.
func (r VoiceQuestionResult) Agreed() int {
	n := 0
	for v, c := range r.Counts {
		if (r.Question.Kind == VoiceAgreement && VoiceAgrees(v)) || (r.Question.Kind == VoiceYesNo && v == 1) {
			n += c
		}
	}
	return n
}

// AgreedShare is Agreed over Answered, in percent (0 when none answered).
func (r VoiceQuestionResult) AgreedShare() float64 {
	if r.Answered == 0 {
		return 0
	}
	return 100 * float64(r.Agreed()) / float64(r.Answered)
}

// VoiceSiteResult is a site's (SiteID 0: the network's) results over a
// period. Suppressed is set when it had fewer responses than the threshold:
// then its question results are left out.
type VoiceSiteResult struct {
	SiteID     int64
	SiteName   string
	Responses  int
	Suppressed bool
	Questions  []VoiceQuestionResult
}

// SuppressVoice applies the small-cell rule: a result under min responses
// keeps only the fact that it is suppressed (not even its count, which
// totals could otherwise give away).
func SuppressVoice(r VoiceSiteResult, min int) VoiceSiteResult {
	if min < 1 {
		min = DefaultVoiceMinResponses
	}
	if r.Responses >= min {
		return r
	}
	return VoiceSiteResult{SiteID: r.SiteID, SiteName: r.SiteName, Suppressed: true}
}

// SuppressVoiceSites applies the small-cell rule to every site and, when a
// single site is suppressed beside a network total that is shown, suppresses
// the smallest shown site too: otherwise the total minus the others would
// give the hidden site back (complementary suppression).
func SuppressVoiceSites(sites []VoiceSiteResult, network VoiceSiteResult, min int) ([]VoiceSiteResult, VoiceSiteResult) {
	out := make([]VoiceSiteResult, len(sites))
	hidden := 0
	for i, s := range sites {
		out[i] = SuppressVoice(s, min)
		if out[i].Suppressed {
			hidden++
		}
	}
	network = SuppressVoice(network, min)
	if hidden == 1 && !network.Suppressed {
		order := make([]int, 0, len(out))
		for i := range out {
			if !out[i].Suppressed {
				order = append(order, i)
			}
		}
		sort.SliceStable(order, func(a, b int) bool { return out[order[a]].Responses < out[order[b]].Responses })
		if len(order) > 0 {
			s := out[order[0]]
			out[order[0]] = VoiceSiteResult{SiteID: s.SiteID, SiteName: s.SiteName, Suppressed: true}
		} else {
			network = VoiceSiteResult{Suppressed: true}
		}
	}
	return out, network
}
