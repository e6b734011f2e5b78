package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// The portal's authorization entries join the tables of
// usecase_authorization_test.go (see event_registration_authorization_test.go).
func init() {
	for name, c := range map[string]useCaseCase{
		"Portal.Pages": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			return emptyRefused(a.Portal.Pages(ctx, who))
		}},
		"Portal.PageForEditing": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			_, err := a.Portal.PageForEditing(ctx, who, demoPageID(ctx, a))
			return err
		}},
		"Portal.SavePage": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			_, err := a.Portal.SavePage(ctx, who, PageSave{Page: knowledge.Page{Slug: "authz", Title: berceau.TextOf("fr", "T"),
				Body: berceau.TextOf("fr", "B")}})
			return err
		}},
		"Portal.RestorePageRevision": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			_, err := a.Portal.RestorePageRevision(ctx, who, demoPageID(ctx, a), 1)
			return err
		}},
		"Portal.UnpublishPage": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			return a.Portal.UnpublishPage(ctx, who, demoPageID(ctx, a))
		}},
		"Portal.DeletePage": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
			return a.Portal.DeletePage(ctx, who, demoPageID(ctx, a))
		}},
	} {
		useCaseAuthorization[name] = c
	}
	for name, reason := range map[string]string{
		"Portal.PublishedPage": "a published page is public: anyone reads it",
		"Portal.Home":          "the public home page: only the published pages and the public sources' public items",
		"Portal.Search":        "the public search: each source reads only what anonymous visitors may read",
		"Portal.Sitemap":       "the public sitemap: only public pages",
		"Portal.SiteURL":       "the configured base URL, no data",
	} {
		useCaseExempt[name] = reason
	}
}

// demoPageID is the id of the demo's About page.
func demoPageID(ctx context.Context, a *App) int64 {
	var id int64
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		p, err := tx.PageBySlug(ctx, knowledge.PageAbout)
		id = p.ID
		return err
	})
	return id
}

