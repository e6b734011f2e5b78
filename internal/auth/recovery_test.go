package auth

import (
	"regexp"
	"strings"
	"testing"
)

var recoveryShape = regexp.MustCompile(`^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$`)

func TestRecoveryCodesAreUniqueAndMatchTheirHashes(t *testing.T) {
	codes, hashes, err := NewRecoveryCodes(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 10 || len(hashes) != 10 {
		t.Fatalf("got %d codes and %d hashes, want 10 of each", len(codes), len(hashes))
	}
	seenCodes, seenHashes := map[string]bool{}, map[string]bool{}
	for i, code := range codes {
		if !recoveryShape.MatchString(code) {
			t.Errorf("code %q is not XXXXX-XXXXX from the unambiguous alphabet", code)
		}
		if hashes[i] != HashRecoveryCode(code) {
			t.Errorf("hash %d = %s, want HashRecoveryCode(%q) = %s", i, hashes[i], code, HashRecoveryCode(code))
		}
		if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(hashes[i]) {
			t.Errorf("hash %q is not hex SHA-256", hashes[i])
		}
		if seenCodes[code] || seenHashes[hashes[i]] {
			t.Errorf("code %q or its hash appears twice", code)
		}
		seenCodes[code], seenHashes[hashes[i]] = true, true
	}
}

func TestRecoveryCodesUseTheWholeUnambiguousAlphabetAndNothingElse(t *testing.T) {
	codes, _, err := NewRecoveryCodes(300)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[rune]int{}
	for _, code := range codes {
		for _, r := range strings.ReplaceAll(code, "-", "") {
			counts[r]++
		}
	}
	for _, r := range "0O1IL" {
		if counts[r] > 0 {
			t.Errorf("ambiguous %q appears %d times", r, counts[r])
		}
	}
	// 3000 characters from 31: each is expected about 97 times, and
	// missing one by chance is below 1e-40.
	for _, r := range "23456789ABCDEFGHJKMNPQRSTUVWXYZ" {
		if counts[r] == 0 {
			t.Errorf("%q never appears: the codes have less entropy than claimed", r)
		}
	}
	if len(counts) != 31 {
		t.Errorf("codes use %d distinct characters, want 31", len(counts))
	}
}

func TestRecoveryCodeMatchesHoweverItIsTyped(t *testing.T) {
	want := HashRecoveryCode("ABCDE-FGHJK")
	for _, typed := range []string{"ABCDE-FGHJK", "abcde-fghjk", "ABCDEFGHJK", " abcde fghjk ", "Ab-Cd-Ef-Gh-Jk", "ABCDE\tFGHJK"} {
		if got := HashRecoveryCode(typed); got != want {
			t.Errorf("HashRecoveryCode(%q) = %s, want %s", typed, got, want)
		}
	}
	if HashRecoveryCode("ABCDE-FGHJM") == want {
		t.Error("a different code has the same hash")
	}
}

func TestRecoveryHashIsHexSHA256OfTheNormalisedCode(t *testing.T) {
	if got := NormalizeRecoveryCode(" abcde-fghjk "); got != "ABCDEFGHJK" {
		t.Errorf("NormalizeRecoveryCode = %q, want ABCDEFGHJK", got)
	}
	// printf ABCDEFGHJK | sha256sum
	const want = "f57cbf1e3e471b25db4b8ad0844df41b2dae9c7d1944944d128e49294d412f66"
	if got := HashRecoveryCode("abcde-fghjk"); got != want {
		t.Errorf("HashRecoveryCode = %s, want %s", got, want)
	}
}

func TestNewRecoveryCodesRefusesANonPositiveCount(t *testing.T) {
	for _, n := range []int{0, -1} {
		if codes, hashes, err := NewRecoveryCodes(n); err == nil {
			t.Errorf("NewRecoveryCodes(%d) = %d codes, %d hashes, no error", n, len(codes), len(hashes))
		}
	}
}
