package store

import (
	"encoding/json"
	"fmt"

	"github.com/berceau/berceau"
)

// Tables made when texts were French and English keep a column per
// language (title_fr, title_en): queries sort and filter on them. The other
// languages a network enables (Dutch in Brussels) live in one JSON column
// per row, translations, keyed by field then language:
// {"title": {"nl": "…"}, "summary": {"nl": "…"}}. Tables made since keep
// each multilingual field as one JSON object instead, the Text's own JSON.

// columnLanguages are the languages with columns of their own.
var columnLanguages = [...]string{"fr", "en"}

// translations are a row's texts in the languages without a column.
type translations map[string]map[string]string

// put keeps t's languages that have no column, under field.
func (x translations) put(field string, t berceau.Text) {
	for _, lang := range t.Langs() {
		if lang == columnLanguages[0] || lang == columnLanguages[1] {
			continue
		}
		if x[field] == nil {
			x[field] = map[string]string{}
		}
		x[field][lang] = t.Get(lang)
	}
}

// text rebuilds field's text from its two columns and the translations.
func (x translations) text(field, fr, en string) berceau.Text {
	t := berceau.TextOf(columnLanguages[0], fr, columnLanguages[1], en)
	for lang, v := range x[field] {
		t.Set(lang, v)
	}
	return t
}

// encode is the column's value.
func (x translations) encode() string {
	if len(x) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(map[string]map[string]string(x)) // maps of strings always encode
	return string(b)
}

// textsOf gathers the translations of several fields, by name.
func textsOf(fields ...any) string {
	x := translations{}
	for i := 0; i+1 < len(fields); i += 2 {
		x.put(fields[i].(string), fields[i+1].(berceau.Text))
	}
	return x.encode()
}

// textColumn is an SQL expression for a field's text in lang, ” when the
// row has none: its own column for French and English, else the member of
// the translations JSON. lang must be a valid language code (it is written
// into the SQL, where a placeholder cannot name a JSON path).
func textColumn(dialect, alias, field, lang string) string {
	if !berceau.ValidLanguage(lang) {
		panic("store: not a language code: " + lang)
	}
	if lang == columnLanguages[0] || lang == columnLanguages[1] {
		return alias + "." + field + "_" + lang
	}
	if dialect == "postgres" {
		return "COALESCE(" + alias + ".translations::jsonb #>> '{" + field + "," + lang + "}', '')"
	}
	return "COALESCE(json_extract(" + alias + ".translations, '$." + field + "." + lang + "'), '')"
}

// readTranslations decodes the column; a row written before the column
// existed has "{}".
func readTranslations(raw string) (translations, error) {
	x := translations{}
	if raw == "" {
		return x, nil
	}
	if err := json.Unmarshal([]byte(raw), &x); err != nil {
		return nil, fmt.Errorf("translations: %w", err)
	}
	return x, nil
}
