package app

import (
	"context"
	"sync"
	"time"
)

// The portal's home page and its search over everything public are built
// from public sources: each area with public content (directory services,
// events, trainings, the library, news, outreach, editable pages) offers its
// own as one PublicSource, registered once in New. The portal never reads
// another area's tables; an area never knows the portal.

// PublicQuery asks one public source for what matches words, in the
// visitor's language.
type PublicQuery struct {
	Lang  string // the visitor's language: titles and links in it, with fallback
	Words string // what the visitor typed; empty on the home page
	Limit int    // at most this many hits (the source caps it too)
}

// PublicHit is one public item: an event, a resource, a news item...
type PublicHit struct {
	Kind    string    // the source's kind: "service", "event", "training", "resource", "news", "outreach", "page"
	Title   string    // in the asked language, or another when missing
	Summary string    // a line or two, plain text
	URL     string    // site-relative link to the item's public page
	When    time.Time // an event's start, a news item's publication; zero when none
	Missing bool      // the title or summary is not in the asked language
}

// PublicSource is one area's public content. Both methods read only what an
// anonymous visitor may see (never members-only content) and audit nothing.
type PublicSource interface {
	// PublicKind names the source's hits ("resource", "news", ...).
	PublicKind() string
	// SearchPublic finds public items matching q.Words, best first.
	SearchPublic(ctx context.Context, q PublicQuery) ([]PublicHit, error)
	// FeaturedPublic lists what the home page shows of this source: upcoming
	// events, the latest news, featured resources... newest or soonest first.
	FeaturedPublic(ctx context.Context, lang string, limit int) ([]PublicHit, error)
}

// PublicSources are the App's registered public sources, in registration
// order (the portal's order of groups).
type PublicSources struct {
	mu      sync.RWMutex
	sources []PublicSource
}

// Register adds a source; sources are registered while the App is built.
func (p *PublicSources) Register(s PublicSource) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sources = append(p.sources, s)
}

// All returns the registered sources.
func (p *PublicSources) All() []PublicSource {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return append([]PublicSource(nil), p.sources...)
}
