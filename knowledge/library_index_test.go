package knowledge

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func libraryEntry(id int64, title, summary, words string, audience Audience, updated time.Time) LibraryEntry {
	return LibraryEntry{Resource: Resource{ID: id, Title: berceau.TextOf("fr", title), Summary: berceau.TextOf("en", summary),
		Audience: audience, Languages: []string{"fr"}, UpdatedAt: updated}, FileWords: DocumentWords(words)}
}

func ids(list []Resource) []int64 {
	var out []int64
	for _, r := range list {
		out = append(out, r.ID)
	}
	return out
}

// TestLibraryIndexRanksTitleBeforeSummaryBeforeFileAndHidesWhatTheReaderMayNotSee.
func TestLibraryIndexRanksTitleBeforeSummaryBeforeFileAndHidesWhatTheReaderMayNotSee(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ix := BuildLibraryIndex([]LibraryEntry{
		libraryEntry(1, "Autre", "", "La sécurité du bébé", AudiencePublic, day.AddDate(0, 0, 3)),
		libraryEntry(2, "Sécurité à domicile", "", "", AudiencePublic, day),
		libraryEntry(3, "Troisième", "Home security check", "", AudiencePublic, day.AddDate(0, 0, 1)),
		libraryEntry(4, "Sécurité interne", "", "", AudienceMembers, day.AddDate(0, 0, 5)),
	})
	got, total := ix.Search(LibraryQuery{Words: "secu"})
	if !slices.Equal(ids(got), []int64{2, 3, 1}) || total != 3 {
		t.Fatalf("public search: %v (%d), want title, summary, file: [2 3 1]", ids(got), total)
	}
	got, _ = ix.Search(LibraryQuery{Words: "SÉCURITÉ", Reach: LibraryReach{Members: true}})
	if !slices.Equal(ids(got), []int64{4, 2, 1}) {
		t.Fatalf("members' search: %v, want [4 2 1] (newest first among equals; 'security' is no prefix of 'securite')", ids(got))
	}
	got, total = ix.Search(LibraryQuery{})
	if !slices.Equal(ids(got), []int64{1, 3, 2}) || total != 3 {
		t.Fatalf("no words: %v (%d), want the public ones newest first", ids(got), total)
	}
	got, total = ix.Search(LibraryQuery{Limit: 1, Offset: 1})
	if !slices.Equal(ids(got), []int64{3}) || total != 3 {
		t.Fatalf("second page of one: %v (%d)", ids(got), total)
	}
}

// TestDocumentWordsAreBoundedAndDistinct.
func TestDocumentWordsAreBoundedAndDistinct(t *testing.T) {
	t.Parallel()
	if got := DocumentWords("Le lait, le LAIT et l'allaitement"); got != "le lait et allaitement" {
		t.Fatalf("got %q", got)
	}
	var b strings.Builder
	for i := 0; i < MaxDocumentWords+500; i++ {
		b.WriteString("mot")
		for n := i; n > 0; n /= 26 {
			b.WriteByte(byte('a' + n%26))
		}
		b.WriteByte(' ')
	}
	if n := len(strings.Fields(DocumentWords(b.String()))); n != MaxDocumentWords {
		t.Fatalf("%d words kept, want %d", n, MaxDocumentWords)
	}
}
