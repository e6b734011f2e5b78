package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

func TestHomePageShowsANewOrganisationAtOnce(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	if _, body := ts.do(t, "GET", "/", nil, nil); strings.Contains(body, "Maison Soleil de Schaerbeek") {
		t.Fatal("organisation present before it was created")
	}
	ctx := context.Background()
	err := ts.store.WriteTx(ctx, func(tx *store.Tx) error {
		return tx.CreateOrganisation(ctx, &berceau.Organisation{Slug: "soleil", Name: "Maison Soleil de Schaerbeek", City: "Bruxelles"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, body := ts.do(t, "GET", "/", nil, nil); !strings.Contains(body, "Maison Soleil de Schaerbeek") {
		t.Fatal("the cached home page hid an organisation created by this process")
	}
}

func TestHomePageIsCachedPerLanguage(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	_, fr := ts.do(t, "GET", "/", nil, map[string]string{"Accept-Language": "fr"})
	_, en := ts.do(t, "GET", "/", nil, map[string]string{"Accept-Language": "en"})
	_, fr2 := ts.do(t, "GET", "/", nil, map[string]string{"Accept-Language": "fr"})
	if !strings.Contains(fr, `lang="fr"`) || !strings.Contains(en, `lang="en"`) || fr != fr2 {
		t.Fatal("one language's cached page was served in the other")
	}
}

func TestCachedPagesExpire(t *testing.T) {
	t.Parallel()
	c := newPageCache()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	c.put("home|fr", []byte("a"), 7, now)
	if _, ok := c.get("home|fr", 7, now.Add(pageCacheTTL-time.Millisecond)); !ok {
		t.Fatal("fresh entry missed")
	}
	if _, ok := c.get("home|fr", 8, now); ok {
		t.Fatal("entry from an older data generation was served")
	}
	if _, ok := c.get("home|fr", 7, now.Add(pageCacheTTL+time.Millisecond)); ok {
		t.Fatal("expired entry was served")
	}
	if _, ok := c.get("home|en", 7, now); ok {
		t.Fatal("entry of another key was served")
	}
}
