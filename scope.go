package berceau

// FamilyScope is which family files an actor may open without breaking the
// glass: those of the care teams they belong to (practitioners, trainees)
// and those of the sites they coordinate. Nobody, not even the network
// administrator, sees every file by default. Queries filter by it in SQL:
// a family row is in scope when its site is in SiteIDs or its care team is
// in TeamIDs.
type FamilyScope struct {
	SiteIDs   []int64 // sites coordinated: every family of the site
	TeamIDs   []int64 // care teams joined: every family the team follows
	FamilyIDs []int64 // files opened by breaking the glass, until the grant expires
}

// Empty reports whether the scope opens no file at all.
func (s FamilyScope) Empty() bool {
	return len(s.SiteIDs) == 0 && len(s.TeamIDs) == 0 && len(s.FamilyIDs) == 0
}

// Covers reports whether a family of siteID followed by teamID is in scope.
func (s FamilyScope) Covers(siteID, teamID int64) bool {
	for _, id := range s.SiteIDs {
		if id == siteID {
			return true
		}
	}
	for _, id := range s.TeamIDs {
		if teamID != 0 && id == teamID {
			return true
		}
	}
	return false
}

// CoordinatedSites turns a user's site-coordinator grants into site ids;
// sitesOf expands an organisation-wide grant into that organisation's sites.
// A network-wide coordinator grant gives no site: coordination is local.
func CoordinatedSites(grants []RoleGrant, sitesOf func(organisationID int64) []int64) []int64 {
	seen := map[int64]bool{}
	var ids []int64
	add := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, g := range grants {
		if g.Role != RoleSiteCoordinator || g.OrganisationID == 0 {
			continue
		}
		if g.SiteID != 0 {
			add(g.SiteID)
			continue
		}
		for _, id := range sitesOf(g.OrganisationID) {
			add(id)
		}
	}
	return ids
}
