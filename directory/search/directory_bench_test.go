package search

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// benchEntries makes n services from a small vocabulary, so that common
// words ("famille", "soutien") match a large share of them, as in a real
// directory.
func benchEntries(n int) []DirectoryEntry {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"famille", "familles", "soutien", "pédiatrie", "pediatric", "allaitement", "breastfeeding", "prénatal",
		"logement", "alimentaire", "halte", "parents", "groupe", "consultation", "sage-femme", "santé", "mentale", "violence",
		"hébergement", "juridique", "migration", "crèche", "garde", "bébé", "naissance", "enfants", "quartier", "communautaire"}
	phrase := func(k int) string {
		s := ""
		for i := 0; i < k; i++ {
			s += words[r.IntN(len(words))] + " "
		}
		return s
	}
	entries := make([]DirectoryEntry, n)
	for i := range entries {
		name := phrase(4)
		desc := phrase(20)
		need := directory.PerinatalNeeds[r.IntN(len(directory.PerinatalNeeds))].ID
		e := DirectoryEntry{ServiceID: fmt.Sprint(i), Name: berceau.TextOf("fr", name), Description: berceau.TextOf("fr", desc), Status: directory.ServiceActive,
			NeedIDs: []string{need}, TimeZone: "America/Toronto", Languages: []string{"fr"},
			Profile:   directory.PerinatalProfile{AfterBirth: true, FreeOfCharge: i%2 == 0},
			Schedules: []directory.DirectorySchedule{{ID: "s", Freq: "WEEKLY", Byday: "MO,TU,WE", OpensAt: "09:00", ClosesAt: "17:00"}},
			Points:    []GeoPoint{{45.4 + r.Float64()*0.3, -73.8 + r.Float64()*0.3}}, PostalCodes: []string{fmt.Sprintf("H%dX%d", i%10, i%7)}}
		e.Text = []WeightedText{{name, WeightName}, {desc, WeightDescription}}
		entries[i] = e
	}
	return entries
}

// BenchmarkDirectorySearch100k: one search over 100 000 services, frequent
// words and filters. go test -run X -bench DirectorySearch100k .
func BenchmarkDirectorySearch100k(b *testing.B) {
	ix := BuildDirectoryIndex(benchEntries(100000))
	near := GeoPoint{45.55, -73.6}
	months := 6
	for _, q := range []DirectoryQuery{
		{Text: "famille"}, {Text: "soutien famille"}, {Text: "pédiatr"},
		{NeedID: directory.PerinatalNeeds[6].ID, Near: &near}, {Text: "consultation", FreeOnly: true, OpenNow: true, ChildAgeMonths: &months},
	} {
		q.Now = time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
		b.Run(fmt.Sprintf("%q/need=%v/near=%v/open=%v", q.Text, q.NeedID != "", q.Near != nil, q.OpenNow), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ix.Search(q)
			}
		})
	}
}
