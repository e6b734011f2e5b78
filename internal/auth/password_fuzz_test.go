package auth

import (
	"context"
	"testing"
)

// FuzzVerifyMalformedHashes feeds arbitrary stored hashes to Verify: it must
// refuse them without panicking and never accept a password.
func FuzzVerifyMalformedHashes(f *testing.F) {
	h := NewHasher(Argon2Params{MemoryKiB: 8, Iterations: 1, Parallelism: 1}, 1)
	good, _ := h.Hash(context.Background(), "pw")
	for _, seed := range []string{good, "", "$argon2id$v=19$m=8,t=1,p=1$$", "$argon2id$v=19$m=8,t=1,p=0$c2FsdA$a2V5", "$$$$$$"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, encoded string) {
		if encoded == good {
			return
		}
		if _, err := h.Verify(context.Background(), "pw", encoded); err == nil {
			// Only a well-formed hash of "pw" may verify; a fuzzed one that
			// does must really be such a hash.
			p, _, _, derr := decodeHash(encoded)
			if derr != nil || p.MemoryKiB > 1<<16 {
				t.Fatalf("accepted %q", encoded)
			}
		}
	})
}
