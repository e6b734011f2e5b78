package web

import (
	"context"
	"os/exec"
	"slices"
	"strconv"
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

// A cached public page is sent gzip-compressed to a client that accepts
// it, and the compressed bytes are what the page says: Debian's gzip (a
// decompressor Berceau does not use) reads them back to the same page.
func TestCachedPagesAreSentCompressedToClientsThatAcceptGzip(t *testing.T) {
	t.Parallel()
	gzipTool, err := exec.LookPath("gzip")
	if err != nil {
		t.Skip("gzip is not installed")
	}
	ts := newSQLiteServer(t, Options{})
	plainResp, plain := ts.do(t, "GET", "/en/", nil, map[string]string{"Accept-Encoding": "identity"})
	if plainResp.Header.Get("Content-Encoding") != "" || !strings.Contains(plain, "</html>") {
		t.Fatalf("identity asked, %q sent", plainResp.Header.Get("Content-Encoding"))
	}
	for _, accept := range []string{"gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "*"} {
		resp, zipped := ts.do(t, "GET", "/en/", nil, map[string]string{"Accept-Encoding": accept})
		if resp.Header.Get("Content-Encoding") != "gzip" || !slices.Contains(resp.Header.Values("Vary"), "Accept-Encoding") {
			t.Fatalf("%q: Content-Encoding %q, Vary %q", accept, resp.Header.Get("Content-Encoding"), resp.Header.Values("Vary"))
		}
		if n, _ := strconv.Atoi(resp.Header.Get("Content-Length")); n != len(zipped) || n*2 > len(plain) {
			t.Fatalf("%q: %d bytes compressed (Content-Length %s) for a %d-byte page", accept, len(zipped), resp.Header.Get("Content-Length"), len(plain))
		}
		cmd := exec.Command(gzipTool, "-dc")
		cmd.Stdin = strings.NewReader(zipped)
		out, err := cmd.Output()
		if err != nil || string(out) != plain {
			t.Fatalf("%q: gzip -dc gave %d bytes (%v), the page has %d", accept, len(out), err, len(plain))
		}
	}
	for _, accept := range []string{"gzip;q=0", "gzip;q=0.0, *", "br", "*;q=0"} {
		if resp, body := ts.do(t, "GET", "/en/", nil, map[string]string{"Accept-Encoding": accept}); resp.Header.Get("Content-Encoding") != "" || body != plain {
			t.Fatalf("%q: sent %q", accept, resp.Header.Get("Content-Encoding"))
		}
	}
}
