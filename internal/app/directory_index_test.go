package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/directory/search"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// importExtraService imports the examples with one more service named name.
func importExtraService(t *testing.T, a *App, name string) string {
	t.Helper()
	ds := readExamples(t)
	s := ds.Services[0]
	s.ID = directory.NameUUID("index test " + name)
	s.Name = berceau.TextOf("fr", name, "en", name)
	s.Locations = nil
	ds.Services = append(ds.Services, s)
	if _, err := a.Directory.ImportDirectory(context.Background(), berceau.System("cli"), ds, nil); err != nil {
		t.Fatal(err)
	}
	return s.ID
}

func searchTotal(ix *search.DirectoryIndex, text string) int {
	_, total := ix.Search(search.DirectoryQuery{Text: text})
	return total
}

// TestSearchKeepsTheOldIndexWhileANewOneIsBuilt: after a write, the next
// search answers at once with the index it had (no build inside the
// request); the new index replaces it when built in the background.
func TestSearchKeepsTheOldIndexWhileANewOneIsBuilt(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		importExtraService(t, a, "Zanzibarque")
		old, err := a.Directory.DirectoryIndex(ctx) // the first one: waits for it
		if err != nil {
			t.Fatal(err)
		}
		if searchTotal(old, "zanzibarque") != 1 || searchTotal(old, "xylophonique") != 0 {
			t.Fatal("first index")
		}
		id := importExtraService(t, a, "Xylophonique")
		ix, err := a.Directory.DirectoryIndex(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ix != old {
			t.Fatal("the request after a write got another index: it was built inside the request")
		}
		// The service page reads the database: fresh at once.
		page, err := a.Directory.DirectoryServicePage(ctx, berceau.Actor{}, id)
		if err != nil || page.Service.Name.Get("fr") != "Xylophonique" {
			t.Fatalf("service page after the write: %v %q", err, page.Service.Name.Get("fr"))
		}
		if err := a.Directory.WaitDirectoryIndex(ctx); err != nil {
			t.Fatal(err)
		}
		ix, err = a.Directory.DirectoryIndex(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ix == old || searchTotal(ix, "xylophonique") != 1 {
			t.Error("the new index was not swapped in")
		}
	})
}

// TestAWriteDuringABuildBringsAnotherBuild: builds end only when the index
// holds the latest revision, even when a write lands while one runs.
func TestAWriteDuringABuildBringsAnotherBuild(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		importExtraService(t, a, "Zanzibarque")
		if _, err := a.Directory.DirectoryIndex(ctx); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Xylophonique", "Quetzalcoatlique", "Wombatique"} {
			importExtraService(t, a, name)
			if _, err := a.Directory.DirectoryIndex(ctx); err != nil { // starts or joins a build
				t.Fatal(err)
			}
		}
		// Wait for the running builds only, not through WaitDirectoryIndex
		// (which would start one more itself).
		<-a.Directory.startIndexBuild(a.index)
		ix := a.index.current.Load().index
		for _, w := range []string{"xylophonique", "quetzalcoatlique", "wombatique"} {
			if searchTotal(ix, w) != 1 {
				t.Errorf("%s is not in the index once the builds ended", w)
			}
		}
	})
}
