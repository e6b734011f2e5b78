package app

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The library's search index (knowledge.LibraryIndex) is built from the
// database and kept while the library's revision stays the same. A search
// after a change of this process rebuilds it first (the store's generation
// moved), so an editor finds what they just published and a resource made
// members-only leaves public results at once; a change made by another
// process sharing a PostgreSQL database is seen within libraryRecheck.

// libraryRecheck bounds how long the index trusts that no other process
// changed the library.
const libraryRecheck = 2 * time.Second

type libraryIndexHolder struct {
	mu         sync.Mutex
	index      *knowledge.LibraryIndex
	revision   int64
	generation uint64
	checked    time.Time
}

// libraryIndex returns an index as new as the library.
func (s *LibraryService) libraryIndex(ctx context.Context) (*knowledge.LibraryIndex, error) {
	h := s.libraryIndexes
	h.mu.Lock()
	defer h.mu.Unlock()
	gen := s.store.Generation()
	if h.index != nil && gen == h.generation && time.Since(h.checked) < libraryRecheck {
		return h.index, nil
	}
	var rev int64
	var entries []knowledge.LibraryEntry
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if rev, err = tx.LibraryRevision(ctx); err != nil || (h.index != nil && rev == h.revision) {
			return err
		}
		entries, err = tx.LibraryEntries(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	if h.index == nil || rev != h.revision {
		h.index = knowledge.BuildLibraryIndex(entries)
	}
	h.revision, h.generation, h.checked = rev, gen, time.Now()
	return h.index, nil
}

// BuildIndex builds the search index in the background, so that the
// first search after the server starts does not wait for it.
func (s *LibraryService) BuildIndex() {
	s.goBackground(func(ctx context.Context) {
		if _, err := s.libraryIndex(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("library index not built", "error", err)
		}
	})
}

// LibraryResults is a page of a library search.
type LibraryResults struct {
	Items []LibraryItem
	Total int
}

// LibraryItem is one resource of a list, with its organisation's name.
type LibraryItem struct {
	Resource     knowledge.Resource
	Organization berceau.Text
}

// Search finds the resources the actor may see that match q (its Reach is
// the actor's, whatever the caller set), best first.
func (s *LibraryService) Search(ctx context.Context, actor berceau.Actor, q knowledge.LibraryQuery) (LibraryResults, error) {
	var res LibraryResults
	q.Reach = knowledge.LibraryReach{}
	if actor.SignedIn() {
		if err := s.store.ReadTx(ctx, func(tx *store.Tx) (err error) { q.Reach, err = libraryReachOf(ctx, tx, actor); return err }); err != nil {
			return res, domainError(err)
		}
	}
	if q.Theme != "" {
		if _, ok := directory.NeedByCode(q.Theme); !ok {
			return res, nil
		}
	}
	ix, err := s.libraryIndex(ctx)
	if err != nil {
		return res, domainError(err)
	}
	found, total := ix.Search(q)
	res.Total = total
	if len(found) == 0 {
		return res, nil
	}
	seen := map[string]bool{}
	var ids []string
	for _, r := range found {
		if !seen[r.OrganizationID] {
			seen[r.OrganizationID] = true
			ids = append(ids, r.OrganizationID)
		}
	}
	var names map[string]berceau.Text
	if err := s.store.ReadTx(ctx, func(tx *store.Tx) (err error) { names, err = tx.OrganizationNames(ctx, ids); return err }); err != nil {
		return res, domainError(err)
	}
	for _, r := range found {
		res.Items = append(res.Items, LibraryItem{Resource: r, Organization: names[r.OrganizationID]})
	}
	return res, nil
}

// PublicKind names the library's public hits.
func (s *LibraryService) PublicKind() string { return "resource" }

// maxPublicHits bounds what the library gives the portal at once.
const maxPublicHits = 50

// SearchPublic finds public resources for the portal's search: only what
// an anonymous visitor sees.
func (s *LibraryService) SearchPublic(ctx context.Context, q PublicQuery) ([]PublicHit, error) {
	limit := q.Limit
	if limit <= 0 || limit > maxPublicHits {
		limit = maxPublicHits
	}
	res, err := s.Search(ctx, berceau.Actor{}, knowledge.LibraryQuery{Words: q.Words, Limit: limit})
	if err != nil {
		return nil, err
	}
	return publicHits(res.Items, q.Lang), nil
}

// FeaturedPublic lists the newest public resources for the home page.
func (s *LibraryService) FeaturedPublic(ctx context.Context, lang string, limit int) ([]PublicHit, error) {
	return s.SearchPublic(ctx, PublicQuery{Lang: lang, Limit: limit})
}

func publicHits(items []LibraryItem, lang string) []PublicHit {
	hits := make([]PublicHit, 0, len(items))
	for _, it := range items {
		r := it.Resource
		if r.Audience != knowledge.AudiencePublic { // Search as anonymous sees only these; said twice on purpose
			continue
		}
		title, missingTitle := r.Title.In(lang)
		summary, missingSummary := r.Summary.In(lang)
		hits = append(hits, PublicHit{Kind: "resource", Title: title, Summary: summary, URL: "/library/" + strconv.FormatInt(r.ID, 10),
			When: r.UpdatedAt, Missing: missingTitle || (missingSummary && summary != "")})
	}
	return hits
}
