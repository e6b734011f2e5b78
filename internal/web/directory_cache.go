package web

import (
	"net/http"
	"sync"
	"time"

	"github.com/berceau/berceau/directory/search"
)

// The search page of an anonymous visitor depends only on the query, the
// language and the search index: the frequent searches ("famille",
// "pédiatr", a need near a postal code) are rendered once per index and
// per searchCacheTTL, then served from memory. A new index (after any
// change to the directory) empties the cache; the TTL bounds how old the
// "open now" and "to verify" badges may be. Signed-in visitors are never
// served from it (the page shows who they are and what they may do).

const (
	searchCacheTTL = 5 * time.Second
	// searchCacheMax bounds the memory visitors' queries can take: past
	// it, the cache starts over.
	searchCacheMax = 2000
)

type searchPageCache struct {
	mu      sync.Mutex
	index   *search.DirectoryIndex
	entries map[string]cachedPage
}

// searchCacheKey is the key of r's search page, "" when r must not be
// served from the cache.
func searchCacheKey(r *http.Request) string {
	if state(r).actor.SignedIn() {
		return ""
	}
	return state(r).lang + state(r).langPrefix + "|" + r.URL.Query().Encode()
}

func (c *searchPageCache) get(ix *search.DirectoryIndex, key string, now time.Time) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.index != ix {
		return nil, false
	}
	e, ok := c.entries[key]
	if !ok || now.After(e.expires) {
		return nil, false
	}
	return e.body, true
}

// size is how many pages the cache holds.
func (c *searchPageCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// clear empties the cache, so that the next request renders its page.
func (c *searchPageCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.index, c.entries = nil, nil
}

func (c *searchPageCache) put(ix *search.DirectoryIndex, key string, body []byte, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.index != ix || len(c.entries) >= searchCacheMax {
		c.index, c.entries = ix, map[string]cachedPage{}
	}
	c.entries[key] = cachedPage{body: body, expires: now.Add(searchCacheTTL)}
}
