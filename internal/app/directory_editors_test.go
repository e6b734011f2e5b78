package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// TestOrganisationEditorsMaintainTheirOwnRecords: a moderator makes a
// practitioner an editor of one organisation; the editor then sees,
// decides, confirms and edits that organisation's services, every change
// in the history, and nothing of another organisation.
func TestOrganisationEditorsMaintainTheirOwnRecords(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		moderator, member := actor("contenu@berceau.example"), actor("membre@berceau.example")
		nid := directory.NameUUID("demo-org:nid-hochelaga")
		own, other := directory.NameUUID("demo-service:nid-hochelaga:eval"), directory.NameUUID("demo-service:clsc-parcex:sippe")

		if err := a.Directory.GrantDirectoryEditor(ctx, member, nid, "infirmiere@berceau.example"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a member granted an editor: %v", err)
		}
		if err := a.Directory.GrantDirectoryEditor(ctx, moderator, nid, "personne@nulle-part.example"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("unknown account: %v", err)
		}
		if err := a.Directory.GrantDirectoryEditor(ctx, moderator, berceau.NewUUID(), "infirmiere@berceau.example"); berceau.KindOf(err) != berceau.KindNotFound {
			t.Fatalf("unknown organisation: %v", err)
		}
		if err := a.Directory.GrantDirectoryEditor(ctx, moderator, nid, " Infirmiere@berceau.example "); err != nil {
			t.Fatal(err)
		}
		if err := a.Directory.GrantDirectoryEditor(ctx, moderator, nid, "infirmiere@berceau.example"); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("granted twice: %v", err)
		}
		editor := actor("infirmiere@berceau.example")
		page, err := a.Directory.DirectoryEditorsPage(ctx, moderator, nid)
		if err != nil || len(page.Editors) != 1 || page.Editors[0].Email != "infirmiere@berceau.example" {
			t.Fatalf("editors: %+v %v", page.Editors, err)
		}
		for _, c := range page.Candidates {
			if c.Email == "infirmiere@berceau.example" || c.Disabled {
				t.Errorf("candidate %s should not be offered", c.Email)
			}
		}

		mine, err := a.Directory.SuggestChange(ctx, member, own, "email", "evaluation@nid.example", "")
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := a.Directory.SuggestChange(ctx, member, other, "email", "sippe@clsc.example", "")
		if err != nil {
			t.Fatal(err)
		}
		open, err := a.Directory.OpenSuggestions(ctx, editor, "")
		if err != nil || len(open) != 1 || open[0].ID != mine.ID {
			t.Fatalf("the editor sees %+v (%v), want only their organisation's suggestion", open, err)
		}
		if all, _ := a.Directory.OpenSuggestions(ctx, moderator, ""); len(all) != 2 {
			t.Errorf("the moderator sees %d suggestions, want 2", len(all))
		}
		if _, err := a.Directory.OpenSuggestions(ctx, member, ""); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("a member lists suggestions: %v", err)
		}

		// Nothing of another organisation: refused, audited, nothing written.
		before := historyLen(t, a, moderator, other)
		if _, err := a.Directory.DecideSuggestion(ctx, editor, theirs.ID, true); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("the editor decided another organisation's suggestion: %v", err)
		}
		if err := a.Directory.ConfirmService(ctx, editor, other, directory.ConfirmUnchanged); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("the editor confirmed another organisation's service: %v", err)
		}
		if err := a.Directory.EditServiceField(ctx, editor, other, "url", "https://pirate.example", ""); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("the editor edited another organisation's service: %v", err)
		}
		sp, _ := a.Directory.DirectoryServicePage(ctx, moderator, other)
		if sp.Service.Email == "sippe@clsc.example" || sp.Service.URL == "https://pirate.example" || historyLen(t, a, moderator, other) != before {
			t.Errorf("another organisation's service changed: %s %s", sp.Service.Email, sp.Service.URL)
		}
		if still, _ := a.Directory.OpenSuggestions(ctx, moderator, other); len(still) != 1 {
			t.Errorf("another organisation's suggestion was decided")
		}
		if n := auditCount(t, st, "directory.suggestion.decide", berceau.OutcomeDenied); n != 1 {
			t.Errorf("%d audited refusals of a decision", n)
		}

		// Their own: decided, confirmed, edited, each in the history.
		if _, err := a.Directory.DecideSuggestion(ctx, editor, mine.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := a.Directory.ConfirmService(ctx, editor, own, directory.ConfirmUpdated); err != nil {
			t.Fatal(err)
		}
		m, err := a.Directory.DirectoryServiceMaintenance(ctx, editor, own)
		if err != nil || !m.CanMaintain || !m.ByOrganization || m.CanManageEditors {
			t.Fatalf("maintenance of the editor's service: %+v %v", m, err)
		}
		if err := a.Directory.EditServiceField(ctx, editor, own, "url", "https://nid.example/evaluation", "1"); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("an outdated version was accepted: %v", err)
		}
		if err := a.Directory.EditServiceField(ctx, editor, own, "url", "", m.Version); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an empty value was accepted: %v", err)
		}
		if err := a.Directory.EditServiceField(ctx, editor, own, "url", "https://nid.example/evaluation", m.Version); err != nil {
			t.Fatal(err)
		}
		sp, _ = a.Directory.DirectoryServicePage(ctx, moderator, own)
		fields := map[string]string{}
		for _, h := range sp.History {
			if h.UpdatedBy == "infirmiere@berceau.example" {
				fields[h.FieldName] = h.ReplacementValue
			}
		}
		if sp.Service.Email != "evaluation@nid.example" || sp.Service.URL != "https://nid.example/evaluation" ||
			fields["email"] != "evaluation@nid.example" || fields["url"] != "https://nid.example/evaluation" || fields["assured_date"] == "" {
			t.Errorf("after the editor's changes: %s %s, history %v", sp.Service.Email, sp.Service.URL, fields)
		}
		stale, err := a.Directory.ToVerify(ctx, editor, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stale {
			if s.OrganizationID != nid {
				t.Errorf("the editor's to-verify list holds %s of another organisation", s.ID)
			}
		}
		if m, _ := a.Directory.DirectoryServiceMaintenance(ctx, editor, other); m.CanMaintain || m.ByOrganization {
			t.Errorf("maintenance of another organisation's service: %+v", m)
		}
		if m, _ := a.Directory.DirectoryServiceMaintenance(ctx, moderator, other); !m.CanMaintain || !m.CanManageEditors {
			t.Errorf("maintenance for a moderator: %+v", m)
		}

		// Removed, they maintain nothing any more.
		if err := a.Directory.RemoveDirectoryEditor(ctx, moderator, nid, editor.User.ID); err != nil {
			t.Fatal(err)
		}
		if err := a.Directory.RemoveDirectoryEditor(ctx, moderator, nid, editor.User.ID); berceau.KindOf(err) != berceau.KindNotFound {
			t.Fatalf("removed twice: %v", err)
		}
		if _, err := a.Directory.OpenSuggestions(ctx, editor, ""); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("a removed editor lists suggestions: %v", err)
		}
		for action, want := range map[string]int{"directory.editor.grant": 1, "directory.editor.remove": 1, "directory.service.edit": 1} {
			if n := auditCount(t, st, action, berceau.OutcomeSuccess); n != want {
				t.Errorf("%d audited %s, want %d", n, action, want)
			}
		}
	})
}

