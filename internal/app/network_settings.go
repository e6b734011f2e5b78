package app

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// maxNetworkName bounds the network's display name.
const maxNetworkName = 120

// SetNetworkName renames the network, for administrators.
func (a *AdminService) SetNetworkName(ctx context.Context, actor berceau.Actor, name string) error {
	return a.SaveNetworkSettings(ctx, actor, name, "")
}

// SaveNetworkSettings renames the network and, when staleMonths is not
// empty, sets how many months a directory confirmation holds (1 to 60),
// for administrators. Both values are checked before anything is written,
// and both are written, with their audit entries, in one transaction.
func (a *AdminService) SaveNetworkSettings(ctx context.Context, actor berceau.Actor, name, staleMonths string) error {
	target := auditTarget{Action: "admin.settings.network_name", ObjectType: "setting"}
	return a.write(ctx, actor, berceau.PermAdminOrganisations, target, func(tx *store.Tx, t *auditTarget) error {
		t.Skip = true // two entries, each written below with its change
		return a.saveNetworkSettings(ctx, tx, actor, name, staleMonths)
	})
}

// saveNetworkSettings checks and writes the settings inside the transaction
// that authorized the change.
func (a *AdminService) saveNetworkSettings(ctx context.Context, tx *store.Tx, actor berceau.Actor, name, staleMonths string) error {
	name = strings.TrimSpace(name)
	fields := map[string]string{}
	if name == "" || utf8.RuneCountInString(name) > maxNetworkName {
		fields["network_name"] = "error.network_name_length"
	}
	months := 0
	if staleMonths = strings.TrimSpace(staleMonths); staleMonths != "" {
		n, err := strconv.Atoi(staleMonths)
		if err != nil || n < directory.MinStaleMonths || n > directory.MaxStaleMonths {
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
	old, err := tx.Setting(ctx, directory.SettingDirectoryStaleMonths)
	if err != nil && !berceau.IsNotFound(err) {
		return err
	}
	if old == strconv.Itoa(months) {
		return nil
	}
	if err := tx.SetSetting(ctx, directory.SettingDirectoryStaleMonths, strconv.Itoa(months)); err != nil {
		return err
	}
	return record(ctx, tx, actor, "admin.settings.directory_stale_months", "setting", 0, berceau.OutcomeSuccess,
		strings.TrimSpace(old+" → "+strconv.Itoa(months)))
}

const staleRecheck = 30 * time.Second
