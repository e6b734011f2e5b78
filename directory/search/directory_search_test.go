package search

import (
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

func searchEntries() []DirectoryEntry {
	entry := func(id, fr, en, descFR, descEN string, needs ...string) DirectoryEntry {
		e := DirectoryEntry{ServiceID: id, Name: berceau.TextOf("fr", fr, "en", en), Description: berceau.TextOf("fr", descFR, "en", descEN),
			Status: directory.ServiceActive, NeedIDs: needs}
		e.Text = []WeightedText{{fr, WeightName}, {en, WeightName}, {descFR, WeightDescription}, {descEN, WeightDescription}}
		return e
	}
	return []DirectoryEntry{
		entry("cspc", "Centre de pédiatrie sociale Hochelaga", "Hochelaga social pediatrics centre",
			"Soins aux enfants et soutien aux familles", "Care for children and support for families"),
		entry("clinique", "Clinique pédiatrique du quartier", "Neighbourhood pediatric clinic",
			"Consultations pour les tout-petits", "Consultations for toddlers"),
		entry("allaitement", "Halte allaitement", "Breastfeeding drop-in",
			"Soutien à l'allaitement par des marraines", "Breastfeeding support by peer mothers"),
		entry("banque", "Banque alimentaire Parc-Extension", "Parc-Extension food bank",
			"Paniers pour familles avec nouveau-né; conseils en pédiatrie", "Food baskets for families with a newborn"),
		entry("maison", "Maison d'hébergement l'Écluse", "L'Écluse shelter",
			"Hébergement pour femmes enceintes victimes de violence", "Shelter for pregnant women facing violence"),
	}
}

func ids(hits []DirectoryHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Entry.ServiceID)
	}
	return out
}

// TestSearchRelevanceInFrenchAndEnglish is the relevance table: accents,
// case and prefixes in both languages; names rank above descriptions.
func TestSearchRelevanceInFrenchAndEnglish(t *testing.T) {
	t.Parallel()
	ix := BuildDirectoryIndex(searchEntries())
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"pédiatr", []string{"cspc", "clinique", "banque"}},
		{"pediatr", []string{"cspc", "clinique", "banque"}},
		{"PÉDIATRIE", []string{"cspc", "banque"}},
		{"Pediatric", []string{"clinique", "cspc"}}, // the exact word first
		{"allaitement", []string{"allaitement"}},
		{"breastfeed", []string{"allaitement"}},
		{"hebergement enceinte", []string{"maison"}},
		{"écluse", []string{"maison"}},
		{"ecluse", []string{"maison"}},
		{"shelter pregnant", []string{"maison"}},
		{"food", []string{"banque"}},
		{"familles", []string{"banque", "cspc"}},
		{"la", []string{}},
		{"nothing-matches-this", []string{}},
	} {
		hits, total := ix.Search(DirectoryQuery{Text: tc.query})
		got := ids(hits)
		if got == nil {
			got = []string{}
		}
		if !reflect.DeepEqual(got, tc.want) || total != len(tc.want) {
			t.Errorf("%q: got %v (%d), want %v", tc.query, got, total, tc.want)
		}
	}
}

