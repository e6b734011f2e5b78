package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// sealPrefix names the format, so that a later key or algorithm can sit
// beside this one while old values are re-sealed.
const sealPrefix = "v1:"

// secretBoxDomain keeps keys derived here apart from any other use of the
// same configured secret.
const secretBoxDomain = "berceau secret box v1\x00"

var (
	// ErrSealedUnknownPrefix is returned by Open for a value not sealed in
	// a format it knows.
	ErrSealedUnknownPrefix = errors.New("auth: sealed value has an unknown prefix")
	// ErrSealedUnopenable is returned by Open when the value was sealed with
	// another key or changed since: AES-GCM cannot tell the two apart.
	ErrSealedUnopenable = errors.New("auth: sealed value does not open: wrong key or tampered value")
)

// SecretBox encrypts small secrets, such as TOTP secrets, before they are
// stored, so that a leaked database dump alone does not give second factors
// away.
type SecretBox struct {
	aead   cipher.AEAD
	macKey []byte // signs links (signer.go), derived apart from the sealing key
}

// NewSecretBox returns a box that seals with AES-256-GCM under key, which
// must be 32 bytes (see DeriveKey).
func NewSecretBox(key []byte) (*SecretBox, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("auth: secret box key is %d bytes, want 32", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &SecretBox{aead: aead, macKey: deriveMACKey(key)}, nil
}

// Seal encrypts plaintext under a fresh random nonce and returns "v1:"
// followed by base64url(nonce || ciphertext).
func (b *SecretBox) Seal(plaintext string) (string, error) {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	// The prefix is authenticated too, so a value cannot be passed off as
	// another format's.
	sealed := b.aead.Seal(nonce, nonce, []byte(plaintext), []byte(sealPrefix))
	return sealPrefix + base64.RawURLEncoding.EncodeToString(sealed), nil
}

// Open decrypts a value made by Seal.
func (b *SecretBox) Open(sealed string) (string, error) {
	body, ok := strings.CutPrefix(sealed, sealPrefix)
	if !ok {
		return "", ErrSealedUnknownPrefix
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || len(raw) < b.aead.NonceSize()+b.aead.Overhead() {
		return "", ErrSealedUnopenable
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(sealPrefix))
	if err != nil {
		return "", ErrSealedUnopenable
	}
	return string(plain), nil
}

// DeriveKey turns a configured secret, any long random string, into a
// SecretBox key. A plain hash is enough because the secret is meant to be
// random, not a password: it does nothing to strengthen a short one.
func DeriveKey(secret string) []byte {
	sum := sha256.Sum256([]byte(secretBoxDomain + secret))
	return sum[:]
}
