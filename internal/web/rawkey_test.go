package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/i18n"
)

// demoRoles is one demo account per role (and per discipline where the
// pages differ), each signed in by the page walk.
var demoRoles = []string{
	"admin@berceau.example", "coordination@berceau.example", "infirmiere@berceau.example",
	"travail.social@berceau.example", "stagiaire@berceau.example", "contenu@berceau.example",
	"membre@berceau.example", "evaluation@berceau.example",
}

// walkStart are the pages every walk begins with; the walk then follows the
// links it finds on this site.
var walkStart = []string{
	"/", "/directory", "/directory?near=H2R&need=prenatal", "/my-day", "/families", "/coordination/caseloads",
	"/coordination/access", "/coordination/compartments", "/account", "/admin/users", "/admin/organisations",
	"/admin/thresholds", "/admin/settings", "/admin/outbox", "/admin/audit", "/directory/moderation",
	"/directory/organizations/map", "/signin", "/password/forgot", "/groups/new", "/families/new",
}

var (
	hrefRe   = regexp.MustCompile(`href="(/[^"#?]*)"`)
	digitsRe = regexp.MustCompile(`/[0-9]+`)
	// Elements whose content is not prose: code shows identifiers on
	// purpose (audit actions such as family.read), scripts and styles are
	// not read.
	unreadRe = regexp.MustCompile(`(?is)<(script|style|code)\b.*?</(script|style|code)>`)
	// readAttrRe are the attributes a person reads or hears.
	readAttrRe = regexp.MustCompile(`(?i)\b(?:title|aria-label|placeholder|alt)="([^"]*)"`)
	// rawKeyRe is a catalog-style key: words joined by dots, not inside an
	// address, a path or a host name.
	rawKeyRe = regexp.MustCompile(`(^|[^A-Za-z0-9_@/.\-])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)`)
)

// walkedPage is one page the walk fetched.
type walkedPage struct {
	path, body string
}

// walkPages sets the session's language with the header switch, and
// fetches the start pages and the pages they link to (at most
// two of each route shape, so the walk stays short), all with GET.
func walkPages(t *testing.T, b *browser, email, lang string) []walkedPage {
	t.Helper()
	if resp, _ := b.post("/language", url.Values{"lang": {lang}, "next": {"/"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%s: language switch: %d", email, resp.StatusCode)
	}
	queue := append([]string{}, walkStart...)
	seen := map[string]bool{}
	shapes := map[string]int{}
	var pages []walkedPage
	for len(queue) > 0 && len(pages) < 60 {
		path := queue[0]
		queue = queue[1:]
		shape := digitsRe.ReplaceAllString(path, "/{id}")
		if seen[path] || shapes[shape] >= 2 || strings.HasPrefix(path, "/static/") || strings.Contains(path, "/print") ||
			strings.HasSuffix(path, ".json") || strings.HasPrefix(path, "/api/") {
			continue
		}
		if other, ok := languageOf(path); ok && other != lang {
			continue // another language's address (hreflang): in that language on purpose
		}
		seen[path] = true
		resp, body := b.get(path)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		shapes[shape]++
		if !strings.Contains(body, `<html lang="`+lang+`">`) {
			t.Errorf("%s %s: %s is not in %s", email, lang, path, lang)
		}
		pages = append(pages, walkedPage{path, body})
		for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
			queue = append(queue, html.UnescapeString(m[1]))
		}
	}
	if len(pages) < 3 {
		t.Fatalf("%s %s: the walk fetched only %d pages", email, lang, len(pages))
	}
	return pages
}

// readableText is what a person reads or hears on a page: its prose and
// its readable attributes, without markup.
func readableText(body string) string {
	body = unreadRe.ReplaceAllString(body, " ")
	var b strings.Builder
	for _, m := range readAttrRe.FindAllStringSubmatch(body, -1) {
		b.WriteString(html.UnescapeString(m[1]))
		b.WriteString("\n")
	}
	b.WriteString(html.UnescapeString(tagRe.ReplaceAllString(body, " ")))
	return b.String()
}

// rawKeys lists the catalog-style keys found in a page's readable text:
// dotted words whose first word is a catalog section. A code quoted on
// purpose (the audit filter's hint: « admin.user ») is not a raw key.
func rawKeys(text string, sections map[string]bool) []string {
	var found []string
	for _, m := range rawKeyRe.FindAllStringSubmatchIndex(text, -1) {
		before := strings.TrimRight(text[:m[4]], " \u00a0\u202f")
		if strings.HasSuffix(before, "«") || strings.HasSuffix(before, "“") {
			continue
		}
		key := strings.TrimRight(text[m[4]:m[5]], ".")
		section, _, _ := strings.Cut(key, ".")
		if sections[section] && strings.Contains(key, ".") {
			found = append(found, key)
		}
	}
	return found
}

func catalogSections(t *testing.T) map[string]bool {
	t.Helper()
	keys, err := i18n.Keys("fr")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]bool{}
	for _, k := range keys {
		section, _, _ := strings.Cut(k, ".")
		sections[section] = true
	}
	return sections
}

// TestNoPageShowsARawTranslationKey walks the main pages as every demo role
// in French and in English and fails on any raw translation key
// (care.my_day_intro showed on a French "my day" with no family).
func TestNoPageShowsARawTranslationKey(t *testing.T) {
	t.Parallel()
	if underRace {
		t.Skip("a page walk: the plain pass runs it; the race pass checks concurrency")
	}
	ts := newSQLiteServer(t, Options{})
	sections := catalogSections(t)
	total := 0
	for _, email := range append([]string{""}, demoRoles...) {
		b := ts.newBrowser(t)
		if email != "" { // "" walks the public pages, signed out
			b.signIn(email)
		}
		for _, lang := range i18n.Languages {
			pages := walkPages(t, b, email, lang)
			total += len(pages)
			for _, p := range pages {
				if keys := rawKeys(readableText(p.body), sections); len(keys) > 0 {
					sort.Strings(keys)
					t.Errorf("%s, %s, %s shows raw keys: %v", email, lang, p.path, keys)
				}
			}
		}
	}
	t.Logf("%d pages walked", total)
}

func TestTheRawKeyCheckFindsKeys(t *testing.T) {
	t.Parallel()
	sections := map[string]bool{"care": true, "directory": true}
	text := readableText(`<p title="directory.nav">care.my_day_intro</p><p>admin@care.example, /care.x, <code>care.kind</code> 0,2 km. Care. « care.quoted » “care.quoted”</p>`)
	got := rawKeys(text, sections)
	if len(got) != 2 || got[0] != "directory.nav" || got[1] != "care.my_day_intro" {
		t.Fatalf("found %v", got)
	}
}