func TestSearchFiltersAndDistance(t *testing.T) {
	t.Parallel()
	entries := searchEntries()
	entries[0].Profile = directory.PerinatalProfile{AfterBirth: true, ChildAgeMonthsMax: 60, FreeOfCharge: true}
	entries[0].Points = []GeoPoint{{45.5470, -73.5450}}
	entries[0].PostalCodes = []string{"H1W3B5"}
	entries[1].Profile = directory.PerinatalProfile{DuringPregnancy: true, GestationalWeeksMin: 12, GestationalWeeksMax: 40}
	entries[1].Points = []GeoPoint{{45.5300, -73.6200}}
	entries[1].Languages = []string{"fr", "ar"}
	entries[2].Schedules = []directory.DirectorySchedule{{ID: "s", Freq: "WEEKLY", Byday: "MO,WE", OpensAt: "09:00", ClosesAt: "12:00"}}
	entries[2].TimeZone = "America/Toronto"
	entries[4].Status = directory.ServiceDefunct
	ix := BuildDirectoryIndex(entries)
	months := 6
	if got := ids(first(ix.Search(DirectoryQuery{ChildAgeMonths: &months}))); !reflect.DeepEqual(got, []string{"cspc"}) {
		t.Errorf("child of 6 months: %v", got)
	}
	if got := ids(first(ix.Search(DirectoryQuery{PregnancyWeek: 8}))); got != nil {
		t.Errorf("8 weeks pregnant: %v", got)
	}
	if got := ids(first(ix.Search(DirectoryQuery{PregnancyWeek: 20}))); !reflect.DeepEqual(got, []string{"clinique"}) {
		t.Errorf("20 weeks pregnant: %v", got)
	}
	if got := ids(first(ix.Search(DirectoryQuery{FreeOnly: true}))); !reflect.DeepEqual(got, []string{"cspc"}) {
		t.Errorf("free: %v", got)
	}
	if got := ids(first(ix.Search(DirectoryQuery{Language: "AR"}))); !reflect.DeepEqual(got, []string{"clinique"}) {
		t.Errorf("arabic: %v", got)
	}
	// Wednesday 10:30 in Montreal.
	wed := time.Date(2026, 11, 25, 15, 30, 0, 0, time.UTC)
	if got := ids(first(ix.Search(DirectoryQuery{OpenNow: true, Now: wed}))); !reflect.DeepEqual(got, []string{"allaitement"}) {
		t.Errorf("open now: %v", got)
	}
	if got := ids(first(ix.Search(DirectoryQuery{OpenNow: true, Now: wed.Add(3 * time.Hour)}))); got != nil {
		t.Errorf("open after noon: %v", got)
	}
	// Defunct services never show.
	if got := ids(first(ix.Search(DirectoryQuery{Text: "ecluse"}))); got != nil {
		t.Errorf("defunct: %v", got)
	}
	// From the Hochelaga postal code, the nearest first, the others without a position last.
	near, ok := ix.PostalCodePoint("h1w 3b5")
	if !ok {
		t.Fatal("postal code unknown")
	}
	hits, _ := ix.Search(DirectoryQuery{Near: &near})
	if got := ids(hits); !reflect.DeepEqual(got[:2], []string{"cspc", "clinique"}) || hits[0].DistanceKm > 0.01 {
		t.Errorf("by distance: %v", got)
	}
	if got := ids(first(ix.Search(DirectoryQuery{Near: &near, RadiusKm: 2}))); !reflect.DeepEqual(got, []string{"cspc"}) {
		t.Errorf("within 2 km: %v", got)
	}
	if _, ok := ix.PostalCodePoint("H1W 9Z9"); !ok {
		t.Error("the forward sortation area should locate an unknown code")
	}
}

func first(hits []DirectoryHit, _ int) []DirectoryHit { return hits }

func TestTextFallsBackAndSaysTheTranslationIsMissing(t *testing.T) {
	t.Parallel()
	txt := berceau.TextOf("fr", "Halte allaitement")
	if v, missing := txt.In("fr"); v != "Halte allaitement" || missing {
		t.Errorf("fr: %q %v", v, missing)
	}
	if v, missing := txt.In("en"); v != "Halte allaitement" || !missing {
		t.Errorf("en: %q %v", v, missing)
	}
	if v, missing := (berceau.Text{}).In("en"); v != "" || missing {
		t.Errorf("empty: %q %v", v, missing)
	}
}

func TestConfirmationGoesStaleAfterAYear(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	if !(directory.Confirmation{}).Stale(now, directory.DefaultStaleAfter) {
		t.Error("never confirmed must be stale")
	}
	if (directory.Confirmation{At: now.AddDate(0, -11, 0)}).Stale(now, directory.DefaultStaleAfter) {
		t.Error("11 months is fresh")
	}
	if !(directory.Confirmation{At: now.AddDate(0, -13, 0)}).Stale(now, directory.DefaultStaleAfter) {
		t.Error("13 months is stale")
	}
}

