package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// maxNetworkName bounds the network's display name.
const maxNetworkName = 120

// SetNetworkName renames the network, for administrators.
func (a *App) SetNetworkName(ctx context.Context, actor berceau.Actor, name string) error {
	if !actor.Can(berceau.PermAdminOrganisations) {
		a.recordAlone(ctx, actor, "admin.settings.network_name", "setting", 0, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > maxNetworkName {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"network_name": "error.network_name_length"}}
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, berceau.SettingNetworkName, name); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.settings.network_name", "setting", 0, berceau.OutcomeSuccess, name)
	}))
}
