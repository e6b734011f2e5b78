package berceau_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/berceau/berceau"
)

// A text holds any language, and its JSON is the flat object texts have
// always been written in: the Dutch survives a round trip, and the
// {"fr","en"} JSON stored before Dutch existed reads unchanged.
func TestTextJSONHoldsAnyLanguageAndReadsTheOldForm(t *testing.T) {
	t.Parallel()
	nl := berceau.TextOf("fr", "Consultation prénatale", "en", "Prenatal consultation", "nl", "Prenatale raadpleging")
	data, err := json.Marshal(nl)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != `{"en":"Prenatal consultation","fr":"Consultation prénatale","nl":"Prenatale raadpleging"}` {
		t.Fatalf("JSON %s", data)
	}
	var back berceau.Text
	if err := json.Unmarshal(data, &back); err != nil || !back.Equal(nl) || back.Get("nl") != "Prenatale raadpleging" {
		t.Fatalf("round trip: %v %#v", err, back)
	}
	var old berceau.Text
	if err := json.Unmarshal([]byte(`{"fr":"Halte-garderie","en":""}`), &old); err != nil {
		t.Fatal(err)
	}
	if old.Get("fr") != "Halte-garderie" || !reflect.DeepEqual(old.Langs(), []string{"fr"}) {
		t.Fatalf("old JSON: %#v", old)
	}
	// Inside a record, as the directory stores its services.
	var rec struct {
		Name berceau.Text `json:"name"`
	}
	if err := json.Unmarshal([]byte(`{"name":{"fr":"Halte","nl":"Opvang","xx-bad":"?","en":null}}`), &rec); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec.Name.Langs(), []string{"fr", "nl"}) {
		t.Fatalf("record: %v", rec.Name.Langs())
	}
	if err := json.Unmarshal([]byte(`"not an object"`), &old); err == nil {
		t.Fatal("a string read as a text")
	}
	if data, _ := json.Marshal(berceau.Text{}); string(data) != "{}" {
		t.Fatalf("empty text: %s", data)
	}
}

// The quick reader and the general one agree on every form a text's JSON
// may take.
func TestTextJSONForms(t *testing.T) {
	t.Parallel()
	cases := map[string]map[string]string{
		`{}`:                           {},
		` { "fr" : "a" , "nl":"b" } `:  {"fr": "a", "nl": "b"},
		`{"fr":"l\u2019\"été\"\\ \n"}`: {"fr": "l’\"été\"\\ \n"},
		`{"fr":"a","fr":"b"}`:          {"fr": "b"},
		`{"fr":null,"en":"x"}`:         {"en": "x"},
		`{"fr":"","EN":"x","nl":"y"}`:  {"nl": "y"},
	}
	for in, want := range cases {
		var got berceau.Text
		if err := json.Unmarshal([]byte(in), &got); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if len(got.Langs()) != len(want) {
			t.Errorf("%s: %v, want %v", in, got.Langs(), want)
		}
		for lang, v := range want {
			if got.Get(lang) != v {
				t.Errorf("%s: %s = %q, want %q", in, lang, got.Get(lang), v)
			}
		}
	}
	for _, bad := range []string{`{"fr":1}`, `{"fr":{"x":"y"}}`, `["fr"]`, `{"fr":"a"`} {
		var got berceau.Text
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("%s read as %v", bad, got.Langs())
		}
	}
}

