package berceau

import (
	"reflect"
	"testing"
	"time"
)

func searchEntries() []DirectoryEntry {
	entry := func(id, fr, en, descFR, descEN string, needs ...string) DirectoryEntry {
		e := DirectoryEntry{ServiceID: id, Name: Text{FR: fr, EN: en}, Description: Text{FR: descFR, EN: descEN},
			Status: ServiceActive, NeedIDs: needs}
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
	entries := searchEntries()
	entries[0].Profile = PerinatalProfile{AfterBirth: true, ChildAgeMonthsMax: 60, FreeOfCharge: true}
	entries[0].Points = []GeoPoint{{45.5470, -73.5450}}
	entries[0].PostalCodes = []string{"H1W3B5"}
	entries[1].Profile = PerinatalProfile{DuringPregnancy: true, GestationalWeeksMin: 12, GestationalWeeksMax: 40}
	entries[1].Points = []GeoPoint{{45.5300, -73.6200}}
	entries[1].Languages = []string{"fr", "ar"}
	entries[2].Schedules = []DirectorySchedule{{ID: "s", Freq: "WEEKLY", Byday: "MO,WE", OpensAt: "09:00", ClosesAt: "12:00"}}
	entries[2].TimeZone = "America/Toronto"
	entries[4].Status = ServiceDefunct
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
	txt := Text{FR: "Halte allaitement"}
	if v, missing := txt.In("fr"); v != "Halte allaitement" || missing {
		t.Errorf("fr: %q %v", v, missing)
	}
	if v, missing := txt.In("en"); v != "Halte allaitement" || !missing {
		t.Errorf("en: %q %v", v, missing)
	}
	if v, missing := (Text{}).In("en"); v != "" || missing {
		t.Errorf("empty: %q %v", v, missing)
	}
}

func TestConfirmationGoesStaleAfterAYear(t *testing.T) {
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	if !(Confirmation{}).Stale(now, DefaultStaleAfter) {
		t.Error("never confirmed must be stale")
	}
	if (Confirmation{At: now.AddDate(0, -11, 0)}).Stale(now, DefaultStaleAfter) {
		t.Error("11 months is fresh")
	}
	if !(Confirmation{At: now.AddDate(0, -13, 0)}).Stale(now, DefaultStaleAfter) {
		t.Error("13 months is stale")
	}
}

func TestUUIDs(t *testing.T) {
	if id := NewUUID(); !ValidUUID(id) {
		t.Errorf("%q", id)
	}
	if NameUUID("x") != NameUUID("x") || !ValidUUID(NameUUID("x")) {
		t.Error("name UUIDs must be stable and valid")
	}
	if ValidUUID("1") || ValidUUID("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz") {
		t.Error("invalid UUID accepted")
	}
}
