package knowledge

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// The outreach register lists what the network shows of itself outside:
// media coverage, research projects, publications and conference talks,
// each exportable as BibTeX, RIS and CSL-JSON.

// OutreachKind says what an entry is.
type OutreachKind string

// The kinds of outreach entry.
const (
	OutreachMedia       OutreachKind = "media"       // media coverage: an article, a broadcast
	OutreachResearch    OutreachKind = "research"    // a research project
	OutreachPublication OutreachKind = "publication" // a publication: article, report, chapter
	OutreachTalk        OutreachKind = "talk"        // a conference talk
)

// OutreachKinds lists every kind, in the order the interface shows them.
var OutreachKinds = []OutreachKind{OutreachMedia, OutreachResearch, OutreachPublication, OutreachTalk}

// Valid reports whether k is one of OutreachKinds.
func (k OutreachKind) Valid() bool {
	for _, known := range OutreachKinds {
		if k == known {
			return true
		}
	}
	return false
}

// Limits of an entry.
const (
	MaxOutreachTitle    = 500
	MaxOutreachText     = 300
	MaxOutreachAbstract = 10_000
	MaxOutreachAuthors  = 50
	MaxOutreachRelated  = 50
)

// OutreachLanguages are the languages an entry may be in.
var OutreachLanguages = []string{"fr", "en", "nl", "es", "de"}

// OutreachAuthor is one author, in order: a person of the network (UserID,
// with their name as shown then) or someone from outside (Name only).
type OutreachAuthor struct {
	UserID int64
	Name   string
}

// OutreachEntry is one entry of the register. Its date may be a year, a
// month or a day (Month and Day 0 when unknown).
type OutreachEntry struct {
	ID        int64
	Kind      OutreachKind
	Title     string
	Authors   []OutreachAuthor
	Year      int
	Month     int
	Day       int
	Outlet    string // the newspaper, journal, conference or funder
	DOI       string // 10.xxxx/...
	URL       string
	Abstract  string
	Language  string
	StaffIDs  []int64 // people of the network it concerns
	SiteIDs   []int64 // sites of the network it concerns
	CreatedBy int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

var doiPattern = regexp.MustCompile(`^10\.[0-9]{4,9}/\S+$`)

// Normalize trims what an editor typed and strips a DOI's resolver prefix.
func (e *OutreachEntry) Normalize() {
	e.Title = strings.Join(strings.Fields(e.Title), " ")
	e.Outlet = strings.TrimSpace(e.Outlet)
	e.DOI = strings.TrimSpace(e.DOI)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"} {
		if len(e.DOI) > len(p) && strings.EqualFold(e.DOI[:len(p)], p) {
			e.DOI = e.DOI[len(p):]
		}
	}
	e.URL = strings.TrimSpace(e.URL)
	e.Abstract = strings.TrimSpace(e.Abstract)
	e.Language = strings.ToLower(strings.TrimSpace(e.Language))
	var authors []OutreachAuthor
	for _, a := range e.Authors {
		a.Name = strings.Join(strings.Fields(a.Name), " ")
		if a.Name != "" || a.UserID != 0 {
			authors = append(authors, a)
		}
	}
	e.Authors = authors
	e.StaffIDs, e.SiteIDs = uniqueIDs(e.StaffIDs), uniqueIDs(e.SiteIDs)
}

func uniqueIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Validate checks an entry an editor submits or an import reads.
func (e OutreachEntry) Validate() error {
	fields := berceau.FieldCheck{}
	if !e.Kind.Valid() {
		fields.Set("kind", "error.required")
	}
	if e.Title == "" {
		fields.Set("title", "error.required")
	}
	fields.Length("title", e.Title, MaxOutreachTitle)
	if len(e.Authors) == 0 {
		fields.Set("authors", "outreach.error.author_required")
	} else if len(e.Authors) > MaxOutreachAuthors {
		fields.Set("authors", "outreach.error.too_many")
	}
	for _, a := range e.Authors {
		if a.UserID == 0 && a.Name == "" {
			fields.Set("authors", "outreach.error.author_required")
		}
		fields.Length("authors", a.Name, MaxOutreachText)
	}
	if e.Year < berceau.MinYear || e.Year > berceau.MaxYear {
		fields.Set("date", "outreach.error.date")
	} else if e.Month < 0 || e.Month > 12 || e.Day < 0 || e.Day > 31 || (e.Day > 0 && e.Month == 0) {
		fields.Set("date", "outreach.error.date")
	} else if e.Day > 0 {
		if d := time.Date(e.Year, time.Month(e.Month), e.Day, 0, 0, 0, 0, time.UTC); d.Day() != e.Day {
			fields.Set("date", "outreach.error.date")
		}
	}
	fields.Length("outlet", e.Outlet, MaxOutreachText)
	if e.DOI != "" && (!doiPattern.MatchString(e.DOI) || len(e.DOI) > MaxOutreachText) {
		fields.Set("doi", "outreach.error.doi")
	}
	fields.URL("url", e.URL)
	fields.Length("abstract", e.Abstract, MaxOutreachAbstract)
	if e.Language != "" && !slices.Contains(OutreachLanguages, e.Language) {
		fields.Set("language", "error.required")
	}
	if len(e.StaffIDs) > MaxOutreachRelated || len(e.SiteIDs) > MaxOutreachRelated {
		fields.Set("related", "outreach.error.too_many")
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// DateISO is the entry's date as far as it is known: 2026, 2026-03 or 2026-03-14.
func (e OutreachEntry) DateISO() string {
	switch {
	case e.Month == 0:
		return fmt.Sprintf("%04d", e.Year)
	case e.Day == 0:
		return fmt.Sprintf("%04d-%02d", e.Year, e.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", e.Year, e.Month, e.Day)
}

// Key is the entry's citation key: first author's last name, year and id
// ("tremblay2026-12"), ASCII only, stable.
func (e OutreachEntry) Key() string {
	name := "berceau"
	if len(e.Authors) > 0 {
		_, last := SplitName(e.Authors[0].Name)
		if s := strings.ReplaceAll(Slugify(last), "-", ""); s != "" {
			name = s
		}
	}
	return fmt.Sprintf("%s%d-%d", name, e.Year, e.ID)
}

// SplitName splits a written name into given names and family name: "Last,
// First" as BibTeX writes it, else the last word is the family name,
// together with the particles before it (de, van, von, da, du, le, la).
func SplitName(name string) (given, family string) {
	name = strings.TrimSpace(name)
	if first, last, ok := strings.Cut(name, ","); ok {
		return strings.TrimSpace(last), strings.TrimSpace(first)
	}
	words := strings.Fields(name)
	if len(words) <= 1 {
		return "", name
	}
	i := len(words) - 1
	for i > 1 && slices.Contains([]string{"de", "van", "von", "da", "du", "le", "la", "der", "den", "des"}, strings.ToLower(words[i-1])) {
		i--
	}
	return strings.Join(words[:i], " "), strings.Join(words[i:], " ")
}

// OutreachFilter selects entries of the register.
type OutreachFilter struct {
	Kind   OutreachKind
	Year   int
	Person int64 // an account: author or related staff
	Limit  int
	Offset int
}
