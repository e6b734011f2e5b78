package app

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// staleSetting caches the stale period of a store: it is read on every
// directory page, so it is read from the database again only after a write
// of this process (the store's generation moved) or, for changes made by
// another instance sharing a PostgreSQL database, after staleRecheck.
type staleSetting struct {
	mu         sync.Mutex
	months     int
	generation uint64
	checked    time.Time
}

// DirectoryStaleMonths is how many months a directory confirmation holds:
// the network's setting, or DefaultStaleMonths.
func (a *DirectoryService) DirectoryStaleMonths(ctx context.Context) int {
	c := a.stale
	c.mu.Lock()
	defer c.mu.Unlock()
	gen := a.store.Generation()
	if c.months > 0 && gen == c.generation && time.Since(c.checked) < staleRecheck {
		return c.months
	}
	months := directory.DefaultStaleMonths
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		value, err := tx.Setting(ctx, directory.SettingDirectoryStaleMonths)
		if err != nil {
			if berceau.IsNotFound(err) {
				return nil
			}
			return err
		}
		if n, err := strconv.Atoi(value); err == nil && n >= directory.MinStaleMonths && n <= directory.MaxStaleMonths {
			months = n
		}
		return nil
	})
	if err != nil {
		// Keep what was known; the default when nothing was.
		if c.months > 0 {
			return c.months
		}
		return directory.DefaultStaleMonths
	}
	c.months, c.generation, c.checked = months, gen, time.Now()
	return months
}

// DirectoryStaleAfter is how long a directory confirmation holds.
func (a *DirectoryService) DirectoryStaleAfter(ctx context.Context) time.Duration {
	return directory.StaleAfterMonths(a.DirectoryStaleMonths(ctx))
}
