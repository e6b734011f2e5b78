package app

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// maxNetworkName bounds the network's display name.
const maxNetworkName = 120

// SetNetworkName renames the network, for administrators.
func (a *App) SetNetworkName(ctx context.Context, actor berceau.Actor, name string) error {
	return a.SaveNetworkSettings(ctx, actor, name, "")
}

// SaveNetworkSettings renames the network and, when staleMonths is not
// empty, sets how many months a directory confirmation holds (1 to 60),
// for administrators. Both values are checked before anything is written,
// and both are written, with their audit entries, in one transaction.
func (a *App) SaveNetworkSettings(ctx context.Context, actor berceau.Actor, name, staleMonths string) error {
	target := auditTarget{Action: "admin.settings.network_name", ObjectType: "setting"}
	return a.write(ctx, actor, berceau.PermAdminOrganisations, target, func(tx *store.Tx, t *auditTarget) error {
		t.Skip = true // two entries, each written below with its change
		return a.saveNetworkSettings(ctx, tx, actor, name, staleMonths)
	})
}

// saveNetworkSettings checks and writes the settings inside the transaction
// that authorized the change.
func (a *App) saveNetworkSettings(ctx context.Context, tx *store.Tx, actor berceau.Actor, name, staleMonths string) error {
	name = strings.TrimSpace(name)
	fields := map[string]string{}
	if name == "" || utf8.RuneCountInString(name) > maxNetworkName {
		fields["network_name"] = "error.network_name_length"
	}
	months := 0
	if staleMonths = strings.TrimSpace(staleMonths); staleMonths != "" {
		n, err := strconv.Atoi(staleMonths)
		if err != nil || n < berceau.MinStaleMonths || n > berceau.MaxStaleMonths {
			fields["stale_months"] = "directory_editors.error.stale_months"
		}
		months = n
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	if err := tx.SetSetting(ctx, berceau.SettingNetworkName, name); err != nil {
		return err
	}
	if err := record(ctx, tx, actor, "admin.settings.network_name", "setting", 0, berceau.OutcomeSuccess, name); err != nil {
		return err
	}
	if months == 0 {
		return nil
	}
	old, err := tx.Setting(ctx, berceau.SettingDirectoryStaleMonths)
	if err != nil && !berceau.IsNotFound(err) {
		return err
	}
	if old == strconv.Itoa(months) {
		return nil
	}
	if err := tx.SetSetting(ctx, berceau.SettingDirectoryStaleMonths, strconv.Itoa(months)); err != nil {
		return err
	}
	return record(ctx, tx, actor, "admin.settings.directory_stale_months", "setting", 0, berceau.OutcomeSuccess,
		strings.TrimSpace(old+" → "+strconv.Itoa(months)))
}

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

const staleRecheck = 30 * time.Second

// DirectoryStaleMonths is how many months a directory confirmation holds:
// the network's setting, or DefaultStaleMonths.
func (a *App) DirectoryStaleMonths(ctx context.Context) int {
	c := a.stale
	c.mu.Lock()
	defer c.mu.Unlock()
	gen := a.store.Generation()
	if c.months > 0 && gen == c.generation && time.Since(c.checked) < staleRecheck {
		return c.months
	}
	months := berceau.DefaultStaleMonths
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		value, err := tx.Setting(ctx, berceau.SettingDirectoryStaleMonths)
		if err != nil {
			if berceau.IsNotFound(err) {
				return nil
			}
			return err
		}
		if n, err := strconv.Atoi(value); err == nil && n >= berceau.MinStaleMonths && n <= berceau.MaxStaleMonths {
			months = n
		}
		return nil
	})
	if err != nil {
		// Keep what was known; the default when nothing was.
		if c.months > 0 {
			return c.months
		}
		return berceau.DefaultStaleMonths
	}
	c.months, c.generation, c.checked = months, gen, time.Now()
	return months
}

// DirectoryStaleAfter is how long a directory confirmation holds.
func (a *App) DirectoryStaleAfter(ctx context.Context) time.Duration {
	return berceau.StaleAfterMonths(a.DirectoryStaleMonths(ctx))
}
