package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"unicode"
)

// recoveryAlphabet leaves out 0/O, 1/I/L: these codes are read off paper
// and typed by hand, often by someone tired.
const recoveryAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

const recoveryLen = 10

// NewRecoveryCodes returns n distinct single-use codes, formatted to be shown
// as XXXXX-XXXXX, and the hashes to store in their place.
//
// Each code has 10 characters from 31, about 50 bits of entropy: guessing
// one is out of reach even with the hash in hand, so a fast hash (SHA-256)
// is enough and argon2id would only cost sign-in time.
func NewRecoveryCodes(n int) (codes []string, hashes []string, err error) {
	if n < 1 {
		return nil, nil, errors.New("auth: need at least one recovery code")
	}
	seen := make(map[string]bool, n)
	for len(codes) < n {
		raw, err := randomRecoveryCode()
		if err != nil {
			return nil, nil, err
		}
		if seen[raw] {
			continue
		}
		seen[raw] = true
		codes = append(codes, raw[:recoveryLen/2]+"-"+raw[recoveryLen/2:])
		hashes = append(hashes, HashRecoveryCode(raw))
	}
	return codes, hashes, nil
}

// NormalizeRecoveryCode turns what a person typed into the code's canonical
// form: upper case, without the spaces and hyphens they may have added.
func NormalizeRecoveryCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// HashRecoveryCode returns the hex SHA-256 of the normalised code, to store
// and to look up.
func HashRecoveryCode(code string) string {
	sum := sha256.Sum256([]byte(NormalizeRecoveryCode(code)))
	return hex.EncodeToString(sum[:])
}

func randomRecoveryCode() (string, error) {
	// Rejection sampling: bytes at or above the largest multiple of the
	// alphabet's size would make the first characters likelier.
	const limit = 256 - 256%len(recoveryAlphabet)
	out := make([]byte, 0, recoveryLen)
	buf := make([]byte, 2*recoveryLen)
	for len(out) < recoveryLen {
		if _, err := rand.Read(buf); err != nil {
			return "", err
		}
		for _, b := range buf {
			if int(b) < limit && len(out) < recoveryLen {
				out = append(out, recoveryAlphabet[int(b)%len(recoveryAlphabet)])
			}
		}
	}
	return string(out), nil
}
