package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/hsds"
)

// TestSearchPageCacheFollowsTheIndexAndSkipsSignedInVisitors: an
// anonymous search page is served from memory until the directory changes
// (the new index empties the cache), and a signed-in visitor never gets the
// page rendered for someone else.
func TestSearchPageCacheFollowsTheIndexAndSkipsSignedInVisitors(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	ctx := context.Background()
	const query = "/directory?q=xylophonique"
	anonymous := func() string {
		t.Helper()
		resp, body := ts.do(t, "GET", query, nil, map[string]string{"Accept-Language": "fr"})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		return body
	}
	first := anonymous()
	if strings.Contains(first, "Xylophonique") {
		t.Fatal("found before it exists")
	}
	if again := anonymous(); again != first {
		t.Error("the same anonymous search, a moment later, was rendered differently")
	}

	// A signed-in member gets a page of their own (with the sign-out
	// button), not the anonymous one from the cache.
	br := ts.newBrowser(t)
	br.signIn("membre@berceau.example")
	if _, body := br.get(query); !strings.Contains(body, `action="/signout"`) {
		t.Error("a signed-in member got the anonymous page from the cache")
	}
	if strings.Contains(anonymous(), `action="/signout"`) {
		t.Error("an anonymous visitor got a signed-in page")
	}

	// A new service: once the new index is in, the cached page goes.
	a := ts.web.app
	out, err := a.Directory.ExportDirectory(ctx, berceau.System("test"), berceau.System("test"))
	if err != nil || len(out.Services) == 0 {
		t.Fatal(err)
	}
	s := out.Services[0]
	s.ID = directory.NameUUID("cache test service")
	s.Name = berceau.TextOf("fr", "Xylophonique", "en", "Xylophonique")
	for i := range s.Locations {
		s.Locations[i].ID = directory.NameUUID("cache test link " + s.Locations[i].LocationID)
	}
	ds := &hsds.Dataset{Organizations: out.Organizations, Locations: out.Locations, Services: []directory.DirectoryService{s}}
	if _, err := a.Directory.ImportDirectory(ctx, berceau.System("test"), ds, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.Directory.WaitDirectoryIndex(ctx); err != nil {
		t.Fatal(err)
	}
	anonymous() // the request that notices the change
	if err := a.Directory.WaitDirectoryIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(anonymous(), "Xylophonique") {
		t.Error("the cached page outlived the index it was rendered from")
	}
}

// TestEachServerHasItsOwnSearchPageCache: the cache is the Server's, not
// the process's: a page one server rendered is not held by another.
func TestEachServerHasItsOwnSearchPageCache(t *testing.T) {
	one, other := newSQLiteServer(t, Options{}), newSQLiteServer(t, Options{})
	if resp, _ := one.do(t, "GET", "/directory?q=famille", nil, map[string]string{"Accept-Language": "fr"}); resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := one.web.searchPages.size(); got != 1 {
		t.Errorf("the server that answered holds %d pages, want 1", got)
	}
	if got := other.web.searchPages.size(); got != 0 {
		t.Errorf("the other server holds %d pages, want 0", got)
	}
}
