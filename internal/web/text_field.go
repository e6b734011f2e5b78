package web

import (
	"net/url"
	"strconv"

	"github.com/berceau/berceau"
)

// A multilingual text is edited with one field per language the network
// enables, the default first, each named base_lang ("title_nl") and marked
// with its lang so that spelling checkers and screen readers use the right
// language.

// TextFields are the fields of one multilingual text for
// partials/field.html: typ is "text" or "textarea", maxLength 0 means no
// limit, rows only counts for a textarea. The text's error shows under the
// default language's field.
func (l *Layout) TextFields(base, labelKey string, t berceau.Text, typ string, maxLength, rows int, errKey string) []formField {
	langs := l.NetworkLangs
	if len(langs) == 0 {
		langs = []string{l.Lang}
	}
	fields := make([]formField, 0, len(langs))
	for i, lang := range langs {
		f := formField{ID: base + "_" + lang, Name: base + "_" + lang, Type: typ, Value: t.Get(lang), HasValue: true, Lang: lang,
			Label: l.T("multilingual.field_in", "Field", l.T(labelKey), "Language", l.T("multilingual.in."+lang))}
		f.HintID = f.ID + "-hint"
		if maxLength > 0 {
			f.MaxLength = strconv.Itoa(maxLength)
		}
		if rows > 0 && typ == "textarea" {
			f.Rows = strconv.Itoa(rows)
		}
		if i == 0 && errKey != "" {
			f.Error = l.T(errKey)
		}
		fields = append(fields, f)
	}
	return fields
}

// NoText is the empty text a new record's form starts from.
func (l *Layout) NoText() berceau.Text { return berceau.Text{} }

// formText reads the fields TextFields drew: one value per enabled
// language. Languages the form does not show are not in the result.
func formText(v url.Values, base string, langs []string) berceau.Text {
	var t berceau.Text
	for _, lang := range langs {
		t.Set(lang, v.Get(base+"_"+lang))
	}
	return t
}

// missingFilter is the "translation missing in <language>" select of the
// editors' lists (partials/translation_missing.html).
type missingFilter struct {
	L       *Layout
	Chosen  string
	Choices []choice
}

// MissingFilter offers the network's languages, chosen the one asked.
func (l *Layout) MissingFilter(chosen string) missingFilter {
	f := missingFilter{L: l, Chosen: chosen}
	for _, lang := range l.NetworkLangs {
		f.Choices = append(f.Choices, choice{lang, l.T("multilingual.missing_in", "Language", l.T("multilingual.in."+lang))})
	}
	return f
}
