package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// screenOutput is what `berceau screen` prints.
type screenOutput struct {
	Outcome        string  `json:"outcome"`
	AdmissibleFrom *string `json:"admissible_from"`
	Rulebook       string  `json:"rulebook"`
	Thresholds     string  `json:"thresholds"`
	Criteria       []struct {
		ID          string `json:"id"`
		Met         *bool  `json:"met"`
		Explanation string `json:"explanation"`
	} `json:"criteria"`
}

func screen(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	// No --db: the command must not need (nor create) a database.
	t.Chdir(t.TempDir())
	err := run(context.Background(), append([]string{"screen"}, args...), testEnv, strings.NewReader(stdin), &stdout, &stderr)
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("screen left files behind: %v", entries)
	}
	return stdout.String(), stderr.String(), err
}

func TestScreenCommandPrintsTheScreening(t *testing.T) {
	const parent = `{"date": "2026-03-16", "youngest_child_birth_date": "2025-10-02", "household_size": 3,
		"annual_income": 30000, "secondary_diploma": false, "socially_isolated": null, "lonely": null}`
	cases := []struct {
		name        string
		args        []string
		stdin       string
		outcome     string
		from        string
		met         string // situation, income, risk_factor: true, false or null
		explanation string // in one of the explanations
	}{
		{"eligible, in French by default", nil, parent, "eligible", "", "true true true",
			"Revenu du ménage de 30\u00a0000\u00a0$, sous le seuil de faible revenu de 38\u00a0000\u00a0$ pour un ménage de 3 personnes."},
		{"eligible, in English", []string{"--lang", "en"}, parent, "eligible", "", "true true true",
			"Household income of $30,000, below the low-income threshold of $38,000 for a household of 3 people."},
		{"pregnancy at 83 days: not yet", []string{"--lang", "en"},
			`{"date": "2026-03-16", "pregnancy_due_date": "2026-09-29", "household_size": 1, "annual_income": 12000, "lonely": true}`,
			"not_yet", "2026-03-17", "true true true", "admission is possible from the 12th week of pregnancy, on 2026-03-17."},
		{"nothing known but the date: the team reviews", nil, `{"date": "2026-03-16"}`, "team_review", "", "null null null",
			"Ni le revenu du ménage ni sa taille ne sont indiqués."},
		{"income at the threshold: not eligible", []string{"--lang", "en"},
			`{"date": "2026-03-16", "youngest_child_birth_date": "2025-10-02", "household_size": 3, "annual_income": 38000, "lonely": null}`,
			"not_eligible", "", "true false null", "equal to or above the low-income threshold of $38,000"},
		{"another table", []string{"--thresholds", "TABLE"}, parent, "not_eligible", "", "true false true",
			"égal ou supérieur au seuil de faible revenu de 20\u00a0000\u00a0$"},
	}
	table := filepath.Join(t.TempDir(), "seuils.csv")
	if err := os.WriteFile(table, []byte("# Seuils de la région de test\nhousehold_size,threshold\n1,10000\n2,15000\n3,20000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"--programme", "sippe"}
			for _, a := range c.args {
				if a == "TABLE" {
					a = table
				}
				args = append(args, a)
			}
			stdout, stderr, err := screen(t, c.stdin, args...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			var out screenOutput
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, stdout)
			}
			var mets []string
			all := ""
			for _, cr := range out.Criteria {
				m := "null"
				if cr.Met != nil {
					m = map[bool]string{true: "true", false: "false"}[*cr.Met]
				}
				mets = append(mets, m)
				all += cr.Explanation + "\n"
			}
			if out.Outcome != c.outcome || strings.Join(mets, " ") != c.met || out.Rulebook != "sippe@2026.1" {
				t.Errorf("outcome %s %v %s, want %s %s\n%s", out.Outcome, mets, out.Rulebook, c.outcome, c.met, stdout)
			}
			if from := out.AdmissibleFrom; (from == nil) != (c.from == "") || (from != nil && *from != c.from) {
				t.Errorf("admissible_from %v, want %q", from, c.from)
			}
			if c.from == "" && strings.Contains(stdout, "admissible_from") {
				t.Errorf("admissible_from printed although the outcome is %s", out.Outcome)
			}
			if !strings.Contains(all, c.explanation) {
				t.Errorf("explanations lack %q:\n%s", c.explanation, all)
			}
			usesExample := !strings.Contains(strings.Join(c.args, " "), "TABLE")
			if warned := strings.Contains(stderr, "EXAMPLE income thresholds"); warned != usesExample {
				t.Errorf("warning about the example table: %v, want %v (stderr %q)", warned, usesExample, stderr)
			}
			if usesExample != strings.HasPrefix(out.Thresholds, "EXAMPLE") || (!usesExample && out.Thresholds != "Seuils de la région de test") {
				t.Errorf("thresholds label %q", out.Thresholds)
			}
		})
	}
}

