package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// familyReads counts the successful audit entries of action about a family
// (0: about no object) by one person.
func familyReads(t *testing.T, st *store.Store, action string, familyID, userID int64) int {
	t.Helper()
	var n int
	err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		f := berceau.AuditFilter{Action: action, ActorID: userID, PageSize: 200}
		if familyID != 0 {
			f.ObjectType, f.ObjectID = "family", strconv.FormatInt(familyID, 10)
		}
		page, err := tx.ListAudit(context.Background(), f)
		for _, e := range page.Entries {
			if e.Action == action && e.Outcome == berceau.OutcomeSuccess {
				n++
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAFamilyPageServedAgainIsAuditedEveryTime: the family pages asked
// again while nothing changed come from the session's cache (SQLite), and
// every answer has its own audit entry, committed before the answer, the
// same as a page read anew. A change shows at once; another person never
// gets the page; on PostgreSQL nothing is kept.
func TestAFamilyPageServedAgainIsAuditedEveryTime(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		cache := ts.web.audited
		if st.Engine() != "sqlite" {
			if cache != nil {
				t.Fatal("family pages are cached on PostgreSQL, where another instance's writes go unseen")
			}
		} else if cache == nil {
			t.Fatal("no cache of family pages on SQLite")
		}
		hits := func() uint64 {
			if cache == nil {
				return 0
			}
			return cache.hits.Load()
		}
		haddadID := demoFamilyIDs(t, st)["Haddad"]
		haddad := "/families/" + itoa(haddadID)
		nurseID := userIDByEmail(t, st, "infirmiere@berceau.example")
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")

		pages := []struct{ path, action string }{
			{haddad, "family.read"},
			{haddad + "/follow-up", "family.followup.read"},
			{haddad + "/plan", "family.plan.read"},
			{"/my-day", "family.my_day"},
		}
		for _, p := range pages {
			familyID := haddadID
			if p.path == "/my-day" {
				familyID = 0
			}
			before, hitsBefore := familyReads(t, st, p.action, familyID, nurseID), hits()
			_, first := nurse.get(p.path)
			for i := 1; i <= 3; i++ {
				resp, again := nurse.get(p.path)
				if resp.StatusCode != http.StatusOK || again != first {
					t.Fatalf("%s asked again: status %d, the same page: %v", p.path, resp.StatusCode, again == first)
				}
				// Go's client asks for gzip as browsers do: the page sent
				// again comes compressed (and reads the same).
				if cache != nil && !resp.Uncompressed {
					t.Errorf("%s asked again: not compressed", p.path)
				}
				// The entry is on record when the answer arrives.
				if got := familyReads(t, st, p.action, familyID, nurseID); got != before+1+i {
					t.Fatalf("%s served %d times: %d audit entries %s, want %d", p.path, i+1, got-before, p.action, i+1)
				}
			}
			if cache != nil && hits()-hitsBefore != 3 {
				t.Errorf("%s: %d of 3 pages asked again came from the cache", p.path, hits()-hitsBefore)
			}
		}

		// A contact saved shows on the next view of the follow-up.
		today := storeToday(st).Format("2006-01-02")
		resp, _ := nurse.post(haddad+"/contacts", url.Values{"kind": {"office_visit"}, "on": {today}, "time": {"09:40"},
			"outcome": {"planned"}, "minutes": {"30"}, "note": {"Visite ajoutée pour le cache"}, "workers": {itoa(nurseID)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving a contact: %d", resp.StatusCode)
		}
		if _, body := nurse.get("/my-day"); !strings.Contains(body, "<time>09:40</time>") {
			t.Fatal("my day asked after a contact was saved does not show it")
		}

		// Another person with the same page in reach reads it anew, under
		// their own name; a person without it in reach is refused.
		coordID := userIDByEmail(t, st, "coordination@berceau.example")
		coord := ts.newBrowser(t)
		coord.signIn("coordination@berceau.example")
		hitsBefore := hits()
		if resp, _ := coord.get(haddad); resp.StatusCode != http.StatusOK {
			t.Fatalf("the coordinator opens the file: %d", resp.StatusCode)
		}
		if hits() != hitsBefore || familyReads(t, st, "family.read", haddadID, coordID) != 1 {
			t.Fatal("the coordinator got the nurse's page, or her read is not on record")
		}
		doctor := ts.newBrowser(t)
		doctor.signIn("medecin@berceau.example")
		for i := 0; i < 2; i++ {
			if resp, _ := doctor.get(haddad); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("a file out of the doctor's reach: %d", resp.StatusCode)
			}
		}

		// Breaking the glass: the page shows an access that ends within the
		// hour, and is read anew every time.
		if resp, _ := doctor.post(haddad+"/break-glass", url.Values{"reason": {"Consultation urgente du nourrisson, équipe absente"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("breaking the glass: %d", resp.StatusCode)
		}
		doctor.get(haddad)
		hitsBefore = hits()
		if resp, body := doctor.get(haddad); resp.StatusCode != http.StatusOK || !strings.Contains(body, `class="glass-banner"`) {
			t.Fatalf("the file with the glass broken: %d", resp.StatusCode)
		}
		if hits() != hitsBefore {
			t.Error("a page with a break-the-glass access came from the cache")
		}
	})
}

// TestTheAuditedPagesKeptAreBounded: however many sessions and pages, the
// cache keeps at most auditedPagesMax entries and auditedPagesMaxBytes.
func TestTheAuditedPagesKeptAreBounded(t *testing.T) {
	t.Parallel()
	c := newAuditedPages()
	now := time.Now()
	body := make([]byte, 100<<10)
	for i := range 3 * auditedPagesMax {
		c.put(strconv.Itoa(i), auditedPage{body: body, expires: now.Add(time.Minute)}, now)
		if len(c.entries) > auditedPagesMax || c.bytes > auditedPagesMaxBytes {
			t.Fatalf("after %d pages: %d entries, %d bytes", i+1, len(c.entries), c.bytes)
		}
	}
	small := []byte("page")
	for i := range 3 * auditedPagesMax {
		c.put("small"+strconv.Itoa(i), auditedPage{body: small, expires: now.Add(time.Minute)}, now)
		if len(c.entries) > auditedPagesMax {
			t.Fatalf("after %d small pages: %d entries", i+1, len(c.entries))
		}
	}
	// Replacing an entry does not count its bytes twice; a stale one goes.
	c.put("small0", auditedPage{body: small, generation: 1, expires: now.Add(time.Minute)}, now)
	c.put("small0", auditedPage{body: small, generation: 1, expires: now.Add(time.Minute)}, now)
	total := 0
	for _, e := range c.entries {
		total += len(e.body)
	}
	if total != c.bytes {
		t.Fatalf("bytes counted %d, kept %d", c.bytes, total)
	}
	if _, ok := c.get("small0", 2, now); ok {
		t.Fatal("a page of an older generation was served")
	}
	if _, ok := c.get("small1", 0, now.Add(auditedPageTTL+time.Minute)); ok {
		t.Fatal("an expired page was served")
	}
}

// TestPagesAskedTogetherAreRenderedOnce: sixteen requests of one session
// for a page not kept yet make one render; the others are sent its page,
// each with its own audit entry.
func TestPagesAskedTogetherAreRenderedOnce(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	nurseID := userIDByEmail(t, ts.store, "infirmiere@berceau.example")
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	cache := ts.web.audited
	before, misses, hits := familyReads(t, ts.store, "family.my_day", 0, nurseID), cache.misses.Load(), cache.hits.Load()
	const together = 16
	var wg sync.WaitGroup
	bodies := make([]string, together)
	errs := make(chan error, together)
	for i := range together {
		wg.Go(func() {
			resp, err := nurse.client.Get(ts.URL + "/my-day")
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err == nil && resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("status %d", resp.StatusCode)
			}
			bodies[i] = string(b)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range bodies {
		if bodies[i] != bodies[0] {
			t.Fatalf("answer %d differs from the first", i)
		}
	}
	if got := cache.misses.Load() - misses; got != 1 {
		t.Errorf("%d renders of my day asked %d times at once, want 1", got, together)
	}
	if got := cache.hits.Load() - hits; got != together-1 {
		t.Errorf("%d pages sent again, want %d", got, together-1)
	}
	if got := familyReads(t, ts.store, "family.my_day", 0, nurseID) - before; got != together {
		t.Errorf("%d audit entries for %d pages", got, together)
	}
	// Operators read the counts at /metrics.
	_, metrics := ts.do(t, "GET", "/metrics", nil, nil)
	for _, want := range []string{"berceau_audited_pages_sent_again_total " + strconv.FormatUint(cache.hits.Load(), 10),
		"berceau_audited_pages_rendered_total " + strconv.FormatUint(cache.misses.Load(), 10)} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
