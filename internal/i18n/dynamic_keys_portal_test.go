package i18n_test

// The portal's run-time keys (internal/web/home.go, page_edit.go): the kinds
// of public sources the catalogs name (a source of another kind shows under
// portal.kind_other), and the notices after an editor's action.
func init() {
	dynamicKeys["portal.kind."] = []string{"service", "event", "training", "resource", "news", "outreach", "page", "faq"}
	dynamicKeys["portal.done."] = []string{"saved", "published", "restored", "unpublished", "deleted"}
}