func TestUUIDs(t *testing.T) {
	t.Parallel()
	if id := berceau.NewUUID(); !berceau.ValidUUID(id) {
		t.Errorf("%q", id)
	}
	if directory.NameUUID("x") != directory.NameUUID("x") || !berceau.ValidUUID(directory.NameUUID("x")) {
		t.Error("name UUIDs must be stable and valid")
	}
	if berceau.ValidUUID("1") || berceau.ValidUUID("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz") {
		t.Error("invalid UUID accepted")
	}
}

// referenceSearch is search written the plain way, from the entries alone:
// every entry scored, filtered with DirectoryQuery.keeps and fully sorted.
// The index must give the same page and count.
func referenceSearch(entries []DirectoryEntry) func(q DirectoryQuery) ([]string, []float64, int) {
	perEntry := make([]map[string]float32, len(entries))
	df := map[string]int{} // indexed word → services
	for i := range entries {
		best := map[string]float32{}
		for _, f := range entries[i].Text {
			for _, w := range berceau.SearchWords(f.Text) {
				if f.Weight > best[w] {
					best[w] = f.Weight
				}
			}
		}
		perEntry[i] = best
		for w := range best {
			df[w]++
		}
	}
	return func(q DirectoryQuery) ([]string, []float64, int) {
		return referencePage(entries, perEntry, df, q)
	}
}

func referencePage(entries []DirectoryEntry, perEntry []map[string]float32, df map[string]int, q DirectoryQuery) ([]string, []float64, int) {
	words := berceau.QueryWords(q.Text)
	if len(words) > 8 {
		words = words[:8]
	}
	idf := make([]float32, len(words))
	for k, w := range words {
		n := 0
		for iw, c := range df {
			if strings.HasPrefix(iw, w) {
				n += c
			}
		}
		idf[k] = float32(math.Log(1 + float64(len(entries))/float64(max(n, 1))))
	}
	type hit struct {
		i           int
		score, dist float64
		key, id     string
	}
	var hits []hit
	for i := range entries {
		e := &entries[i]
		score := float32(0)
		matched := true
		for k, w := range words {
			// The entry's first word, in sorted order, that starts with w.
			var mine []string
			for ew := range perEntry[i] {
				if strings.HasPrefix(ew, w) {
					mine = append(mine, ew)
				}
			}
			if len(mine) == 0 {
				matched = false
				break
			}
			sort.Strings(mine)
			exact := float32(0.7)
			if mine[0] == w {
				exact = 1
			}
			score += perEntry[i][mine[0]] * exact * idf[k]
		}
		if !matched || !q.keeps(e) {
			continue
		}
		h := hit{i: i, score: float64(score), dist: -1, key: berceau.FoldText(e.Name.String()), id: e.ServiceID}
		if q.Near != nil {
			h.dist = nearest(*q.Near, e.Points)
			if q.RadiusKm > 0 && (h.dist < 0 || h.dist > q.RadiusKm) {
				continue
			}
		}
		hits = append(hits, h)
	}
	byScore := len(words) > 0
	sort.Slice(hits, func(a, b int) bool {
		x, y := hits[a], hits[b]
		if byScore && x.score != y.score {
			return x.score > y.score
		}
		if x.dist != y.dist {
			if x.dist < 0 || y.dist < 0 {
				return y.dist < 0
			}
			return x.dist < y.dist
		}
		if x.key != y.key {
			return x.key < y.key
		}
		return x.id < y.id
	})
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	var ids []string
	var scores []float64
	for j := q.Offset; j < len(hits) && j < q.Offset+limit; j++ {
		ids = append(ids, hits[j].id)
		scores = append(scores, hits[j].score)
	}
	return ids, scores, len(hits)
}

