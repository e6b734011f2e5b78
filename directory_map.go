package berceau

import "sort"

// KindOrganization is an organisation of one kind as the search index
// knows it: its name and its services that search shows (active or
// temporarily closed), by name. The map of organisations by type lists
// these.
type KindOrganization struct {
	ID       string
	Name     Text
	Services []*DirectoryEntry
}

// OrganizationKindByCode finds a kind of organisation by its code.
func OrganizationKindByCode(code string) (TaxonomyTerm, bool) {
	for _, k := range OrganizationKinds {
		if k.Code == code {
			return k, true
		}
	}
	return TaxonomyTerm{}, false
}

// OrganizationsOfKind lists the organisations whose kind is kindID and
// that have at least one service search shows, sorted by name.
func (ix *DirectoryIndex) OrganizationsOfKind(kindID string) []KindOrganization {
	at := map[string]int{}
	var list []KindOrganization
	for i := range ix.entries {
		e := &ix.entries[i]
		if e.OrganizationKind != kindID || kindID == "" || e.OrganizationID == "" ||
			(e.Status != ServiceActive && e.Status != ServiceTemporarilyClosed) {
			continue
		}
		j, ok := at[e.OrganizationID]
		if !ok {
			j = len(list)
			at[e.OrganizationID] = j
			list = append(list, KindOrganization{ID: e.OrganizationID, Name: e.OrganizationName})
		}
		list[j].Services = append(list[j].Services, e)
	}
	for _, o := range list {
		sort.Slice(o.Services, func(a, b int) bool {
			if o.Services[a].sortKey != o.Services[b].sortKey {
				return o.Services[a].sortKey < o.Services[b].sortKey
			}
			return o.Services[a].ServiceID < o.Services[b].ServiceID
		})
	}
	keys := make([]string, len(list))
	for i, o := range list {
		keys[i] = FoldText(o.Name.String())
	}
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		if keys[idx[a]] != keys[idx[b]] {
			return keys[idx[a]] < keys[idx[b]]
		}
		return list[idx[a]].ID < list[idx[b]].ID
	})
	out := make([]KindOrganization, len(list))
	for i, k := range idx {
		out[i] = list[k]
	}
	return out
}
