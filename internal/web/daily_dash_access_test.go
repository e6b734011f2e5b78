package web

import "net/http"

// dailyDashAccess are the access-table rows of the family search (familyRoutes): the family
// search answers the roles that read files, each within their own scope.
func dailyDashAccess(users, families map[string]int64) []access {
	return []access{
		{"GET /families/search", "GET", "/families/search?q=haddad", nil, familyRoles(http.StatusOK)},
	}
}
