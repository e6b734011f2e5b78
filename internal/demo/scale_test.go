package demo

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestTheScaledDemoIsRealisticAndLoadsOnce(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
			t.Fatal(err)
		}
		const n = 120
		r, err := Scale(ctx, st, cheapHasher, testBox, n)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%+v", r)
		if r.Families != n || r.Workers < 3 || r.Contacts < 80*n || r.Planned == 0 || r.ShowcaseFamilyID == 0 {
			t.Fatalf("report %+v", r)
		}
		err = st.ReadTx(ctx, func(tx *store.Tx) error {
			contacts, err := tx.ContactsOfFamily(ctx, r.ShowcaseFamilyID)
			if err != nil {
				return err
			}
			if len(contacts) != ShowcaseContacts {
				t.Errorf("showcase family: %d contacts, want %d", len(contacts), ShowcaseContacts)
			}
			if len(contacts) > 0 && (len(contacts[0].WorkerIDs) != 1 || contacts[0].Version != 1) {
				t.Errorf("a generated contact: %+v", contacts[0])
			}
			f, err := tx.FamilyByID(ctx, r.ShowcaseFamilyID)
			if err != nil {
				return err
			}
			u, err := tx.UserByEmail(ctx, r.ShowcaseWorker)
			if err != nil {
				return err
			}
			if f.KeyWorkerID != u.ID || len(f.Members) < 2 {
				t.Errorf("showcase family %+v, worker %d", f, u.ID)
			}
			followed, err := tx.FamiliesFollowedBy(ctx, berceau.FamilyScope{SiteIDs: []int64{f.SiteID}}, u.ID)
			if err != nil {
				return err
			}
			if len(followed) != 45+1 { // and the small demo's Haddad household
				t.Errorf("the demo nurse follows %d families, want 46", len(followed))
			}
			today := civilDay(time.Now())
			planned, err := tx.PlannedContactsOf(ctx, u.ID, today, today.AddDate(0, 0, 7))
			if err != nil {
				return err
			}
			if len(planned) == 0 {
				t.Error("the nurse has no visit planned in the coming week")
			}
			ids := make([]int64, len(followed))
			for i, f := range followed {
				ids[i] = f.ID
			}
			open, err := tx.OpenReferralsOf(ctx, ids)
			if err != nil {
				return err
			}
			due := 0
			for _, ref := range open {
				if ref.FollowUpDue(today) {
					due++
				}
			}
			if len(open) == 0 || due == 0 {
				t.Errorf("%d open referrals, %d due for follow-up", len(open), due)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Every referral status is there.
		statuses := map[care.ReferralStatus]int{}
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			for id := int64(1); id <= r.ShowcaseFamilyID+n; id++ {
				list, err := tx.ReferralsOfFamily(ctx, id)
				if err != nil {
					return err
				}
				for _, ref := range list {
					statuses[ref.Status]++
				}
			}
			return nil
		})
		for _, s := range care.ReferralStatuses {
			if statuses[s] == 0 {
				t.Errorf("no referral is %s: %v", s, statuses)
			}
		}

		again, err := Scale(ctx, st, cheapHasher, testBox, n)
		if err != nil || !again.AlreadyLoaded || again.ShowcaseFamilyID != r.ShowcaseFamilyID {
			t.Fatalf("second load: %+v, %v", again, err)
		}
		var users int
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { users, err = tx.CountUsers(ctx); return err })
		if want := len(accounts) + HistoryWorkers() + r.Workers - 1; users != want {
			t.Errorf("%d users after two loads, want %d", users, want)
		}
		if _, err := Scale(ctx, st, cheapHasher, testBox, n+1); err == nil {
			t.Error("a second scaled demo of another size was loaded on top of the first")
		}
	})
}

// TestScaledDemoTiming loads BERCEAU_SCALE_FAMILIES families on SQLite and
// logs how long it took (skipped without the variable): see PERFORMANCE.md.
func TestScaledDemoTiming(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("BERCEAU_SCALE_FAMILIES"))
	if n == 0 {
		t.Skip("set BERCEAU_SCALE_FAMILIES")
	}
	st := testutil.OpenStore(t, "sqlite")
	ctx := context.Background()
	if _, err := Load(ctx, st, cheapHasher, testBox); err != nil {
		t.Fatal(err)
	}
	r, err := Scale(ctx, st, cheapHasher, testBox, n)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", r)
}
