package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func newBox(t *testing.T, secret string) *SecretBox {
	t.Helper()
	b, err := NewSecretBox(DeriveKey(secret))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSecretBoxOpensWhatItSealed(t *testing.T) {
	b := newBox(t, "a long random operator secret")
	for _, plain := range []string{"", rfcSecret, "sage-femme Élise ✓"} {
		sealed, err := b.Seal(plain)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(sealed, "v1:") {
			t.Errorf("Seal(%q) = %q, want a v1: prefix", plain, sealed)
		}
		if _, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(sealed, "v1:")); err != nil {
			t.Errorf("Seal(%q) = %q: not base64url: %v", plain, sealed, err)
		}
		if plain != "" && strings.Contains(sealed, plain) {
			t.Errorf("Seal(%q) = %q shows the plaintext", plain, sealed)
		}
		got, err := b.Open(sealed)
		if err != nil || got != plain {
			t.Errorf("Open(Seal(%q)) = %q, %v", plain, got, err)
		}
	}
}

func TestSecretBoxSealsTheSameSecretDifferentlyEachTime(t *testing.T) {
	b := newBox(t, "a long random operator secret")
	one, _ := b.Seal(rfcSecret)
	two, _ := b.Seal(rfcSecret)
	if one == two {
		t.Fatalf("two seals of one secret are equal (%q): the nonce is not random", one)
	}
}

func TestSecretBoxRefusesATamperedValue(t *testing.T) {
	b := newBox(t, "a long random operator secret")
	sealed, err := b.Seal(rfcSecret)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(sealed, "v1:"))
	// Flip one bit in the nonce, the ciphertext and the tag, in turn.
	for _, i := range []int{0, 11, 12, len(raw) - 17, len(raw) - 1} {
		changed := append([]byte(nil), raw...)
		changed[i] ^= 0x01
		tampered := "v1:" + base64.RawURLEncoding.EncodeToString(changed)
		if got, err := b.Open(tampered); !errors.Is(err, ErrSealedUnopenable) {
			t.Errorf("bit flipped at byte %d: Open = %q, %v; want ErrSealedUnopenable", i, got, err)
		}
	}
	for _, broken := range []string{
		sealed[:len(sealed)-1],
		"v1:" + base64.RawURLEncoding.EncodeToString(raw[:27]),
		"v1:",
		sealed + "!",
	} {
		if got, err := b.Open(broken); !errors.Is(err, ErrSealedUnopenable) {
			t.Errorf("Open(%q) = %q, %v; want ErrSealedUnopenable", broken, got, err)
		}
	}
}

func TestSecretBoxRefusesAnotherKey(t *testing.T) {
	sealed, err := newBox(t, "the key it was sealed with").Seal(rfcSecret)
	if err != nil {
		t.Fatal(err)
	}
	got, err := newBox(t, "another key").Open(sealed)
	if !errors.Is(err, ErrSealedUnopenable) {
		t.Fatalf("Open with another key = %q, %v; want ErrSealedUnopenable", got, err)
	}
	if !strings.Contains(err.Error(), "wrong key") {
		t.Errorf("error %q does not mention the key", err)
	}
}

func TestSecretBoxRefusesAnUnknownPrefix(t *testing.T) {
	b := newBox(t, "a long random operator secret")
	sealed, _ := b.Seal(rfcSecret)
	body := strings.TrimPrefix(sealed, "v1:")
	for _, v := range []string{"", body, "v2:" + body, "V1:" + body, rfcSecret} {
		if got, err := b.Open(v); !errors.Is(err, ErrSealedUnknownPrefix) {
			t.Errorf("Open(%q) = %q, %v; want ErrSealedUnknownPrefix", v, got, err)
		}
	}
}

func TestSecretBoxNeedsA32ByteKey(t *testing.T) {
	for _, n := range []int{0, 16, 24, 31, 33, 64} {
		if _, err := NewSecretBox(make([]byte, n)); err == nil {
			t.Errorf("NewSecretBox accepted a %d-byte key", n)
		}
	}
	if _, err := NewSecretBox(make([]byte, 32)); err != nil {
		t.Errorf("NewSecretBox refused a 32-byte key: %v", err)
	}
}

func TestDeriveKeyIsDomainSeparatedSHA256(t *testing.T) {
	// printf 'berceau secret box v1\0correct horse battery staple' | sha256sum
	const want = "76db29c622b0d58ed34df06b6423f300e7396c2c3e166acde04ff6173de066ee"
	got := DeriveKey("correct horse battery staple")
	if hex.EncodeToString(got) != want {
		t.Errorf("DeriveKey = %x, want %s", got, want)
	}
	plain := sha256.Sum256([]byte("correct horse battery staple"))
	if hex.EncodeToString(got) == hex.EncodeToString(plain[:]) {
		t.Error("DeriveKey is the plain SHA-256 of the secret: no domain separation")
	}
	if hex.EncodeToString(DeriveKey("correct horse battery stapler")) == want {
		t.Error("two secrets derive the same key")
	}
}
