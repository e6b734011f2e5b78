package hsds

import (
	"encoding/json"
	"strconv"
	"sync"

	"github.com/berceau/berceau"
)

// Validating a CSV row against its schema is most of an import's reading
// time (1.9 million attribute rows at 100 000 services). Most columns are
// either free text (a string and nothing more: any string passes) or a
// UUID, so rows that differ only there get the same verdict: each row is
// keyed by its columns, the values of every other column, and whether its
// UUIDs are well formed; a key already validated gives its problems again,
// with this row's file and line. A row with a malformed UUID, or of a
// table whose schema says more than properties and required, is validated
// in full.

// rowShape says how a table's columns take part in the key.
type rowShape struct {
	// memo is false when the schema has keywords beyond type, properties
	// and required, which could tie columns together.
	memo bool
	free map[string]bool // any string is valid
	uuid map[string]bool // a string in UUID format
}

// annotations are schema keywords that validate nothing.
var annotations = map[string]bool{"description": true, "name": true, "title": true, "core": true, "example": true,
	"examples": true, "constraints": true, "$comment": true, "default": true, "path": true, "datapackage_metadata": true,
	"tabular_required": true, "datapackage_type": true, "$schema": true, "$id": true}

var (
	shapesMu sync.Mutex
	shapes   = map[string]*rowShape{}
)

func shapeOf(name string) *rowShape {
	shapesMu.Lock()
	defer shapesMu.Unlock()
	if s, ok := shapes[name]; ok {
		return s
	}
	s := &rowShape{free: map[string]bool{}, uuid: map[string]bool{}}
	shapes[name] = s
	raw, err := schemaFS.ReadFile("schema/" + name + ".json")
	if err != nil {
		return s
	}
	var doc map[string]json.RawMessage
	if json.Unmarshal(raw, &doc) != nil {
		return s
	}
	for k, v := range doc {
		switch {
		case k == "type":
			if string(v) != `"object"` {
				return s
			}
		case k == "properties" || k == "required" || annotations[k]:
		default:
			return s
		}
	}
	var props map[string]map[string]any
	if json.Unmarshal(doc["properties"], &props) != nil {
		return s
	}
	for col, p := range props {
		if p["type"] != "string" {
			continue
		}
		format, plain := "", true
		for k, v := range p {
			switch {
			case k == "type" || annotations[k]:
			case k == "format":
				format, _ = v.(string)
			default:
				plain = false
			}
		}
		switch {
		case plain && format == "":
			s.free[col] = true
		case plain && format == "uuid":
			s.uuid[col] = true
		}
	}
	s.memo = true
	return s
}

// canonicalUUID reports whether v is a string of 8-4-4-4-12 hexadecimal
// digits, which the schema's uuid format accepts.
func canonicalUUID(v any) bool {
	s, ok := v.(string)
	return ok && berceau.ValidUUID(s)
}

// rowKey appends the row's validation key to buf; false when the row must
// be validated in full.
func (s *rowShape) rowKey(columns []string, o obj, buf []byte) ([]byte, bool) {
	if !s.memo || len(o) > len(columns) {
		return buf, false
	}
	n := 0
	for _, col := range columns {
		v, ok := o[col]
		if !ok {
			continue
		}
		n++
		buf = append(buf, col...)
		switch {
		case s.free[col]:
			if _, isString := v.(string); !isString {
				return buf, false
			}
			buf = append(buf, "=s"...)
		case s.uuid[col]:
			if !canonicalUUID(v) {
				return buf, false
			}
			buf = append(buf, "=u"...)
		default:
			switch x := v.(type) {
			case string:
				buf = append(buf, ':')
				buf = strconv.AppendQuote(buf, x)
			case float64:
				buf = append(buf, '#')
				buf = strconv.AppendFloat(buf, x, 'g', -1, 64)
			default:
				return buf, false
			}
		}
		buf = append(buf, 0)
	}
	// n < len(o): a column the table does not list.
	return buf, n == len(o)
}

// rowVerdicts remembers, per key, the problems of the row validated for it.
type rowVerdicts struct {
	mu   sync.RWMutex
	seen map[string][]Problem
}

// memoMax bounds a table's remembered keys (columns with varied values,
// such as e-mail addresses, make every key new).
const memoMax = 20000

func (m *rowVerdicts) validate(name string, t *table, s *rowShape, r row, buf *[]byte) []Problem {
	key, ok := s.rowKey(t.columns, r.obj, (*buf)[:0])
	*buf = key
	if !ok {
		return validateRow(name, r.obj, r.file, r.line)
	}
	m.mu.RLock()
	ps, seen := m.seen[string(key)]
	m.mu.RUnlock()
	if !seen {
		ps = validateRow(name, r.obj, r.file, r.line)
		m.mu.Lock()
		if len(m.seen) < memoMax {
			m.seen[string(key)] = ps
		}
		m.mu.Unlock()
		return ps
	}
	if len(ps) == 0 {
		return nil
	}
	out := make([]Problem, len(ps))
	for i, p := range ps {
		p.File, p.Row = r.file, r.line
		out[i] = p
	}
	return out
}
