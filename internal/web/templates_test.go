package web

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/ui"
)

var (
	actionRe      = regexp.MustCompile(`(?s){{.*?}}`)
	commentRe     = regexp.MustCompile(`(?s)<!--.*?-->`)
	tagRe         = regexp.MustCompile(`(?s)<[^>]*>`)
	entityRe      = regexp.MustCompile(`&[a-zA-Z]+;|&#[0-9]+;`)
	readableAttr  = regexp.MustCompile(`(?i)\b(alt|title|aria-label|placeholder|value|label|content)="([^"]*)"`)
	translationRe = regexp.MustCompile(`\.T "([^"]+)"`)
	// fieldCallRe is a call of the "field" function; fieldArgRe one of its
	// arguments (a string, a parenthesised pipeline, or a word).
	fieldCallRe = regexp.MustCompile(`\(field \$((?:[^()]|\([^()]*\))*)\)`)
	fieldArgRe  = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|\([^()]*\)|[^\s()"]+`)
)

// TestTemplatesShowNoLiteralText fails when a template holds words of its
// own: every string a person reads comes from the FR/EN catalogs.
func TestTemplatesShowNoLiteralText(t *testing.T) {
	t.Parallel()
	allowedAttrs := map[string]bool{"width=device-width, initial-scale=1": true}
	for path, src := range templateSources(t) {
		text := actionRe.ReplaceAllString(src, "§")
		text = commentRe.ReplaceAllString(text, "")
		for _, m := range readableAttr.FindAllStringSubmatch(text, -1) {
			if hasLetters(m[2]) && !allowedAttrs[m[2]] {
				t.Errorf("%s: attribute %s=%q is literal text", path, m[1], m[2])
			}
		}
		text = tagRe.ReplaceAllString(text, " ")
		text = entityRe.ReplaceAllString(text, " ")
		for _, line := range strings.Split(text, "\n") {
			if hasLetters(line) {
				t.Errorf("%s: literal text %q", path, strings.TrimSpace(line))
			}
		}
	}
}

// TestTemplatesUseOnlyKeysThatExist catches a typo in a translation key
// before a person sees the raw key.
func TestTemplatesUseOnlyKeysThatExist(t *testing.T) {
	t.Parallel()
	keys, err := i18n.Keys("fr")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, k := range keys {
		known[k] = true
	}
	used := 0
	for path, src := range templateSources(t) {
		for _, key := range templateKeys(src) {
			used++
			if !known[key] {
				t.Errorf("%s uses the unknown key %q", path, key)
			}
		}
	}
	if used < 10 {
		t.Fatalf("only %d translation calls found: the scan is broken", used)
	}
}

// templateKeys lists the keys a template translates: {{.T "key"}}, and the
// label and hint of a form field (partials/field.html).
func templateKeys(src string) []string {
	var keys []string
	for _, m := range translationRe.FindAllStringSubmatch(src, -1) {
		keys = append(keys, m[1])
	}
	for _, call := range fieldCallRe.FindAllStringSubmatch(src, -1) {
		args := fieldArgRe.FindAllString(call[1], -1)
		for i := 0; i+1 < len(args); i += 2 {
			if (args[i] == `"label"` || args[i] == `"hint"`) && strings.HasPrefix(args[i+1], `"`) {
				keys = append(keys, strings.Trim(args[i+1], `"`))
			}
		}
	}
	return keys
}

func TestTheKeyScanReadsFormFields(t *testing.T) {
	t.Parallel()
	src := `{{.T "a.title"}}{{template "field" (field $ "id" "label" "name" "hint" "label" "b.label" "value" (.Errors.Field "x") "hint" "b.hint")}}`
	got := strings.Join(templateKeys(src), " ")
	if got != "a.title b.label b.hint" {
		t.Fatalf("keys = %q", got)
	}
}

func TestTheLiteralTextCheckCatchesWords(t *testing.T) {
	t.Parallel()
	src := `<p>{{.T "x"}}</p><button title="Envoyer">Envoyer</button>`
	text := tagRe.ReplaceAllString(actionRe.ReplaceAllString(src, "§"), " ")
	if !hasLetters(text) {
		t.Fatal("a literal word went unnoticed")
	}
	if m := readableAttr.FindStringSubmatch(src); m == nil || !hasLetters(m[2]) {
		t.Fatal("a literal attribute went unnoticed")
	}
}

func templateSources(t *testing.T) map[string]string {
	t.Helper()
	sources := map[string]string{}
	err := fs.WalkDir(ui.Templates, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(ui.Templates, p)
		sources[p] = string(b)
		return err
	})
	if err != nil || len(sources) < 3 {
		t.Fatalf("templates: %d read, %v", len(sources), err)
	}
	return sources
}

func hasLetters(s string) bool {
	s = strings.ReplaceAll(s, "§", "")
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// TestEveryPageTemplateLivesInItsArea keeps the pages under
// ui/templates/pages/<area>/, one name per page across areas (handlers
// render a page by its file name).
func TestEveryPageTemplateLivesInItsArea(t *testing.T) {
	t.Parallel()
	loose, err := fs.Glob(ui.Templates, "templates/pages/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range loose {
		t.Errorf("%s: move it into its area, ui/templates/pages/<area>/", p)
	}
	pages, err := pageFiles()
	if err != nil || len(pages) < 30 {
		t.Fatalf("%d pages found (%v)", len(pages), err)
	}
	seen := map[string]string{}
	for _, p := range pages {
		name := path.Base(p)
		if other, twice := seen[name]; twice {
			t.Errorf("%s and %s share a name", p, other)
		}
		seen[name] = p
	}
}
