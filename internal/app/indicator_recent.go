package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

// recentResultsAge is how old the figures a question is answered with may
// be: the data they were computed from was read at most this long ago.
// It is the bound PostgreSQL's measure cache already puts on another
// instance's writes.
const recentResultsAge = measureCacheAge

// recentResultsSize bounds the questions remembered; the memory starts
// again when full.
const recentResultsSize = 256

// recentResults remembers each question's last computed results (one
// computation's: an indicator's cells, margins and previous period always
// agree, which the evaluators' suppression relies on) and when the data
// behind them was read.
type recentResults struct {
	mu         sync.Mutex
	entries    map[string]recentEntry
	refreshing map[string]bool
	notBefore  time.Time // forget's: results read earlier are not kept
}

type recentEntry struct {
	results    []IndicatorResult
	readAt     time.Time // when the data was read (the app's clock)
	generation uint64    // the store's, then
}

// get returns the question's results read at most recentResultsAge before
// now.
func (c *recentResults) get(key string, now time.Time) (recentEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || now.Sub(e.readAt) > recentResultsAge || now.Before(e.readAt) {
		return recentEntry{}, false
	}
	return e, true
}

// put remembers results, unless newer ones are known.
func (c *recentResults) put(key string, e recentEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= recentResultsSize {
		c.entries = map[string]recentEntry{}
	}
	if old, ok := c.entries[key]; (ok && old.generation > e.generation) || e.readAt.Before(c.notBefore) {
		return
	}
	c.entries[key] = e
}

// forget drops every question's results, and those of computations that
// read the data before now: a change the person making it expects to see
// at once (expected births).
func (c *recentResults) forget(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries, c.notBefore = nil, now
}

// startRefresh reports whether the caller is the one to refresh key (no
// refresh of it is running).
func (c *recentResults) startRefresh(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.refreshing[key] {
		return false
	}
	if c.refreshing == nil {
		c.refreshing = map[string]bool{}
	}
	c.refreshing[key] = true
	return true
}

// refreshes counts the refreshes under way (tests).
func (c *recentResults) refreshes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.refreshing)
}

func (c *recentResults) endRefresh(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.refreshing, key)
}

// resultsOf answers a question with its results of less than
// recentResultsAge ago: as they are when this process has committed no
// write since (another instance's writes on PostgreSQL are seen within
// that age), else while a background computation brings them up to date
// (on a working day a contact is saved every few seconds, and a network's
// dashboard computed cold takes over a second at 10,000 families); else
// computed now. The person's scope is part of the
// question: results are only ever given for the very sites, team,
// breakdowns and suppression they were computed with.
func (s *IndicatorService) resultsOf(ctx context.Context, tx *store.Tx, defs []indicator.Definition, req IndicatorRequest,
	q indicator.Query, deidentified bool, k int) (results []IndicatorResult, readAt time.Time, err error) {
	key := questionKey(defs, req, q, deidentified, k)
	now, gen := s.now(), tx.Generation()
	if e, ok := s.recent.get(key, now); ok {
		if e.generation != gen {
			s.refresh(key, defs, req, q, deidentified, k)
		}
		return e.results, e.readAt, nil
	}
	if results, err = s.computeAll(ctx, tx, defs, req, q, deidentified, k); err != nil {
		return nil, time.Time{}, err
	}
	s.recent.put(key, recentEntry{results: results, readAt: now, generation: gen})
	return results, now, nil
}

// refresh computes the question again in the background, in a read
// transaction of its own, unless that is already under way.
func (s *IndicatorService) refresh(key string, defs []indicator.Definition, req IndicatorRequest,
	q indicator.Query, deidentified bool, k int) {
	if !s.recent.startRefresh(key) {
		return
	}
	if !s.goBackground(func(ctx context.Context) {
		defer s.recent.endRefresh(key)
		readAt := s.now()
		err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
			results, err := s.computeAll(ctx, tx, defs, req, q, deidentified, k)
			if err == nil {
				s.recent.put(key, recentEntry{results: results, readAt: readAt, generation: tx.Generation()})
			}
			return err
		})
		if err != nil && ctx.Err() == nil {
			s.log.Warn("indicators: refresh", "error", err)
		}
	}) {
		s.recent.endRefresh(key)
	}
}

// questionKey names a question: the definitions in their versions, the
// request, the scope the person may see and the suppression applied.
func questionKey(defs []indicator.Definition, req IndicatorRequest, q indicator.Query, deidentified bool, k int) string {
	var b strings.Builder
	for _, d := range defs {
		fmt.Fprintf(&b, "%s@%d,", d.Code, d.Version)
	}
	fmt.Fprintf(&b, "|%s|%v|%v|%v|%v|%d|%d|%v|%d|%d", req.Period, req.By, req.ByPeriod, req.Compare, q.Sites, req.SiteID, q.Team,
		deidentified, k, q.StaleMonths)
	return b.String()
}
