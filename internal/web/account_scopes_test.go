package web

import (
	"strings"
	"testing"
)

// TestTheAccountPageNamesTokenPermissionsWithoutTheirCodes: a permission is
// shown by its name in the page's language; its code (community.participate)
// reads like an untranslated key to the person.
func TestTheAccountPageNamesTokenPermissionsWithoutTheirCodes(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	_, body := nurse.get("/account")
	for _, code := range []string{">community.participate<", ">directory.suggest<", ">families.read<", "<code>community", "<code>families"} {
		if strings.Contains(body, code) {
			t.Errorf("the account page shows the permission code %q", code)
		}
	}
}
