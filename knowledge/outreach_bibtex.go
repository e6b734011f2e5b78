package knowledge

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A small BibTeX reader for importing a list into the outreach register:
// @type{key, field = {value} | "value" | number | macro, ...} with nested
// braces, values joined by #, @string macros (and the month names), and
// @comment, @preamble and text between entries skipped. Each entry that
// cannot be read is reported with its line and the reader goes on with
// the next one.

// BibEntry is one entry as read: lower-case type and field names, values
// as written (macros expanded, parts joined), LaTeX and braces kept:
// OutreachFromBib reads them.
type BibEntry struct {
	Type   string
	Key    string
	Fields map[string]string
	Line   int
}

// BibProblem is an entry that could not be read.
type BibProblem struct {
	Line int
	Key  string // the entry's key when it was read
	// Reason is a translation key (outreach.import.syntax_*).
	Reason string
}

// MaxBibTeXSize bounds what an import reads.
const MaxBibTeXSize = 900 << 10

type bibReader struct {
	src    string
	pos    int
	macros map[string]string
}

type bibError struct{ reason string }

func (e bibError) Error() string { return e.reason }

// ParseBibTeX reads the entries of src.
func ParseBibTeX(src string) ([]BibEntry, []BibProblem) {
	r := &bibReader{src: src, macros: map[string]string{}}
	for i, m := range bibMonths {
		r.macros[m] = strconv.Itoa(i + 1)
	}
	var entries []BibEntry
	var problems []BibProblem
	for {
		at := strings.IndexByte(r.src[r.pos:], '@')
		if at < 0 {
			break
		}
		r.pos += at
		start := r.pos
		line := r.line(start)
		e, err := r.entry()
		if err != nil {
			problems = append(problems, BibProblem{Line: line, Key: e.Key, Reason: err.Error()})
			// Go on after this '@': the next entry is read on its own.
			r.pos = start + 1
			if next := strings.Index(r.src[r.pos:], "\n@"); next >= 0 {
				r.pos += next + 1
			} else {
				r.pos = len(r.src)
			}
			continue
		}
		if e.Type != "" {
			e.Line = line
			entries = append(entries, e)
		}
	}
	return entries, problems
}

func (r *bibReader) line(pos int) int { return strings.Count(r.src[:pos], "\n") + 1 }

func (r *bibReader) skipSpace() {
	for r.pos < len(r.src) {
		c := r.src[r.pos]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			r.pos++
			continue
		}
		if c == '%' { // a comment to the end of the line
			if nl := strings.IndexByte(r.src[r.pos:], '\n'); nl >= 0 {
				r.pos += nl + 1
				continue
			}
			r.pos = len(r.src)
		}
		return
	}
}

func (r *bibReader) ident() string {
	start := r.pos
	for r.pos < len(r.src) {
		c := r.src[r.pos]
		if c > ' ' && !strings.ContainsRune(`{}(),="#%'@`, rune(c)) {
			r.pos++
			continue
		}
		break
	}
	return r.src[start:r.pos]
}

