package web

import (
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/i18n"
)

func testLayouts(t *testing.T) map[string]*Layout {
	t.Helper()
	bundle, err := i18n.Load(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	layouts := map[string]*Layout{}
	for _, lang := range i18n.Languages {
		layouts[lang] = &Layout{Lang: lang, loc: bundle.Localizer(lang)}
	}
	return layouts
}

// TestNumbersFollowThePageLanguage: decimal mark and thousands separator
// of each language, through the one formatting helper.
func TestNumbersFollowThePageLanguage(t *testing.T) {
	t.Parallel()
	l := testLayouts(t)
	cases := []struct {
		lang, got, want string
	}{
		{"fr", l["fr"].Decimal(0.2), "0,2"},
		{"en", l["en"].Decimal(0.2), "0.2"},
		{"fr", l["fr"].Decimal(1234.56), "1\u00a0234,6"},
		{"en", l["en"].Decimal(1234.56), "1,234.6"},
		{"fr", l["fr"].Decimal(3), "3,0"},
		{"nl", l["nl"].Decimal(0.2), "0,2"},
		{"nl", l["nl"].Decimal(1234.56), "1.234,6"},
		{"fr", l["fr"].Number(25000), "25\u00a0000"},
		{"en", l["en"].Number(25000), "25,000"},
		{"fr", l["fr"].Number(7), "7"},
		{"fr", l["fr"].T("directory.distance", "Km", l["fr"].Decimal(0.24)), "à 0,2 km"},
		{"en", l["en"].T("directory.distance", "Km", l["en"].Decimal(0.24)), "0.2 km"},
		{"fr", l["fr"].Day(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)), "05/12/2026"},
		{"en", l["en"].Day(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)), "2026-12-05"},
	}
	for _, c := range cases {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%s: %q, want %q", c.lang, c.got, c.want)
		}
	}
}

// TestDirectoryDistancesFollowThePageLanguage: "à 0,2 km" on the French
// results page (it read "0.2 km" inside French text), "0.2 km" in English.
func TestDirectoryDistancesFollowThePageLanguage(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	want := map[string]*regexp.Regexp{
		"fr": regexp.MustCompile(`à \d+,\d\s?km`),
		"en": regexp.MustCompile(`\b\d+\.\d km`),
		"nl": regexp.MustCompile(`\b\d+,\d\s?km`),
	}
	wrong := map[string]*regexp.Regexp{
		"fr": regexp.MustCompile(`\b\d+\.\d\s?km`),
		"en": regexp.MustCompile(`\b\d+,\d\s?km`),
		"nl": regexp.MustCompile(`\b\d+\.\d\s?km`),
	}
	for _, lang := range i18n.Languages {
		b := ts.newBrowser(t)
		b.post("/language", url.Values{"lang": {lang}, "next": {"/"}})
		_, body := b.get("/directory?need=food&near=H1G")
		if !want[lang].MatchString(body) {
			t.Errorf("%s: no distance written the %s way on the results", lang, lang)
		}
		if m := wrong[lang].FindString(body); m != "" {
			t.Errorf("%s: a distance is written %q", lang, m)
		}
	}
}

// TestAuditDetailsReadInThePageLanguage: what Berceau writes in the audit
// trail in English ("whole file", "3 file(s)") reads in French on French
// pages; codes become names; what a person typed stays as typed.
func TestAuditDetailsReadInThePageLanguage(t *testing.T) {
	t.Parallel()
	fr, en := testLayouts(t)["fr"], testLayouts(t)["en"]
	cases := []struct {
		action, detail, fr, en string
	}{
		{"family.read", "whole file", "dossier complet", "whole file"},
		{"family.list", "0 file(s)", "0 dossier", "0 files"},
		{"family.list", "12 file(s)", "12 dossiers", "12 files"},
		{"family.screening.list", "1 screening(s)", "1 évaluation", "1 screening"},
		{"family.read", "outside scope or absent", "hors de sa portée ou inexistant", "outside scope or absent"},
		{"family.break_glass", "break the glass: 60 min grant, to be reviewed", "bris de glace : accès de 60 min, à examiner", "break the glass: 60 min grant"},
		{"family.status", "active → closed, moved", "Suivi actif → Dossier fermé", "→"},
		{"family.contact", "home_visit", "Visite à domicile", "Home visit"},
		{"family.enroll", "programme sippe", "programme SIPPE", "programme SIPPE"},
		{"family.decision.propose", "admit, decision 4", "décision 4", "decision 4"},
		{"admin.organisation.create", "premiers-pas", "premiers-pas", "premiers-pas"},
		{"auth.signin", "wrong password", "mot de passe erroné", "wrong password"},
	}
	for _, c := range cases {
		if got := fr.AuditDetail(c.action, c.detail); !strings.Contains(got, c.fr) {
			t.Errorf("fr %s %q: %q, want %q", c.action, c.detail, got, c.fr)
		}
		if got := en.AuditDetail(c.action, c.detail); !strings.Contains(got, c.en) {
			t.Errorf("en %s %q: %q, want %q", c.action, c.detail, got, c.en)
		}
	}
	if got := fr.AuditObject("family"); got != "dossier" {
		t.Errorf("fr object family: %q", got)
	}
	if got := fr.AuditObject("something_new"); got != "something_new" {
		t.Errorf("an unknown object kind: %q", got)
	}
	// Every phrase and pattern the pages translate has its message in
	// both languages.
	keys := []string{}
	for _, k := range auditPhrases {
		keys = append(keys, k)
	}
	for _, p := range auditPatterns {
		keys = append(keys, p.key)
	}
	for _, l := range []*Layout{fr, en} {
		for _, k := range keys {
			if _, ok := l.loc.Lookup("daily_language.audit."+k, "Count", 2); !ok {
				t.Errorf("%s: daily_language.audit.%s is missing", l.Lang, k)
			}
		}
		for _, p := range berceau.AllPermissions {
			if name := l.PermissionName(p); strings.Contains(name, "daily_language") {
				t.Errorf("%s: permission %s has no name", l.Lang, p)
			}
		}
	}
}

