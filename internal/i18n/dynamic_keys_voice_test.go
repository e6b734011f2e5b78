package i18n_test

import (
	"strconv"

	"github.com/berceau/berceau/indicator"
)

// The families' voice pages' run-time keys (internal/web/voice*.go,
// templates under pages/voice/), kept apart from dynamicKeys' main list.
func init() {
	var months, scale []string
	for i := 1; i <= 12; i++ {
		months = append(months, strconv.Itoa(i))
	}
	for _, v := range indicator.VoiceAgreementScale {
		scale = append(scale, strconv.Itoa(v))
	}
	states := strs(indicator.VoicePending, indicator.VoiceShared, indicator.VoiceHidden)
	for prefix, values := range map[string][]string{
		"voice.kind_":        strs(indicator.VoiceAnswerKinds...),
		"voice.occasion_":    strs(indicator.VoiceAtReassessment, indicator.VoiceAtClosure),
		"voice.mode_":        strs(indicator.VoiceByLink, indicator.VoiceByKiosk),
		"voice.state_":       states,
		"voice.no_comments_": states,
		"voice.done_":        {"shared", "hidden", "added", "saved"},
		"voice.scale_":       scale,
		"voice.scale_plain_": scale,
		"voice.language_":    {"fr", "en", "nl"},
		"voice.month_":       months,
		"voice.audit_":       append(strs(indicator.VoiceAtReassessment, indicator.VoiceAtClosure), strs(indicator.VoiceByLink, indicator.VoiceByKiosk)...),
	} {
		dynamicKeys[prefix] = values
	}
}
