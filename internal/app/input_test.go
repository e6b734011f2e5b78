package app

import (
	"context"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// TestSuggestionsAreCheckedWhenMadeAndWhenAccepted: a javascript: address,
// an e-mail with a display name or a name past its limit is refused when
// suggested; one stored before the checks existed is refused again when a
// moderator accepts it, and the service keeps its value.
func TestSuggestionsAreCheckedWhenMadeAndWhenAccepted(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		member, editor := actor("membre@berceau.example"), actor("contenu@berceau.example")
		id := directory.NameUUID("demo-service:nid-hochelaga:eval")
		for _, c := range []struct{ field, value, key string }{
			{"url", "javascript:alert(document.cookie)", berceau.KeyURLInvalid},
			{"url", "nid.example", berceau.KeyURLInvalid},
			{"email", "Nid <accueil@nid.example>", berceau.KeyEmailInvalid},
			{"email", "a@b.example, c@d.example", berceau.KeyEmailInvalid},
			{"name.fr", strings.Repeat("n", berceau.MaxNameLength+1), berceau.KeyTooLong},
		} {
			_, err := a.Directory.SuggestChange(ctx, member, id, c.field, c.value, "")
			if e, ok := err.(*berceau.Error); !ok || e.Fields["value"] != c.key {
				t.Errorf("suggest %s=%.40q: %v", c.field, c.value, err)
			}
			if err := a.Directory.EditServiceField(ctx, editor, id, c.field, c.value, ""); berceau.KindOf(err) != berceau.KindInvalid {
				t.Errorf("edit %s=%.40q: %v", c.field, c.value, err)
			}
		}
		// A legacy suggestion, stored as it was before the checks.
		var legacy directory.Suggestion
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			s, err := tx.DirectoryServiceByID(ctx, id, store.Professionals)
			if err != nil {
				return err
			}
			legacy = directory.Suggestion{ServiceID: id, Field: "url", CurrentValue: s.URL, ProposedValue: "javascript:alert(1)", ProposedBy: member.User.ID}
			return tx.AddSuggestion(ctx, &legacy)
		}); err != nil {
			t.Fatal(err)
		}
		_, err := a.Directory.DecideSuggestion(ctx, editor, legacy.ID, true)
		if e, ok := err.(*berceau.Error); !ok || e.Fields["value"] != berceau.KeyURLInvalid {
			t.Fatalf("accepting the legacy suggestion: %v", err)
		}
		page, err := a.Directory.DirectoryServicePage(ctx, editor, id)
		if err != nil || strings.HasPrefix(page.Service.URL, "javascript:") {
			t.Fatalf("the service after the refusal: %q %v", page.Service.URL, err)
		}
		if _, err := a.Directory.DecideSuggestion(ctx, editor, legacy.ID, false); err != nil {
			t.Fatalf("rejecting it: %v", err)
		}
	})
}
