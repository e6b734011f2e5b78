package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
)

// macDomain keeps the link-signing key apart from the sealing key.
const macDomain = "berceau link signature v1\x00"

func deriveMACKey(key []byte) []byte {
	h := sha256.New()
	h.Write([]byte(macDomain))
	h.Write(key)
	return h.Sum(nil)
}

// Sign returns a URL-safe signature of message (HMAC-SHA256, 128 bits), for
// links mailed to people without an account: the link names a record and
// proves the server wrote it, so a copy of the database alone cannot forge one.
func (b *SecretBox) Sign(message string) string {
	m := hmac.New(sha256.New, b.macKey)
	m.Write([]byte(message))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// VerifySignature reports whether signature is Sign(message), in constant time.
func (b *SecretBox) VerifySignature(message, signature string) bool {
	return hmac.Equal([]byte(b.Sign(message)), []byte(signature))
}
