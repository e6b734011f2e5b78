package store

import (
	"crypto/sha256"
	"reflect"
	"sync"
	"time"
)

// sessionExpiryStep is how far a session's idle expiry may lag behind: a
// request whose session data did not change re-commits its expiry only when
// it moves by this much. Without it every signed-in page view made a durable
// commit just to push the expiry by a few seconds (see docs/PERFORMANCE.md).
// The stored expiry is never later than the true one, so an idle session
// ends at most this much early, never late.
const sessionExpiryStep = time.Minute

// maxSessionsSeen bounds the memory of sessionsSeen; past it, it starts over.
const maxSessionsSeen = 20000

// sessionsSeen remembers, per session token hash, the data and expiry last
// read or written, so an unchanged session is not written again.
type sessionsSeen struct {
	mu   sync.Mutex
	seen map[string]seenSession
}

type seenSession struct {
	sum    [sha256.Size]byte
	expiry time.Time
	// The decoded data: the codec writes the values' map in Go's random
	// order, so the same session encodes to different bytes from one
	// request to the next, and comparing bytes alone rewrote it on most
	// page views (found profiling issue 13's pages).
	deadline time.Time
	values   map[string]any
	decoded  bool
	// What was read or written, when (wall clock) and at which of the
	// store's generations: FindCtx may answer from it (sessionFindTTL).
	data       []byte
	at         time.Time
	generation uint64
}

// sessionFindTTL is how long a session read or written by this process is
// answered from memory on SQLite, where this process is the database's
// only writer: a session ended here (sign-out, an account disabled, a
// role changed) is forgotten or outdated at once, by the store's
// generation; one ended by the operator's command line beside the running
// server within this delay. Reading it was a fifth of an audited page's
// CPU. On PostgreSQL, where instances share the sessions, it is always read.
const sessionFindTTL = time.Second

// decoder decodes a session's data (scs.GobCodec.Decode).
type decoder func(data []byte) (deadline time.Time, values map[string]any, err error)

func (s *sessionsSeen) saw(hash string, data []byte, expiry time.Time, decode decoder, generation uint64) {
	seen := seenSession{sum: sha256.Sum256(data), expiry: expiry, data: data, at: time.Now(), generation: generation}
	s.mu.Lock()
	prev, ok := s.seen[hash]
	s.mu.Unlock()
	if ok && prev.sum == seen.sum {
		// The same stored bytes read again (every request reads the
		// session): decoded already.
		seen.deadline, seen.values, seen.decoded = prev.deadline, prev.values, prev.decoded
	} else if deadline, values, err := decode(data); err == nil {
		seen.deadline, seen.values, seen.decoded = deadline, values, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil || len(s.seen) >= maxSessionsSeen {
		s.seen = make(map[string]seenSession)
	}
	s.seen[hash] = seen
}

// unchanged reports whether committing data with expiry would only move the
// stored expiry forward by less than sessionExpiryStep: the same bytes, or
// the same deadline and values.
func (s *sessionsSeen) unchanged(hash string, data []byte, expiry time.Time, decode decoder) bool {
	s.mu.Lock()
	prev, ok := s.seen[hash]
	s.mu.Unlock()
	if !ok || expiry.Before(prev.expiry) || !expiry.Before(prev.expiry.Add(sessionExpiryStep)) {
		return false
	}
	if prev.sum == sha256.Sum256(data) {
		return true
	}
	if !prev.decoded {
		return false
	}
	deadline, values, err := decode(data)
	return err == nil && deadline.Equal(prev.deadline) && reflect.DeepEqual(values, prev.values)
}

// fresh returns the data last read or written of an unexpired session, if
// that was within sessionFindTTL and nothing was committed since.
func (s *sessionsSeen) fresh(hash string, generation uint64, clock time.Time) ([]byte, bool) {
	s.mu.Lock()
	e, ok := s.seen[hash]
	s.mu.Unlock()
	if !ok || e.data == nil || e.generation != generation || time.Since(e.at) >= sessionFindTTL || !e.expiry.After(clock) {
		return nil, false
	}
	return e.data, true
}

func (s *sessionsSeen) forget(hash string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.seen, hash)
}