// entry reads one @... block; a comment or preamble gives an empty entry.
func (r *bibReader) entry() (BibEntry, error) {
	r.pos++ // '@'
	r.skipSpace()
	typ := strings.ToLower(r.ident())
	if typ == "" {
		return BibEntry{}, bibError{"outreach.import.syntax_type"}
	}
	r.skipSpace()
	if r.pos >= len(r.src) || (r.src[r.pos] != '{' && r.src[r.pos] != '(') {
		if typ == "comment" {
			return BibEntry{}, nil
		}
		return BibEntry{}, bibError{"outreach.import.syntax_open"}
	}
	closer := byte('}')
	if r.src[r.pos] == '(' {
		closer = ')'
	}
	switch typ {
	case "comment", "preamble":
		if _, err := r.braced(); closer == '}' && err != nil {
			return BibEntry{}, err
		} else if closer == ')' {
			end := strings.IndexByte(r.src[r.pos:], ')')
			if end < 0 {
				return BibEntry{}, bibError{"outreach.import.syntax_unclosed"}
			}
			r.pos += end + 1
		}
		return BibEntry{}, nil
	}
	r.pos++
	if typ == "string" {
		fields, err := r.fields(closer)
		if err != nil {
			return BibEntry{}, err
		}
		for k, v := range fields {
			r.macros[k] = v
		}
		return BibEntry{}, nil
	}
	r.skipSpace()
	key := r.ident()
	e := BibEntry{Type: typ, Key: key}
	if key == "" {
		return e, bibError{"outreach.import.syntax_key"}
	}
	r.skipSpace()
	if r.pos < len(r.src) && r.src[r.pos] == closer {
		r.pos++
		e.Fields = map[string]string{}
		return e, nil
	}
	if r.pos >= len(r.src) || r.src[r.pos] != ',' {
		return e, bibError{"outreach.import.syntax_comma"}
	}
	r.pos++
	fields, err := r.fields(closer)
	e.Fields = fields
	return e, err
}

// fields reads "name = value" pairs up to closer.
func (r *bibReader) fields(closer byte) (map[string]string, error) {
	fields := map[string]string{}
	for {
		r.skipSpace()
		if r.pos >= len(r.src) {
			return fields, bibError{"outreach.import.syntax_unclosed"}
		}
		if r.src[r.pos] == closer {
			r.pos++
			return fields, nil
		}
		name := strings.ToLower(r.ident())
		if name == "" {
			return fields, bibError{"outreach.import.syntax_field"}
		}
		r.skipSpace()
		if r.pos >= len(r.src) || r.src[r.pos] != '=' {
			return fields, bibError{"outreach.import.syntax_equals"}
		}
		r.pos++
		value, err := r.value()
		if err != nil {
			return fields, err
		}
		if _, twice := fields[name]; twice {
			return fields, bibError{"outreach.import.syntax_twice"}
		}
		fields[name] = value
		r.skipSpace()
		if r.pos < len(r.src) && r.src[r.pos] == ',' {
			r.pos++
			continue
		}
		if r.pos < len(r.src) && r.src[r.pos] == closer {
			continue
		}
		return fields, bibError{"outreach.import.syntax_comma"}
	}
}

// value reads one value, its parts joined by '#'.
func (r *bibReader) value() (string, error) {
	var b strings.Builder
	for {
		r.skipSpace()
		if r.pos >= len(r.src) {
			return "", bibError{"outreach.import.syntax_value"}
		}
		switch c := r.src[r.pos]; {
		case c == '{':
			v, err := r.braced()
			if err != nil {
				return "", err
			}
			b.WriteString(v)
		case c == '"':
			v, err := r.quoted()
			if err != nil {
				return "", err
			}
			b.WriteString(v)
		case c >= '0' && c <= '9':
			start := r.pos
			for r.pos < len(r.src) && r.src[r.pos] >= '0' && r.src[r.pos] <= '9' {
				r.pos++
			}
			b.WriteString(r.src[start:r.pos])
		default:
			name := strings.ToLower(r.ident())
			v, ok := r.macros[name]
			if name == "" || !ok {
				return "", bibError{"outreach.import.syntax_macro"}
			}
			b.WriteString(v)
		}
		r.skipSpace()
		if r.pos < len(r.src) && r.src[r.pos] == '#' {
			r.pos++
			continue
		}
		return b.String(), nil
	}
}

// braced reads {...} with nested braces and returns what is inside.
func (r *bibReader) braced() (string, error) {
	depth, start := 0, r.pos+1
	for i := r.pos; i < len(r.src); i++ {
		switch r.src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				r.pos = i + 1
				return r.src[start:i], nil
			}
		}
	}
	return "", bibError{"outreach.import.syntax_unclosed"}
}

// quoted reads "..." (braces inside balanced) and returns what is inside.
func (r *bibReader) quoted() (string, error) {
	depth, start := 0, r.pos+1
	for i := start; i < len(r.src); i++ {
		switch r.src[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '"':
			if depth == 0 {
				r.pos = i + 1
				return r.src[start:i], nil
			}
		}
	}
	return "", bibError{"outreach.import.syntax_unclosed"}
}

