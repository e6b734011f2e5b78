package i18n_test

import "github.com/berceau/berceau/internal/i18n"

// The run-time keys of the network's languages (internal/web/text_field.go,
// directory_moderation.go): each language's name in the page's language, the
// labels of the suggestable texts.
func init() {
	dynamicKeys["multilingual.in."] = i18n.Languages
	dynamicKeys["multilingual.field."] = []string{"name", "about", "eligibility", "application_process"}
}
