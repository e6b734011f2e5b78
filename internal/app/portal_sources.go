package app

import (
	"context"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory/search"
	"github.com/berceau/berceau/knowledge"
)

// The public sources the portal itself provides: its editable pages, the
// directory's services and the public events. Each reads only what an
// anonymous visitor may read, and audits nothing.

// SitemapEntry is one public page of the sitemap: its language-neutral
// path (the portal adds each language's prefix) and its last change.
type SitemapEntry struct {
	Path     string
	Modified time.Time
}

// SitemapSource is a public source that also lists its public pages for
// sitemap.xml. A source registered in Public may implement it; members-only
// pages must never be listed.
type SitemapSource interface {
	SitemapEntries(ctx context.Context) ([]SitemapEntry, error)
}

// sitemapLimit bounds the entries of one source: the sitemap protocol takes
// 50,000 URLs per file, and each entry is written once per language.
const sitemapLimit = 15000

// Sitemap lists the portal's public pages: the home page, the lists of
// events and of the directory, then every source's entries.
func (s *PortalService) Sitemap(ctx context.Context) ([]SitemapEntry, error) {
	out := []SitemapEntry{{Path: "/"}, {Path: "/events"}, {Path: "/directory"}}
	for _, src := range s.Public.All() {
		sm, ok := src.(SitemapSource)
		if !ok {
			continue
		}
		entries, err := sm.SitemapEntries(ctx)
		if err != nil {
			return nil, err
		}
		if len(entries) > sitemapLimit {
			entries = entries[:sitemapLimit]
		}
		out = append(out, entries...)
	}
	return out, nil
}

// registerPublicSources registers the portal's own sources, in the order
// the home page shows them: upcoming events first; the directory's services
// and the pages have no home section of their own but answer searches.
func (a *App) registerPublicSources() {
	a.Public.Register(eventSource{a.Events})
	a.Public.Register(serviceSource{a.Directory})
	a.Public.Register(pageSource{a.Portal})
}

// pageSource offers the published editable pages.
type pageSource struct{ s *PortalService }

func (pageSource) PublicKind() string { return "page" }

func (src pageSource) SearchPublic(ctx context.Context, q PublicQuery) ([]PublicHit, error) {
	pages, err := src.s.publishedPages(ctx)
	if err != nil {
		return nil, err
	}
	words := berceau.QueryWords(q.Words)
	var hits []PublicHit
	for _, p := range standardFirst(pages) {
		title, summary, body := p.Title.Get(q.Lang), p.Summary.Get(q.Lang), p.Body.Get(q.Lang)
		if !matchesAll(words, title, summary, body) {
			continue
		}
		hits = append(hits, pageHit(p, q.Lang))
		if q.Limit > 0 && len(hits) == q.Limit {
			break
		}
	}
	return hits, nil
}

// FeaturedPublic is empty: the home page shows the pages in its own
// introduction and links.
func (pageSource) FeaturedPublic(context.Context, string, int) ([]PublicHit, error) { return nil, nil }

func (src pageSource) SitemapEntries(ctx context.Context) ([]SitemapEntry, error) {
	pages, err := src.s.publishedPages(ctx)
	var out []SitemapEntry
	for _, p := range pages {
		out = append(out, SitemapEntry{Path: "/pages/" + p.Slug, Modified: p.UpdatedAt})
	}
	return out, err
}

func pageHit(p knowledge.Page, lang string) PublicHit {
	title, missing := p.Title.In(lang)
	summary, summaryMissing := p.Summary.In(lang)
	return PublicHit{Kind: "page", Title: title, Summary: summary, URL: "/pages/" + p.Slug, Missing: missing || summaryMissing}
}

// eventSource offers the public events: upcoming ones on the home page,
// upcoming ones matching the words in a search.
type eventSource struct{ s *EventService }

func (eventSource) PublicKind() string { return "event" }

// publicEventsRead bounds how many upcoming public events a search reads.
const publicEventsRead = 500

func (src eventSource) upcoming(ctx context.Context, limit int) ([]EventListItem, error) {
	list, err := src.s.Events(ctx, berceau.Anonymous(""), knowledge.EventFilter{Audience: knowledge.AudiencePublic, Upcoming: true,
		Limit: limit})
	return list.Items, err
}

