package hsds

import (
	"reflect"
	"testing"
)

// TestRememberedVerdictsAreTheSchemasVerdicts: rows validated through the
// remembered verdicts get exactly the problems (file, row, field, message)
// that validating each row in full gives, valid or not.
func TestRememberedVerdictsAreTheSchemasVerdicts(t *testing.T) {
	set, err := loadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	if s := shapeOf("attribute"); !s.memo || !s.free["value"] || !s.uuid["link_id"] {
		t.Fatalf("attribute rows would not be remembered: %+v", s)
	}
	const (
		id1 = "986c374e-9444-53c7-a8b3-3e88fba75ac6"
		id2 = "64b2a5ba-da16-5ca1-861e-75c999726e0e"
	)
	cases := map[string][]obj{
		"attribute": {
			{"id": id1, "link_id": id2, "taxonomy_term_id": id2, "link_type": "x", "link_entity": "service", "value": "Bonjour"},
			{"id": id2, "link_id": id1, "taxonomy_term_id": id1, "link_type": "y", "link_entity": "service", "value": "Autre chose"},
			{"id": "not-a-uuid", "link_id": id1, "taxonomy_term_id": id1, "link_type": "y", "link_entity": "service", "value": "v"},
			{"id": id1, "link_id": "986c374e-9444-53c7-a8b3-3e88fba75ac", "taxonomy_term_id": id1, "value": "v"},
			{"link_id": id1, "value": "no id"},
			{"link_id": id2, "value": "no id either"},
			{"id": id1, "link_id": id2, "value": 3.0},
		},
		"service": {
			{"id": id1, "name": "A", "status": "active", "email": "a@example.org"},
			{"id": id2, "name": "B", "status": "active", "email": "a@example.org"},
			{"id": id2, "name": "B", "status": "not-a-status", "email": "a@example.org"},
			{"id": id1, "name": "C", "status": "not-a-status", "email": "a@example.org"},
			{"id": id1, "name": "C", "status": "active", "email": "not an address"},
			{"id": id1, "status": "active"},
		},
		"phone": {
			{"id": id1, "number": "514 555-0100", "extension": 12.0},
			{"id": id2, "number": "514 555-0199", "extension": 12.0},
			{"id": id2, "extension": 12.0},
			{"id": id1, "extension": 13.0},
		},
	}
	for name, objs := range cases {
		var rows []row
		var want Problems
		for i, o := range objs {
			r := row{obj: o, file: name + ".csv", line: i + 1}
			rows = append(rows, r)
			want = append(want, validateRow(name, o, r.file, r.line)...)
		}
		got := validateRows(set.tables[name], rows)
		if len(want) == 0 {
			t.Fatalf("%s: the cases should include invalid rows", name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", name, got, want)
		}
	}
}