func TestScreenCommandRefusesMistakes(t *testing.T) {
	dir := t.TempDir()
	badTable := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(badTable, []byte("# t\nhousehold_size,threshold\n1,25000\n2,25 000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const valid = `{"date": "2026-03-16"}`
	cases := []struct {
		name  string
		args  []string
		stdin string
		usage bool   // a usageError (exit status 2)
		says  string // in the error
	}{
		{"income as a word", []string{"--programme", "sippe", "--lang", "en"}, `{"date": "2026-03-16", "annual_income": "abc"}`,
			false, `annual_income: must be a whole number of dollars, got "abc"`},
		{"income as a word, in French", []string{"--programme", "sippe"}, `{"date": "2026-03-16", "annual_income": "abc"}`,
			false, `annual_income: doit être un nombre entier de dollars (valeur reçue : "abc")`},
		{"unknown key", []string{"--programme", "sippe", "--lang", "en"}, `{"date": "2026-03-16", "income": 3}`,
			false, `income: is not a known field`},
		{"no date", []string{"--programme", "sippe", "--lang", "en"}, `{"lonely": true}`, false, `date: is required`},
		{"not JSON", []string{"--programme", "sippe", "--lang", "en"}, `lonely=yes`, false, `The document must be one JSON object.`},
		{"nothing on standard input", []string{"--programme", "sippe", "--lang", "en"}, ``, false, `The document must be one JSON object.`},
		{"unknown programme", []string{"--programme", "nope"}, valid, true, `unknown programme "nope": known programmes are sippe`},
		{"no programme", nil, valid, true, `screen needs --programme (known programmes: sippe)`},
		{"unknown language", []string{"--programme", "sippe", "--lang", "de"}, valid, true, `--lang must be one of fr, en, nl, not "de"`},
		{"an argument", []string{"--programme", "sippe", "input.json"}, valid, true, `takes no arguments`},
		{"unknown flag", []string{"--programme", "sippe", "--colour"}, valid, true, ``},
		{"thresholds file with a mistake", []string{"--programme", "sippe", "--thresholds", badTable}, valid,
			false, `--thresholds ` + badTable + `: line 4: threshold must be a positive whole number of dollars, got "25 000"`},
		{"no thresholds file", []string{"--programme", "sippe", "--thresholds", filepath.Join(dir, "none.csv")}, valid,
			false, `--thresholds: open ` + filepath.Join(dir, "none.csv")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, _, err := screen(t, c.stdin, c.args...)
			if err == nil {
				t.Fatalf("no error; printed:\n%s", stdout)
			}
			var usage usageError
			if errors.As(err, &usage) != c.usage {
				t.Errorf("usage error: %v, want %v (%v)", !c.usage, c.usage, err)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q does not say %q", err, c.says)
			}
			if stdout != "" {
				t.Errorf("printed on a mistake:\n%s", stdout)
			}
		})
	}
}

func TestScreenIsInTheUsageAndHasHelp(t *testing.T) {
	if !strings.Contains(usageText, "berceau screen  --programme sippe [--thresholds FILE.csv] [--lang fr|en] < INPUT.json") {
		t.Error("usage text lacks the screen command")
	}
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"screen", "--help"}, testEnv, strings.NewReader(""), &bytes.Buffer{}, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"-programme", "-thresholds", "-lang"} {
		if !strings.Contains(stderr.String(), flag) {
			t.Errorf("help lacks %s:\n%s", flag, stderr.String())
		}
	}
}
