package app

import (
	"context"
	"errors"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// TestAcceptedSuggestionLandsInTheHistory: a member proposes, a moderator
// accepts; the field changes and a history row says who changed what.
func TestAcceptedSuggestionLandsInTheHistory(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st) // the demo brings its directory
		member, editor := actor("membre@berceau.example"), actor("contenu@berceau.example")
		id := directory.NameUUID("demo-service:nid-hochelaga:eval")
		if _, err := a.Directory.SuggestChange(ctx, member, id, "email", "", ""); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("empty value: %v", err)
		}
		sg, err := a.Directory.SuggestChange(ctx, member, id, "email", "evaluation@nid.example", "nouvelle adresse")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Directory.DecideSuggestion(ctx, member, sg.ID, true); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a member accepted: %v", err)
		}
		if _, err := a.Directory.DecideSuggestion(ctx, editor, sg.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Directory.DecideSuggestion(ctx, editor, sg.ID, false); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("decided twice: %v", err)
		}
		page, err := a.Directory.DirectoryServicePage(ctx, editor, id)
		if err != nil {
			t.Fatal(err)
		}
		if page.Service.Email != "evaluation@nid.example" || len(page.History) != 1 || page.History[0].FieldName != "email" ||
			page.History[0].PreviousValue != "accueil@nid-hochelaga.example" || page.History[0].UpdatedBy != "contenu@berceau.example" {
			t.Errorf("after acceptance: %s %+v", page.Service.Email, page.History)
		}
		if err := a.Directory.ConfirmService(ctx, editor, id, directory.ConfirmUnchanged); err != nil {
			t.Fatal(err)
		}
		stale, err := a.Directory.ToVerify(ctx, editor, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stale {
			if s.ID == id {
				t.Error("a service confirmed now is still to verify")
			}
		}
		if len(stale) == 0 {
			t.Error("the demo has services confirmed more than a year ago, none listed")
		}
		if n := auditCount(t, st, "directory.suggestion.accepted", berceau.OutcomeSuccess); n != 1 {
			t.Errorf("%d audited acceptances", n)
		}
	})
}

// TestAnOutdatedSuggestionIsNotAccepted: two suggestions on the same field;
// once the first is accepted, accepting the second would silently undo it,
// so it is refused and nothing changes; it can still be rejected.
func TestAnOutdatedSuggestionIsNotAccepted(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		member, editor := actor("membre@berceau.example"), actor("contenu@berceau.example")
		id := directory.NameUUID("demo-service:nid-hochelaga:eval")
		first, err := a.Directory.SuggestChange(ctx, member, id, "email", "evaluation@nid.example", "")
		if err != nil {
			t.Fatal(err)
		}
		second, err := a.Directory.SuggestChange(ctx, member, id, "email", "accueil.eval@nid.example", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Directory.DecideSuggestion(ctx, editor, first.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Directory.DecideSuggestion(ctx, editor, second.ID, true); !errors.Is(err, ErrSuggestionOutdated) {
			t.Fatalf("accepting an outdated suggestion: %v", err)
		}
		page, err := a.Directory.DirectoryServicePage(ctx, editor, id)
		if err != nil {
			t.Fatal(err)
		}
		if page.Service.Email != "evaluation@nid.example" || len(page.History) != 1 {
			t.Fatalf("after the refused acceptance: %s, %d history rows", page.Service.Email, len(page.History))
		}
		if _, err := a.Directory.DecideSuggestion(ctx, editor, second.ID, false); err != nil {
			t.Fatalf("rejecting the outdated suggestion: %v", err)
		}
	})
}
