package i18n

import (
	"reflect"
	"strings"
	"testing"
)

func TestEveryKeyExistsInBothLanguages(t *testing.T) {
	fr, err := Keys("fr")
	if err != nil {
		t.Fatal(err)
	}
	en, err := Keys("en")
	if err != nil {
		t.Fatal(err)
	}
	if len(fr) < 20 {
		t.Fatalf("only %d French keys read: the catalog parser is broken", len(fr))
	}
	if !reflect.DeepEqual(fr, en) {
		t.Errorf("French only: %v", missing(fr, en))
		t.Errorf("English only: %v", missing(en, fr))
	}
}

func missing(a, b []string) []string {
	in := map[string]bool{}
	for _, k := range b {
		in[k] = true
	}
	var out []string
	for _, k := range a {
		if !in[k] {
			out = append(out, k)
		}
	}
	return out
}

func TestEveryKeyTranslatesInBothLanguages(t *testing.T) {
	b, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := Keys("fr")
	for _, lang := range Languages {
		l := b.Localizer(lang)
		for _, k := range keys {
			if got := l.T(k, "Count", 2, "Sites", 3, "Password", "x", "Version", "v", "RequestID", "r"); got == k || got == "" {
				t.Errorf("%s: %q does not translate", lang, k)
			}
		}
	}
}

func TestPluralsFollowEachLanguage(t *testing.T) {
	b, _ := Load(nil)
	cases := []struct {
		lang  string
		count int
		want  string
	}{
		{"fr", 1, "1 organisation membre"},
		{"fr", 2, "2 organisations membres"},
		{"en", 1, "1 member organisation,"},
		{"en", 3, "3 member organisations"},
	}
	for _, c := range cases {
		got := b.Localizer(c.lang).T("home.members.summary", "Count", c.count, "Sites", 4)
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%s, %d: %q, want prefix %q", c.lang, c.count, got, c.want)
		}
	}
}

func TestNegotiateFollowsAcceptLanguage(t *testing.T) {
	b, _ := Load(nil)
	cases := map[string]string{
		"":                          "fr",
		"en-CA,en;q=0.9":            "en",
		"fr-CA":                     "fr",
		"de-DE":                     "fr",
		"nl-BE,en;q=0.8,fr;q=0.5":   "en",
		"nl-BE,fr-BE;q=0.8,en;q=.5": "fr",
		"garbage;;;":                "fr",
	}
	for header, want := range cases {
		if got := b.Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %q, want %q", header, got, want)
		}
	}
}

func TestUnknownKeyShowsTheKeyNotNothing(t *testing.T) {
	b, _ := Load(nil)
	if got := b.Localizer("en").T("no.such.key"); got != "no.such.key" {
		t.Fatalf("got %q", got)
	}
}

// French has a "many" form (a million, exactly) that no catalog writes: such
// a count reads the "other" form rather than the raw key.
func TestACountWhoseFormTheMessageLacksReadsTheOtherForm(t *testing.T) {
	b, _ := Load(nil)
	got := b.Localizer("fr").T("home.members.summary", "Count", 1000000, "Sites", 4)
	if !strings.HasPrefix(got, "1\u00a0000\u00a0000 organisations membres") {
		t.Fatalf("a million in French: %q", got)
	}
}

// A count inside a sentence is written the language's way.
func TestCountsAreWrittenTheLanguagesWay(t *testing.T) {
	b, _ := Load(nil)
	if got := b.Localizer("fr").T("home.members.summary", "Count", 12345, "Sites", 4); !strings.HasPrefix(got, "12\u00a0345 organisations") {
		t.Errorf("fr: %q", got)
	}
	if got := b.Localizer("en").T("home.members.summary", "Count", 12345, "Sites", 4); !strings.HasPrefix(got, "12,345 member organisations") {
		t.Errorf("en: %q", got)
	}
}
