package berceau

import (
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
)

// Search in the directory: accent- and case-insensitive, every query word
// must match the start of a word of the record (so "pédiatr" finds
// "pédiatrie" and "Pediatric"), ranked by where the words match (name before
// description) and how rare they are. The index lives in memory: it answers
// frequent words over 100 000 services in about a millisecond.

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

// Field weights: a word in a name counts more than one in a description.
const (
	WeightName        = 8
	WeightOrganisaton = 4
	WeightNeed        = 4
	WeightArea        = 2
	WeightDescription = 1
)

// WeightedText is a piece of a record's text and how much a match in it
// counts.
type WeightedText struct {
	Text   string
	Weight float32
}

// GeoPoint is a WGS84 position.
type GeoPoint struct{ Lat, Lon float64 }

// DistanceKm is the great-circle distance between two points.
func DistanceKm(a, b GeoPoint) float64 {
	const r = 6371.0
	dLat := (b.Lat - a.Lat) * math.Pi / 180
	dLon := (b.Lon - a.Lon) * math.Pi / 180
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*math.Pi/180)*math.Cos(b.Lat*math.Pi/180)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// DirectoryEntry is what search knows of a service: its public fields only.
type DirectoryEntry struct {
	ServiceID        string
	OrganizationID   string
	OrganizationKind string
	Name             Text
	OrganizationName Text
	Description      Text
	Status           ServiceStatus
	NeedIDs          []string
	Areas            []string
	Languages        []string // ISO codes, lowercase
	Profile          PerinatalProfile
	Schedules        []DirectorySchedule
	TimeZone         string
	Points           []GeoPoint // public locations only: never a redacted one
	PostalCodes      []string   // public locations only, normalized
	ConfirmedAt      time.Time
	LastModified     time.Time
	// Text is what the search matches, with weights.
	Text []WeightedText

	sortKey string // folded name, for ties
	week    *[7][]minuteRange
	zone    *time.Location
}

type minuteRange struct{ from, to int }

// weeklyHours turns plain weekly schedules into opening ranges per
// weekday; nil when a schedule has validity dates or another rhythm, which
// OpenAt then reads the slow way.
func weeklyHours(list []DirectorySchedule) *[7][]minuteRange {
	var week [7][]minuteRange
	for _, sc := range list {
		if (sc.Freq != "" && !strings.EqualFold(sc.Freq, "WEEKLY")) || sc.ValidFrom != "" || sc.ValidTo != "" {
			return nil
		}
		opens, ok1 := clockMinutes(sc.OpensAt)
		closes, ok2 := clockMinutes(sc.ClosesAt)
		if !ok1 || !ok2 {
			continue
		}
		for _, d := range sc.Days() {
			week[d] = append(week[d], minuteRange{opens, closes})
		}
	}
	return &week
}

// OpenAt reports whether the entry's schedules cover t.
func (e *DirectoryEntry) OpenAt(t time.Time) bool {
	if e.week == nil || e.zone == nil {
		return DirectoryService{TimeZone: e.TimeZone, Details: ServiceDetails{Schedules: e.Schedules}}.OpenAt(t)
	}
	t = t.In(e.zone)
	now := t.Hour()*60 + t.Minute()
	for _, r := range e.week[t.Weekday()] {
		if now >= r.from && now < r.to {
			return true
		}
	}
	return false
}

