package care

import (
	"testing"

	"github.com/berceau/berceau"
)

func TestABreakTheGlassGrantCoversOneFileOnly(t *testing.T) {
	t.Parallel()
	s := berceau.FamilyScope{FamilyIDs: []int64{42}}
	if !ScopeCovers(s, Family{ID: 42, SiteID: 99}) || ScopeCovers(s, Family{ID: 43, SiteID: 99}) || s.Empty() {
		t.Fatal("a grant must open its file and no other")
	}
}
