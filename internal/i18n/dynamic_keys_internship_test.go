package i18n_test

import (
	"strconv"

	"github.com/berceau/berceau/training"
)

// The internship register's run-time keys (internal/web/internship*.go,
// templates under pages/internship/), kept apart from dynamicKeys' main list.
func init() {
	var months []string
	for i := 1; i <= 12; i++ {
		months = append(months, strconv.Itoa(i))
	}
	var stages, kinds []string
	for _, s := range training.EvaluationStages {
		stages = append(stages, string(s))
	}
	for _, k := range training.EvaluationFieldKinds {
		kinds = append(kinds, string(k))
	}
	for prefix, values := range map[string][]string{
		"internship.done_":          {"created", "updated", "logged", "signed", "evaluated", "agreement", "settings"},
		"internship.month_":         months,
		"internship.stage_":         stages,
		"internship.answer_":        {"yes", "no"},
		"internship.question_kind_": kinds,
	} {
		dynamicKeys[prefix] = values
	}
	// The audit trail names the register's objects.
	dynamicKeys["daily_language.object."] = append(dynamicKeys["daily_language.object."],
		"internship", "internship_kind", "internship_field", "internship_evaluation_field")
}
