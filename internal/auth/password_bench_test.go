package auth

import (
	"context"
	"testing"
)

// BenchmarkHashOWASPMinimum is the cost of one sign-in's password check.
func BenchmarkHashOWASPMinimum(b *testing.B) {
	h := NewHasher(OWASPMinimum, 4)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Hash(context.Background(), "une phrase de passe solide"); err != nil {
			b.Fatal(err)
		}
	}
}
