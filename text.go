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

// TextOf builds a text from language/value pairs: TextOf("fr", "Bonjour",
// "en", "Hello"). New code builds and reads texts through TextOf, Get, Set and
// In only, never the fields, so the languages a text holds can grow beyond
// French and English without touching it.
func TextOf(pairs ...string) Text {
	var t Text
	for i := 0; i+1 < len(pairs); i += 2 {
		t.Set(pairs[i], pairs[i+1])
	}
	return t
}

// Get returns the text in exactly lang, empty when it has none (no fallback:
// see In for what a reader sees).
func (t Text) Get(lang string) string {
	switch lang {
	case "fr":
		return t.FR
	case "en":
		return t.EN
	}
	return ""
}

// Set stores the text in lang; a language the network does not hold is
// ignored.
func (t *Text) Set(lang, value string) {
	switch lang {
	case "fr":
		t.FR = value
	case "en":
		t.EN = value
	}
}

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
