package app

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// MaxFamilyResults bounds the files a search shows with their summary.
const MaxFamilyResults = 20

// FamilySearch is what a search of the header box found in the actor's
// scope: up to MaxFamilyResults files with their summary, and how many
// matched in all.
type FamilySearch struct {
	Query   care.FamilyQuery
	Results []FamilySummary
	Matched int
}

// SearchFamilies finds the files of the actor's scope by a name (accents
// and case ignored, one typing slip tolerated), a phone number or a file
// number. It is a read of every file it shows: one read transaction, then
// one audit entry naming the files found (never the words typed).
func (a *CareService) SearchFamilies(ctx context.Context, actor berceau.Actor, text string, today time.Time) (FamilySearch, error) {
	search := FamilySearch{Query: care.ParseFamilyQuery(text)}
	if search.Query.Empty() && actor.Can(berceau.PermFamiliesRead) {
		return search, nil
	}
	today = civilDay(today)
	err := a.scopedReadAudited(ctx, actor, berceau.PermFamiliesRead, "family.search", func(tx *store.Tx, scope berceau.FamilyScope) (string, error) {
		families, err := tx.ListFamilies(ctx, scope)
		if err != nil {
			return "", err
		}
		var found []care.Family
		for _, f := range families {
			if search.Query.Matches(f) {
				found = append(found, f)
			}
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].ID < found[j].ID })
		search.Matched = len(found)
		ids := make([]string, 0, min(len(found), MaxFamilyResults))
		for _, f := range found[:min(len(found), MaxFamilyResults)] {
			s, err := summarizeFamily(ctx, tx, f, today)
			if err != nil {
				return "", err
			}
			search.Results = append(search.Results, s)
			ids = append(ids, strconv.FormatInt(f.ID, 10))
		}
		return "results: " + strings.Join(ids, ","), nil
	})
	return search, err
}
