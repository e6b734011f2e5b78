package care

import "github.com/berceau/berceau"

// ScopeCovers reports whether a family's file is in scope: by its site,
// its care team, or a break-the-glass grant.
func ScopeCovers(s berceau.FamilyScope, f Family) bool {
	for _, id := range s.FamilyIDs {
		if id == f.ID {
			return true
		}
	}
	return s.Covers(f.SiteID, f.TeamID)
}
