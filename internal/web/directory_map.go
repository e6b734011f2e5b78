package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/directory/search"
	"github.com/berceau/berceau/internal/app"
)

// The directory's maps: the search results on a map, and the map of
// organisations by type. The pages are lists that work without
// JavaScript; ui/static/js/directory-map.js draws the same items on a
// Leaflet map (vendored in ui/static/vendor/leaflet). Markers are plain
// HTML drawn without images, so they show when the tile server is
// unreachable or when none is configured.

// mapSettings tell the map script which tiles to draw, if any.
type mapSettings struct {
	Tiles       string // URL template; empty: markers on a plain background
	Attribution string
}

func (s *Server) mapSettings() mapSettings {
	return mapSettings{Tiles: s.opts.MapTiles, Attribution: s.opts.MapAttribution}
}

// tileOrigin is the origin the content security policy lets images come
// from for a tile URL template: a {s} subdomain becomes a wildcard.
func tileOrigin(tiles string) string {
	scheme, rest, ok := strings.Cut(tiles, "://")
	if !ok || (scheme != "https" && scheme != "http") {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	if host == "" || strings.Trim(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:{}") != "" {
		return ""
	}
	if strings.Contains(host, "{") {
		// A placeholder in the host ({s}.tile…, tile-{s}.…) can only be
		// in its first label: the policy allows that label's every value.
		_, after, found := strings.Cut(host, ".")
		if !found || strings.Contains(after, "{") {
			return ""
		}
		host = "*." + after
	}
	return scheme + "://" + host
}

// parseMapCentre reads a "lat,lon" map centre.
func parseMapCentre(s string) (search.GeoPoint, bool) {
	la, lo, ok := strings.Cut(s, ",")
	if !ok {
		return search.GeoPoint{}, false
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(la), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 || lat != lat || lon != lon {
		return search.GeoPoint{}, false
	}
	return search.GeoPoint{Lat: lat, Lon: lon}, true
}

// formatMapCentre writes a centre as parseMapCentre reads it, to about a metre.
func formatMapCentre(p search.GeoPoint) string {
	return strconv.FormatFloat(p.Lat, 'f', 5, 64) + "," + strconv.FormatFloat(p.Lon, 'f', 5, 64)
}

type mapLocation struct {
	Lines    []string // address lines; none for a redacted location
	Redacted bool
	Lat, Lon string
}

type mapService struct {
	ID   string
	Name localText
}

type mapOrganization struct {
	Number    int // its marker's label
	Name      localText
	Services  []mapService
	More      int // services not listed
	Locations []mapLocation
	Href      string // the first service's page
	Redacted  bool   // no location to show
}

type directoryOrgMapPage struct {
	Layout
	Kinds         []option
	Kind          string
	KindName      string
	Organizations []mapOrganization
	Total         int
	Cut           bool
	Unknown       bool // the type asked for does not exist
	Map           mapSettings
}

// handleDirectoryOrgMap is the map of organisations by type: without a
// type, the choice of types.
func (s *Server) handleDirectoryOrgMap(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("type")
	p := &directoryOrgMapPage{Layout: s.newLayout(r, "directory", "directory_map.orgs_title"), Kind: code, Map: s.mapSettings()}
	for _, k := range directory.OrganizationKinds {
		name, _ := k.Name.In(p.Lang, p.DefaultLang)
		p.Kinds = append(p.Kinds, option{Value: k.Code, Label: name, Selected: k.Code == code})
	}
	if code == "" {
		s.render(w, r, http.StatusOK, "directory_org_map", p)
		return
	}
	kind, ok := directory.OrganizationKindByCode(code)
	if !ok {
		// Not found, but the page still offers the types there are.
		p.Unknown = true
		s.render(w, r, http.StatusNotFound, "directory_org_map", p)
		return
	}
	p.KindName, _ = kind.Name.In(p.Lang, p.DefaultLang)
	p.PageTitle = p.T("directory_map.orgs_of_type", "Type", p.KindName)
	orgs, total, err := s.app.Directory.DirectoryOrganizationsOfKind(r.Context(), kind)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Total, p.Cut = total, total > len(orgs)
	for i, o := range orgs {
		p.Organizations = append(p.Organizations, p.mapOrganization(i+1, o))
	}
	s.render(w, r, http.StatusOK, "directory_org_map", p)
}

func (l *Layout) mapOrganization(n int, o app.MapOrganization) mapOrganization {
	v := mapOrganization{Number: n, Name: l.local(o.Name), More: o.ServiceCount - len(o.Services)}
	for _, e := range o.Services {
		v.Services = append(v.Services, mapService{ID: e.ServiceID, Name: l.local(e.Name)})
	}
	if len(v.Services) > 0 {
		v.Href = "/directory/services/" + v.Services[0].ID
	}
	shown := 0
	for _, loc := range o.Locations {
		if loc.Redacted {
			continue // app.RedactDirectory left it nothing to show
		}
		ml := mapLocation{}
		for _, ad := range loc.Details.Addresses {
			ml.Lines = append(ml.Lines, strings.TrimSpace(ad.Address1+" "+ad.Address2), strings.TrimSpace(ad.PostalCode+" "+ad.City))
		}
		if loc.Latitude != nil && loc.Longitude != nil {
			ml.Lat, ml.Lon = strconv.FormatFloat(*loc.Latitude, 'f', 5, 64), strconv.FormatFloat(*loc.Longitude, 'f', 5, 64)
		}
		if len(ml.Lines) > 0 || ml.Lat != "" {
			v.Locations = append(v.Locations, ml)
			shown++
		}
	}
	v.Redacted = shown == 0 && len(o.Locations) > 0
	return v
}

// Rank is the rank of the page's i-th hit: its marker's label, as the
// numbered list shows it.
func (p *directorySearchPage) Rank(i int) int { return p.Start + i }
