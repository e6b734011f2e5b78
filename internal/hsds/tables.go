package hsds

import (
	"fmt"
	"sort"
	"strconv"
)

// obj is one HSDS object as decoded JSON: strings, float64 numbers, and
// (in nested form) arrays and objects.
type obj = map[string]any

// row is a flat HSDS object (one CSV row) and where it came from.
type row struct {
	obj  obj
	file string
	line int
}

// tables holds flat objects by table name, in the order they came, one per
// id: an object seen again (HSDS's examples nest the same phone under a
// service, its location and its contact) adds only the fields it lacked,
// such as another foreign key.
type tables struct {
	rows map[string][]row
	ids  map[string]map[string]int // table → id → position in rows
}

func newTables() *tables {
	return &tables{rows: map[string][]row{}, ids: map[string]map[string]int{}}
}

func (ts *tables) add(name string, r row) {
	id := str(r.obj, "id")
	if ts.ids[name] == nil {
		ts.ids[name] = map[string]int{}
	}
	if id != "" {
		if i, ok := ts.ids[name][id]; ok {
			for k, v := range r.obj {
				if _, has := ts.rows[name][i].obj[k]; !has {
					ts.rows[name][i].obj[k] = v
				}
			}
			return
		}
		ts.ids[name][id] = len(ts.rows[name])
	}
	ts.rows[name] = append(ts.rows[name], r)
}

// has reports whether a table holds an object with id.
func (ts *tables) has(name, id string) bool {
	_, ok := ts.ids[name][id]
	return ok
}

// relation is how an HSDS object nests another: an array of children that
// point back with fk, or one object the parent points to with fk.
type relation struct {
	child  string
	fk     string
	single bool
}

// relations lists, per object, the properties that nest other objects.
var relations = map[string]map[string]relation{
	"service": {
		"phones": {"phone", "service_id", false}, "schedules": {"schedule", "service_id", false},
		"service_areas": {"service_area", "service_id", false}, "service_at_locations": {"service_at_location", "service_id", false},
		"languages": {"language", "service_id", false}, "funding": {"funding", "service_id", false},
		"cost_options": {"cost_option", "service_id", false}, "required_documents": {"required_document", "service_id", false},
		"contacts": {"contact", "service_id", false}, "capacities": {"service_capacity", "service_id", false},
		"additional_urls": {"url", "service_id", false},
		"organization":    {"organization", "organization_id", true}, "program": {"program", "program_id", true},
	},
	"organization": {
		"additional_websites": {"url", "organization_id", false}, "funding": {"funding", "organization_id", false},
		"contacts": {"contact", "organization_id", false}, "phones": {"phone", "organization_id", false},
		"locations": {"location", "organization_id", false}, "programs": {"program", "organization_id", false},
		"organization_identifiers": {"organization_identifier", "organization_id", false},
		"services":                 {"service", "organization_id", false},
	},
	"location": {
		"languages": {"language", "location_id", false}, "addresses": {"address", "location_id", false},
		"contacts": {"contact", "location_id", false}, "accessibility": {"accessibility", "location_id", false},
		"phones": {"phone", "location_id", false}, "schedules": {"schedule", "location_id", false},
	},
	"service_at_location": {
		"service_areas": {"service_area", "service_at_location_id", false}, "contacts": {"contact", "service_at_location_id", false},
		"phones": {"phone", "service_at_location_id", false}, "schedules": {"schedule", "service_at_location_id", false},
		"location": {"location", "location_id", true},
	},
	"contact":          {"phones": {"phone", "contact_id", false}},
	"phone":            {"languages": {"language", "phone_id", false}},
	"attribute":        {"taxonomy_term": {"taxonomy_term", "taxonomy_term_id", true}},
	"taxonomy_term":    {"taxonomy_detail": {"taxonomy", "taxonomy_id", true}},
	"service_capacity": {"unit": {"unit", "unit_id", true}},
}

