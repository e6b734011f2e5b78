package berceau

import (
	"reflect"
	"testing"
)

func TestCoordinatedSitesFollowTheGrants(t *testing.T) {
	t.Parallel()
	sitesOf := func(org int64) []int64 { return map[int64][]int64{1: {10, 11}, 2: {20}}[org] }
	cases := []struct {
		name   string
		grants []RoleGrant
		want   []int64
	}{
		{"one site", []RoleGrant{{Role: RoleSiteCoordinator, OrganisationID: 1, SiteID: 11}}, []int64{11}},
		{"a whole organisation", []RoleGrant{{Role: RoleSiteCoordinator, OrganisationID: 1}}, []int64{10, 11}},
		{"no duplicates", []RoleGrant{{Role: RoleSiteCoordinator, OrganisationID: 1}, {Role: RoleSiteCoordinator, OrganisationID: 1, SiteID: 10}}, []int64{10, 11}},
		{"network-wide coordination opens nothing", []RoleGrant{{Role: RoleSiteCoordinator}}, nil},
		{"other roles open nothing", []RoleGrant{{Role: RolePractitioner, OrganisationID: 1, SiteID: 10}, {Role: RoleNetworkAdmin}}, nil},
	}
	for _, c := range cases {
		if got := CoordinatedSites(c.grants, sitesOf); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestFamilyScopeCoversItsSitesAndTeamsOnly(t *testing.T) {
	t.Parallel()
	s := FamilyScope{SiteIDs: []int64{10}, TeamIDs: []int64{7}}
	cases := []struct {
		site, team int64
		want       bool
	}{
		{10, 0, true}, {10, 99, true}, {11, 7, true}, {11, 8, false}, {11, 0, false},
	}
	for _, c := range cases {
		if got := s.Covers(c.site, c.team); got != c.want {
			t.Errorf("Covers(%d, %d) = %v", c.site, c.team, got)
		}
	}
	if !(FamilyScope{}).Empty() || s.Empty() {
		t.Error("Empty is wrong")
	}
}
