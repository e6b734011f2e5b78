package app

import (
	"context"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The knowledge space's public pages in sitemap.xml: each area lists what an
// anonymous visitor may open, never members-only content, from the same
// reads its public search uses.

// sitemapOf turns public hits into sitemap entries: their paths, changed
// when the hit says.
func sitemapOf(hits []PublicHit) []SitemapEntry {
	out := make([]SitemapEntry, 0, len(hits))
	for _, h := range hits {
		if strings.HasPrefix(h.URL, "/") {
			out = append(out, SitemapEntry{Path: h.URL, Modified: h.When})
		}
	}
	return out
}

// SitemapEntries lists the public resources of the library.
func (s *LibraryService) SitemapEntries(ctx context.Context) ([]SitemapEntry, error) {
	res, err := s.Search(ctx, berceau.Actor{}, knowledge.LibraryQuery{Limit: sitemapLimit})
	if err != nil {
		return nil, err
	}
	return sitemapOf(publicHits(res.Items, "fr")), nil
}

// SitemapEntries lists the published public articles.
func (s *NewsService) SitemapEntries(ctx context.Context) ([]SitemapEntry, error) {
	var hits []PublicHit
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		items, _, err := tx.NewsList(ctx, store.NewsQuery{VisibleOnly: true, Now: s.now(), Limit: sitemapLimit})
		for _, n := range items {
			hits = append(hits, newsHit(n, "fr"))
		}
		return err
	})
	return sitemapOf(hits), domainError(err)
}

// SitemapEntries lists the outreach register's entries (all public).
func (s *OutreachService) SitemapEntries(ctx context.Context) ([]SitemapEntry, error) {
	var hits []PublicHit
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		entries, _, err := tx.OutreachEntries(ctx, knowledge.OutreachFilter{Limit: sitemapLimit})
		for _, e := range entries {
			hits = append(hits, outreachHit(e, "fr"))
		}
		return err
	})
	return withoutDates(sitemapOf(hits)), domainError(err)
}

// SitemapEntries lists the trainings of the public catalogue.
func (s *TrainingService) SitemapEntries(ctx context.Context) ([]SitemapEntry, error) {
	hits, _, err := s.publicHits(ctx, "fr")
	if err != nil {
		return nil, err
	}
	return withoutDates(sitemapOf(hits)), nil
}

// withoutDates leaves lastmod out where a hit's date is not a change (an
// outreach entry's publication, a training's next session, perhaps to come).
func withoutDates(entries []SitemapEntry) []SitemapEntry {
	for i := range entries {
		entries[i].Modified = time.Time{}
	}
	return entries
}