// flatten splits a nested object into flat rows, setting the foreign keys
// that nesting implied.
func flatten(ts *tables, kind string, o obj, file string, line int) {
	flat := obj{}
	id := str(o, "id")
	for key, v := range o {
		rel, nested := relations[kind][key]
		switch {
		case key == "attributes":
			for _, c := range objects(v) {
				if str(c, "link_id") == "" {
					c["link_id"] = id
				}
				if str(c, "link_entity") == "" {
					c["link_entity"] = kind
				}
				flatten(ts, "attribute", c, file, line)
			}
		case key == "metadata":
			for _, c := range objects(v) {
				if str(c, "resource_id") == "" {
					c["resource_id"] = id
				}
				if str(c, "resource_type") == "" {
					c["resource_type"] = kind
				}
				flatten(ts, "metadata", c, file, line)
			}
		case nested && rel.single:
			if c, ok := v.(obj); ok {
				if str(flat, rel.fk) == "" && str(o, rel.fk) == "" && str(c, "id") != "" {
					flat[rel.fk] = str(c, "id")
				}
				flatten(ts, rel.child, c, file, line)
			}
		case nested:
			for _, c := range objects(v) {
				if str(c, rel.fk) == "" {
					c[rel.fk] = id
				}
				flatten(ts, rel.child, c, file, line)
			}
		default:
			switch v.(type) {
			case []any, obj:
				// Another array or object HSDS does not define: not kept.
			default:
				flat[key] = v
			}
		}
	}
	ts.add(kind, row{obj: flat, file: file, line: line})
}

func objects(v any) []obj {
	list, _ := v.([]any)
	var out []obj
	for _, item := range list {
		if o, ok := item.(obj); ok {
			out = append(out, o)
		}
	}
	return out
}

// index groups a table's rows by the value of a column.
func (ts *tables) index(name, column string) map[string][]obj {
	out := map[string][]obj{}
	for _, r := range ts.rows[name] {
		if v := str(r.obj, column); v != "" {
			out[v] = append(out[v], r.obj)
		}
	}
	return out
}

// nest builds the nested form of an object from flat rows: its children
// by foreign key, and the objects it points to.
type nester struct {
	ts       *tables
	byFK     map[string]map[string][]obj // child table + fk → parent id → rows
	byID     map[string]map[string]obj
	children map[string]bool // properties to leave out, per kind.property
}

func newNester(ts *tables, leaveOut ...string) *nester {
	n := &nester{ts: ts, byFK: map[string]map[string][]obj{}, byID: map[string]map[string]obj{}, children: map[string]bool{}}
	for _, l := range leaveOut {
		n.children[l] = true
	}
	return n
}

func (n *nester) rowsBy(table, fk, id string) []obj {
	key := table + "." + fk
	if _, ok := n.byFK[key]; !ok {
		n.byFK[key] = n.ts.index(table, fk)
	}
	return n.byFK[key][id]
}

func (n *nester) rowByID(table, id string) (obj, bool) {
	if _, ok := n.byID[table]; !ok {
		m := map[string]obj{}
		for _, r := range n.ts.rows[table] {
			m[str(r.obj, "id")] = r.obj
		}
		n.byID[table] = m
	}
	o, ok := n.byID[table][id]
	return o, ok
}

func (n *nester) nest(kind string, flat obj, depth int) obj {
	out := obj{}
	for k, v := range flat {
		out[k] = v
	}
	id := str(flat, "id")
	if depth > 4 {
		return out
	}
	rels := relations[kind]
	keys := make([]string, 0, len(rels))
	for k := range rels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, prop := range keys {
		rel := rels[prop]
		if n.children[kind+"."+prop] {
			continue
		}
		if rel.single {
			if c, ok := n.rowByID(rel.child, str(flat, rel.fk)); ok {
				out[prop] = n.nest(rel.child, c, depth+1)
			}
			continue
		}
		var list []any
		for _, c := range n.rowsBy(rel.child, rel.fk, id) {
			list = append(list, n.nest(rel.child, c, depth+1))
		}
		if len(list) > 0 {
			out[prop] = list
		}
	}
	var attrs []any
	for _, a := range n.rowsBy("attribute", "link_id", id) {
		attrs = append(attrs, n.nest("attribute", a, depth+1))
	}
	if len(attrs) > 0 && kind != "taxonomy" && kind != "metadata" {
		out["attributes"] = attrs
	}
	var meta []any
	for _, m := range n.rowsBy("metadata", "resource_id", id) {
		meta = append(meta, m)
	}
	if len(meta) > 0 {
		out["metadata"] = meta
	}
	return out
}

func str(o obj, key string) string {
	switch v := o[key].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func num(o obj, key string) *float64 {
	switch v := o[key].(type) {
	case float64:
		return &v
	case string:
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return &f
		}
	}
	return nil
}
