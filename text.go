package berceau

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Text is something a person reads, in any of the network's languages
// (French, English, Dutch…). A missing translation falls back on the
// network's default language, else on any language the text has, and says
// so.
//
// A text is a value: Set never changes a copy made before it (the languages
// are kept in a small slice replaced on every change, sorted by language).
// Build and read it through TextOf, Get, Set, In, Langs and Empty only. Its
// JSON is a flat object {"fr": "…", "en": "…", "nl": "…"}, so the texts
// written when it held French and English only read unchanged.
type Text struct {
	values []langValue
}

type langValue struct{ lang, value string }

// DefaultLanguage is the language a text falls back on when the caller
// names no other: the network's default unless the network says otherwise.
const DefaultLanguage = "fr"

// ValidLanguage reports whether code looks like a language code Berceau
// keeps texts in: two or three lowercase letters (ISO 639).
func ValidLanguage(code string) bool {
	if len(code) < 2 || len(code) > 3 {
		return false
	}
	for _, c := range code {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// In returns the text in lang; when it has none, the text in the first of
// fallbacks it has (the network's default language), else in French, else in
// any language it has, with missing set. A text with no language at all
// returns "" and missing false: there is nothing to mark.
func (t Text) In(lang string, fallbacks ...string) (value string, missing bool) {
	value, shown := t.Pick(lang, fallbacks...)
	return value, shown != "" && shown != lang
}

// Pick is In that also says which language the value is in ("" when the
// text has none), so that a page marks a fallback with its lang attribute.
func (t Text) Pick(lang string, fallbacks ...string) (value, shownIn string) {
	if v := t.Get(lang); strings.TrimSpace(v) != "" {
		return v, lang
	}
	for _, l := range fallbacks {
		if v := t.Get(l); strings.TrimSpace(v) != "" {
			return v, l
		}
	}
	if v := t.Get(DefaultLanguage); strings.TrimSpace(v) != "" {
		return v, DefaultLanguage
	}
	for _, lv := range t.values {
		if strings.TrimSpace(lv.value) != "" {
			return lv.value, lv.lang
		}
	}
	return "", ""
}

// String is the text in French, else any language: the language of
// exchanges.
func (t Text) String() string { v, _ := t.In(DefaultLanguage); return v }

// TextOf builds a text from language/value pairs: TextOf("fr", "Bonjour",
// "en", "Hello", "nl", "Hallo").
func TextOf(pairs ...string) Text {
	var t Text
	for i := 0; i+1 < len(pairs); i += 2 {
		t.Set(pairs[i], pairs[i+1])
	}
	return t
}

// Get returns the text in exactly lang, empty when it has none (no fallback:
// see In for what a reader sees).
func (t Text) Get(lang string) string {
	for _, lv := range t.values {
		if lv.lang == lang {
			return lv.value
		}
	}
	return ""
}

// Set stores the text in lang; an empty value removes that language. A code
// that is not a language code is ignored.
func (t *Text) Set(lang, value string) {
	if !ValidLanguage(lang) {
		return
	}
	values := make([]langValue, 0, len(t.values)+1)
	for _, lv := range t.values {
		if lv.lang != lang {
			values = append(values, lv)
		}
	}
	if value != "" {
		values = append(values, langValue{lang, value})
		sort.Slice(values, func(i, j int) bool { return values[i].lang < values[j].lang })
	}
	if len(values) == 0 {
		values = nil
	}
	t.values = values
}

// Langs lists the languages the text has (not blank), sorted.
func (t Text) Langs() []string {
	var langs []string
	for _, lv := range t.values {
		if strings.TrimSpace(lv.value) != "" {
			langs = append(langs, lv.lang)
		}
	}
	return langs
}

// Missing reports whether the text has something in some language but not
// in lang: a translation to write.
func (t Text) Missing(lang string) bool {
	return !t.Empty() && strings.TrimSpace(t.Get(lang)) == ""
}

// Map applies f to every language's value (trimming, for example).
func (t Text) Map(f func(string) string) Text {
	var out Text
	for _, lv := range t.values {
		out.Set(lv.lang, f(lv.value))
	}
	return out
}

// Longest is the length in bytes of the text's longest language (limits).
func (t Text) Longest() int {
	n := 0
	for _, lv := range t.values {
		n = max(n, len(lv.value))
	}
	return n
}

// Equal reports whether two texts say the same in every language.
func (t Text) Equal(o Text) bool {
	a, b := t.Langs(), o.Langs()
	if len(a) != len(b) {
		return false
	}
	for i, l := range a {
		if b[i] != l || t.Get(l) != o.Get(l) {
			return false
		}
	}
	return true
}

// Empty reports whether the text has no language at all (blank values
// count as none).
func (t Text) Empty() bool { return len(t.Langs()) == 0 }

// MarshalJSON writes the text as a flat object, one member per language,
// sorted.
func (t Text) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, lv := range t.values {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(lv.lang)
		v, err := json.Marshal(lv.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads a flat object of language → text ({"fr": "…",
// "en": "…"}, the form texts have always been written in); members that are
// not language codes are ignored, null is the empty text.
func (t *Text) UnmarshalJSON(data []byte) error {
	if values, ok := readFlatText(data); ok {
		t.values = values
		return nil
	}
	var m map[string]*string
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("text: %w", err)
	}
	values := make([]langValue, 0, len(m))
	for lang, v := range m {
		if v != nil && *v != "" && ValidLanguage(lang) {
			values = append(values, langValue{lang, *v})
		}
	}
	sort.Slice(values, func(i, j int) bool { return values[i].lang < values[j].lang })
	if len(values) == 0 {
		values = nil
	}
	t.values = values
	return nil
}

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ValidUUID reports whether s is a UUID in its canonical textual form.
func ValidUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// readFlatText reads the usual form of a text's JSON, an object of string
// members, without encoding/json's map (a directory index build reads
// thousands of texts); ok is false on anything else (null, escapes beyond
// what strconv.Unquote reads, another type), which UnmarshalJSON then reads
// the general way.
func readFlatText(data []byte) (values []langValue, ok bool) {
	i := 0
	space := func() {
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i++
		}
	}
	str := func() (string, bool) {
		if i >= len(data) || data[i] != '"' {
			return "", false
		}
		start, escaped := i, false
		for i++; i < len(data); i++ {
			switch data[i] {
			case '\\':
				escaped = true
				i++
			case '"':
				i++
				if !escaped {
					return string(data[start+1 : i-1]), true
				}
				var v string
				if err := json.Unmarshal(data[start:i], &v); err != nil {
					return "", false
				}
				return v, true
			}
		}
		return "", false
	}
	space()
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	i++
	space()
	if i < len(data) && data[i] == '}' {
		i++
		space()
		return nil, i == len(data)
	}
	for {
		space()
		lang, ok := str()
		if !ok {
			return nil, false
		}
		space()
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		i++
		space()
		value, ok := str()
		if !ok {
			return nil, false
		}
		if value != "" && ValidLanguage(lang) {
			values = append(values, langValue{lang, value})
		}
		space()
		if i >= len(data) {
			return nil, false
		}
		if data[i] == '}' {
			i++
			break
		}
		if data[i] != ',' {
			return nil, false
		}
		i++
	}
	space()
	if i != len(data) {
		return nil, false
	}
	sort.Slice(values, func(a, b int) bool { return values[a].lang < values[b].lang })
	for k := 1; k < len(values); k++ {
		if values[k].lang == values[k-1].lang {
			return nil, false // a repeated member: the general way keeps the last
		}
	}
	return values, true
}
