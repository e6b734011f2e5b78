package main

import (
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

// secretBox builds what seals second-factor secrets. The key comes from
// --secret-key; without one, a SQLite installation keeps a random key in
// berceau.key beside its database (created on first start, mode 0600), so
// the newcomer's one command needs no setting. PostgreSQL installations run
// several instances and must be given the key.
func secretBox(cfg config.Config) (*auth.SecretBox, error) {
	secret := cfg.SecretKey
	if secret == "" {
		if store.IsPostgres(cfg.DB) {
			return nil, errors.New("with PostgreSQL, set --secret-key (or BERCEAU_SECRET_KEY) to a long random string, the same for every instance")
		}
		var err error
		if secret, err = keyFile(filepath.Join(filepath.Dir(cfg.DB), "berceau.key")); err != nil {
			return nil, err
		}
	}
	if len(secret) < 16 {
		return nil, errors.New("--secret-key must be at least 16 characters")
	}
	return auth.NewSecretBox(auth.DeriveKey(secret))
}

func keyFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return strings.TrimSpace(string(b)), nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("read key file: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	key := hex.EncodeToString(raw)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("create key file: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(key + "\n"); err != nil {
		return "", err
	}
	return key, nil
}