// NormalizePostalCode uppercases a postal code and removes its spaces.
func NormalizePostalCode(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// DirectoryQuery is a search: every part that is set narrows it.
type DirectoryQuery struct {
	Text           string
	NeedID         string
	Area           string
	Language       string
	PregnancyWeek  int  // 0: any
	ChildAgeMonths *int // nil: any
	FreeOnly       bool
	OpenNow        bool
	Now            time.Time
	Near           *GeoPoint
	RadiusKm       float64 // 0: no limit
	Offset, Limit  int
}

// DirectoryHit is one result.
type DirectoryHit struct {
	Entry      *DirectoryEntry
	Score      float64
	DistanceKm float64 // -1 without a position
}

type posting struct {
	doc    int32
	weight float32
}

// DirectoryIndex is an immutable in-memory search index. Build a new one
// to change it.
type DirectoryIndex struct {
	entries  []DirectoryEntry
	words    []string // sorted
	postings [][]posting
	byID     map[string]int
	areas    []string
	langs    []string
	scratch  sync.Pool
	// needDocs lists the entries of each need, so that browsing by need
	// does not look at every service.
	needDocs     map[string][]int32
	places       sync.Map // postal code → GeoPoint (or false when unknown)
	placesCached atomic.Int64
}

// BuildDirectoryIndex indexes entries.
func BuildDirectoryIndex(entries []DirectoryEntry) *DirectoryIndex {
	ix := &DirectoryIndex{entries: entries, byID: make(map[string]int, len(entries)), needDocs: map[string][]int32{}}
	perWord := map[string][]posting{}
	areas, langs := map[string]bool{}, map[string]bool{}
	for i := range entries {
		e := &entries[i]
		e.sortKey = FoldText(e.Name.String())
		e.week = weeklyHours(e.Schedules)
		e.zone = ServiceLocation(e.TimeZone)
		ix.byID[e.ServiceID] = i
		for _, n := range e.NeedIDs {
			ix.needDocs[n] = append(ix.needDocs[n], int32(i))
		}
		best := map[string]float32{}
		for _, f := range e.Text {
			for _, w := range SearchWords(f.Text) {
				if f.Weight > best[w] {
					best[w] = f.Weight
				}
			}
		}
		for w, weight := range best {
			perWord[w] = append(perWord[w], posting{int32(i), weight})
		}
		for _, a := range e.Areas {
			areas[a] = true
		}
		for _, l := range e.Languages {
			langs[l] = true
		}
	}
	ix.words = make([]string, 0, len(perWord))
	for w := range perWord {
		ix.words = append(ix.words, w)
	}
	sort.Strings(ix.words)
	ix.postings = make([][]posting, len(ix.words))
	for i, w := range ix.words {
		ix.postings[i] = perWord[w]
	}
	ix.areas, ix.langs = sortedKeys(areas), sortedKeys(langs)
	n := len(entries)
	ix.scratch.New = func() any { return &searchScratch{score: make([]float32, n), seen: make([]uint8, n)} }
	return ix
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type searchScratch struct {
	score []float32
	seen  []uint8
	docs  []int32
}

// Len is the number of indexed services.
func (ix *DirectoryIndex) Len() int { return len(ix.entries) }

// Areas lists the territories services declare, sorted.
func (ix *DirectoryIndex) Areas() []string { return ix.areas }

// Languages lists the language codes services declare, sorted.
func (ix *DirectoryIndex) Languages() []string { return ix.langs }

// Entry finds a service's entry.
func (ix *DirectoryIndex) Entry(serviceID string) (*DirectoryEntry, bool) {
	i, ok := ix.byID[serviceID]
	if !ok {
		return nil, false
	}
	return &ix.entries[i], true
}

// PostalCodePoint is the centre of the public locations whose postal code
// is code, or, failing that, shares its first three characters (a Canadian
// forward sortation area, a Belgian commune group).
func (ix *DirectoryIndex) PostalCodePoint(code string) (GeoPoint, bool) {
	code = NormalizePostalCode(code)
	if code == "" {
		return GeoPoint{}, false
	}
	if v, ok := ix.places.Load(code); ok {
		p, found := v.(GeoPoint)
		return p, found
	}
	p, found := ix.postalCodePoint(code)
	// Bounded: codes come from visitors.
	if ix.placesCached.Add(1) <= 10000 {
		if found {
			ix.places.Store(code, p)
		} else {
			ix.places.Store(code, false)
		}
	}
	return p, found
}

func (ix *DirectoryIndex) postalCodePoint(code string) (GeoPoint, bool) {
	for _, match := range []func(string) bool{
		func(pc string) bool { return pc == code },
		func(pc string) bool { return len(code) >= 3 && len(pc) >= 3 && pc[:3] == code[:3] },
	} {
		var sum GeoPoint
		n := 0
		for i := range ix.entries {
			e := &ix.entries[i]
			for j, pc := range e.PostalCodes {
				if j < len(e.Points) && match(pc) {
					sum.Lat += e.Points[j].Lat
					sum.Lon += e.Points[j].Lon
					n++
				}
			}
		}
		if n > 0 {
			return GeoPoint{sum.Lat / float64(n), sum.Lon / float64(n)}, true
		}
	}
	return GeoPoint{}, false
}

// wordRange is the range of indexed words starting with prefix.
func (ix *DirectoryIndex) wordRange(prefix string) (int, int) {
	lo := sort.SearchStrings(ix.words, prefix)
	hi := lo
	for hi < len(ix.words) && strings.HasPrefix(ix.words[hi], prefix) {
		hi++
	}
	return lo, hi
}

// Search runs q and returns one page of hits and the number of all hits.
func (ix *DirectoryIndex) Search(q DirectoryQuery) ([]DirectoryHit, int) {
	sc := ix.scratch.Get().(*searchScratch)
	defer ix.scratch.Put(sc)
	sc.docs = sc.docs[:0]
	words := QueryWords(q.Text)
	if len(words) > 8 {
		words = words[:8]
	}
	hasText := len(words) > 0
	if hasText {
		ix.matchWords(words, sc)
	} else if q.NeedID != "" {
		sc.docs = append(sc.docs, ix.needDocs[q.NeedID]...)
	} else {
		for i := range ix.entries {
			sc.docs = append(sc.docs, int32(i))
		}
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	// Keep only the best offset+limit hits, in order: sorting every match
	// of a frequent word cost more than finding them.
	k := q.Offset + q.Limit
	top := make([]DirectoryHit, 0, min(k, 256))
	total := 0
	for _, d := range sc.docs {
		e := &ix.entries[d]
		score := float64(0)
		if hasText {
			score = float64(sc.score[d])
			sc.score[d], sc.seen[d] = 0, 0
		}
		if !q.keeps(e) {
			continue
		}
		h := DirectoryHit{Entry: e, Score: score, DistanceKm: -1}
		if q.Near != nil {
			h.DistanceKm = nearest(*q.Near, e.Points)
			if q.RadiusKm > 0 && (h.DistanceKm < 0 || h.DistanceKm > q.RadiusKm) {
				continue
			}
		}
		total++
		if len(top) == k && !hitLess(h, top[k-1], hasText) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return hitLess(h, top[i], hasText) })
		if len(top) < k {
			top = append(top, DirectoryHit{})
		}
		copy(top[i+1:], top[i:len(top)-1])
		top[i] = h
	}
	if q.Offset >= len(top) {
		return nil, total
	}
	return top[q.Offset:], total
}

// matchWords leaves in sc.docs the entries that match every word, with
// their scores in sc.score.
func (ix *DirectoryIndex) matchWords(words []string, sc *searchScratch) {
	n := float64(len(ix.entries))
	for wi, w := range words {
		lo, hi := ix.wordRange(w)
		df := 0
		for k := lo; k < hi; k++ {
			df += len(ix.postings[k])
		}
		idf := float32(math.Log(1 + n/float64(max(df, 1))))
		for k := lo; k < hi; k++ {
			exact := float32(0.7)
			if ix.words[k] == w {
				exact = 1
			}
			for _, p := range ix.postings[k] {
				// Only documents that matched every earlier word, and not yet
				// this one (the exact form comes first in the range).
				if int(sc.seen[p.doc]) != wi {
					continue
				}
				sc.seen[p.doc] = uint8(wi + 1)
				if wi == 0 {
					sc.docs = append(sc.docs, p.doc)
				}
				sc.score[p.doc] += p.weight * exact * idf
			}
		}
	}
	// Keep the documents that matched every word; reset the others.
	kept := sc.docs[:0]
	for _, d := range sc.docs {
		if int(sc.seen[d]) == len(words) {
			kept = append(kept, d)
		} else {
			sc.score[d], sc.seen[d] = 0, 0
		}
	}
	sc.docs = kept
}

func nearest(from GeoPoint, points []GeoPoint) float64 {
	best := -1.0
	for _, p := range points {
		if d := DistanceKm(from, p); best < 0 || d < best {
			best = d
		}
	}
	return best
}

func hitLess(a, b DirectoryHit, byScore bool) bool {
	if byScore && a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.DistanceKm != b.DistanceKm {
		if a.DistanceKm < 0 || b.DistanceKm < 0 {
			return b.DistanceKm < 0
		}
		return a.DistanceKm < b.DistanceKm
	}
	if a.Entry.sortKey != b.Entry.sortKey {
		return a.Entry.sortKey < b.Entry.sortKey
	}
	return a.Entry.ServiceID < b.Entry.ServiceID
}

// keeps applies the query's filters to e.
func (q DirectoryQuery) keeps(e *DirectoryEntry) bool {
	if e.Status != ServiceActive && e.Status != ServiceTemporarilyClosed {
		return false
	}
	if q.NeedID != "" && !contains(e.NeedIDs, q.NeedID) {
		return false
	}
	if q.Area != "" && !contains(e.Areas, q.Area) {
		return false
	}
	if q.Language != "" && !contains(e.Languages, strings.ToLower(q.Language)) {
		return false
	}
	if q.PregnancyWeek > 0 && !e.Profile.ServesPregnancyWeek(q.PregnancyWeek) {
		return false
	}
	if q.ChildAgeMonths != nil && !e.Profile.ServesChildAgeMonths(*q.ChildAgeMonths) {
		return false
	}
	if q.FreeOnly && !e.Profile.FreeOfCharge {
		return false
	}
	if q.OpenNow && !e.OpenAt(q.Now) {
		return false
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
