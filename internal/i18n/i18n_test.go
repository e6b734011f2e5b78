package i18n

import (
	"reflect"
	"strings"
	"testing"
)

// Every language with catalogs may be enabled by a network, so each holds
// exactly the French keys: a key missing in Dutch would show raw on a
// Brussels page.
func TestEveryKeyExistsInEveryLanguage(t *testing.T) {
	fr, err := Keys("fr")
	if err != nil {
		t.Fatal(err)
	}
	if len(fr) < 20 {
		t.Fatalf("only %d French keys read: the catalog parser is broken", len(fr))
	}
	for _, lang := range Languages[1:] {
		keys, err := Keys(lang)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fr, keys) {
			t.Errorf("%s lacks: %v", lang, missing(fr, keys))
			t.Errorf("%s only: %v", lang, missing(keys, fr))
		}
		if !Complete(lang) {
			t.Errorf("%s is not complete: a network cannot enable it", lang)
		}
	}
}

// A translation uses the same template fields as the French message: a
// renamed or forgotten {{.Name}} prints "<no value>" or drops a number.
func TestEveryTranslationKeepsThePlaceholders(t *testing.T) {
	fr, err := Placeholders("fr")
	if err != nil {
		t.Fatal(err)
	}
	if len(fr["home.members.summary"]) == 0 {
		t.Fatal("no placeholder read in home.members.summary: the reader is broken")
	}
	for _, lang := range Languages[1:] {
		other, err := Placeholders(lang)
		if err != nil {
			t.Fatal(err)
		}
		for key, want := range fr {
			if got, ok := other[key]; ok && !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s uses %v, French %v", lang, key, got, want)
			}
		}
	}
}

// The placeholder check catches a translation that drops or renames one.
func TestPlaceholderCheckSeesADifference(t *testing.T) {
	got := map[string][]string{}
	collectPlaceholders("", map[string]any{"a": "{{.Count}} en {{ .Name }}", "b": map[string]any{"one": "{{.Count}} kind", "other": "{{.Count}} kinderen van {{.Who}}"}}, got)
	if !reflect.DeepEqual(got["a"], []string{"Count", "Name"}) || !reflect.DeepEqual(got["b"], []string{"Count", "Who"}) {
		t.Fatalf("placeholders: %v", got)
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

// Dutch is offered only where the network enables it: elsewhere a Dutch
// browser gets the next language it accepts, else the network's default.
func TestNegotiateOffersDutchOnlyWhenEnabled(t *testing.T) {
	b, _ := Load(nil)
	cases := []struct {
		header  string
		enabled []string
		want    string
	}{
		{"nl", []string{"fr", "en"}, "fr"},
		{"nl", []string{"fr", "en", "nl"}, "nl"},
		{"nl-BE,fr;q=0.5", []string{"fr", "en", "nl"}, "nl"},
		{"nl-BE,en;q=0.5", []string{"fr", "en"}, "en"},
		{"de", []string{"nl", "fr"}, "nl"}, // the default is the first enabled
		{"", []string{"en", "fr"}, "en"},
		{"en", nil, "fr"},
	}
	for _, c := range cases {
		if got := b.Negotiate(c.header, c.enabled); got != c.want {
			t.Errorf("Negotiate(%q, %v) = %q, want %q", c.header, c.enabled, got, c.want)
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
		if got := b.Negotiate(header, []string{"fr", "en"}); got != want {
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

// BenchmarkNegotiate is every page's choice of language among the enabled
// ones (the matcher is built once per set of languages).
func BenchmarkNegotiate(b *testing.B) {
	bundle, _ := Load(nil)
	enabled := []string{"fr", "en", "nl"}
	for b.Loop() {
		if bundle.Negotiate("nl-BE,nl;q=0.9,fr;q=0.8", enabled) != "nl" {
			b.Fatal("not Dutch")
		}
	}
}

// BenchmarkLoad is the start-up cost of the three languages' catalogs.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(nil); err != nil {
			b.Fatal(err)
		}
	}
}