func (src eventSource) SearchPublic(ctx context.Context, q PublicQuery) ([]PublicHit, error) {
	items, err := src.upcoming(ctx, publicEventsRead)
	if err != nil {
		return nil, err
	}
	words := berceau.QueryWords(q.Words)
	var hits []PublicHit
	for _, it := range items {
		e := it.Event
		if e.Audience != knowledge.AudiencePublic || e.Cancelled() {
			continue
		}
		if !matchesAll(words, e.Title.Get(q.Lang), e.Summary.Get(q.Lang), e.Body.Get(q.Lang), e.Title.String(), e.Summary.String()) {
			continue
		}
		hits = append(hits, eventHit(e, q.Lang))
		if q.Limit > 0 && len(hits) == q.Limit {
			break
		}
	}
	return hits, nil
}

func (src eventSource) FeaturedPublic(ctx context.Context, lang string, limit int) ([]PublicHit, error) {
	items, err := src.upcoming(ctx, limit*2)
	if err != nil {
		return nil, err
	}
	var hits []PublicHit
	for _, it := range items {
		if it.Event.Audience == knowledge.AudiencePublic && !it.Event.Cancelled() && len(hits) < limit {
			hits = append(hits, eventHit(it.Event, lang))
		}
	}
	return hits, nil
}

func (src eventSource) SitemapEntries(ctx context.Context) ([]SitemapEntry, error) {
	list, err := src.s.Events(ctx, berceau.Anonymous(""), knowledge.EventFilter{Audience: knowledge.AudiencePublic, Limit: sitemapLimit})
	var out []SitemapEntry
	for _, it := range list.Items {
		if it.Event.Audience == knowledge.AudiencePublic {
			out = append(out, SitemapEntry{Path: "/events/" + strconv.FormatInt(it.Event.ID, 10), Modified: it.Event.UpdatedAt})
		}
	}
	return out, err
}

func eventHit(e knowledge.Event, lang string) PublicHit {
	title, missing := e.Title.In(lang)
	summary, _ := e.Summary.In(lang)
	return PublicHit{Kind: "event", Title: title, Summary: summary, URL: "/events/" + strconv.FormatInt(e.ID, 10), When: e.Start,
		Missing: missing}
}

// serviceSource offers the directory's services through its search index,
// which holds only what the public may read (public locations, no
// professionals-only field).
type serviceSource struct{ s *DirectoryService }

func (serviceSource) PublicKind() string { return "service" }

func (src serviceSource) SearchPublic(ctx context.Context, q PublicQuery) ([]PublicHit, error) {
	ix, err := src.s.DirectoryIndex(ctx)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	found, _ := ix.Search(search.DirectoryQuery{Text: q.Words, Limit: limit})
	hits := make([]PublicHit, 0, len(found))
	for _, h := range found {
		hits = append(hits, serviceHit(h.Entry, q.Lang))
	}
	return hits, nil
}

// FeaturedPublic is empty: the directory has its own search page, linked
// from every page's header.
func (serviceSource) FeaturedPublic(context.Context, string, int) ([]PublicHit, error) {
	return nil, nil
}

func (src serviceSource) SitemapEntries(ctx context.Context) ([]SitemapEntry, error) {
	ix, err := src.s.DirectoryIndex(ctx)
	if err != nil {
		return nil, err
	}
	found, _ := ix.Search(search.DirectoryQuery{Limit: sitemapLimit})
	out := make([]SitemapEntry, 0, len(found))
	for _, h := range found {
		out = append(out, SitemapEntry{Path: "/directory/services/" + h.Entry.ServiceID, Modified: h.Entry.LastModified})
	}
	return out, nil
}

// serviceSummaryLength bounds the description a hit shows, in characters.
const serviceSummaryLength = 220

func serviceHit(e *search.DirectoryEntry, lang string) PublicHit {
	name, missing := e.Name.In(lang)
	summary, _ := e.Description.In(lang)
	if org, _ := e.OrganizationName.In(lang); org != "" && org != name {
		summary = org + " — " + summary
	}
	if r := []rune(summary); len(r) > serviceSummaryLength {
		summary = string(r[:serviceSummaryLength-1]) + "…"
	}
	return PublicHit{Kind: "service", Title: name, Summary: summary, URL: "/directory/services/" + e.ServiceID, Missing: missing}
}
