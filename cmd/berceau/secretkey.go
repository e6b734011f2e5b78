package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/config"
	"github.com/berceau/berceau/internal/store"
)

// secretKeySource says where the key that seals second-factor secrets comes
// from: a key file (and whether this start created it) or --secret-key.
type secretKeySource struct {
	path    string // the key file; empty when --secret-key gives the key
	created bool   // the key file did not exist: this start made a new key
}

func (k secretKeySource) describe() string {
	if k.path == "" {
		return "--secret-key (BERCEAU_SECRET_KEY)"
	}
	return k.path
}

// keyFilePath is where a SQLite installation keeps its key: beside the database.
func keyFilePath(db string) string {
	abs, err := filepath.Abs(db)
	if err != nil {
		abs = db
	}
	return filepath.Join(filepath.Dir(abs), "berceau.key")
}

// secretBox builds what seals second-factor secrets. The key comes from
// --secret-key; without one, a SQLite installation keeps a random key in
// berceau.key beside its database (created on first start, mode 0600), so
// the newcomer's one command needs no setting. PostgreSQL installations run
// several instances and must be given the key.
func secretBox(cfg config.Config) (*auth.SecretBox, secretKeySource, error) {
	secret := cfg.SecretKey
	var src secretKeySource
	if secret == "" {
		if store.IsPostgres(cfg.DB) {
			return nil, src, errors.New("with PostgreSQL, set --secret-key (or BERCEAU_SECRET_KEY) to a long random string, the same for every instance")
		}
		src.path = keyFilePath(cfg.DB)
		var err error
		if secret, src.created, err = keyFile(src.path); err != nil {
			return nil, src, err
		}
	}
	if len(secret) < 16 {
		return nil, src, errors.New("--secret-key must be at least 16 characters")
	}
	box, err := auth.NewSecretBox(auth.DeriveKey(secret))
	return box, src, err
}

// checkSecretKey refuses to go on when the database holds second-factor
// secrets the key does not open: a backup restored without its berceau.key
// would otherwise start with a new key, and every second-factor check would
// fail. A key file this start created is removed, so that the right one can
// be copied in its place.
func checkSecretKey(ctx context.Context, st *store.Store, box *auth.SecretBox, src secretKeySource) error {
	var sealed string
	if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
		sealed, err = tx.AnySealedSecret(ctx)
		return err
	}); err != nil {
		return err
	}
	if sealed == "" {
		return nil
	}
	if _, err := box.Open(sealed); err == nil {
		return nil
	}
	if src.created {
		if err := os.Remove(src.path); err != nil {
			return fmt.Errorf("remove the key file just created: %w", err)
		}
		return fmt.Errorf("this database holds second-factor secrets, but its key file %s did not exist (a new key would lock out everyone "+
			"with two-step verification). Copy the berceau.key of the installation this database comes from to %s "+
			"(or give that key with --secret-key), then start again", src.path, src.path)
	}
	return fmt.Errorf("the key in %s does not open this database's second-factor secrets: it is not the key they were sealed with. "+
		"Put the berceau.key of the installation this database comes from in its place (or give that key with --secret-key)", src.describe())
}

func keyFile(path string) (key string, created bool, err error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return strings.TrimSpace(string(b)), false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", false, fmt.Errorf("read key file: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", false, err
	}
	key = hex.EncodeToString(raw)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return "", false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", false, fmt.Errorf("create key file: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(key + "\n"); err != nil {
		return "", false, err
	}
	return key, true, nil
}
