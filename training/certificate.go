package training

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// Certificate proves that a person completed a training or attended an
// event. What it states is copied when it is issued, so that a later change
// of the training or of the person's name does not change a certificate
// already handed to a professional order.
type Certificate struct {
	ID     int64
	Code   string // the verification code printed on it
	UserID int64
	// One of these is set: what the certificate is for.
	TrainingID int64
	EventID    int64
	Holder     string       // the person's name
	Title      berceau.Text // the training's or the event's
	On         time.Time    // the real completion date (civil day)
	Minutes    int
	Issuer     string // the organisation that gave the training, or the network
	Lang       string // the language it prints in: the person's
	IssuedAt   time.Time
	IssuedBy   int64
	RevokedAt  time.Time
	RevokedBy  int64
	Reason     string // why it was revoked
}

// Revoked reports whether the certificate was revoked.
func (c Certificate) Revoked() bool { return !c.RevokedAt.IsZero() }

// Hours is the certificate's minutes in hours.
func (c Certificate) Hours() float64 { return float64(c.Minutes) / 60 }

// codeBytes is the randomness of a verification code: 80 bits, sixteen
// base32 letters, far beyond guessing at any rate a server answers.
const codeBytes = 10

var codeEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewCode returns a fresh verification code: sixteen characters of base32
// (A–Z, 2–7) from crypto/rand, shown in groups of four.
func NewCode() string {
	var b [codeBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("training: no randomness: " + err.Error())
	}
	return codeEncoding.EncodeToString(b[:])
}

// NormalizeCode reads a code as a person may type it: any case, with
// spaces or dashes between the groups. ok is false when it cannot be one.
func NormalizeCode(s string) (code string, ok bool) {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
	if len(s) != codeEncoding.EncodedLen(codeBytes) {
		return "", false
	}
	if _, err := codeEncoding.DecodeString(s); err != nil {
		return "", false
	}
	return s, true
}

// GroupCode writes a code in groups of four for reading: ABCD-EFGH-…
func GroupCode(code string) string {
	var parts []string
	for len(code) > 4 {
		parts = append(parts, code[:4])
		code = code[4:]
	}
	return strings.Join(append(parts, code), "-")
}
