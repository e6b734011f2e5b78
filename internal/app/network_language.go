package app

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
)

// LanguageService holds the network's languages: which ones its pages and
// texts are offered in, and the default (a network setting the
// administrator chooses among the languages with complete catalogs).
type LanguageService struct{ *App }

// languageSetting caches the network's languages: every page reads them,
// so they are read from the database again only after a write of this
// process (the store's generation moved) or, for a change made by another
// instance sharing a PostgreSQL database, after staleRecheck.
type languageSetting struct {
	mu         sync.Mutex
	value      berceau.NetworkLanguages
	known      bool
	generation uint64
	checked    time.Time
}

// Enabled are the network's languages, the default first: the setting,
// else French and English.
func (a *LanguageService) Enabled(ctx context.Context) berceau.NetworkLanguages {
	c := a.languages
	c.mu.Lock()
	defer c.mu.Unlock()
	gen := a.store.Generation()
	if c.known && gen == c.generation && time.Since(c.checked) < staleRecheck {
		return c.value
	}
	value := berceau.DefaultNetworkLanguages
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		stored, err := tx.Setting(ctx, berceau.SettingLanguages)
		if err != nil {
			if berceau.IsNotFound(err) {
				return nil
			}
			return err
		}
		if n := usableLanguages(berceau.ParseNetworkLanguages(stored)); len(n.Enabled) > 0 {
			value = n
		}
		return nil
	})
	if err != nil {
		if c.known {
			return c.value // keep what was known
		}
		return berceau.DefaultNetworkLanguages
	}
	c.value, c.known, c.generation, c.checked = value, true, gen, time.Now()
	return value
}

// usableLanguages drops from n the languages whose catalogs are not
// complete (a build that lost one): pages never show raw keys.
func usableLanguages(n berceau.NetworkLanguages) berceau.NetworkLanguages {
	var out berceau.NetworkLanguages
	for _, l := range n.Enabled {
		if i18n.Complete(l) {
			out.Enabled = append(out.Enabled, l)
		}
	}
	return out
}

// Available are the languages a network may enable: those whose catalogs
// hold every key.
func (a *LanguageService) Available() []string {
	var out []string
	for _, l := range i18n.Languages {
		if i18n.Complete(l) {
			out = append(out, l)
		}
	}
	return out
}

// Save sets the network's languages, for administrators: enabled must name
// at least one language, each with complete catalogs, and def must be one of
// them. Nothing is written when anything is wrong.
func (a *LanguageService) Save(ctx context.Context, actor berceau.Actor, enabled []string, def string) error {
	target := auditTarget{Action: "admin.settings.languages", ObjectType: "setting"}
	return a.write(ctx, actor, berceau.PermAdminOrganisations, target, func(tx *store.Tx, t *auditTarget) error {
		n, err := checkNetworkLanguages(enabled, def)
		if err != nil {
			return err
		}
		old, err := tx.Setting(ctx, berceau.SettingLanguages)
		if err != nil && !berceau.IsNotFound(err) {
			return err
		}
		if old == "" {
			old = berceau.DefaultNetworkLanguages.String()
		}
		t.Detail = strings.TrimSpace(old + " → " + n.String())
		return tx.SetSetting(ctx, berceau.SettingLanguages, n.String())
	})
}

// checkNetworkLanguages builds the setting from a form's choices, the
// default first.
func checkNetworkLanguages(enabled []string, def string) (berceau.NetworkLanguages, error) {
	fields := map[string]string{}
	n := berceau.NetworkLanguages{Enabled: []string{def}}
	for _, l := range enabled {
		if !i18n.Complete(l) {
			fields["languages"] = "multilingual.error.incomplete"
			continue
		}
		if !n.Has(l) {
			n.Enabled = append(n.Enabled, l)
		}
	}
	switch {
	case len(enabled) == 0:
		fields["languages"] = "multilingual.error.none"
	case !i18n.Complete(def):
		fields["default"] = "multilingual.error.incomplete"
	case !contains(enabled, def):
		fields["default"] = "multilingual.error.default_not_enabled"
	}
	if len(fields) > 0 {
		return n, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return n, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// keepDisabledLanguages keeps, in a text an editor saves, what the old text
// said in languages the network does not enable (any more): their form has
// no field for them, and a network that disables Dutch for a while must not
// lose its Dutch texts at the next change.
func keepDisabledLanguages(t, old berceau.Text, n berceau.NetworkLanguages) berceau.Text {
	for _, lang := range old.Langs() {
		if !n.Has(lang) && t.Get(lang) == "" {
			t.Set(lang, old.Get(lang))
		}
	}
	return t
}

// networkDefaultIn reads the network's default language inside the
// transaction at hand (a mail written in a write transaction falls back on
// it), French when the network never chose.
func networkDefaultIn(ctx context.Context, tx *store.Tx) string {
	return networkLanguagesIn(ctx, tx).Default()
}

// networkLanguagesIn reads the network's languages inside the transaction
// at hand, as Enabled does outside one (a use case that writes reads them
// in its own transaction, not through the cache's).
func networkLanguagesIn(ctx context.Context, tx *store.Tx) berceau.NetworkLanguages {
	stored, err := tx.Setting(ctx, berceau.SettingLanguages)
	if err != nil {
		return berceau.DefaultNetworkLanguages
	}
	if n := usableLanguages(berceau.ParseNetworkLanguages(stored)); len(n.Enabled) > 0 {
		return n
	}
	return berceau.DefaultNetworkLanguages
}
