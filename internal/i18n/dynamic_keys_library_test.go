package i18n_test

import "github.com/berceau/berceau/knowledge"

// The library pages' run-time keys (internal/web/library*.go, templates
// under pages/library/), kept apart from dynamicKeys' main list.
func init() {
	for prefix, values := range map[string][]string{
		"library.done_":     {"published", "updated", "version", "deleted"},
		"library.lang_":     knowledge.ResourceLanguages,
		"library.kind_":     strs(knowledge.ResourceKinds...),
		"library.audience_": strs(knowledge.Audiences...),
		"library.licence_":  knowledge.Licences,
	} {
		dynamicKeys[prefix] = values
	}
}
