package search

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// Search in the directory: accent- and case-insensitive, every query word
// must match the start of a word of the record (so "pédiatr" finds
// "pédiatrie" and "Pediatric"), ranked by where the words match (name before
// description) and how rare they are. The index lives in memory: it answers
// frequent words over 100 000 services in about a millisecond.

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
	Name             berceau.Text
	OrganizationName berceau.Text
	Description      berceau.Text
	Status           directory.ServiceStatus
	NeedIDs          []string
	Areas            []string
	Languages        []string // ISO codes, lowercase
	Profile          directory.PerinatalProfile
	Schedules        []directory.DirectorySchedule
	TimeZone         string
	Points           []GeoPoint // public locations only: never a redacted one
	PostalCodes      []string   // public locations only, normalized
	Addresses        []string   // public locations only, one line each ("7400, boul. Saint-Laurent, Montréal H2R 2Y1")
	ConfirmedAt      time.Time
	LastModified     time.Time
	// Text is what the search matches, with weights.
	Text []WeightedText

	sortKey string // folded name, for ties (the index ranks entries by it)
	week    *[7][]minuteRange
	zone    *time.Location
}

type minuteRange struct{ from, to int }

// weeklyHours turns plain weekly schedules into opening ranges per
// weekday; nil when a schedule has validity dates or another rhythm, which
// OpenAt then reads the slow way.
func weeklyHours(list []directory.DirectorySchedule) *[7][]minuteRange {
	var week [7][]minuteRange
	for _, sc := range list {
		if (sc.Freq != "" && !strings.EqualFold(sc.Freq, "WEEKLY")) || sc.ValidFrom != "" || sc.ValidTo != "" {
			return nil
		}
		opens, ok1 := directory.ClockMinutes(sc.OpensAt)
		closes, ok2 := directory.ClockMinutes(sc.ClosesAt)
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
		return directory.DirectoryService{TimeZone: e.TimeZone, Details: directory.ServiceDetails{Schedules: e.Schedules}}.OpenAt(t)
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

// docFacts are the facts the filters read, packed per entry so that
// filtering tens of thousands of matches stays in a few cache lines.
type docFacts struct {
	rank                   int32 // position in name order, for ties
	flags                  uint8
	weekMin, weekMax       uint8 // gestational weeks, 0: no bound
	monthsMin, monthsMax   uint8 // child age in months, 0: no bound
	slow                   bool  // a bound outside 0–255: read the entry's profile
	hasPoints, hasSchedule bool
	// weekClass is the entry's weekly hours and time zone among the
	// distinct ones (services often share them), -1 when OpenAt must read
	// the entry's schedules.
	weekClass int32
	// point is the entry's only position among the index's points, -1
	// when it has none or several (then read docPoints).
	point int32
}

const (
	factLive uint8 = 1 << iota // active or temporarily closed
	factFree
	factPregnancy
	factAfterBirth
)

// weekClass is one distinct combination of weekly hours and time zone.
type weekClass struct {
	week *[7][]minuteRange
	zone *time.Location
}

// bitset marks entries by position.
type bitset []uint64

func (b bitset) has(i int32) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

// facet is, for one filter value (a need, an area, a language), the entries
// that have it, in order, and a bitset of them when it is frequent enough to
// be worth 1 bit per service.
type facet struct {
	docs []int32
	bits bitset
}

// DirectoryIndex is an immutable in-memory search index. Build a new one
// to change it.
type DirectoryIndex struct {
	entries  []DirectoryEntry
	facts    []docFacts
	words    []string // sorted
	postings [][]posting
	byID     map[string]int
	areas    []string
	langs    []string
	scratch  sync.Pool
	// Entries per need, territory and language: browsing or filtering by
	// them does not look at every service.
	needs, areaDocs, langDocs map[string]*facet
	weekClasses               []weekClass
	// points are the distinct public positions; docPoints, per entry, its
	// positions among them (same order as Points), so that a distance is
	// computed once per place and query, not once per service.
	points       []GeoPoint
	docPoints    [][]int32
	places       sync.Map // postal code → GeoPoint (or false when unknown)
	placesCached atomic.Int64
}

// BuildDirectoryIndex indexes entries.
func BuildDirectoryIndex(entries []DirectoryEntry) *DirectoryIndex {
	n := len(entries)
	ix := &DirectoryIndex{entries: entries, facts: make([]docFacts, n), byID: make(map[string]int, n),
		needs: map[string]*facet{}, areaDocs: map[string]*facet{}, langDocs: map[string]*facet{}}
	perWord := map[string][]posting{}
	add := func(m map[string]*facet, key string, i int) {
		f := m[key]
		if f == nil {
			f = &facet{}
			m[key] = f
		}
		if k := len(f.docs); k == 0 || f.docs[k-1] != int32(i) {
			f.docs = append(f.docs, int32(i))
		}
	}
	best := map[string]float32{}
	classes := map[string]int32{}
	pointIDs := map[GeoPoint]int32{}
	ix.docPoints = make([][]int32, n)
	for i := range entries {
		e := &entries[i]
		e.sortKey = berceau.FoldText(e.Name.String())
		e.week = weeklyHours(e.Schedules)
		e.zone = directory.ServiceLocation(e.TimeZone)
		ix.byID[e.ServiceID] = i
		ix.facts[i] = factsOf(e)
		ix.facts[i].weekClass = -1
		if e.week != nil && e.zone != nil {
			key := fmt.Sprint(e.zone.String(), *e.week)
			c, ok := classes[key]
			if !ok {
				c = int32(len(ix.weekClasses))
				classes[key] = c
				ix.weekClasses = append(ix.weekClasses, weekClass{e.week, e.zone})
			}
			ix.facts[i].weekClass = c
		}
		for _, p := range e.Points {
			id, ok := pointIDs[p]
			if !ok {
				id = int32(len(ix.points))
				pointIDs[p] = id
				ix.points = append(ix.points, p)
			}
			ix.docPoints[i] = append(ix.docPoints[i], id)
		}
		ix.facts[i].point = -1
		if len(e.Points) == 1 {
			ix.facts[i].point = ix.docPoints[i][0]
		}
		for _, need := range e.NeedIDs {
			add(ix.needs, need, i)
		}
		for _, a := range e.Areas {
			add(ix.areaDocs, a, i)
		}
		for _, l := range e.Languages {
			add(ix.langDocs, l, i)
		}
		clear(best)
		for _, f := range e.Text {
			for _, w := range berceau.SearchWords(f.Text) {
				if f.Weight > best[w] {
					best[w] = f.Weight
				}
			}
		}
		for w, weight := range best {
			perWord[w] = append(perWord[w], posting{int32(i), weight})
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
	// Ties between equal scores and distances go by name, then id: rank
	// is that order, so comparing two hits never compares strings.
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(a, b int) bool {
		ea, eb := &entries[order[a]], &entries[order[b]]
		if ea.sortKey != eb.sortKey {
			return ea.sortKey < eb.sortKey
		}
		return ea.ServiceID < eb.ServiceID
	})
	for r, i := range order {
		ix.facts[i].rank = int32(r)
	}
	for _, m := range []map[string]*facet{ix.needs, ix.areaDocs, ix.langDocs} {
		for _, f := range m {
			// A bitset costs n/8 bytes: only for values held by at least one
			// service in 64, so at most 64 per kind of filter.
			if len(f.docs)*64 >= n && n > 0 {
				f.bits = make(bitset, (n+63)/64)
				for _, d := range f.docs {
					f.bits[d>>6] |= 1 << (uint(d) & 63)
				}
			}
		}
	}
	ix.areas, ix.langs = sortedFacetKeys(ix.areaDocs), sortedFacetKeys(ix.langDocs)
	ix.scratch.New = func() any {
		return &searchScratch{score: make([]float32, n), seen: make([]uint8, n), dist: make([]float64, len(ix.points)),
			distAt: make([]uint32, len(ix.points))}
	}
	return ix
}

func factsOf(e *DirectoryEntry) docFacts {
	f := docFacts{hasPoints: len(e.Points) > 0, hasSchedule: len(e.Schedules) > 0}
	p := e.Profile
	if e.Status == directory.ServiceActive || e.Status == directory.ServiceTemporarilyClosed {
		f.flags |= factLive
	}
	if p.FreeOfCharge {
		f.flags |= factFree
	}
	if p.DuringPregnancy {
		f.flags |= factPregnancy
	}
	if p.AfterBirth {
		f.flags |= factAfterBirth
	}
	small := func(v int) uint8 {
		if v < 0 || v > 255 {
			f.slow = true
			return 0
		}
		return uint8(v)
	}
	f.weekMin, f.weekMax = small(p.GestationalWeeksMin), small(p.GestationalWeeksMax)
	f.monthsMin, f.monthsMax = small(p.ChildAgeMonthsMin), small(p.ChildAgeMonthsMax)
	return f
}

func sortedFacetKeys(m map[string]*facet) []string {
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
	top   hitHeap
	// dist[p] is the distance to point p when distAt[p] is this query's
	// stamp.
	dist   []float64
	distAt []uint32
	stamp  uint32
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

// filter is a query made ready to test entries: the facet lists resolved
// once rather than strings compared for every entry.
type filter struct {
	q                *DirectoryQuery
	need, area, lang *facet
	langKey          string // the language code, lowercase
	// impossible: a filter value no service has.
	impossible bool
	// open[c]: 1 when weekly hours c are open at q.Now, -1 when not, 0
	// not worked out yet.
	open []int8
}

func (ix *DirectoryIndex) newFilter(q *DirectoryQuery) filter {
	f := filter{q: q}
	pick := func(m map[string]*facet, key string) *facet {
		if key == "" {
			return nil
		}
		fc := m[key]
		if fc == nil {
			f.impossible = true
		}
		return fc
	}
	f.need = pick(ix.needs, q.NeedID)
	f.area = pick(ix.areaDocs, q.Area)
	f.langKey = strings.ToLower(q.Language)
	f.lang = pick(ix.langDocs, f.langKey)
	return f
}

// smallest is the shortest list of entries a set filter allows, nil when no
// facet filter is set.
func (f *filter) smallest() []int32 {
	var best []int32
	found := false
	for _, fc := range []*facet{f.need, f.area, f.lang} {
		if fc != nil && (!found || len(fc.docs) < len(best)) {
			best, found = fc.docs, true
		}
	}
	if !found {
		return nil
	}
	return best
}

func (fc *facet) has(d int32) bool {
	if fc.bits != nil {
		return fc.bits.has(d)
	}
	_, found := slices.BinarySearch(fc.docs, d)
	return found
}

// keeps applies the query's filters to entry d.
func (ix *DirectoryIndex) keeps(f *filter, d int32) bool {
	fa := &ix.facts[d]
	if fa.flags&factLive == 0 {
		return false
	}
	q := f.q
	if q.FreeOnly && fa.flags&factFree == 0 {
		return false
	}
	if fa.slow {
		p := &ix.entries[d].Profile
		if (q.PregnancyWeek > 0 && !p.ServesPregnancyWeek(q.PregnancyWeek)) || (q.ChildAgeMonths != nil && !p.ServesChildAgeMonths(*q.ChildAgeMonths)) {
			return false
		}
	} else {
		if w := q.PregnancyWeek; w > 0 && (fa.flags&factPregnancy == 0 || (fa.weekMin != 0 && w < int(fa.weekMin)) ||
			(fa.weekMax != 0 && w > int(fa.weekMax))) {
			return false
		}
		if q.ChildAgeMonths != nil {
			if m := *q.ChildAgeMonths; fa.flags&factAfterBirth == 0 || (fa.monthsMin != 0 && m < int(fa.monthsMin)) ||
				(fa.monthsMax != 0 && m > int(fa.monthsMax)) {
				return false
			}
		}
	}
	if f.need != nil && !f.need.has(d) {
		return false
	}
	if f.area != nil && !f.area.has(d) {
		return false
	}
	if f.lang != nil && !f.lang.has(d) {
		return false
	}
	if q.OpenNow && !ix.openAt(f, d) {
		return false
	}
	return true
}

// openAt is entries[d].OpenAt(q.Now), worked out once per distinct weekly
// hours and zone rather than once per entry.
func (ix *DirectoryIndex) openAt(f *filter, d int32) bool {
	c := ix.facts[d].weekClass
	if c < 0 {
		return ix.entries[d].OpenAt(f.q.Now)
	}
	if f.open == nil {
		f.open = make([]int8, len(ix.weekClasses))
	}
	switch f.open[c] {
	case 1:
		return true
	case -1:
		return false
	}
	wc := ix.weekClasses[c]
	t := f.q.Now.In(wc.zone)
	day, mins := t.Weekday(), t.Hour()*60+t.Minute()
	open := false
	for _, r := range wc.week[day] {
		if mins >= r.from && mins < r.to {
			open = true
			break
		}
	}
	f.open[c] = -1
	if open {
		f.open[c] = 1
	}
	return open
}

// nearest is nearest(from, entries[d].Points), each place's distance
// computed once per query.
func (ix *DirectoryIndex) nearest(sc *searchScratch, from GeoPoint, d int32) float64 {
	if p := ix.facts[d].point; p >= 0 {
		if sc.distAt[p] != sc.stamp {
			sc.dist[p], sc.distAt[p] = DistanceKm(from, ix.points[p]), sc.stamp
		}
		return sc.dist[p]
	}
	best := -1.0
	for _, p := range ix.docPoints[d] {
		if sc.distAt[p] != sc.stamp {
			sc.dist[p], sc.distAt[p] = DistanceKm(from, ix.points[p]), sc.stamp
		}
		if dist := sc.dist[p]; best < 0 || dist < best {
			best = dist
		}
	}
	return best
}

// Search runs q and returns one page of hits and the number of all hits.
// Only the best offset+limit hits are kept and ordered (a bounded heap): the
// count of all hits stays exact.
func (ix *DirectoryIndex) Search(q DirectoryQuery) ([]DirectoryHit, int) {
	sc := ix.scratch.Get().(*searchScratch)
	defer ix.scratch.Put(sc)
	sc.docs = sc.docs[:0]
	if q.Limit <= 0 {
		q.Limit = 20
	}
	f := ix.newFilter(&q)
	words := berceau.QueryWords(q.Text)
	if len(words) > 8 {
		words = words[:8]
	}
	hasText := len(words) > 0
	if f.impossible {
		return nil, 0
	}
	var candidates []int32
	list := f.smallest()
	if hasText {
		ix.matchWords(words, sc)
		candidates = sc.docs
		if list != nil && len(list) < len(candidates) {
			// A rare filter value: go through its services and keep those
			// that matched every word.
			candidates = list
		}
	} else if list != nil {
		candidates = list
	}
	if q.Near != nil {
		sc.stamp++
		if sc.stamp == 0 { // wrapped: forget every stamp
			clear(sc.distAt)
			sc.stamp = 1
		}
	}
	nwords := uint8(len(words))
	k := q.Offset + q.Limit
	top := &sc.top
	top.reset(k, hasText)
	total := 0
	consider := func(d int32) {
		score := float64(0)
		if hasText {
			if sc.seen[d] != nwords {
				return
			}
			score = float64(sc.score[d])
		}
		if !ix.keeps(&f, d) {
			return
		}
		h := scored{doc: d, score: score, dist: -1}
		if q.Near != nil && ix.facts[d].hasPoints {
			h.dist = ix.nearest(sc, *q.Near, d)
		}
		if q.Near != nil && q.RadiusKm > 0 && (h.dist < 0 || h.dist > q.RadiusKm) {
			return
		}
		total++
		top.offer(h, &ix.facts)
	}
	if candidates == nil && !hasText {
		for d := range ix.entries {
			consider(int32(d))
		}
	} else {
		for _, d := range candidates {
			consider(d)
		}
	}
	if hasText {
		ix.resetScores(sc)
	}
	ordered := top.sorted(&ix.facts)
	if q.Offset >= len(ordered) {
		return nil, total
	}
	hits := make([]DirectoryHit, 0, len(ordered)-q.Offset)
	for _, h := range ordered[q.Offset:] {
		hits = append(hits, DirectoryHit{Entry: &ix.entries[h.doc], Score: h.score, DistanceKm: h.dist})
	}
	return hits, total
}

func (ix *DirectoryIndex) resetScores(sc *searchScratch) {
	for _, d := range sc.docs {
		sc.score[d], sc.seen[d] = 0, 0
	}
}

// matchWords leaves in sc.docs the entries that match every word, with
// their scores in sc.score; the caller resets them with resetScores.
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

// scored is a hit while searching.
type scored struct {
	doc   int32
	score float64
	dist  float64
}

// better orders hits: by score when the query has words, then nearest
// first (no position last), then by name and id (the rank).
func better(a, b scored, byScore bool, facts *[]docFacts) bool {
	if byScore && a.score != b.score {
		return a.score > b.score
	}
	if a.dist != b.dist {
		if a.dist < 0 || b.dist < 0 {
			return b.dist < 0
		}
		return a.dist < b.dist
	}
	return (*facts)[a.doc].rank < (*facts)[b.doc].rank
}

// hitHeap keeps the best k hits, the worst of them at the root.
type hitHeap struct {
	h       []scored
	k       int
	byScore bool
}

func (t *hitHeap) reset(k int, byScore bool) {
	t.h, t.k, t.byScore = t.h[:0], k, byScore
}

func (t *hitHeap) offer(s scored, facts *[]docFacts) {
	if len(t.h) < t.k {
		t.h = append(t.h, s)
		// Sift up: a parent must be worse than its children.
		i := len(t.h) - 1
		for i > 0 {
			p := (i - 1) / 2
			if !better(t.h[p], t.h[i], t.byScore, facts) {
				break
			}
			t.h[p], t.h[i] = t.h[i], t.h[p]
			i = p
		}
		return
	}
	if !better(s, t.h[0], t.byScore, facts) {
		return
	}
	t.h[0] = s
	i, n := 0, len(t.h)
	for {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < n && better(t.h[worst], t.h[l], t.byScore, facts) {
			worst = l
		}
		if r < n && better(t.h[worst], t.h[r], t.byScore, facts) {
			worst = r
		}
		if worst == i {
			return
		}
		t.h[i], t.h[worst] = t.h[worst], t.h[i]
		i = worst
	}
}

// sorted is the kept hits, best first.
func (t *hitHeap) sorted(facts *[]docFacts) []scored {
	sort.Slice(t.h, func(i, j int) bool { return better(t.h[i], t.h[j], t.byScore, facts) })
	return t.h
}

// keeps applies the query's filters to e, the slow way: it is what Search
// does with its precomputed facts (a test compares the two).
func (q DirectoryQuery) keeps(e *DirectoryEntry) bool {
	if e.Status != directory.ServiceActive && e.Status != directory.ServiceTemporarilyClosed {
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
