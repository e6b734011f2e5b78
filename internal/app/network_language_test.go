package app

import (
	"context"
	"reflect"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestNetworkLanguagesAreASettingTheAdministratorChecks: the demo network
// offers French, English and Dutch; the administrator changes them, only to
// languages with complete catalogs, with the default among them; a refused
// change writes nothing, a content editor may not change them, and the
// change is audited and read at once.
func TestNetworkLanguagesAreASettingTheAdministratorChecks(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		admin, editor := actor("admin@berceau.example"), actor("contenu@berceau.example")
		if got := a.Languages.Enabled(ctx).Enabled; !reflect.DeepEqual(got, []string{"fr", "en", "nl"}) {
			t.Fatalf("the demo network's languages: %v", got)
		}
		if got := a.Languages.Available(); !reflect.DeepEqual(got, []string{"fr", "en", "nl"}) {
			t.Fatalf("languages with complete catalogs: %v", got)
		}
		for _, bad := range []struct {
			enabled    []string
			def, field string
			key        string
		}{
			{nil, "fr", "languages", "multilingual.error.none"},
			{[]string{"fr", "de"}, "fr", "languages", "multilingual.error.incomplete"},
			{[]string{"fr", "en"}, "nl", "default", "multilingual.error.default_not_enabled"},
			{[]string{"fr"}, "xx", "default", "multilingual.error.incomplete"},
		} {
			err := a.Languages.Save(ctx, admin, bad.enabled, bad.def)
			if e, ok := err.(*berceau.Error); !ok || e.Fields[bad.field] != bad.key {
				t.Errorf("%v, %s: %v", bad.enabled, bad.def, err)
			}
		}
		if err := a.Languages.Save(ctx, editor, []string{"fr"}, "fr"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("a content editor changed the languages: %v", err)
		}
		if got := a.Languages.Enabled(ctx).Enabled; !reflect.DeepEqual(got, []string{"fr", "en", "nl"}) {
			t.Fatalf("a refused change was written: %v", got)
		}
		if err := a.Languages.Save(ctx, admin, []string{"fr", "en"}, "en"); err != nil {
			t.Fatal(err)
		}
		if got := a.Languages.Enabled(ctx); !reflect.DeepEqual(got.Enabled, []string{"en", "fr"}) || got.Default() != "en" {
			t.Fatalf("after saving en and fr, default en: %v", got)
		}
		if n := auditCount(t, st, "admin.settings.languages", berceau.OutcomeSuccess); n != 1 {
			t.Errorf("%d audited changes of the languages", n)
		}
		if n := auditCount(t, st, "admin.settings.languages", berceau.OutcomeDenied); n != 1 {
			t.Errorf("%d audited refusals", n)
		}
		// A person may keep only an enabled language as theirs.
		if err := a.Accounts.SetLocale(ctx, admin, "nl"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Errorf("Dutch saved as an account's language while disabled: %v", err)
		}
	})
}

// TestDisablingALanguageKeepsItsTexts: a network that stops offering Dutch
// for a while keeps the Dutch of an event its organisers change meanwhile
// (their form has no Dutch field then).
func TestDisablingALanguageKeepsItsTexts(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		admin, organiser := actor("admin@berceau.example"), actor("contenu@berceau.example")
		e := testEvent(a.now(), "nid-hochelaga", 10)
		e.Title.Set("nl", "Workshop borstvoeding")
		e, err := a.Events.CreateEvent(ctx, organiser, e)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Languages.Save(ctx, admin, []string{"fr", "en"}, "fr"); err != nil {
			t.Fatal(err)
		}
		e.Title = berceau.TextOf("fr", "Atelier d’allaitement", "en", "Breastfeeding workshop") // what the form sends
		if _, err := a.Events.UpdateEvent(ctx, organiser, e); err != nil {
			t.Fatal(err)
		}
		d, err := a.Events.Event(ctx, organiser, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Event.Title.Get("nl") != "Workshop borstvoeding" || d.Event.Title.Get("fr") != "Atelier d’allaitement" {
			t.Fatalf("after a change with Dutch disabled: %v / %q", d.Event.Title.Langs(), d.Event.Title.Get("nl"))
		}
		// Enabled, the form shows the Dutch field: emptied, it is gone.
		if err := a.Languages.Save(ctx, admin, []string{"fr", "en", "nl"}, "fr"); err != nil {
			t.Fatal(err)
		}
		changed := d.Event
		changed.Title = berceau.TextOf("fr", "Atelier d’allaitement")
		if _, err := a.Events.UpdateEvent(ctx, organiser, changed); err != nil {
			t.Fatal(err)
		}
		if d, _ = a.Events.Event(ctx, organiser, e.ID); d.Event.Title.Get("nl") != "" {
			t.Fatalf("the Dutch title emptied while Dutch is enabled stayed: %q", d.Event.Title.Get("nl"))
		}
	})
}

// TestMissingTranslationFilters: the directory's maintainers and the events'
// organisers list what lacks a language; what has it is not listed.
func TestMissingTranslationFilters(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		moderator, member := actor("contenu@berceau.example"), actor("membre@berceau.example")
		missing, err := a.Directory.MissingTranslation(ctx, moderator, "nl", 1000)
		if err != nil {
			t.Fatal(err)
		}
		translated := directory.NameUUID("demo-service:parvis:sagefemme")
		untranslated := directory.NameUUID("demo-service:parvis:psy")
		ids := map[string]bool{}
		for _, s := range missing {
			ids[s.ID] = true
			if !s.Name.Missing("nl") && !s.Description.Missing("nl") {
				t.Errorf("%s is listed but has its Dutch", s.Name.Get("fr"))
			}
		}
		if ids[translated] || !ids[untranslated] {
			t.Errorf("missing in Dutch: the translated service listed %v, the untranslated one %v", ids[translated], ids[untranslated])
		}
		if _, err := a.Directory.MissingTranslation(ctx, member, "nl", 10); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("a member listed the directory's missing translations: %v", err)
		}
		list, err := a.Events.Events(ctx, moderator, knowledge.EventFilter{MissingLanguage: "nl"})
		if err != nil {
			t.Fatal(err)
		}
		all, err := a.Events.Events(ctx, moderator, knowledge.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		dutch := 0
		for _, it := range all.Items {
			if it.Event.Title.Get("nl") != "" {
				dutch++
			}
		}
		if dutch == 0 || list.Total != all.Total-dutch {
			t.Fatalf("%d events, %d with a Dutch title, %d listed as missing Dutch", all.Total, dutch, list.Total)
		}
		for _, it := range list.Items {
			if it.Event.Title.Get("nl") != "" && it.Event.Summary.Get("nl") != "" {
				t.Errorf("%q has its Dutch but is listed", it.Event.Title.Get("nl"))
			}
		}
		if en, _ := a.Events.Events(ctx, moderator, knowledge.EventFilter{MissingLanguage: "en"}); en.Total != 0 {
			t.Errorf("%d demo events listed as missing English", en.Total)
		}
	})
}
