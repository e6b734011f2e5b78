package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
)

var cheap = Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}

func TestPasswordHashVerifiesOnlyTheSamePassword(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(cheap, 2)
	encoded, err := h.Hash(ctx, "Bébé-2026!")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(encoded, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash = %q, want a PHC argon2id string", encoded)
	}
	if rehash, err := h.Verify(ctx, "Bébé-2026!", encoded); err != nil || rehash {
		t.Fatalf("right password: rehash=%v err=%v", rehash, err)
	}
	if _, err := h.Verify(ctx, "bébé-2026!", encoded); !errors.Is(err, ErrPasswordMismatch) {
		t.Fatalf("wrong password: err = %v", err)
	}
	again, _ := h.Hash(ctx, "Bébé-2026!")
	if again == encoded {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
}

func TestHashWithOldParametersAsksForRehash(t *testing.T) {
	ctx := context.Background()
	old, _ := NewHasher(cheap, 1).Hash(ctx, "pw")
	stronger := NewHasher(Argon2Params{MemoryKiB: 128, Iterations: 1, Parallelism: 1}, 1)
	rehash, err := stronger.Verify(ctx, "pw", old)
	if err != nil || !rehash {
		t.Fatalf("rehash=%v err=%v, want true, nil", rehash, err)
	}
}

func TestMalformedHashesAreRejected(t *testing.T) {
	h := NewHasher(cheap, 1)
	for _, encoded := range []string{
		"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5",
		"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=64,t=1,p=1$!!$a2V5",
	} {
		if _, err := h.Verify(context.Background(), "pw", encoded); err == nil || errors.Is(err, ErrPasswordMismatch) {
			t.Errorf("Verify(%q) err = %v, want a malformed-hash error", encoded, err)
		}
	}
}
