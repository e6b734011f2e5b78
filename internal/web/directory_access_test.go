package web

import (
	"github.com/berceau/berceau"
)

// demoServiceID is a demo directory service's id.
func demoServiceID(org, service string) string {
	return berceau.NameUUID("demo-service:" + org + ":" + service)
}

// directoryAccess are the access-table rows of directoryRoutes: the
// directory's pages are public.
func directoryAccess(users map[string]int64) []access {
	return []access{
		{"GET /directory", "GET", "/directory", nil, everyone(200)},
		{"GET /directory", "GET", "/directory?q=p%C3%A9diatr&need=child-health&free=1&near=H1W+3B5", nil, everyone(200)},
		{"GET /directory/services/{id}", "GET", "/directory/services/" + demoServiceID("nid-hochelaga", "eval"), nil, everyone(200)},
		{"GET /directory/services/{id}", "GET", "/directory/services/" + berceau.NewUUID(), nil, everyone(404)},
		{"GET /directory/services/{id}", "GET", "/directory/services/nope", nil, everyone(404)},
	}
}
