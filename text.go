package berceau

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// Text is something a person reads, in French and in English. A missing
// translation falls back on the other language and says so.
type Text struct {
	FR string `json:"fr,omitempty"`
	EN string `json:"en,omitempty"`
}

// In returns the text in lang, or in the other language with missing set
// when lang has none.
func (t Text) In(lang string) (value string, missing bool) {
	first, second := t.FR, t.EN
	if lang == "en" {
		first, second = t.EN, t.FR
	}
	if strings.TrimSpace(first) != "" {
		return first, false
	}
	return second, strings.TrimSpace(second) != ""
}

// String is the text in French, else English: the language of exchanges.
func (t Text) String() string { v, _ := t.In("fr"); return v }

// Empty reports whether the text has neither language.
func (t Text) Empty() bool { return strings.TrimSpace(t.FR) == "" && strings.TrimSpace(t.EN) == "" }

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ValidUUID reports whether s is a UUID in its canonical textual form.
func ValidUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
