package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/berceau/berceau"
)

// operation is one entry of the route table: the route with its permission,
// what the OpenAPI document says of it, and its handler. The table is the
// access policy: the guard checks the permission before any handler runs,
// and a test fails when a route lacks a known permission.
type operation struct {
	Route
	id          string
	summary     string
	description string
	tags        []string
	errors      []int // beyond 401 and 403, which every guarded route may answer
	register    func(huma.API, huma.Operation)
}

func (s *server) operations() []operation {
	account := []string{"account"}
	network := []string{"network"}
	screenings := []string{"screenings"}
	return []operation{
		{Route: Route{http.MethodGet, Prefix + "/me", berceau.PermSignedIn},
			id: "get-me", summary: "Who the token belongs to and what it allows", tags: account,
			register: handle(s.me)},

		{Route: Route{http.MethodGet, Prefix + "/me/registrations", berceau.PermCommunity},
			id: "list-my-registrations", summary: "My registrations to events, with their state and my calendar feed's URL", tags: []string{"events"},
			register: handle(s.myRegistrations)},

		{Route: Route{http.MethodGet, Prefix + "/me/learning-record", berceau.PermCommunity},
			id: "get-my-learning-record", summary: "My learning record: hours by year and category, its lines, external trainings, certificates", tags: []string{"trainings"},
			description: "The caller's hours ledger: trainings completed (at their real completion date, for their duration), meetings and " +
				"events attended (their attendance hours, when not a session of a completed training), external trainings approved by " +
				"their coordinator. `year` narrows the lines and the total to one calendar year; `years` always holds every year.",
			register: handle(s.myLearningRecord)},
		{Route: Route{http.MethodGet, Prefix + "/trainings", berceau.PermPublic},
			id: "list-trainings", summary: "The training catalogue, filtered", tags: []string{"trainings"},
			description: "Public, like the catalogue page: every training with its giving organisation, duration, modality, language, " +
				"audience and public sessions (events of the agenda). No token needed.",
			register: handle(s.listTrainings)},

		{Route: Route{http.MethodGet, Prefix + "/organisations", berceau.PermNetworkRead},
			id: "list-organisations", summary: "Member organisations of the network, with their sites", tags: network,
			register: handle(s.listOrganisations)},
		{Route: Route{http.MethodGet, Prefix + "/organisations/{id}", berceau.PermNetworkRead},
			id: "get-organisation", summary: "One member organisation, with its sites", tags: network,
			errors: []int{http.StatusNotFound}, register: handle(s.getOrganisation)},
		{Route: Route{http.MethodGet, Prefix + "/sites", berceau.PermNetworkRead},
			id: "list-sites", summary: "Sites of every member organisation", tags: network,
			register: handle(s.listSites)},
		{Route: Route{http.MethodGet, Prefix + "/teams", berceau.PermNetworkRead},
			id: "list-teams", summary: "Care teams of every site, with their members' ids", tags: network,
			register: handle(s.listTeams)},

		{Route: Route{http.MethodGet, Prefix + "/events", berceau.PermSignedIn},
			id: "list-events", summary: "The agenda: events the token's owner may see, filtered", tags: []string{"events"},
			description: "Public events, members' events, and the staff events of the organisations the owner is staff of, " +
				"with the agenda page's filters. Times carry the offset of each event's own time zone (time_zone). " +
				"Cancelled and changed events stay, with their status and iCalendar sequence.",
			register: handle(s.listEvents)},
		{Route: Route{http.MethodGet, Prefix + "/events/{id}", berceau.PermSignedIn},
			id: "get-event", summary: "One event, with the places left", tags: []string{"events"},
			description: "The join link of an online event is present only for its organisers and the people registered.",
			errors:      []int{http.StatusNotFound}, register: handle(s.getEvent)},

		{Route: Route{http.MethodPost, Prefix + "/screenings/evaluate", berceau.PermFamiliesRead},
			id: "evaluate-screening", summary: "Evaluate a person's eligibility to SIPPE", tags: screenings,
			description: "Applies the SIPPE rulebook to what is known of a person and answers the outcome " +
				"(eligible, not_eligible, not_yet with admissible_from, team_review) with each criterion's verdict " +
				"and explanation, in French or in English. Nothing is stored. The income thresholds are the embedded " +
				"EXAMPLE table (not official figures) until networks can store their own; `thresholds` names the table used.",
			errors: screeningErrors, register: s.registerEvaluateScreening},

		{Route: Route{http.MethodPost, Prefix + "/families/{id}/contacts", berceau.PermFamiliesWrite}, id: "record-contact", summary: "Record a contact with a family (planned, done, missed or cancelled)", tags: followUpTags, errors: followUpErrors, register: registerCreated(s.recordContact)},
		{Route: Route{http.MethodPatch, Prefix + "/families/{id}/contacts/{contactId}", berceau.PermFamiliesWrite}, id: "edit-contact", summary: "Change a contact's outcome, duration or notes, as read at a version (409 with the current contact when stale)", tags: followUpTags, errors: followUpErrors, register: registerWithConflict[editContactInput](contactConflict{}, "ContactConflict", http.StatusOK, s.editContact)},
		{Route: Route{http.MethodPost, Prefix + "/families/{id}/referrals", berceau.PermFamiliesWrite}, id: "propose-referral", summary: "Propose a referral of a family to a directory service or an external resource", tags: followUpTags, errors: followUpErrors, register: registerCreated(s.proposeReferral)},
		{Route: Route{http.MethodPost, Prefix + "/families/{id}/referrals/{referralId}/moves", berceau.PermFamiliesWrite}, id: "move-referral", summary: "Move a referral on (409 when stale, with the current referral, or when the family's consent is missing)", tags: followUpTags, errors: followUpErrors, register: registerWithConflict[moveReferralInput](referralConflict{}, "ReferralConflict", http.StatusCreated, s.moveReferral)},
	}
}

