package auth

import (
	"bytes"
	"encoding/base32"
	"errors"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// rfcSecret is RFC 6238's SHA-1 test key, "12345678901234567890", in base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

// midStep is in the middle of a 30-second step, so that ±29 s stays in it.
var midStep = time.Date(2026, time.March, 14, 9, 26, 45, 0, time.UTC)

func codeAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{
		Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestTOTPEnrollmentGivesAuthenticatorAppsWhatTheyExpect(t *testing.T) {
	e, err := NewTOTPEnrollment("Berceau", "sage-femme@example.org")
	if err != nil {
		t.Fatal(err)
	}
	key, err := otp.NewKeyFromURL(e.URL)
	if err != nil {
		t.Fatalf("URL %q: %v", e.URL, err)
	}
	if key.Type() != "totp" || key.Issuer() != "Berceau" || key.AccountName() != "sage-femme@example.org" {
		t.Errorf("URL %q: type %q issuer %q account %q", e.URL, key.Type(), key.Issuer(), key.AccountName())
	}
	if key.Algorithm() != otp.AlgorithmSHA1 || key.Digits() != otp.DigitsSix || key.Period() != 30 {
		t.Errorf("URL %q: algorithm %v, %v digits, period %d; want SHA1, 6, 30", e.URL, key.Algorithm(), key.Digits(), key.Period())
	}
	if key.Secret() != e.Secret {
		t.Errorf("URL secret %q, enrollment secret %q", key.Secret(), e.Secret)
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(e.Secret)
	if err != nil || len(raw) < 20 {
		t.Errorf("secret %q: %d bytes, err %v; want at least 160 bits of base32", e.Secret, len(raw), err)
	}
	img, err := png.Decode(bytes.NewReader(e.QRCodePNG))
	if err != nil {
		t.Fatalf("QR code is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 200 {
		t.Errorf("QR code is %dx%d, want 200x200", b.Dx(), b.Dy())
	}
	if _, err := VerifyTOTP(e.Secret, codeAt(t, e.Secret, midStep), midStep, 0); err != nil {
		t.Errorf("a code from the enrolled secret: %v", err)
	}
}

func TestTOTPEnrollmentSecretsAreRandom(t *testing.T) {
	a, err := NewTOTPEnrollment("Berceau", "a@example.org")
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewTOTPEnrollment("Berceau", "a@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if a.Secret == b.Secret {
		t.Fatalf("two enrollments share the secret %q", a.Secret)
	}
}

func TestTOTPEnrollmentNeedsIssuerAndAccount(t *testing.T) {
	for _, c := range [][2]string{{"", "a@example.org"}, {"Berceau", ""}} {
		if _, err := NewTOTPEnrollment(c[0], c[1]); err == nil {
			t.Errorf("NewTOTPEnrollment(%q, %q) succeeded", c[0], c[1])
		}
	}
}

// The six-digit codes are the last six digits of RFC 6238's SHA-1 vectors,
// so this holds whatever the otp library does.
func TestTOTPMatchesRFC6238TestVectors(t *testing.T) {
	for _, v := range []struct {
		unix int64
		code string
	}{
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
		{20000000000, "353130"},
	} {
		step, err := VerifyTOTP(rfcSecret, v.code, time.Unix(v.unix, 0), 0)
		if err != nil || step != v.unix/30 {
			t.Errorf("T=%d code %s: step %d, err %v; want step %d", v.unix, v.code, step, err, v.unix/30)
		}
	}
}

func TestTOTPAcceptsOneStepOfClockSkewButNotTwo(t *testing.T) {
	current := midStep.Unix() / 30
	for _, c := range []struct {
		steps int
		ok    bool
	}{{-2, false}, {-1, true}, {0, true}, {1, true}, {2, false}} {
		code := codeAt(t, rfcSecret, midStep.Add(time.Duration(c.steps)*30*time.Second))
		step, err := VerifyTOTP(rfcSecret, code, midStep, 0)
		switch {
		case c.ok && (err != nil || step != current+int64(c.steps)):
			t.Errorf("code from %+d steps: step %d, err %v; want step %d", c.steps, step, err, current+int64(c.steps))
		case !c.ok && !errors.Is(err, ErrTOTPInvalid):
			t.Errorf("code from %+d steps: step %d, err %v; want ErrTOTPInvalid", c.steps, step, err)
		}
	}
}

func TestTOTPCodeCannotBeReplayed(t *testing.T) {
	code := codeAt(t, rfcSecret, midStep)
	step, err := VerifyTOTP(rfcSecret, code, midStep, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyTOTP(rfcSecret, code, midStep, step); !errors.Is(err, ErrTOTPReplayed) {
		t.Errorf("same code again: err %v, want ErrTOTPReplayed", err)
	}
	if _, err := VerifyTOTP(rfcSecret, code, midStep.Add(40*time.Second), step); !errors.Is(err, ErrTOTPReplayed) {
		t.Errorf("same code in the next step: err %v, want ErrTOTPReplayed", err)
	}
	older := codeAt(t, rfcSecret, midStep.Add(-30*time.Second))
	if _, err := VerifyTOTP(rfcSecret, older, midStep, step); !errors.Is(err, ErrTOTPReplayed) {
		t.Errorf("the previous step's code after this one's: err %v, want ErrTOTPReplayed", err)
	}
	next := codeAt(t, rfcSecret, midStep.Add(30*time.Second))
	if got, err := VerifyTOTP(rfcSecret, next, midStep.Add(30*time.Second), step); err != nil || got != step+1 {
		t.Errorf("the next step's code: step %d, err %v; want %d", got, err, step+1)
	}
}

// With RFC 6238's key, steps 59061240 and 59061241 (2026-02-23 09:00:00
// and 09:00:30 UTC) both give 963181. Were the earlier step recorded, the
// same code would pass again as the later one.
func TestTOTPCodeMatchingTwoStepsCannotBeReplayedThroughTheLaterOne(t *testing.T) {
	now := time.Date(2026, time.February, 23, 9, 0, 15, 0, time.UTC)
	if codeAt(t, rfcSecret, now) != "963181" || codeAt(t, rfcSecret, now.Add(30*time.Second)) != "963181" {
		t.Fatal("the two steps no longer share a code: the fixture is wrong")
	}
	step, err := VerifyTOTP(rfcSecret, "963181", now, 0)
	if err != nil || step != 59061241 {
		t.Fatalf("step %d, err %v; want the later step 59061241", step, err)
	}
	if _, err := VerifyTOTP(rfcSecret, "963181", now, step); !errors.Is(err, ErrTOTPReplayed) {
		t.Errorf("same code again: err %v, want ErrTOTPReplayed", err)
	}
}

func TestTOTPRejectsAWrongCode(t *testing.T) {
	window := map[string]bool{}
	for s := -1; s <= 1; s++ {
		window[codeAt(t, rfcSecret, midStep.Add(time.Duration(s)*30*time.Second))] = true
	}
	wrong := "000000"
	for window[wrong] {
		wrong = strings.Repeat(string(wrong[0]+1), 6)
	}
	if _, err := VerifyTOTP(rfcSecret, wrong, midStep, 0); !errors.Is(err, ErrTOTPInvalid) {
		t.Errorf("code %s: err %v, want ErrTOTPInvalid", wrong, err)
	}
}

func TestTOTPIgnoresSpacesAroundAndInsideTheCode(t *testing.T) {
	for _, code := range []string{" 287082", "287082\n", "287 082", " 287 082 "} {
		if _, err := VerifyTOTP(rfcSecret, code, time.Unix(59, 0), 0); err != nil {
			t.Errorf("code %q: %v", code, err)
		}
	}
}

func TestTOTPRejectsMalformedCodes(t *testing.T) {
	for _, code := range []string{
		"", "28708", "2870820", "28708a", "+87082", "-87082", "28.082",
		"28708２", // a full-width digit
		"0287082",
	} {
		if _, err := VerifyTOTP(rfcSecret, code, time.Unix(59, 0), 0); !errors.Is(err, ErrTOTPInvalid) {
			t.Errorf("code %q: err %v, want ErrTOTPInvalid", code, err)
		}
	}
}

func TestTOTPReportsABrokenSecretAsSuch(t *testing.T) {
	_, err := VerifyTOTP("not base32!", "287082", time.Unix(59, 0), 0)
	if err == nil || errors.Is(err, ErrTOTPInvalid) || errors.Is(err, ErrTOTPReplayed) {
		t.Fatalf("err = %v, want an error about the secret", err)
	}
}
