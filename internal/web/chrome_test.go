package web

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/ui"
)

// The chrome is kept by its key (chrome.go): every permission its templates
// ask about must be one of the key's, or two people with different rights
// could be shown the same navigation.
func TestTheChromeAsksOnlyForThePermissionsOfItsKey(t *testing.T) {
	t.Parallel()
	files := []string{"templates/chrome/chrome.html", "templates/partials/family_search.html", "templates/partials/news_feed_links.html"}
	can := regexp.MustCompile(`\.Can "([^"]+)"`)
	asked := 0
	for _, f := range files {
		src, err := fs.ReadFile(ui.Templates, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range can.FindAllStringSubmatch(string(src), -1) {
			asked++
			if !slices.Contains(chromePermissions, berceau.Permission(m[1])) {
				t.Errorf("%s asks for %q, which is not in chromePermissions", f, m[1])
			}
		}
		for _, field := range []string{".Actor", ".Path", ".PageTitle", ".Lang", ".Public", ".FamilyHeader"} {
			if regexp.MustCompile(regexp.QuoteMeta(field) + `\b`).MatchString(string(src)) {
				t.Errorf("%s reads %s, which the chrome's key does not hold", f, field)
			}
		}
	}
	if asked == 0 {
		t.Fatal("no permission asked: the pattern no longer matches the templates")
	}
	v := &chromeView{}
	if _, err := v.Can("no.such.permission"); err == nil {
		t.Error("the chrome answered for a permission outside its key")
	}
}
