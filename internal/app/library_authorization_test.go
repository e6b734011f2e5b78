package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The authorization entries of the library's use cases
// (TestEveryUseCaseRefusesWhoMayNot), joined to the tables at init where
// they have no entry of that name yet. Publishing needs knowledge.edit (or
// being an editor of the organisation, which the demo's content editor is
// not): stripped of it, every change is refused.
func init() {
	for name, c := range map[string]useCaseCase{
		"Library.Publish": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			r := testResource("Lien", knowledge.AudiencePublic)
			r.LinkURL = "https://example.org/guide"
			_, err := a.Library.Publish(ctx, who, r, nil)
			return err
		}},
		"Library.Update": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			r := demoResource(ctx, a)
			r.Title = berceau.TextOf("fr", "Changé")
			_, err := a.Library.Update(ctx, who, r)
			return err
		}},
		"Library.AddVersion": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			_, err := a.Library.AddVersion(ctx, who, demoResource(ctx, a).ID, LibraryUpload{FileName: "x.pdf", Content: []byte("%PDF-1.4\n")}, "")
			return err
		}},
		"Library.Delete": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			return a.Library.Delete(ctx, who, demoResource(ctx, a).ID)
		}},
		"Library.FormChoices": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			_, err := a.Library.FormChoices(ctx, who)
			return err
		}},
	} {
		if _, ok := useCaseAuthorization[name]; !ok {
			useCaseAuthorization[name] = c
		}
	}
	for name, reason := range map[string]string{
		"Library.Search":         "public library search: each reader's reach is the app's (library_test.go: members-only never reach anonymous visitors)",
		"Library.Resource":       "public resource page: each reader's reach is the app's (library_test.go)",
		"Library.File":           "public file download: each reader's reach is the app's (library_test.go)",
		"Library.MayPublish":     "tells whether to offer the publication form; publishing itself is checked",
		"Library.MaxFileBytes":   "a server setting, no data",
		"Library.BuildIndex":     "background work of the App itself: builds the search index, returns nothing",
		"Library.PublicKind":     "the portal's public source: a constant",
		"Library.SearchPublic":   "the portal's public source: public resources only (library_test.go)",
		"Library.FeaturedPublic": "the portal's public source: public resources only (library_test.go)",
	} {
		if _, ok := useCaseExempt[name]; !ok {
			useCaseExempt[name] = reason
		}
	}
}

// demoResource reads the demo library's newest resource, valid as it is for
// an update.
func demoResource(ctx context.Context, a *App) knowledge.Resource {
	var r knowledge.Resource
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		entries, err := tx.LibraryEntries(ctx)
		for _, e := range entries {
			if !e.Resource.IsLink() && e.Resource.ID > r.ID {
				r = e.Resource
			}
		}
		return err
	})
	return r
}
