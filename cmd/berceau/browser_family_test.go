package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
)

// browserSession drives one person's Chromium against the running program.
type browserSession struct {
	t   *testing.T
	ctx context.Context
	url string
}

func (b browserSession) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

func (b browserSession) eval(step, js string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
	return v
}

// signIn goes through the password and the demo second factor; codeStep
// picks the 30-second step so that two sign-ins never reuse a code.
func (b browserSession) signIn(email string, codeStep int) {
	b.t.Helper()
	b.do("sign-in of "+email,
		chromedp.Navigate(b.url+"signin"),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), demo.Password),
		chromedp.Click(chromedp.CSS("form[action='/signin'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#code")),
	)
	code, _ := totp.GenerateCode(demo.TOTPSecret, time.Now().Add(time.Duration(codeStep)*30*time.Second))
	b.do("code of "+email,
		chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.Click(chromedp.CSS("form[action='/signin/code'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".account .who")),
	)
}

// submit fills a form by script (values keyed by field name; radios and
// checkboxes by value) and submits it, then waits for sel on the next page.
func (b browserSession) submit(step, form string, values map[string]string, checks []string, sel string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const f = document.querySelector(%q); const v = %s; const c = %s;
		for (const [k, val] of Object.entries(v)) { const el = f.elements[k]; if (el instanceof RadioNodeList) { for (const r of el) r.checked = r.value === val } else { el.value = val } }
		for (const sel of c) { f.querySelector(sel).checked = true }
		document.body.dataset.before = location.href; f.requestSubmit(); return true })()`, form, jsonObject(values), jsonArray(checks))
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js)); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
	b.do(step, chromedp.WaitVisible(chromedp.CSS(sel)))
}

func jsonObject(m map[string]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%q: %q", k, v))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func jsonArray(s []string) string {
	var parts []string
	for _, v := range s {
		parts = append(parts, fmt.Sprintf("%q", v))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// TestBrowserIntakeScreeningTeamDecisionEnrollment follows a family from
// intake to enrollment in Chromium, once in French and once in English: a
// nurse opens the file, the screening leaves the decision to the team
// (income unknown), the nurse and a social worker both confirm the team's
// admission, and the family is enrolled in SIPPE.
func TestBrowserIntakeScreeningTeamDecisionEnrollment(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	nurse := browserSession{t: t, ctx: testutil.NewBrowser(t, "fr-CA,fr"), url: p.URL}
	social := browserSession{t: t, ctx: testutil.NewBrowser(t, "fr-CA,fr"), url: p.URL}
	nurse.signIn("infirmiere@berceau.example", 0)
	social.signIn("travail.social@berceau.example", 0)

	for _, c := range []struct {
		lang, given, surname string
		admitted, enrolled   string
	}{
		{"fr", "Nadia", "Benali", "Admission", "sippe"},
		{"en", "Rosa", "Quispe", "Admission", "sippe"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			nurse.t, social.t = t, t
			if c.lang == "en" {
				for _, b := range []browserSession{nurse, social} {
					b.do("account page", chromedp.Navigate(p.URL+"account"), chromedp.WaitVisible(chromedp.CSS("#locale")))
					b.submit("English", "form[action='/account/locale']", map[string]string{"locale": "en"}, nil, `html[lang=en] .notice`)
				}
			}
			due := time.Now().AddDate(0, 0, 150).Format("2006-01-02")
			nurse.do("intake form", chromedp.Navigate(p.URL+"families/new"), chromedp.WaitVisible(chromedp.CSS("#place")))
			nurse.eval("first place", `(() => { const s = document.querySelector('#place'); s.value = s.options[s.options.length > 1 ? 1 : 0].value; return s.value })()`)
			nurse.submit("intake", "form[action='/families']", map[string]string{
				"pregnant_given_name": c.given, "pregnant_surname": c.surname, "pregnant_birth_date": "1995-06-14",
				"due_date": due, "languages": "espagnol", "phone": "514 555-0100",
			}, []string{"#processing-consent"}, "nav.actions") // the consent asked at intake, needed before screening
			file := nurse.eval("file url", `location.pathname`)
			if !strings.HasPrefix(file, "/families/") {
				t.Fatalf("after intake the browser is at %s", file)
			}
			if body := nurse.eval("file page", `document.querySelector('main').innerText`); !strings.Contains(body, c.given) {
				t.Fatalf("the file does not show %s:\n%s", c.given, body)
			}

			nurse.do("screening form", chromedp.Navigate(p.URL+strings.TrimPrefix(file, "/")+"/screenings/new"), chromedp.WaitVisible(chromedp.CSS("#household_size")))
			nurse.submit("screening", "form[action$='/screenings']", map[string]string{
				"programme": "sippe", "pregnancy_due_date": due, "household_size": "3", "annual_income": "",
				"secondary_diploma": "no", "socially_isolated": "yes", "lonely": "unknown",
			}, nil, ".screening-result")
			if outcome := nurse.eval("outcome", `document.querySelector('.outcome').className`); !strings.Contains(outcome, "team_review") {
				t.Fatalf("screening outcome %q, want team_review", outcome)
			}

			nurse.do("decision form", chromedp.Navigate(p.URL+strings.TrimPrefix(file, "/")+"/decisions/new"), chromedp.WaitVisible(chromedp.CSS("#rationale")))
			// The nurse and the social worker: two professionals of two disciplines.
			ids := nurse.eval("participants", `[...document.querySelectorAll('input[name=participants]')]
				.filter(i => /Amina Diallo|Julien Bouchard/.test(i.closest('label').textContent)).map(i => i.value).join(',')`)
			pick := strings.Split(ids, ",")
			if len(pick) != 2 {
				t.Fatalf("the nurse and the social worker are not both offered: %q", ids)
			}
			nurse.submit("propose", "form[action$='/decisions']", map[string]string{"verdict": "admit",
				"rationale": "Revenu inconnu, isolement marqué : l’équipe admet sur jugement clinique."},
				[]string{"input[name=participants][value='" + pick[0] + "']", "input[name=participants][value='" + pick[1] + "']"},
				"form[action$='/confirm']")
			decision := nurse.eval("decision url", `location.pathname`)
			for _, b := range []browserSession{nurse, social} {
				b.do("decision page", chromedp.Navigate(p.URL+strings.TrimPrefix(decision, "/")))
				if has := b.eval("confirm button", `document.querySelector("form[action$='/confirm']") ? "yes" : "no"`); has == "yes" {
					b.submit("confirm", "form[action$='/confirm']", nil, nil, ".notice")
				}
			}

			nurse.do("enrollment page", chromedp.Navigate(p.URL+strings.TrimPrefix(file, "/")+"/enrollment"), chromedp.WaitVisible(chromedp.CSS("#enroll-programme")))
			nurse.submit("enroll", "form[action$='/enroll']", map[string]string{"programme": c.enrolled, "start_date": time.Now().Format("2006-01-02")}, nil, ".notice")
			body := nurse.eval("enrollment", `document.querySelector('main').innerText`)
			if lang := nurse.eval("lang", `document.documentElement.lang`); lang != c.lang {
				t.Fatalf("page language %q, want %q", lang, c.lang)
			}
			if !strings.Contains(strings.ToLower(body), "sippe") {
				t.Fatalf("enrollment page does not show the SIPPE enrollment:\n%s", body)
			}
		})
	}
}
