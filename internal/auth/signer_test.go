package auth

import "testing"

func TestSignaturesDependOnKeyAndMessage(t *testing.T) {
	a, _ := NewSecretBox(DeriveKey("one key"))
	b, _ := NewSecretBox(DeriveKey("another key"))
	sig := a.Sign("registration:12:abc")
	if !a.VerifySignature("registration:12:abc", sig) {
		t.Fatal("own signature refused")
	}
	if a.VerifySignature("registration:13:abc", sig) {
		t.Fatal("signature accepted for another message")
	}
	if b.VerifySignature("registration:12:abc", sig) {
		t.Fatal("signature accepted under another key")
	}
}