// englishFragments are texts that leaked into French pages: audit details,
// the example thresholds' warning, a token's permissions as bare codes.
var englishFragments = []string{
	"whole file", "file(s)", "team(s)", "screening(s)", "EXAMPLE table", "NOT official", "outside scope",
	"wrong password", "unknown account", "quorum reached", "break the glass", "named user", "replaced by user",
}

// isoDate is a date written 2026-12-05, the English pages' way.
var isoDate = regexp.MustCompile(`\b20\d\d-[01]\d-[0-3]\d\b`)

// TestFrenchPagesHoldNoEnglish walks the pages of the coordinator and the
// administrator in French, after the coordinator opened files (so the
// audit trail and the file's access log have entries), and fails on any
// known English fragment; the account page names each token permission.
func TestFrenchPagesHoldNoEnglish(t *testing.T) {
	t.Parallel()
	if underRace {
		t.Skip("a page walk: the plain pass runs it; the race pass checks concurrency")
	}
	ts := newSQLiteServer(t, Options{})
	checked := 0
	for _, email := range []string{"coordination@berceau.example", "admin@berceau.example", "infirmiere@berceau.example"} {
		b := ts.newBrowser(t)
		b.signIn(email)
		for _, p := range walkPages(t, b, email, "fr") {
			checked++
			text := readableText(p.body)
			for _, f := range englishFragments {
				if strings.Contains(text, f) {
					t.Errorf("%s, %s shows English: %q", email, p.path, f)
				}
			}
			if d := isoDate.FindString(text); d != "" {
				t.Errorf("%s, %s shows a date the English way: %q", email, p.path, d)
			}
		}
		_, account := b.get("/account")
		if !strings.Contains(account, "Lire les dossiers des familles de sa portée") && !strings.Contains(account, "Gérer les comptes") {
			t.Errorf("%s: the account page does not name the token permissions in French", email)
		}
	}
	b := ts.newBrowser(t)
	b.signIn("admin@berceau.example")
	b.post("/language", url.Values{"lang": {"fr"}, "next": {"/"}})
	_, audit := b.get("/admin/audit")
	if !strings.Contains(audit, "dossier complet") {
		t.Error("the audit trail does not show the coordinator's file reads in French")
	}
	_, thresholds := b.get("/admin/thresholds")
	if !strings.Contains(thresholds, "PAS des chiffres officiels : remplacez-le") || !strings.Contains(thresholds, "25\u00a0000") {
		t.Error("the thresholds page does not warn in French or does not write its amounts the French way")
	}
	if checked < 20 {
		t.Fatalf("only %d French pages checked", checked)
	}
}

// TestScreeningResultShowsDatesThePageLanguagesWay: the dates the
// screening was evaluated with read 05/12/2026 on the French result (they
// read 2026-12-05, the form's way), and stay 2026-12-05 in English.
func TestScreeningResultShowsDatesThePageLanguagesWay(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	kaur := demoFamilyIDs(t, ts.store)["Kaur"]
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	path := screen(t, b, kaur, screeningValues(100, 3, 20000, "no", "unknown", "unknown"))
	due := time.Now().AddDate(0, 0, 100)
	_, body := b.get(path)
	text := readableText(body)
	if d := isoDate.FindString(text); d != "" {
		t.Errorf("the French result shows %q", d)
	}
	mustContain(t, "the French result", text, due.Format("02/01/2006"), time.Now().Format("02/01/2006"), "20\u00a0000")
	b.post("/language", url.Values{"lang": {"en"}, "next": {"/"}})
	_, body = b.get(path)
	mustContain(t, "the English result", readableText(body), due.Format("2006-01-02"))
}
