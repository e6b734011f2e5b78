package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRenameTouchesOnlyTheRenamedSections(t *testing.T) {
	for key, want := range map[string]string{
		"followup.decision.title":     "admission.decision.title",
		"followup.enrollment.status":  "enrollment.file_status",
		"followup.enrollment.status_": "enrollment.status_",
		"followup.enrollment.done_":   "enrollment.done_",
		"followup.outcome_help.%s":    "screening.outcome_help.%s",
		"followup.back_to_file":       "admission.back_to_file",
		"glass_page.title":            "access_grant.title",
		"consent_page.":               "consent.",
		// Not keys of a renamed section.
		"followup_api.invalid": "followup_api.invalid",
		"reassess":             "reassess",
		"followup":             "followup",
		"family.break_glass":   "family.break_glass",
		"reassessment.x":       "reassessment.x",
	} {
		if got, _ := rename(key, false); got != want {
			t.Errorf("rename(%q) = %q, want %q", key, got, want)
		}
	}
}

// writeCatalogs lays out a tiny repository: a catalog in two languages'
// files and a template using its keys.
func writeCatalogs(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestSectionsMergeIntoTheirNounAndASecondRunChangesNothing(t *testing.T) {
	root := writeCatalogs(t, map[string]string{
		"internal/i18n/locales/fr.toml": `# Les portes.
[enrollment]
programme = "Programme"

[enrollment.status]
active = "Actif"

# Suivi.
[followup.enrollment]
title = "Suivi"
status = "Statut du dossier"

[followup_api]
invalid = "x"
`,
		"ui/templates/pages/enrollment.html": `<h1>{{.T "followup.enrollment.title"}}</h1><p>{{.T "followup.enrollment.status"}} {{.T "followup_api.invalid"}}</p>`,
	})
	changed, err := run(root, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) != 2 {
		t.Fatalf("changed %v, want the catalog and the template", changed)
	}
	cat, _ := os.ReadFile(filepath.Join(root, "internal/i18n/locales/fr.toml"))
	want := `# Les portes.
[enrollment]
programme = "Programme"
title = "Suivi"
file_status = "Statut du dossier"

[enrollment.status]
active = "Actif"

[followup_api]
invalid = "x"
`
	if string(cat) != want {
		t.Fatalf("catalog:\n%s\nwant:\n%s", cat, want)
	}
	page, _ := os.ReadFile(filepath.Join(root, "ui/templates/pages/enrollment.html"))
	if !strings.Contains(string(page), `"enrollment.title"`) || !strings.Contains(string(page), `"enrollment.file_status"`) || !strings.Contains(string(page), `"followup_api.invalid"`) {
		t.Fatalf("template: %s", page)
	}
	again, err := run(root, true)
	if err != nil || len(again) != 0 {
		t.Fatalf("second run changed %v (%v)", again, err)
	}
}

func TestACollisionStopsTheRenameBeforeAnythingIsWritten(t *testing.T) {
	original := "[glass]\nreason = \"A\"\n\n[glass_page]\nreason = \"B\"\n"
	root := writeCatalogs(t, map[string]string{"internal/i18n/locales/en.toml": original})
	if _, err := run(root, true); err == nil || !strings.Contains(err.Error(), "another value") {
		t.Fatalf("err = %v, want a collision", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "internal/i18n/locales/en.toml")); string(b) != original {
		t.Fatalf("the catalog was written: %s", b)
	}
}

// TestTheRepositoryUsesTheNewSectionNames fails when code merged from a
// branch still writes an old key: run scripts/rename-catalog-sections.sh.
func TestTheRepositoryUsesTheNewSectionNames(t *testing.T) {
	changed, err := run("../..", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range changed {
		t.Errorf("%s still uses an old catalog section: run scripts/rename-catalog-sections.sh", f)
	}
}
