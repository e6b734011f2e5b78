package care

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/berceau/berceau"
)

// MaxFamilyQuery bounds what the family search box reads.
const MaxFamilyQuery = 100

// FamilyQuery is what a worker typed in the family search box, read once:
// the words of a name (folded: lower case, no accents), the digits of a
// phone number or of a file number.
type FamilyQuery struct {
	Words  []string
	Digits string
}

// ParseFamilyQuery reads a search: "Hélène Tremblay", "514 555-0199",
// "123" or "#123" (a file number). Text beyond MaxFamilyQuery characters is
// ignored.
func ParseFamilyQuery(text string) FamilyQuery {
	if r := []rune(text); len(r) > MaxFamilyQuery {
		text = string(r[:MaxFamilyQuery])
	}
	var q FamilyQuery
	var digits strings.Builder
	for _, w := range berceau.SearchWords(text) {
		if strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			digits.WriteString(w)
			continue
		}
		q.Words = append(q.Words, w)
	}
	q.Digits = digits.String()
	return q
}

// Empty reports whether the query holds nothing to search on.
func (q FamilyQuery) Empty() bool { return len(q.Words) == 0 && q.Digits == "" }

// minPhoneDigits is how many digits a query needs before it is compared
// with phone numbers: fewer would match most files.
const minPhoneDigits = 4

// Matches reports whether a family answers the query: every word of it
// matches a word of a member's name (equal, its start when three letters or
// more, or one typing slip away when four or more), and its digits are the
// file number or part of the family's phone number. Accents and case never
// matter.
func (q FamilyQuery) Matches(f Family) bool {
	if q.Empty() {
		return false
	}
	if q.Digits != "" {
		phone := digitsOf(f.Phone)
		byPhone := len(q.Digits) >= minPhoneDigits && strings.Contains(phone, q.Digits)
		if !byPhone && q.Digits != strconv.FormatInt(f.ID, 10) {
			return false
		}
	}
	if len(q.Words) == 0 {
		return true
	}
	var names []string
	for _, m := range f.Members {
		names = append(names, berceau.SearchWords(m.GivenName+" "+m.Surname)...)
	}
	for _, w := range q.Words {
		if !nameWordMatches(w, names) {
			return false
		}
	}
	return true
}

// nameWordMatches reports whether a query word matches one of the words of
// the names.
func nameWordMatches(w string, names []string) bool {
	for _, n := range names {
		switch {
		case n == w:
			return true
		case len([]rune(w)) >= 3 && strings.HasPrefix(n, w):
			return true
		case len([]rune(w)) >= 4 && editDistanceAtMost1(w, n):
			return true
		}
	}
	return false
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
