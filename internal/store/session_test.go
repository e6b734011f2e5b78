package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/berceau/berceau"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// A session whose data did not change is written again only when its idle
// expiry moves by a minute or more; changed data is always written.
func TestAnUnchangedSessionIsNotRewrittenForEveryRequest(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		userID := createUser(t, st, "session-skip@example.org")
		deadline := time.Now().Add(12 * time.Hour)
		values := map[string]any{store.SessionUserKey: userID, "second_factor": true, "signed_in_at": int64(1764640000), "lang": "fr"}
		encode := func(values map[string]any) []byte {
			data, err := scs.GobCodec{}.Encode(deadline, values)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
		data := encode(values)
		// The codec writes a map in Go's random order: the same session
		// comes back as other bytes from one request to the next.
		reordered := encode(values)
		for i := 0; i < 1000 && string(reordered) == string(data); i++ {
			reordered = encode(values)
		}
		if string(reordered) == string(data) {
			t.Fatal("the codec wrote the same bytes a thousand times; the reordered case is not tested")
		}
		changed := encode(map[string]any{store.SessionUserKey: userID, "second_factor": true, "signed_in_at": int64(1764640000), "lang": "en"})
		ss := st.Sessions()
		start := time.Now().UTC().Truncate(time.Second).Add(30 * time.Minute)
		storedExpiry := func() time.Time {
			t.Helper()
			var list []store.SessionInfo
			if err := st.ReadTx(ctx, func(tx *store.Tx) error {
				var err error
				list, err = tx.ListSessions(ctx, userID, "")
				return err
			}); err != nil || len(list) != 1 {
				t.Fatalf("sessions %v, %v", list, err)
			}
			return list[0].Expiry.UTC()
		}
		if err := ss.CommitCtx(ctx, "token-1", data, start); err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			name  string
			data  []byte
			after time.Duration
			want  time.Duration // stored expiry, after start
		}{
			{"ten seconds later, same data", data, 10 * time.Second, 0},
			{"fifty-nine seconds later, same data", data, 59 * time.Second, 0},
			{"twenty seconds later, the same values in another order", reordered, 20 * time.Second, 0},
			{"a minute later", data, time.Minute, time.Minute},
			{"changed data", changed, time.Minute + time.Second, time.Minute + time.Second},
		}
		for _, step := range steps {
			if _, found, err := ss.FindCtx(ctx, "token-1"); err != nil || !found {
				t.Fatalf("%s: find %v %v", step.name, found, err)
			}
			if err := ss.CommitCtx(ctx, "token-1", step.data, start.Add(step.after)); err != nil {
				t.Fatal(err)
			}
			if got := storedExpiry(); !got.Equal(start.Add(step.want)) {
				t.Errorf("%s: stored expiry %v, want %v", step.name, got, start.Add(step.want))
			}
		}
	})
}

func createUser(t *testing.T, st *store.Store, email string) int64 {
	t.Helper()
	u := berceau.User{Email: email, DisplayName: "Session Test", Discipline: berceau.DisciplineNurse}
	if err := st.WriteTx(context.Background(), func(tx *store.Tx) error { return tx.CreateUser(context.Background(), &u, "hash") }); err != nil {
		t.Fatal(err)
	}
	return u.ID
}