func historyLen(t *testing.T, a *App, actor berceau.Actor, id string) int {
	t.Helper()
	sp, err := a.Directory.DirectoryServicePage(context.Background(), actor, id)
	if err != nil {
		t.Fatal(err)
	}
	return len(sp.History)
}

// TestStalePeriodIsANetworkSetting: the administrator sets it (1 to 60
// months, checked before anything is written, audited); the to-verify list
// follows it at once.
func TestStalePeriodIsANetworkSetting(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		admin, moderator := actor("admin@berceau.example"), actor("contenu@berceau.example")
		if got := a.Directory.DirectoryStaleMonths(ctx); got != directory.DefaultStaleMonths {
			t.Fatalf("default %d months", got)
		}
		before, _ := a.Directory.ToVerify(ctx, moderator, 1000)
		for _, bad := range []string{"0", "61", "douze", "1.5"} {
			err := a.Admin.SaveNetworkSettings(ctx, admin, "Autre nom", bad)
			if e, ok := err.(*berceau.Error); !ok || e.Fields["stale_months"] == "" {
				t.Errorf("%q: %v", bad, err)
			}
		}
		if ov, _ := a.Admin.NetworkOverview(ctx); ov.Name == "Autre nom" {
			t.Error("the name was saved with an invalid stale period")
		}
		if err := a.Admin.SaveNetworkSettings(ctx, moderator, "Autre nom", "3"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("a content editor changed the settings: %v", err)
		}
		if err := a.Admin.SaveNetworkSettings(ctx, admin, "Autre nom", "1"); err != nil {
			t.Fatal(err)
		}
		if got := a.Directory.DirectoryStaleMonths(ctx); got != 1 {
			t.Fatalf("after saving 1: %d months", got)
		}
		after, _ := a.Directory.ToVerify(ctx, moderator, 1000)
		if len(after) <= len(before) {
			t.Errorf("1 month lists %d services to verify, 12 months %d", len(after), len(before))
		}
		if n := auditCount(t, st, "admin.settings.directory_stale_months", berceau.OutcomeSuccess); n != 1 {
			t.Errorf("%d audited changes of the stale period", n)
		}
		// Saving the name alone keeps the period.
		if err := a.Admin.SaveNetworkSettings(ctx, admin, "Encore un nom", ""); err != nil || a.Directory.DirectoryStaleMonths(ctx) != 1 {
			t.Errorf("saving the name alone: %v, %d months", err, a.Directory.DirectoryStaleMonths(ctx))
		}
	})
}