// latexAccents maps an accent command and a letter to the letter with it.
var latexAccents = map[byte]map[rune]rune{
	'\'': {'a': 'á', 'e': 'é', 'i': 'í', 'o': 'ó', 'u': 'ú', 'y': 'ý', 'c': 'ć', 'n': 'ń', 's': 'ś', 'z': 'ź',
		'A': 'Á', 'E': 'É', 'I': 'Í', 'O': 'Ó', 'U': 'Ú', 'Y': 'Ý', 'C': 'Ć', 'N': 'Ń', 'S': 'Ś', 'Z': 'Ź'},
	'`': {'a': 'à', 'e': 'è', 'i': 'ì', 'o': 'ò', 'u': 'ù', 'A': 'À', 'E': 'È', 'I': 'Ì', 'O': 'Ò', 'U': 'Ù'},
	'^': {'a': 'â', 'e': 'ê', 'i': 'î', 'o': 'ô', 'u': 'û', 'A': 'Â', 'E': 'Ê', 'I': 'Î', 'O': 'Ô', 'U': 'Û'},
	'"': {'a': 'ä', 'e': 'ë', 'i': 'ï', 'o': 'ö', 'u': 'ü', 'y': 'ÿ', 'A': 'Ä', 'E': 'Ë', 'I': 'Ï', 'O': 'Ö', 'U': 'Ü'},
	'~': {'a': 'ã', 'n': 'ñ', 'o': 'õ', 'A': 'Ã', 'N': 'Ñ', 'O': 'Õ'},
	'c': {'c': 'ç', 'C': 'Ç'},
}

// latexWords are the commands EscapeBibTeX writes and a few common others.
var latexWords = map[string]string{
	"textbackslash": `\`, "textbraceleft": "{", "textbraceright": "}", "textasciitilde": "~", "textasciicircum": "^",
	"oe": "œ", "OE": "Œ", "ae": "æ", "AE": "Æ", "ss": "ß", "o": "ø", "O": "Ø", "i": "ı", "aa": "å", "AA": "Å",
	"textendash": "–", "textemdash": "—", "textquoteright": "’",
}

// UnescapeBibTeX turns a BibTeX value back into plain text: escaped
// characters, accent commands and the commands EscapeBibTeX writes become
// their characters; protective braces are dropped; runs of white space
// become one space.
func UnescapeBibTeX(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{' || c == '}':
			i++
		case c == '\\' && i+1 < len(s):
			next := s[i+1]
			if strings.IndexByte(`%&#_${}"`, next) >= 0 && latexAccents[next] == nil {
				b.WriteByte(next)
				i += 2
				continue
			}
			if accents, ok := latexAccents[next]; ok && (next != 'c' || i+2 < len(s) && (s[i+2] == '{' || s[i+2] == ' ')) {
				j := i + 2
				for j < len(s) && (s[j] == '{' || s[j] == ' ') {
					j++
				}
				if j < len(s) {
					letter, size := utf8.DecodeRuneInString(s[j:])
					if accented, ok := accents[letter]; ok {
						b.WriteRune(accented)
						i = j + size
						continue
					}
				}
			}
			j := i + 1
			for j < len(s) && unicode.IsLetter(rune(s[j])) && s[j] < 0x80 {
				j++
			}
			word := s[i+1 : j]
			if v, ok := latexWords[word]; ok {
				b.WriteString(v)
				if j < len(s) && s[j] == ' ' {
					j++
				}
				i = j
				continue
			}
			if word == "" { // a backslash before something else: keep the character
				b.WriteByte(next)
				i += 2
				continue
			}
			i = j // an unknown command: its argument stays, as text
		case c == '~':
			b.WriteByte(' ')
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// bibKinds maps the BibTeX types an import accepts to kinds.
var bibKinds = map[string]OutreachKind{
	"article": OutreachPublication, "book": OutreachPublication, "incollection": OutreachPublication,
	"inbook": OutreachPublication, "techreport": OutreachPublication, "report": OutreachPublication,
	"phdthesis": OutreachPublication, "mastersthesis": OutreachPublication, "thesis": OutreachPublication,
	"inproceedings": OutreachTalk, "conference": OutreachTalk, "unpublished": OutreachTalk,
	"misc": OutreachMedia, "online": OutreachMedia, "electronic": OutreachMedia,
}

