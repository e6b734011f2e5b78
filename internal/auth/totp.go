package auth

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// What authenticator apps expect: several of them ignore the algorithm,
// digits and period in the otpauth URL and assume these.
const (
	totpPeriod    = 30
	totpDigits    = otp.DigitsSix
	totpAlgorithm = otp.AlgorithmSHA1
	totpQRSize    = 200
)

var (
	// ErrTOTPInvalid is returned when a code is malformed or matches none of
	// the steps around now.
	ErrTOTPInvalid = errors.New("auth: invalid one-time code")
	// ErrTOTPReplayed is returned when a code is right but its step was
	// already used: someone may have seen it over the person's shoulder.
	ErrTOTPReplayed = errors.New("auth: one-time code already used")
)

// TOTPEnrollment is what a person needs to add an account to an
// authenticator app: the base32 secret to type in, or the otpauth URL as a
// QR code to scan.
type TOTPEnrollment struct {
	Secret    string
	URL       string
	QRCodePNG []byte
}

// NewTOTPEnrollment makes a new random secret for account at issuer. The
// secret is shown once and must be stored sealed (see SecretBox).
func NewTOTPEnrollment(issuer, account string) (TOTPEnrollment, error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      issuer,
		AccountName: account,
		Period:      totpPeriod,
		Digits:      totpDigits,
		Algorithm:   totpAlgorithm,
	})
	if err != nil {
		return TOTPEnrollment{}, fmt.Errorf("auth: totp secret: %w", err)
	}
	return enrollmentOf(key)
}

// enrollmentOf renders what a person sees for key: its secret, URL and QR code.
func enrollmentOf(key *otp.Key) (TOTPEnrollment, error) {
	img, err := key.Image(totpQRSize, totpQRSize)
	if err != nil {
		return TOTPEnrollment{}, fmt.Errorf("auth: totp qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return TOTPEnrollment{}, fmt.Errorf("auth: totp qr code: %w", err)
	}
	return TOTPEnrollment{Secret: key.Secret(), URL: key.URL(), QRCodePNG: buf.Bytes()}, nil
}

// VerifyTOTP checks code against secret at now, allowing one step of clock
// skew either way, and returns the step it matched. A code whose step is at
// or before lastStep is refused with ErrTOTPReplayed: the caller stores the
// returned step and passes it back next time (0 when none was used yet).
func VerifyTOTP(secret, code string, now time.Time, lastStep int64) (step int64, err error) {
	// Apps show codes as "123 456"; people paste them with spaces around.
	code = strings.Join(strings.Fields(code), "")
	if len(code) != totpDigits.Length() || strings.Trim(code, "0123456789") != "" {
		return 0, ErrTOTPInvalid
	}
	current := floorDiv(now.Unix(), totpPeriod)
	matched, replayed := int64(-1), false
	// Every candidate is computed and compared, so the time taken does not
	// tell which step matched.
	for s := current - 1; s <= current+1; s++ {
		if s < 0 {
			continue
		}
		// TOTP is HOTP with the step as counter; computing per step is how
		// we learn which one matched, which totp.Validate does not say.
		want, err := hotp.GenerateCodeCustom(secret, uint64(s), hotp.ValidateOpts{
			Digits:    totpDigits,
			Algorithm: totpAlgorithm,
		})
		if err != nil {
			return 0, fmt.Errorf("auth: totp secret: %w", err)
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) != 1 {
			continue
		}
		// Keep the latest fresh step, so that a (rare) collision between
		// adjacent steps burns as much as possible.
		if s > lastStep {
			matched = s
		} else {
			replayed = true
		}
	}
	switch {
	case matched >= 0:
		return matched, nil
	case replayed:
		return 0, ErrTOTPReplayed
	default:
		return 0, ErrTOTPInvalid
	}
}

// floorDiv rounds towards minus infinity, as RFC 6238's T = floor(t / X).
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
