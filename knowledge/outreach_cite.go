package knowledge

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Citation formats of the outreach register: BibTeX (for LaTeX users and
// reference managers), RIS (Zotero, EndNote, Mendeley) and CSL-JSON (the
// Citation Style Language's data, read by Zotero, Pandoc and citeproc).

// bibType is the BibTeX entry type of a kind, and the field its outlet goes in.
func bibType(k OutreachKind) (entryType, outletField string) {
	switch k {
	case OutreachPublication:
		return "article", "journal"
	case OutreachTalk:
		return "inproceedings", "booktitle"
	}
	return "misc", "howpublished"
}

// bibKeyword marks the kinds BibTeX has no type for, so that an import
// reads them back as they were.
var bibKeyword = map[OutreachKind]string{OutreachMedia: "media-coverage", OutreachResearch: "research-project"}

var bibMonths = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// EscapeBibTeX writes s for a braced BibTeX value: UTF-8 stays as it is;
// the characters LaTeX or BibTeX would read as commands or structure are
// escaped, braces by commands inside their own balanced group so that an
// unbalanced brace in a title never breaks the entry.
func EscapeBibTeX(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`{\textbackslash}`)
		case '{':
			b.WriteString(`{\textbraceleft}`)
		case '}':
			b.WriteString(`{\textbraceright}`)
		case '%', '&', '#', '_', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`{\textasciitilde}`)
		case '^':
			b.WriteString(`{\textasciicircum}`)
		case '\r', '\n', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// BibTeX writes entries as a BibTeX database.
func BibTeX(entries []OutreachEntry) string {
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteString("\n")
		}
		typ, outletField := bibType(e.Kind)
		fmt.Fprintf(&b, "@%s{%s,\n", typ, e.Key())
		field := func(name, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %s = {%s},\n", name, EscapeBibTeX(value))
			}
		}
		var names []string
		for _, a := range e.Authors {
			given, family := SplitName(a.Name)
			name := EscapeBibTeX(family)
			if strings.Contains(" "+strings.ToLower(family)+" ", " and ") || strings.Contains(family, ",") {
				name = "{" + name + "}"
			}
			if given != "" {
				name += ", " + EscapeBibTeX(given)
			}
			names = append(names, name)
		}
		if len(names) > 0 {
			fmt.Fprintf(&b, "  author = {%s},\n", strings.Join(names, " and "))
		}
		field("title", e.Title)
		field(outletField, e.Outlet)
		fmt.Fprintf(&b, "  year = {%d},\n", e.Year)
		if e.Month > 0 {
			fmt.Fprintf(&b, "  month = %s,\n", bibMonths[e.Month-1])
		}
		if e.Day > 0 {
			fmt.Fprintf(&b, "  day = {%d},\n", e.Day)
		}
		field("doi", e.DOI)
		field("url", e.URL)
		field("abstract", e.Abstract)
		field("language", e.Language)
		field("keywords", bibKeyword[e.Kind])
		b.WriteString("}\n")
	}
	return b.String()
}

// risType is the RIS reference type of a kind.
var risType = map[OutreachKind]string{OutreachMedia: "NEWS", OutreachResearch: "GEN", OutreachPublication: "JOUR", OutreachTalk: "CPAPER"}

// RIS writes entries in the RIS format: one "TAG  - value" line per field
// (CRLF ends), each reference closed by "ER  - ".
func RIS(entries []OutreachEntry) string {
	var b strings.Builder
	tag := func(t, v string) {
		v = strings.Join(strings.Fields(v), " ")
		if v != "" || t == "ER" {
			b.WriteString(t + "  - " + v + "\r\n")
		}
	}
	for _, e := range entries {
		tag("TY", risType[e.Kind])
		for _, a := range e.Authors {
			given, family := SplitName(a.Name)
			if given != "" {
				family += ", " + given
			}
			tag("AU", family)
		}
		tag("TI", e.Title)
		outletTag := "T2"
		if e.Kind == OutreachPublication {
			outletTag = "JO"
		}
		tag(outletTag, e.Outlet)
		tag("PY", strconv.Itoa(e.Year))
		date := fmt.Sprintf("%04d/", e.Year)
		if e.Month > 0 {
			date += fmt.Sprintf("%02d/", e.Month)
			if e.Day > 0 {
				date += fmt.Sprintf("%02d/", e.Day)
			} else {
				date += "/"
			}
		} else {
			date += "//"
		}
		tag("DA", date)
		tag("DO", e.DOI)
		tag("UR", e.URL)
		tag("AB", e.Abstract)
		tag("LA", e.Language)
		tag("ID", e.Key())
		tag("ER", "")
	}
	return b.String()
}

// cslType is the CSL type of a kind.
var cslType = map[OutreachKind]string{OutreachMedia: "article-newspaper", OutreachResearch: "report",
	OutreachPublication: "article-journal", OutreachTalk: "speech"}

// CSLName is a CSL name variable.
type CSLName struct {
	Family string `json:"family,omitempty"`
	Given  string `json:"given,omitempty"`
}

// CSLDate is a CSL date variable.
type CSLDate struct {
	DateParts [][]int `json:"date-parts"`
}

// CSLItem is one item of CSL-JSON, after the CSL schema (csl-data.json).
type CSLItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	Author         []CSLName `json:"author,omitempty"`
	Issued         CSLDate   `json:"issued"`
	ContainerTitle string    `json:"container-title,omitempty"`
	EventTitle     string    `json:"event-title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	DOI            string    `json:"DOI,omitempty"`
	URL            string    `json:"URL,omitempty"`
	Abstract       string    `json:"abstract,omitempty"`
	Language       string    `json:"language,omitempty"`
	Genre          string    `json:"genre,omitempty"`
}

// CSLJSON writes entries as a CSL-JSON array.
func CSLJSON(entries []OutreachEntry) ([]byte, error) {
	items := make([]CSLItem, 0, len(entries))
	for _, e := range entries {
		it := CSLItem{ID: e.Key(), Type: cslType[e.Kind], Title: e.Title, DOI: e.DOI, URL: e.URL, Abstract: e.Abstract, Language: e.Language}
		parts := []int{e.Year}
		if e.Month > 0 {
			parts = append(parts, e.Month)
			if e.Day > 0 {
				parts = append(parts, e.Day)
			}
		}
		it.Issued = CSLDate{DateParts: [][]int{parts}}
		for _, a := range e.Authors {
			given, family := SplitName(a.Name)
			it.Author = append(it.Author, CSLName{Family: family, Given: given})
		}
		switch e.Kind {
		case OutreachTalk:
			it.EventTitle = e.Outlet
		case OutreachResearch:
			it.Publisher, it.Genre = e.Outlet, "research project"
		default:
			it.ContainerTitle = e.Outlet
		}
		items = append(items, it)
	}
	return json.MarshalIndent(items, "", "  ")
}
