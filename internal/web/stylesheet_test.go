package web

import (
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/berceau/berceau/ui"
)

var (
	classAttrRe   = regexp.MustCompile(`\bclass="([^"]*)"`)
	cssCommentRe  = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssURLRe      = regexp.MustCompile(`url\([^)]*\)`)
	cssStringRe   = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	cssClassRe    = regexp.MustCompile(`\.(-?[A-Za-z_][\w-]*)`)
	attachedActRe = regexp.MustCompile(`[\w-](?s:{{-?\s*(.*?)}})`)
	controlWordRe = regexp.MustCompile(`^(if|else|end|with|range|block|template|define)\b`)
)

// templateClasses lists the classes a template's class="…" attributes name.
// A class built from a value (outcome-{{.Outcome}}) is returned as its
// prefix with a trailing "*"; conditional parts ({{if}}x{{end}}) count as
// plain classes.
func templateClasses(src string) []string {
	var classes []string
	for _, m := range classAttrRe.FindAllStringSubmatch(src, -1) {
		// A value printed right after a class's first letters makes a
		// prefix; a control action ({{end}}) only ends a word.
		value := attachedActRe.ReplaceAllStringFunc(m[1], func(a string) string {
			if controlWordRe.MatchString(attachedActRe.FindStringSubmatch(a)[1]) {
				return a[:1] + " "
			}
			return a[:1] + "* "
		})
		value = actionRe.ReplaceAllString(value, " ")
		for _, c := range strings.Fields(value) {
			if c != "*" {
				classes = append(classes, c)
			}
		}
	}
	return classes
}

// stylesheetClasses lists every class a stylesheet's selectors name.
func stylesheetClasses(css string) map[string]bool {
	css = cssCommentRe.ReplaceAllString(css, " ")
	css = cssURLRe.ReplaceAllString(css, " ")
	css = cssStringRe.ReplaceAllString(css, " ")
	found := map[string]bool{}
	for _, m := range cssClassRe.FindAllStringSubmatch(css, -1) {
		found[m[1]] = true
	}
	return found
}

// unstyledClasses returns the template classes no stylesheet rule names; a
// prefix ("outcome-*") needs at least one rule for a class that starts with it.
func unstyledClasses(classes []string, styled map[string]bool) []string {
	var missing []string
	for _, c := range classes {
		if prefix, ok := strings.CutSuffix(c, "*"); ok {
			hit := false
			for s := range styled {
				if strings.HasPrefix(s, prefix) && len(s) > len(prefix) {
					hit = true
					break
				}
			}
			if !hit {
				missing = append(missing, c)
			}
			continue
		}
		if !styled[c] {
			missing = append(missing, c)
		}
	}
	return missing
}

// ourStylesheets reads Berceau's own stylesheets (not the vendored ones).
func ourStylesheets(t *testing.T) map[string]bool {
	t.Helper()
	names, err := fs.Glob(ui.Static, "static/css/*.css")
	if err != nil || len(names) == 0 {
		t.Fatalf("no stylesheet found: %v", err)
	}
	styled := map[string]bool{}
	for _, name := range names {
		b, err := fs.ReadFile(ui.Static, name)
		if err != nil {
			t.Fatal(err)
		}
		for c := range stylesheetClasses(string(b)) {
			styled[c] = true
		}
	}
	return styled
}

// TestEveryTemplateClassHasARule fails on a class="…" in a template that no
// rule of our stylesheet names: such a class is a forgotten style (a
// decision's rationale losing its line breaks under "prewrap") or a typo.
func TestEveryTemplateClassHasARule(t *testing.T) {
	t.Parallel()
	styled := ourStylesheets(t)
	count := 0
	for file, src := range templateSources(t) {
		classes := templateClasses(src)
		count += len(classes)
		missing := unstyledClasses(classes, styled)
		sort.Strings(missing)
		for _, c := range missing {
			t.Errorf("%s: class %q has no rule in ui/static/css", path.Base(file), c)
		}
	}
	if count < 100 {
		t.Fatalf("found only %d class uses in the templates: the parser is broken", count)
	}
}

// TestClassCheckCatchesWhatItShould proves the check itself can fail: an
// unstyled class, an unstyled prefix, a class hidden in a condition, and a
// class that appears only inside a comment or a url() of the stylesheet.
func TestClassCheckCatchesWhatItShould(t *testing.T) {
	t.Parallel()
	css := `/* .ghost is only mentioned */ .card, main > .stack:hover { background: url(../img/dot.svg); }
		.outcome-eligible::before { content: ".quoted"; } @media (max-width: 40rem) { .narrow { width: 1.5rem; } }`
	styled := stylesheetClasses(css)
	for _, want := range []string{"card", "stack", "outcome-eligible", "narrow"} {
		if !styled[want] {
			t.Errorf("stylesheet class %q not found in %v", want, styled)
		}
	}
	for _, notWant := range []string{"ghost", "svg", "quoted", "5rem"} {
		if styled[notWant] {
			t.Errorf("%q is not a class of the stylesheet", notWant)
		}
	}
	src := `<p class="card {{if .X}}prewrap{{end}}">` + `<div class="outcome outcome-{{.Outcome}}">` + `<li class="criterion-{{.State}} stack">`
	got := unstyledClasses(templateClasses(src), styled)
	sort.Strings(got)
	want := []string{"criterion-*", "outcome", "prewrap"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("unstyled = %v, want %v", got, want)
	}
}

// TestEveryScrollingTableTakesTheKeyboard: a table that scrolls sideways in
// its box (.table-scroll, on a phone) must be reachable by the keyboard, or
// its hidden columns cannot be read without a mouse (axe's
// scrollable-region-focusable). The browser walk sees only the pages it
// visits; this reads every template.
func TestEveryScrollingTableTakesTheKeyboard(t *testing.T) {
	tag := regexp.MustCompile(`<[a-z]+[^>]*\bclass="[^"]*\btable-scroll\b[^"]*"[^>]*>`)
	err := fs.WalkDir(ui.Templates, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return err
		}
		src, err := fs.ReadFile(ui.Templates, p)
		if err != nil {
			return err
		}
		for _, m := range tag.FindAllString(string(src), -1) {
			if !strings.Contains(m, `tabindex="0"`) {
				t.Errorf("%s: %s has no tabindex=\"0\"", p, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
