package i18n_test

import (
	"github.com/berceau/berceau/training"
)

// The training pages' run-time keys (internal/web/training*.go,
// learning_record.go, templates under pages/training/).
func init() {
	for prefix, values := range map[string][]string{
		"training.notice_":   {"created", "updated", "completed", "revoked", "declared", "approved", "refused"},
		"training.category_": strs(training.Categories...),
		"training.modality_": strs(training.Modalities...),
		"training.method_":   strs(training.ByAttendance, training.ByTrainer),
		"training.status_":   strs(training.Pending, training.Approved, training.Refused),
	} {
		dynamicKeys[prefix] = values
	}
}
