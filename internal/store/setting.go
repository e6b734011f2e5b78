package store

import "context"

// SetSetting stores a network-wide setting, replacing its previous value.
func (tx *Tx) SetSetting(ctx context.Context, key, value string) error {
	_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return wrapErr("set setting", err)
}

// Setting returns a network-wide setting, or a not-found error.
func (tx *Tx) Setting(ctx context.Context, key string) (string, error) {
	var value string
	err := tx.queryRow(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&value)
	return value, notFound(wrapErr("read setting", err), "error.setting_not_found")
}
