package search

import (
	"fmt"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// TestOrganizationsOfKind groups the services search shows by organisation
// for one kind, by name, and keeps each one's first services by name.
func TestOrganizationsOfKind(t *testing.T) {
	t.Parallel()
	kind, other := directory.NameUUID("kind:a"), directory.NameUUID("kind:b")
	var entries []DirectoryEntry
	add := func(org, orgName, kindID, name string, status directory.ServiceStatus) {
		entries = append(entries, DirectoryEntry{ServiceID: directory.NameUUID(org + name), OrganizationID: org, OrganizationKind: kindID,
			OrganizationName: berceau.TextOf("fr", orgName), Name: berceau.TextOf("fr", name), Status: status})
	}
	for i := 9; i >= 0; i-- {
		add("o1", "Zèbre", kind, fmt.Sprintf("Service %d", i), directory.ServiceActive)
	}
	add("o2", "Écureuil", kind, "Halte", directory.ServiceTemporarilyClosed)
	add("o2", "Écureuil", kind, "Ancien", directory.ServiceDefunct)
	add("o3", "Autre", other, "Ailleurs", directory.ServiceActive)
	add("o4", "Fermé", kind, "Fini", directory.ServiceInactive)
	ix := BuildDirectoryIndex(entries)

	got := ix.OrganizationsOfKind(kind, 3)
	if len(got) != 2 || got[0].ID != "o2" || got[1].ID != "o1" {
		t.Fatalf("organisations %+v, want o2 (Écureuil) then o1 (Zèbre)", got)
	}
	if got[0].ServiceCount != 1 || len(got[0].Services) != 1 || got[0].Services[0].Name.Get("fr") != "Halte" {
		t.Errorf("o2: %d services, %v", got[0].ServiceCount, got[0].Services)
	}
	if got[1].ServiceCount != 10 || len(got[1].Services) != 3 {
		t.Fatalf("o1: %d services, %d kept", got[1].ServiceCount, len(got[1].Services))
	}
	for i, s := range got[1].Services {
		if want := fmt.Sprintf("Service %d", i); s.Name.Get("fr") != want {
			t.Errorf("o1 service %d = %q, want %q", i, s.Name.Get("fr"), want)
		}
	}
	if len(ix.OrganizationsOfKind("", 3)) != 0 || len(ix.OrganizationsOfKind(directory.NameUUID("kind:none"), 3)) != 0 {
		t.Error("no kind, or an unknown kind, lists organisations")
	}
	if k, ok := directory.OrganizationKindByCode("social-pediatrics"); !ok || k.Name.Get("en") != "Community social pediatrics centre" {
		t.Errorf("social-pediatrics: %+v %v", k, ok)
	}
}
