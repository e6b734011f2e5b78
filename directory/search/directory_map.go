package search

import (
	"sort"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// KindOrganization is an organisation of one kind as the search index
// knows it: its name, its first services by name among those search shows
// (active or temporarily closed), and how many of those it has. The map of
// organisations by type lists these.
type KindOrganization struct {
	ID           string
	Name         berceau.Text
	Services     []*DirectoryEntry
	ServiceCount int
}

func entryBefore(a, b *DirectoryEntry) bool {
	if a.sortKey != b.sortKey {
		return a.sortKey < b.sortKey
	}
	return a.ServiceID < b.ServiceID
}

// OrganizationsOfKind lists the organisations whose kind is kindID and
// that have at least one service search shows, sorted by name, each with
// its first keep services by name.
func (ix *DirectoryIndex) OrganizationsOfKind(kindID string, keep int) []KindOrganization {
	if kindID == "" {
		return nil
	}
	at := map[string]int{}
	var list []KindOrganization
	for i := range ix.entries {
		e := &ix.entries[i]
		if e.OrganizationKind != kindID || e.OrganizationID == "" || (e.Status != directory.ServiceActive && e.Status != directory.ServiceTemporarilyClosed) {
			continue
		}
		j, ok := at[e.OrganizationID]
		if !ok {
			j = len(list)
			at[e.OrganizationID] = j
			list = append(list, KindOrganization{ID: e.OrganizationID, Name: e.OrganizationName})
		}
		o := &list[j]
		o.ServiceCount++
		// Keep the first keep by name: an organisation may have thousands.
		if len(o.Services) == keep && (keep == 0 || !entryBefore(e, o.Services[keep-1])) {
			continue
		}
		k := sort.Search(len(o.Services), func(k int) bool { return entryBefore(e, o.Services[k]) })
		if len(o.Services) < keep {
			o.Services = append(o.Services, nil)
		}
		copy(o.Services[k+1:], o.Services[k:len(o.Services)-1])
		o.Services[k] = e
	}
	keys := make(map[string]string, len(list))
	for _, o := range list {
		keys[o.ID] = berceau.FoldText(o.Name.String())
	}
	sort.Slice(list, func(a, b int) bool {
		if ka, kb := keys[list[a].ID], keys[list[b].ID]; ka != kb {
			return ka < kb
		}
		return list[a].ID < list[b].ID
	})
	return list
}