// OutreachFromBib makes an entry of the register from a BibTeX entry; the
// entry is then checked by Validate. reason is set (a translation key)
// when the type is unknown.
func OutreachFromBib(b BibEntry) (e OutreachEntry, reason string) {
	kind, ok := bibKinds[b.Type]
	if !ok {
		return e, "outreach.import.unknown_type"
	}
	f := map[string]string{}
	for name, v := range b.Fields {
		if name != "author" {
			f[name] = UnescapeBibTeX(v)
		}
	}
	keywords := strings.ToLower(f["keywords"])
	switch {
	case strings.Contains(keywords, "research-project"):
		kind = OutreachResearch
	case strings.Contains(keywords, "media-coverage"):
		kind = OutreachMedia
	}
	e.Kind, e.Title = kind, f["title"]
	for _, name := range []string{"journal", "booktitle", "howpublished", "publisher", "institution", "school", "eventtitle", "note"} {
		if f[name] != "" {
			e.Outlet = f[name]
			break
		}
	}
	for _, name := range splitAuthors(b.Fields["author"]) {
		e.Authors = append(e.Authors, OutreachAuthor{Name: displayName(UnescapeBibTeX(name))})
	}
	if y, err := strconv.Atoi(strings.TrimSpace(f["year"])); err == nil {
		e.Year = y
	}
	if date := f["date"]; e.Year == 0 && len(date) >= 4 {
		e.Year, _ = strconv.Atoi(date[:4])
		if len(date) >= 7 {
			e.Month, _ = strconv.Atoi(date[5:7])
		}
		if len(date) >= 10 {
			e.Day, _ = strconv.Atoi(date[8:10])
		}
	}
	if m := strings.ToLower(strings.TrimSpace(f["month"])); m != "" && e.Month == 0 {
		if n, err := strconv.Atoi(m); err == nil {
			e.Month = n
		} else {
			for i, name := range bibMonths {
				if strings.HasPrefix(m, name) {
					e.Month = i + 1
				}
			}
		}
	}
	if d, err := strconv.Atoi(strings.TrimSpace(f["day"])); err == nil && e.Month > 0 {
		e.Day = d
	}
	e.DOI, e.URL, e.Abstract = f["doi"], f["url"], f["abstract"]
	e.Language = bibLanguage(f["language"])
	if e.Language == "" {
		e.Language = bibLanguage(f["langid"])
	}
	e.Normalize()
	return e, ""
}

func bibLanguage(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "french", "francais", "français":
		return "fr"
	case "english", "american", "british":
		return "en"
	case "dutch", "nederlands", "flemish":
		return "nl"
	case "spanish":
		return "es"
	case "german", "ngerman":
		return "de"
	}
	if slices.Contains(OutreachLanguages, s) {
		return s
	}
	return ""
}

// splitAuthors splits a BibTeX author list on " and " outside braces.
func splitAuthors(raw string) []string {
	var names []string
	depth, start := 0, 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ' ':
			if depth == 0 && strings.HasPrefix(strings.ToLower(raw[i:]), " and ") {
				names = append(names, raw[start:i])
				i += 4
				start = i + 1
			}
		}
	}
	names = append(names, raw[start:])
	var out []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// displayName writes "Last, First" as "First Last".
func displayName(name string) string {
	if last, first, ok := strings.Cut(name, ","); ok && strings.TrimSpace(first) != "" {
		return strings.TrimSpace(first) + " " + strings.TrimSpace(last)
	}
	return name
}
