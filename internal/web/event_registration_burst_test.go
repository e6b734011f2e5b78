package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// TestRegistrationBurstOverHTTP sends, at the same moment, one "register"
// click from each of n signed-in members for an event of n/5 places,
// through the real server: every click answers, exactly n/5 hold a place
// and the others wait, on each engine. n is 60 in the ordinary run;
// BERCEAU_BURST=500 runs the figure of docs/PERFORMANCE.md (500 clicks for
// 100 places) and logs the latencies.
func TestRegistrationBurstOverHTTP(t *testing.T) {
	n := 60
	if v, err := strconv.Atoi(os.Getenv("BERCEAU_BURST")); err == nil && v >= 10 {
		n = v
	}
	places := n / 5
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, Options{})
		hasher := auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)
		hash, err := hasher.Hash(ctx, "burst password 1")
		if err != nil {
			t.Fatal(err)
		}
		var emails []string
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			for i := range n {
				u := berceau.User{Email: fmt.Sprintf("burst.%03d@reseau.example", i), DisplayName: fmt.Sprintf("Burst %03d", i),
					Discipline: berceau.DisciplineSocialWorker, Roles: []berceau.RoleGrant{{Role: berceau.RoleNetworkMember}}}
				if err := tx.CreateUser(ctx, &u, hash); err != nil {
					return err
				}
				emails = append(emails, u.Email)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		start := time.Now().Add(10 * 24 * time.Hour).Truncate(time.Hour)
		e, err := ts.web.app.Events.CreateEvent(ctx, berceau.System("burst"), knowledge.Event{Kind: knowledge.KindMeeting,
			Title: berceau.TextOf("fr", "Rencontre très demandée"), Organizers: []string{directory.NameUUID("demo-org:parvis")},
			Place: knowledge.Place{Kind: knowledge.PlaceAddress, Address: "Parvis de Saint-Gilles 33"}, Start: start, End: start.Add(3 * time.Hour),
			TimeZone: "Europe/Brussels", Audience: knowledge.AudienceMembers, Capacity: places, Free: true})
		if err != nil {
			t.Fatal(err)
		}
		browsers := make([]*browser, n)
		for i, email := range emails {
			browsers[i] = ts.newBrowser(t)
			resp, _ := browsers[i].post("/signin", url.Values{"email": {email}, "password": {"burst password 1"}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("sign-in of %s: %d", email, resp.StatusCode)
			}
		}
		path := "/events/" + strconv.FormatInt(e.ID, 10) + "/registration"
		latencies := make([]time.Duration, n)
		statuses := make([]int, n)
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for i, b := range browsers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				t0 := time.Now()
				req, _ := http.NewRequest("POST", ts.URL+path, nil)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				resp, err := b.client.Do(req)
				latencies[i] = time.Since(t0)
				if err == nil {
					statuses[i] = resp.StatusCode
					resp.Body.Close()
				}
			}()
		}
		t0 := time.Now()
		close(gate)
		wg.Wait()
		wall := time.Since(t0)
		for i, s := range statuses {
			if s != http.StatusSeeOther {
				t.Errorf("click %d answered %d", i, s)
			}
		}
		counts := map[knowledge.RegistrationState]int{}
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			list, err := tx.EventRegistrations(ctx, e.ID)
			for _, r := range list {
				counts[r.State]++
			}
			return err
		})
		if counts[knowledge.StateRegistered] != places || counts[knowledge.StateWaitlisted] != n-places || len(counts) != 2 {
			t.Fatalf("after %d clicks for %d places: %v", n, places, counts)
		}
		sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
		pct := func(p float64) time.Duration { return latencies[min(n-1, int(float64(n)*p))] }
		t.Logf("%s: %d clicks for %d places in %v (%.0f/s): %d registered, %d waiting; latency p50 %v, p99 %v, max %v",
			st.Engine(), n, places, wall.Round(time.Millisecond), float64(n)/wall.Seconds(), counts[knowledge.StateRegistered],
			counts[knowledge.StateWaitlisted], pct(0.50).Round(time.Millisecond), pct(0.99).Round(time.Millisecond), latencies[n-1].Round(time.Millisecond))
	})
}