// hsdsRoutes are the HSDS 3.1 read API (hsds.go): anyone reads, a network
// member's token reads professionals-only fields too, so every route is
// public and those marked reader resolve an optional bearer token (a bad
// one is refused). The description also lists POST for each list, with the
// same query parameters and no body: the same answers.
func (s *server) hsdsRoutes() []hsdsRoute {
	get, post, public := http.MethodGet, http.MethodPost, berceau.PermPublic
	routes := []hsdsRoute{
		{Route: Route{get, "/hsds/{$}", public}, handler: s.hsdsRoot},
		{Route: Route{get, "/hsds/services", public}, reader: true, handler: s.hsdsServices},
		{Route: Route{post, "/hsds/services", public}, reader: true, handler: s.hsdsServices},
		{Route: Route{get, "/hsds/services/{id}", public}, reader: true, handler: s.hsdsService},
		{Route: Route{get, "/hsds/organizations", public}, reader: true, handler: s.hsdsOrganizations},
		{Route: Route{post, "/hsds/organizations", public}, reader: true, handler: s.hsdsOrganizations},
		{Route: Route{get, "/hsds/organizations/{id}", public}, reader: true, handler: s.hsdsOrganization},
		{Route: Route{get, "/hsds/service_at_locations", public}, reader: true, handler: s.hsdsServiceAtLocations},
		{Route: Route{post, "/hsds/service_at_locations", public}, reader: true, handler: s.hsdsServiceAtLocations},
		{Route: Route{get, "/hsds/service_at_locations/{id}", public}, reader: true, handler: s.hsdsServiceAtLocation},
	}
	for _, table := range []struct{ path, name string }{{"taxonomies", "taxonomy"}, {"taxonomy_terms", "taxonomy_term"}} {
		routes = append(routes,
			hsdsRoute{Route: Route{get, "/hsds/" + table.path, public}, handler: s.hsdsTaxonomies(table.name)},
			hsdsRoute{Route: Route{post, "/hsds/" + table.path, public}, handler: s.hsdsTaxonomies(table.name)},
			hsdsRoute{Route: Route{get, "/hsds/" + table.path + "/{id}", public}, handler: s.hsdsTaxonomyItem(table.name)})
	}
	return routes
}

// hsdsFallbackRoute answers what no HSDS route matches with a problem
// document: 405 for a known path asked with another method, else 404.
var hsdsFallbackRoute = Route{Method: "", Path: HSDSPrefix, Permission: berceau.PermPublic}

// documentRoutes are the OpenAPI document in its four forms, served by huma
// itself (config.OpenAPIPath); anyone may read them.
func documentRoutes() []Route {
	var routes []Route
	for _, suffix := range []string{".json", ".yaml", "-3.0.json", "-3.0.yaml"} {
		routes = append(routes, Route{http.MethodGet, openAPIPath + suffix, berceau.PermPublic})
	}
	return routes
}

// fallbackRoute catches what no API route matches, so API clients get a
// problem document (404, or 405 for a known path asked with another method)
// rather than the HTML site's 404 page. An empty method means every method.
var fallbackRoute = Route{Method: "", Path: "/api/", Permission: berceau.PermPublic}

// handle adapts a typed handler to the route table.
func handle[I, O any](h func(context.Context, *I) (*O, error)) func(huma.API, huma.Operation) {
	return func(api huma.API, op huma.Operation) { huma.Register(api, op, h) }
}
