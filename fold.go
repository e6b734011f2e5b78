package berceau

import (
	"strings"
	"unicode"
)

var foldMap = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
}

// FoldText lowercases s and removes its accents.
func FoldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if r < 0x80 {
			b.WriteRune(r)
		} else if f, ok := foldMap[r]; ok {
			b.WriteString(f)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SearchWords splits text into folded words.
func SearchWords(text string) []string {
	return strings.FieldsFunc(FoldText(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// stopWords are French and English words too common to search on.
var stopWords = map[string]bool{
	"a": true, "au": true, "aux": true, "de": true, "des": true, "du": true, "d": true, "en": true, "et": true, "l": true,
	"la": true, "le": true, "les": true, "un": true, "une": true, "pour": true, "par": true, "sur": true, "avec": true,
	"the": true, "and": true, "of": true, "for": true, "to": true, "in": true, "an": true, "with": true, "on": true,
}

// QueryWords are the words of a query that search uses: stop words are left
// out unless nothing else is left.
func QueryWords(query string) []string {
	all := SearchWords(query)
	var words []string
	for _, w := range all {
		if !stopWords[w] {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return all
	}
	return words
}
