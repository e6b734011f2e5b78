package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// TestOutreachRegisterLinksPeopleFiltersAndImports: an author written as
// an account's exact name is linked to it; the register filters by kind,
// year and person; a BibTeX list imports all of it or, while one entry is
// wrong, nothing; every change is audited.
func TestOutreachRegisterLinksPeopleFiltersAndImports(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, _ := demoWorld(t, st)
		editor := actor("contenu@berceau.example")
		nurse := actor("infirmiere@berceau.example")
		e := knowledge.OutreachEntry{Kind: knowledge.OutreachTalk, Title: "Le suivi prénatal de proximité",
			Authors: []knowledge.OutreachAuthor{{Name: "Someone Outside"}, {Name: nurse.User.DisplayName}}, Year: 2031, Month: 5, Day: 12,
			Outlet: "Congrès de périnatalité", StaffIDs: []int64{nurse.User.ID}, SiteIDs: []int64{sites["premiers-pas-parc-ex"]}, Language: "fr"}
		if _, err := a.Outreach.SaveEntry(ctx, nurse, e); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner wrote the register: %v", err)
		}
		saved, err := a.Outreach.SaveEntry(ctx, editor, e)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Authors[0].UserID != 0 || saved.Authors[1].UserID != nurse.User.ID {
			t.Fatalf("authors %+v", saved.Authors)
		}
		bad := e
		bad.SiteIDs = []int64{999999}
		if _, err := a.Outreach.SaveEntry(ctx, editor, bad); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an unknown site: %v", err)
		}
		list, err := a.Outreach.Entries(ctx, knowledge.OutreachFilter{Person: nurse.User.ID, Year: 2031})
		if err != nil || list.Total != 1 || list.Entries[0].Entry.ID != saved.ID || len(list.Entries[0].Sites) != 1 || list.Entries[0].Staff[0].Name != nurse.User.DisplayName {
			t.Fatalf("by person and year: %+v %v", list, err)
		}
		hits, err := a.Outreach.SearchPublic(ctx, PublicQuery{Lang: "fr", Words: "prenatal proximite"})
		if err != nil || len(hits) < 1 || hits[0].URL != "/outreach/"+itoaApp(saved.ID) || hits[0].Kind != "outreach" {
			t.Fatalf("the portal's search: %+v %v", hits, err)
		}
		if list, _ := a.Outreach.Entries(ctx, knowledge.OutreachFilter{Kind: knowledge.OutreachMedia, Year: 2031}); list.Total != 0 {
			t.Fatalf("by kind: %+v", list)
		}

		good := knowledge.BibTeX([]knowledge.OutreachEntry{{ID: 1, Kind: knowledge.OutreachPublication, Title: "Accès aux soins", Authors: []knowledge.OutreachAuthor{{Name: "Ana Lima"}}, Year: 2031, Outlet: "Revue"}})
		broken := good + "\n@article{nodate, title = {Sans date}, author = {X Y}}\n"
		items, err := a.Outreach.Import(ctx, editor, broken)
		if berceau.KindOf(err) != berceau.KindInvalid || len(items) != 2 || !items[0].OK() || items[1].Fields["date"] == "" {
			t.Fatalf("import of a list with a wrong entry: %+v %v", items, err)
		}
		if list, _ := a.Outreach.Entries(ctx, knowledge.OutreachFilter{Year: 2031}); list.Total != 1 {
			t.Fatalf("a refused import wrote %d entries", list.Total-1)
		}
		if _, err := a.Outreach.Import(ctx, editor, good); err != nil {
			t.Fatal(err)
		}
		if list, _ := a.Outreach.Entries(ctx, knowledge.OutreachFilter{Year: 2031, Kind: knowledge.OutreachPublication}); list.Total != 1 || list.Entries[0].Entry.Title != "Accès aux soins" {
			t.Fatalf("imported %+v", list)
		}
		if err := a.Outreach.DeleteEntry(ctx, editor, saved.ID); err != nil {
			t.Fatal(err)
		}
		for action, want := range map[string]int{"outreach.create": 1, "outreach.import": 1, "outreach.delete": 1} {
			if n := newsAuditCount(t, st, action, berceau.OutcomeSuccess); n != want {
				t.Errorf("%s audited %d times, want %d", action, n, want)
			}
		}
	})
}