// The fallback rule: the asked language, else the network's default, else
// French, else any language; missing is set whenever it fell back.
func TestTextFallsBackOnTheNetworkDefaultThenAny(t *testing.T) {
	t.Parallel()
	all := berceau.TextOf("fr", "Bonjour", "en", "Hello", "nl", "Hallo")
	cases := []struct {
		text        berceau.Text
		lang, def   string
		want, shown string
		missing     bool
	}{
		{all, "nl", "fr", "Hallo", "nl", false},
		{berceau.TextOf("fr", "Bonjour", "en", "Hello"), "nl", "en", "Hello", "en", true},
		{berceau.TextOf("fr", "Bonjour", "en", "Hello"), "nl", "fr", "Bonjour", "fr", true},
		{berceau.TextOf("en", "Hello", "nl", "Hallo"), "fr", "", "Hello", "en", true},
		{berceau.TextOf("nl", "Hallo"), "en", "fr", "Hallo", "nl", true},
		{berceau.TextOf("fr", "  ", "nl", "Hallo"), "fr", "", "Hallo", "nl", true},
		{berceau.Text{}, "fr", "nl", "", "", false},
	}
	for _, c := range cases {
		v, missing := c.text.In(c.lang, c.def)
		_, shown := c.text.Pick(c.lang, c.def)
		if v != c.want || missing != c.missing || shown != c.shown {
			t.Errorf("%v In(%s, %s) = %q %v in %q, want %q %v in %q", c.text.Langs(), c.lang, c.def, v, missing, shown, c.want, c.missing, c.shown)
		}
	}
	if all.String() != "Bonjour" {
		t.Errorf("String: %q", all.String())
	}
}

// A text is a value: changing a copy leaves the original as it was, and an
// empty value removes the language.
func TestTextIsAValue(t *testing.T) {
	t.Parallel()
	a := berceau.TextOf("fr", "Un", "en", "One")
	b := a
	b.Set("fr", "Deux")
	b.Set("nl", "Twee")
	b.Set("en", "")
	b.Set("NL!", "ignored")
	if a.Get("fr") != "Un" || a.Get("nl") != "" || a.Get("en") != "One" {
		t.Fatalf("the original changed: %v", a)
	}
	if !reflect.DeepEqual(b.Langs(), []string{"fr", "nl"}) || b.Get("fr") != "Deux" {
		t.Fatalf("the copy: %v %q", b.Langs(), b.Get("fr"))
	}
	if a.Equal(b) || !a.Equal(berceau.TextOf("en", "One", "fr", "Un")) {
		t.Error("Equal")
	}
	if !b.Missing("en") || b.Missing("nl") || (berceau.Text{}).Missing("nl") {
		t.Error("Missing: a translation is missing only in a text that has another language")
	}
	if !(berceau.TextOf("fr", " ")).Empty() || b.Empty() {
		t.Error("Empty")
	}
	if got := berceau.TextOf("fr", " a ", "nl", " b").Map(func(s string) string { return s + "!" }); got.Get("nl") != " b!" {
		t.Errorf("Map: %v", got)
	}
}

// The network's languages: the default first, parsed from the setting.
func TestNetworkLanguagesParse(t *testing.T) {
	t.Parallel()
	n := berceau.ParseNetworkLanguages(" nl, fr,,fr, EN, en ")
	if !reflect.DeepEqual(n.Enabled, []string{"nl", "fr", "en"}) || n.Default() != "nl" || !n.Has("en") || n.Has("de") {
		t.Fatalf("%v", n)
	}
	if n.String() != "nl,fr,en" || (berceau.NetworkLanguages{}).Default() != "fr" {
		t.Fatal(n.String())
	}
}

// BenchmarkTextIn is a page's read of a text: the asked language, else the
// default.
func BenchmarkTextIn(b *testing.B) {
	t := berceau.TextOf("fr", "Consultation prénatale", "en", "Prenatal consultation")
	for b.Loop() {
		if v, _ := t.In("nl", "fr"); v == "" {
			b.Fatal("empty")
		}
	}
}

// BenchmarkTextJSON is a directory record's text read back from its JSON.
func BenchmarkTextJSON(b *testing.B) {
	data := []byte(`{"en":"Prenatal consultation","fr":"Consultation prénatale","nl":"Prenatale raadpleging"}`)
	for b.Loop() {
		var t berceau.Text
		if err := json.Unmarshal(data, &t); err != nil {
			b.Fatal(err)
		}
	}
}