// TestIndexedSearchGivesWhatPlainSearchGives compares the index (heap of the
// best hits, packed filter facts, facet lists) with referenceSearch on
// random services and random queries: same page, same order, same count.
func TestIndexedSearchGivesWhatPlainSearchGives(t *testing.T) {
	t.Parallel()
	entries := benchEntries(3000)
	r := rand.New(rand.NewPCG(7, 8))
	areas := []string{"Hochelaga", "Parc-Extension", "Verdun", "Rare"}
	for i := range entries {
		e := &entries[i]
		switch i % 7 {
		case 0:
			e.Status = directory.ServiceDefunct
		case 1:
			e.Status = directory.ServiceTemporarilyClosed
		}
		// Duplicate names so that ties go to the id.
		if i%5 == 0 {
			e.Name = berceau.TextOf("fr", "Halte famille")
			e.Text[0] = WeightedText{"Halte famille", WeightName}
		}
		e.Areas = []string{areas[r.IntN(3)]}
		if i == 17 {
			e.Areas = append(e.Areas, "Rare")
		}
		if i%3 == 0 {
			e.Languages = append(e.Languages, "ar")
		}
		e.Profile.DuringPregnancy = i%4 == 0
		e.Profile.GestationalWeeksMin, e.Profile.GestationalWeeksMax = r.IntN(15), 20+r.IntN(25)
		e.Profile.ChildAgeMonthsMax = r.IntN(30)
		if i == 29 {
			e.Profile.ChildAgeMonthsMax = 400 // outside what the packed facts hold
		}
		if i%11 == 0 {
			e.Points = nil
		} else if i%17 == 0 {
			// Two places, one shared with other services.
			e.Points = append(e.Points, GeoPoint{45.5, -73.55})
			e.PostalCodes = append(e.PostalCodes, "H1W3B5")
		}
		if i%13 == 0 {
			e.Schedules[0].ClosesAt = "11:00"
		}
	}
	reference := referenceSearch(entries)
	ix := BuildDirectoryIndex(entries)
	texts := []string{"", "", "famille", "soutien famille", "pédiatr", "Pediatric", "halte", "bebe naissance", "zzz", "la", "f"}
	near := GeoPoint{45.55, -73.6}
	for n := 0; n < 400; n++ {
		q := DirectoryQuery{Text: texts[r.IntN(len(texts))], Now: time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)}
		if r.IntN(3) == 0 {
			q.NeedID = directory.PerinatalNeeds[r.IntN(len(directory.PerinatalNeeds))].ID
		}
		if r.IntN(4) == 0 {
			q.Area = areas[r.IntN(len(areas))]
		}
		if r.IntN(4) == 0 {
			q.Language = []string{"AR", "fr", "xx"}[r.IntN(3)]
		}
		if r.IntN(4) == 0 {
			q.PregnancyWeek = 1 + r.IntN(44)
		}
		if r.IntN(4) == 0 {
			m := r.IntN(40)
			q.ChildAgeMonths = &m
		}
		q.FreeOnly = r.IntN(4) == 0
		q.OpenNow = r.IntN(5) == 0
		if r.IntN(3) == 0 {
			q.Near = &near
			if r.IntN(2) == 0 {
				q.RadiusKm = 5 + r.Float64()*10
			}
		}
		q.Offset, q.Limit = []int{0, 0, 20, 40, 2990}[r.IntN(5)], []int{0, 20, 5}[r.IntN(3)]
		wantIDs, wantScores, wantTotal := reference(q)
		hits, total := ix.Search(q)
		var gotIDs []string
		var gotScores []float64
		for _, h := range hits {
			gotIDs = append(gotIDs, h.Entry.ServiceID)
			gotScores = append(gotScores, h.Score)
		}
		if total != wantTotal || !reflect.DeepEqual(gotIDs, wantIDs) || !reflect.DeepEqual(gotScores, wantScores) {
			t.Fatalf("%+v:\n got %d %v\nwant %d %v", q, total, gotIDs, wantTotal, wantIDs)
		}
	}
}
