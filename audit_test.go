package berceau_test

import (
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func sampleAuditEntry() berceau.AuditEntry {
	return berceau.AuditEntry{
		ID: 7, At: time.Date(2026, 11, 23, 14, 5, 6, 123456000, time.UTC), ActorID: 42, ActorEmail: "nadia@example.org",
		Action: "admin.user.invite", ObjectType: "user", ObjectID: "43", Outcome: berceau.OutcomeSuccess,
		ClientAddress: "192.0.2.10", Detail: "roles: practitioner", PrevHash: "ignored", Hash: "ignored",
	}
}

func TestAuditHashChangesWhenAnyFieldChanges(t *testing.T) {
	t.Parallel()
	base := sampleAuditEntry()
	prev := berceau.AuditGenesisHash
	want := base.ComputeHash(prev)
	if len(want) != 64 {
		t.Fatalf("hash %q is not 64 hex digits", want)
	}
	if again := base.ComputeHash(prev); again != want {
		t.Fatalf("hash is not deterministic: %s then %s", want, again)
	}
	changes := map[string]func(*berceau.AuditEntry){
		"At":            func(e *berceau.AuditEntry) { e.At = e.At.Add(time.Microsecond) },
		"ActorID":       func(e *berceau.AuditEntry) { e.ActorID = 0 },
		"ActorEmail":    func(e *berceau.AuditEntry) { e.ActorEmail = "other@example.org" },
		"Action":        func(e *berceau.AuditEntry) { e.Action = "admin.user.disable" },
		"ObjectType":    func(e *berceau.AuditEntry) { e.ObjectType = "site" },
		"ObjectID":      func(e *berceau.AuditEntry) { e.ObjectID = "44" },
		"Outcome":       func(e *berceau.AuditEntry) { e.Outcome = berceau.OutcomeDenied },
		"ClientAddress": func(e *berceau.AuditEntry) { e.ClientAddress = "192.0.2.11" },
		"Detail":        func(e *berceau.AuditEntry) { e.Detail = "roles: coordinator" },
		// Moving characters from one field to the next must not give the same serialization.
		"field boundary": func(e *berceau.AuditEntry) { e.ObjectType, e.ObjectID = "user4", "3" },
	}
	for name, change := range changes {
		e := base
		change(&e)
		if got := e.ComputeHash(prev); got == want {
			t.Errorf("changing %s left the hash unchanged", name)
		}
	}
	if got := base.ComputeHash("1" + prev[1:]); got == want {
		t.Error("changing the previous hash left the hash unchanged")
	}
	// ID, PrevHash and Hash are not hashed: the row's id is given by the
	// database, and the previous hash is the argument.
	e := base
	e.ID, e.PrevHash, e.Hash = 8, "x", "y"
	if got := e.ComputeHash(prev); got != want {
		t.Error("ID, PrevHash or Hash changed the hash")
	}
}

func TestAuditHashUsesUTCMicroseconds(t *testing.T) {
	t.Parallel()
	base := sampleAuditEntry()
	want := base.ComputeHash(berceau.AuditGenesisHash)
	e := base
	e.At = base.At.In(time.FixedZone("EST", -5*3600))
	if got := e.ComputeHash(berceau.AuditGenesisHash); got != want {
		t.Error("the same instant in another time zone hashes differently")
	}
}

func TestAuditChainLinksEachEntryToThePrevious(t *testing.T) {
	t.Parallel()
	prev := berceau.AuditGenesisHash
	var chain []berceau.AuditEntry
	for i, action := range []string{"auth.sign_in", "admin.user.invite", "auth.sign_out"} {
		e := sampleAuditEntry()
		e.ID, e.Action, e.PrevHash = int64(i+1), action, prev
		e.Hash = e.ComputeHash(prev)
		chain = append(chain, e)
		prev = e.Hash
	}
	verify := func(chain []berceau.AuditEntry) int64 {
		prev := berceau.AuditGenesisHash
		for _, e := range chain {
			if e.PrevHash != prev || e.ComputeHash(e.PrevHash) != e.Hash {
				return e.ID
			}
			prev = e.Hash
		}
		return 0
	}
	if id := verify(chain); id != 0 {
		t.Fatalf("intact chain broken at %d", id)
	}
	altered := append([]berceau.AuditEntry(nil), chain...)
	altered[1].Detail = "changed"
	if id := verify(altered); id != 2 {
		t.Errorf("altered entry: break at %d, want 2", id)
	}
	removed := []berceau.AuditEntry{chain[0], chain[2]}
	if id := verify(removed); id != 3 {
		t.Errorf("removed entry: break at %d, want 3", id)
	}
}

func TestAuditPagesCountsAtLeastOnePage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ total, size, want int }{
		{0, 50, 1}, {1, 50, 1}, {50, 50, 1}, {51, 50, 2}, {200, 50, 4}, {10, 0, 1},
	} {
		if got := (berceau.AuditPage{Total: c.total, PageSize: c.size}).Pages(); got != c.want {
			t.Errorf("Pages(total %d, size %d) = %d, want %d", c.total, c.size, got, c.want)
		}
	}
}