func auditActions(t *testing.T, st *store.Store, objectType string) []string {
	t.Helper()
	var out []string
	err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		page, err := tx.ListAudit(context.Background(), berceau.AuditFilter{ObjectType: objectType, PageSize: 200})
		for _, e := range page.Entries {
			out = append(out, string(e.Outcome)+":"+e.Action)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPagesKeepRevisionsPublishDraftsAndRestore(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		editor := actor(editorEmail)

		p, err := a.Portal.SavePage(ctx, editor, PageSave{Page: knowledge.Page{Slug: "contact",
			Title: berceau.TextOf("fr", "Nous joindre", "en", "Contact us"), Body: berceau.TextOf("fr", "Écrivez-nous.", "en", "Write to us.")},
			Note: "premier jet"})
		if err != nil {
			t.Fatal(err)
		}
		if p.Revision != 1 || p.Published != 0 {
			t.Fatalf("a draft: revision %d, published %d", p.Revision, p.Published)
		}
		if _, err := a.Portal.PublishedPage(ctx, "contact"); !berceau.IsNotFound(err) {
			t.Fatalf("a draft page is public: %v", err)
		}
		p.Body = berceau.TextOf("fr", "Téléphone : 514 555-0100.", "en", "Phone: 514 555-0100.")
		if p, err = a.Portal.SavePage(ctx, editor, PageSave{Page: p, BaseRev: 1, Note: "téléphone", Publish: true}); err != nil {
			t.Fatal(err)
		}
		pub, err := a.Portal.PublishedPage(ctx, "contact")
		if err != nil || pub.Body.Get("fr") != "Téléphone : 514 555-0100." {
			t.Fatalf("published: %+v, %v", pub, err)
		}
		// A draft after publication leaves visitors on the published text.
		p.Body = berceau.TextOf("fr", "Brouillon en cours.", "en", "Work in progress.")
		if _, err = a.Portal.SavePage(ctx, editor, PageSave{Page: p, BaseRev: 2, Note: "essai"}); err != nil {
			t.Fatal(err)
		}
		if pub, _ = a.Portal.PublishedPage(ctx, "contact"); pub.Body.Get("fr") != "Téléphone : 514 555-0100." {
			t.Fatalf("a draft replaced the published text: %q", pub.Body.Get("fr"))
		}
		// Someone saving from an old revision is told, nothing written.
		if _, err = a.Portal.SavePage(ctx, editor, PageSave{Page: p, BaseRev: 2}); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("a save from an old revision: %v", err)
		}
		// Restoring revision 1 makes revision 4 with its texts, published
		// since the page is.
		restored, err := a.Portal.RestorePageRevision(ctx, editor, p.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if restored.Revision != 4 || restored.Published != 4 {
			t.Fatalf("restored: revision %d published %d", restored.Revision, restored.Published)
		}
		if pub, _ = a.Portal.PublishedPage(ctx, "contact"); pub.Body.Get("en") != "Write to us." {
			t.Fatalf("after restore visitors read %q", pub.Body.Get("en"))
		}
		ed, err := a.Portal.PageForEditing(ctx, editor, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var numbers []int
		for _, r := range ed.Revisions {
			numbers = append(numbers, r.Number)
			if r.AuthorName != "Léa Dubois" || r.CreatedAt.IsZero() {
				t.Errorf("revision %d: author %q at %v", r.Number, r.AuthorName, r.CreatedAt)
			}
		}
		if !slices.Equal(numbers, []int{4, 3, 2, 1}) || ed.Revisions[0].RestoredFrom != 1 || ed.Revisions[1].Note != "essai" {
			t.Fatalf("history: %v, %+v", numbers, ed.Revisions[0])
		}
		if err := a.Portal.UnpublishPage(ctx, editor, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Portal.PublishedPage(ctx, "contact"); !berceau.IsNotFound(err) {
			t.Fatalf("an unpublished page is public: %v", err)
		}
		if err := a.Portal.DeletePage(ctx, editor, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Portal.PageForEditing(ctx, editor, p.ID); !berceau.IsNotFound(err) {
			t.Fatalf("a deleted page: %v", err)
		}
		got := auditActions(t, st, "page")
		for _, want := range []string{"success:page.create", "success:page.publish", "success:page.update", "success:page.restore",
			"success:page.unpublish", "success:page.delete"} {
			if !slices.Contains(got, want) {
				t.Errorf("audit trail %v lacks %s", got, want)
			}
		}
		// A member may not edit; the refusal is audited.
		if _, err := a.Portal.SavePage(ctx, actor(memberEmail), PageSave{Page: knowledge.Page{Slug: "x", Title: berceau.TextOf("fr", "x"),
			Body: berceau.TextOf("fr", "x")}}); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a member saved a page: %v", err)
		}
		if got := auditActions(t, st, "page"); !slices.Contains(got, "denied:page.create") {
			t.Errorf("the refusal is not audited: %v", got)
		}
	})
}

func TestPageSaveRefusesBadInputAndTakenAddresses(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		editor := actor(editorEmail)
		if _, err := a.Portal.SavePage(ctx, editor, PageSave{Page: knowledge.Page{Slug: "../admin", Title: berceau.TextOf("fr", "x"),
			Body: berceau.TextOf("fr", "x")}}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a bad address: %v", err)
		}
		if _, err := a.Portal.SavePage(ctx, editor, PageSave{Page: knowledge.Page{Slug: knowledge.PageAbout, Title: berceau.TextOf("fr", "x"),
			Body: berceau.TextOf("fr", "x")}}); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("a taken address: %v", err)
		}
		pages, err := a.Portal.Pages(ctx, editor)
		if err != nil || len(pages) != 3 {
			t.Fatalf("nothing half-written: %d pages, %v", len(pages), err)
		}
	})
}

// fakeSource stands for an area that is not on this branch (news, the
// library): the portal must show and search it like any other.
type fakeSource struct {
	kind string
	hits []PublicHit
}

func (f fakeSource) PublicKind() string { return f.kind }
func (f fakeSource) SearchPublic(_ context.Context, q PublicQuery) ([]PublicHit, error) {
	var out []PublicHit
	for _, h := range f.hits {
		if matchesAll(berceau.QueryWords(q.Words), h.Title, h.Summary) {
			out = append(out, h)
		}
	}
	return out, nil
}
func (f fakeSource) FeaturedPublic(_ context.Context, _ string, limit int) ([]PublicHit, error) {
	return f.hits[:min(limit, len(f.hits))], nil
}

