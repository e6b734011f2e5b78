package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// pageCache keeps the rendered HTML of public pages that are the same for
// every visitor in a language (the home page). An entry is used while no
// write has been committed by this process since it was rendered, and for at
// most pageCacheTTL, which bounds staleness when another instance writes.
// Pages that depend on who is asking must never go through it.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]cachedPage
}

type cachedPage struct {
	body       []byte
	generation uint64
	expires    time.Time
}

const pageCacheTTL = 5 * time.Second

func newPageCache() *pageCache { return &pageCache{entries: map[string]cachedPage{}} }

func (c *pageCache) get(key string, generation uint64, now time.Time) ([]byte, bool) {
	c.mu.RLock()
	e, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || e.generation != generation || now.After(e.expires) {
		return nil, false
	}
	return e.body, true
}

func (c *pageCache) put(key string, body []byte, generation uint64, now time.Time) {
	c.mu.Lock()
	c.entries[key] = cachedPage{body: body, generation: generation, expires: now.Add(pageCacheTTL)}
	c.mu.Unlock()
}

// renderShared serves a page that is the same for everyone in a language
// from the cache, building and rendering it only when the cache is stale.
func (s *Server) renderShared(w http.ResponseWriter, r *http.Request, name string, build func() (page, error)) {
	s.renderSharedKey(w, r, name, name, build)
}

// renderSharedKey is renderShared for a page that has several shared
// forms (the agenda's upcoming, past and month views): key names the form.
func (s *Server) renderSharedKey(w http.ResponseWriter, r *http.Request, name, key string, build func() (page, error)) {
	if state(r).actor.SignedIn() {
		// The page shows who is signed in: render it for them alone.
		p, err := build()
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, name, p)
		return
	}
	// A page served at a language's own address (/en/...) links with that
	// prefix and names that address: it is cached apart.
	key += "|" + state(r).lang + state(r).langPrefix
	generation, now := s.app.DataGeneration(), time.Now()
	if body, ok := s.cache.get(key, generation, now); ok {
		writeHTML(w, http.StatusOK, body)
		return
	}
	p, err := build()
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	body, err := s.execute(name, p)
	if err != nil {
		s.log.Error("render page", "page", name, "id", state(r).id, "err", err)
		s.renderError(w, r, http.StatusInternalServerError)
		return
	}
	s.cache.put(key, body, generation, now)
	writeHTML(w, http.StatusOK, body)
}

// writeHTML sends a whole rendered page. Its length is known, so the
// response is not chunked: one write for most pages instead of several.
func writeHTML(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
