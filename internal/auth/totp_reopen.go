package auth

import (
	"fmt"
	"net/url"

	"github.com/pquerna/otp"
)

// ReopenTOTPEnrollment rebuilds what NewTOTPEnrollment showed for an
// existing secret: when a person mistypes the confirmation code, the page
// shows the same secret again rather than one their app does not know.
func ReopenTOTPEnrollment(issuer, account, secret string) (TOTPEnrollment, error) {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", issuer)
	v.Set("algorithm", "SHA1")
	v.Set("digits", "6")
	v.Set("period", "30")
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + issuer + ":" + account, RawQuery: v.Encode()}
	key, err := otp.NewKeyFromURL(u.String())
	if err != nil {
		return TOTPEnrollment{}, fmt.Errorf("auth: totp key: %w", err)
	}
	return enrollmentOf(key)
}
