package app

import (
	"context"
	"sync"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/training"
)

// ActorCacheTTL is how long a signed-in session's actor (the account, its
// roles and permissions) is kept between requests when this process has
// committed no write since it was read.
//
// The security decision: every write this process commits (disabling an
// account, removing a role, ending an internship early…) empties the cache
// at once, so on a single instance a change takes effect on the very next
// request, as before. A change made by another process — another instance
// on the same PostgreSQL database, or the operator's command line — is seen
// within ActorCacheTTL: a removed role or permission keeps its sessions'
// access on the other instances for at most that long. (Disabling an account
// also deletes its sessions, which every instance reads from the database
// on each request: those sessions end at once everywhere.) The
// family-file checks themselves (scope, key worker, care team, break-glass)
// are still read inside each page's own transaction; only "who is this
// session and what may they do" is kept. The civil day is part of the key,
// so an internship whose access ends tonight ends at midnight as before.
const ActorCacheTTL = 5 * time.Second

// actorCacheLimit bounds the cache: past it, the cache starts over.
const actorCacheLimit = 10_000

// actorCache keeps the actors of signed-in sessions, by account.
type actorCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	clock   func() time.Time // wall clock for the time limit; tests move it
	entries map[int64]cachedActor
}

type cachedActor struct {
	actor      berceau.Actor // without client address nor second factor
	generation uint64
	day        time.Time // the app's civil day it was read on
	at         time.Time
}

func newActorCache() *actorCache {
	return &actorCache{ttl: ActorCacheTTL, clock: time.Now, entries: map[int64]cachedActor{}}
}

// sessionActor is ActorFor through the cache. The actor returned shares
// its User and Permissions with the cache: neither is changed by anyone
// (SessionActor builds a new Permissions when it drops some).
func (a *AccountService) sessionActor(ctx context.Context, userID int64, clientAddress string) (berceau.Actor, error) {
	c := a.actors
	gen := a.store.Generation()
	day := training.Civil(a.now()) // as internshipAccessEnded reads it
	c.mu.Lock()
	e, ok := c.entries[userID]
	fresh := ok && e.generation == gen && e.day.Equal(day) && c.clock().Sub(e.at) < c.ttl
	c.mu.Unlock()
	if fresh {
		actor := e.actor
		actor.ClientAddress = clientAddress
		return actor, nil
	}
	// The generation is taken before the read: a write committed during it
	// leaves the entry already stale.
	actor, err := a.ActorFor(ctx, userID, clientAddress)
	if err != nil {
		c.mu.Lock()
		delete(c.entries, userID)
		c.mu.Unlock()
		return actor, err
	}
	kept := actor
	kept.ClientAddress = ""
	c.mu.Lock()
	if len(c.entries) >= actorCacheLimit {
		c.entries = map[int64]cachedActor{}
	}
	c.entries[userID] = cachedActor{actor: kept, generation: gen, day: day, at: c.clock()}
	c.mu.Unlock()
	return actor, nil
}