func TestPortalHomeAndSearchGroupEverySourceByKind(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorldOn(t, st)
		// A glossary stands for an area not built yet (news, outreach and
		// trainings are real sources).
		a.Public.Register(fakeSource{kind: "glossary", hits: []PublicHit{{Kind: "glossary", Title: "Nouvelle halte-allaitement à Saint-Gilles",
			URL: "/glossary/1", When: a.now()}}})
		// An empty source has no section.
		a.Public.Register(fakeSource{kind: "empty"})

		home, err := a.Portal.Home(ctx, "en")
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, s := range home.Sections {
			kinds = append(kinds, s.Kind)
		}
		// Events (upcoming public ones), then the other areas' sources in
		// their registration order (app.New: news, the library's featured
		// resources, trainings with a session to come, outreach, then the
		// fake glossary), the first homeSections of them with something to
		// show; the directory and the pages have no section, nor has the
		// empty source.
		if !slices.Equal(kinds, []string{"event", "news", "resource"}) {
			t.Fatalf("home sections %v", kinds)
		}
		for _, s := range home.Sections {
			if len(s.Hits) == 0 || len(s.Hits) > homeItems {
				t.Fatalf("section %s has %d items", s.Kind, len(s.Hits))
			}
		}
		for _, h := range home.Sections[0].Hits {
			if h.When.Before(a.now().Add(-24 * time.Hour)) {
				t.Errorf("a past event on the home page: %+v", h)
			}
		}
		if len(home.Intro) != 2 || home.Intro[0].Slug != knowledge.PageAbout || home.Intro[1].Slug != knowledge.PagePerinatal {
			t.Fatalf("introduction %+v", home.Intro)
		}

		// Accents and case folded, prefixes found, grouped in the sources'
		// order.
		groups, err := a.Portal.Search(ctx, "fr", "PERINATAL")
		if err != nil {
			t.Fatal(err)
		}
		kinds = nil
		for _, g := range groups {
			kinds = append(kinds, g.Kind)
		}
		if !slices.Contains(kinds, "page") || !slices.Contains(kinds, "service") {
			t.Fatalf("search groups %v", kinds)
		}
		if groups, _ = a.Portal.Search(ctx, "fr", "halte allaitement"); len(groups) == 0 || groups[len(groups)-1].Kind != "glossary" {
			t.Fatalf("the fake news source is not searched: %+v", groups)
		}
		if _, err := a.Portal.Search(ctx, "fr", strings.Repeat("a", MaxSearchLength+1)); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an overlong query: %v", err)
		}

		// A members-only event is never searched nor in the sitemap.
		e, _ := demoEvent(ctx, a)
		e.ID, e.UID, e.CycleID, e.Audience = 0, "", 0, knowledge.AudienceMembers
		e.Title = berceau.TextOf("fr", "Supervision confidentielle zébrée", "en", "Confidential zebra supervision")
		e.Start, e.End = a.now().Add(72*time.Hour), a.now().Add(74*time.Hour)
		e.RegistrationOpens, e.RegistrationCloses = time.Time{}, time.Time{}
		members, err := a.Events.CreateEvent(ctx, actor(editorEmail), e)
		if err != nil {
			t.Fatal(err)
		}
		if groups, _ = a.Portal.Search(ctx, "fr", "zébrée"); len(groups) != 0 {
			t.Fatalf("a members-only event is found: %+v", groups)
		}
		home, _ = a.Portal.Home(ctx, "fr")
		for _, s := range home.Sections {
			for _, h := range s.Hits {
				if strings.Contains(h.Title, "zébrée") {
					t.Fatalf("a members-only event on the home page")
				}
			}
		}
		entries, err := a.Portal.Sitemap(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, en := range entries {
			paths = append(paths, en.Path)
		}
		if slices.Contains(paths, "/events/"+itoaApp(members.ID)) {
			t.Fatalf("a members-only event is in the sitemap")
		}
		for _, want := range []string{"/", "/pages/about", "/pages/partners"} {
			if !slices.Contains(paths, want) {
				t.Errorf("sitemap lacks %s", want)
			}
		}
		services := 0
		for _, p := range paths {
			if strings.HasPrefix(p, "/directory/services/") {
				services++
			}
		}
		if services == 0 {
			t.Error("the sitemap lists no directory service")
		}
	})
}
