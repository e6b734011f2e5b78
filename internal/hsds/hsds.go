// Package hsds reads and writes Open Referral's Human Services Data
// Specification 3.1: the tabular package (CSV files and datapackage.json,
// in a folder or a zip) and JSON files of services, and validates both
// against the official JSON Schemas, embedded in schema/.
package hsds

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/berceau/berceau/directory"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var englishPrinter = message.NewPrinter(language.English)

// Version is the HSDS version Berceau reads and writes.
const Version = "3.1"

//go:embed schema/*.json schema/LICENSE schema/README.md
var schemaFS embed.FS

// Dataset is what an import brings in and an export writes out.
type Dataset struct {
	Taxonomies    []directory.DirectoryTaxonomy
	Terms         []directory.TaxonomyTerm
	Organizations []directory.DirectoryOrganization
	Locations     []directory.DirectoryLocation
	Services      []directory.DirectoryService
	History       []directory.DirectoryChange
	// Warnings name values left out of an export because they are not
	// valid (a web address that is not http(s), an e-mail that is not one
	// address), stored before the domain refused them.
	Warnings []string
}

// Problem is one invalid value: where it is and what is wrong.
type Problem struct {
	File    string
	Row     int // 1 is the first data row of a CSV file, or the first item of a JSON list
	Field   string
	Message string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s, row %d, field %s: %s", p.File, p.Row, p.Field, p.Message)
}

// Problems is an invalid input: nothing of it may be imported.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d invalid values", len(ps))
	for i, p := range ps {
		if i == 20 {
			fmt.Fprintf(&b, "\n… and %d more", len(ps)-20)
			break
		}
		b.WriteString("\n" + p.String())
	}
	return b.String()
}

// table is one HSDS object kind: its CSV file, its schema, its columns.
type table struct {
	name    string // schema name: "service"
	file    string // CSV file: "services.csv"
	columns []string
	numbers map[string]bool
}

// tableFiles lists the tabular package's files in 3.1 (not uniformly plural).
var tableFiles = []struct{ name, file string }{
	{"organization", "organizations.csv"}, {"program", "programs.csv"}, {"service", "services.csv"},
	{"attribute", "attributes.csv"}, {"service_at_location", "service_at_location.csv"}, {"location", "locations.csv"},
	{"phone", "phones.csv"}, {"contact", "contacts.csv"}, {"address", "addresses.csv"}, {"schedule", "schedules.csv"},
	{"funding", "funding.csv"}, {"service_area", "service_areas.csv"}, {"required_document", "required_documents.csv"},
	{"language", "languages.csv"}, {"accessibility", "accessibility.csv"}, {"taxonomy_term", "taxonomy_terms.csv"},
	{"metadata", "metadata.csv"}, {"meta_table_description", "meta_table_descriptions.csv"}, {"cost_option", "cost_options.csv"},
	{"organization_identifier", "organization_identifiers.csv"}, {"taxonomy", "taxonomies.csv"},
	{"service_capacity", "service_capacity.csv"}, {"unit", "units.csv"}, {"url", "url.csv"},
}

type schemaSet struct {
	tables   map[string]*table
	ordered  []*table
	compiled map[string]*jsonschema.Schema
}

var (
	schemasOnce sync.Once
	schemas     *schemaSet
	schemasErr  error
)

const schemaBase = "https://berceau.invalid/hsds/3.1/"

// loadSchemas compiles the embedded schemas once. The schema files have no
// $id and refer to each other by file name, so each is registered under
// one base URL and compiled from there: nothing is fetched.
func loadSchemas() (*schemaSet, error) {
	schemasOnce.Do(func() {
		set := &schemaSet{tables: map[string]*table{}, compiled: map[string]*jsonschema.Schema{}}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		dpColumns := packageColumns()
		for _, tf := range tableFiles {
			raw, err := schemaFS.ReadFile("schema/" + tf.name + ".json")
			if err != nil {
				schemasErr = err
				return
			}
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
			if err != nil {
				schemasErr = fmt.Errorf("schema %s: %w", tf.name, err)
				return
			}
			if err := c.AddResource(schemaBase+tf.name+".json", doc); err != nil {
				schemasErr = err
				return
			}
			var props struct {
				Properties map[string]struct {
					Type string `json:"type"`
				} `json:"properties"`
			}
			if err := json.Unmarshal(raw, &props); err != nil {
				schemasErr = err
				return
			}
			t := &table{name: tf.name, file: tf.file, numbers: map[string]bool{}}
			// Columns in datapackage.json's order, then the schema's scalar
			// properties datapackage.json forgets (3.1 lists no column of
			// units.csv and two of service_capacity.csv).
			seen := map[string]bool{}
			var all []string
			for _, col := range dpColumns[tf.name] {
				if _, ok := props.Properties[col]; ok && !seen[col] {
					seen[col] = true
					all = append(all, col)
				}
			}
			var rest []string
			for col := range props.Properties {
				if !seen[col] {
					rest = append(rest, col)
				}
			}
			sort.Strings(rest)
			var kept []string
			for _, col := range append(all, rest...) {
				p := props.Properties[col]
				switch p.Type {
				case "array", "object", "":
					continue
				case "number", "integer":
					t.numbers[col] = true
				}
				kept = append(kept, col)
			}
			t.columns = kept
			set.tables[tf.name] = t
			set.ordered = append(set.ordered, t)
		}
		for _, tf := range tableFiles {
			s, err := c.Compile(schemaBase + tf.name + ".json")
			if err != nil {
				schemasErr = fmt.Errorf("compile %s: %w", tf.name, err)
				return
			}
			set.compiled[tf.name] = s
		}
		schemas = set
	})
	return schemas, schemasErr
}

// packageColumns reads datapackage.json's column order per table.
func packageColumns() map[string][]string {
	raw, err := schemaFS.ReadFile("schema/datapackage.json")
	if err != nil {
		return nil
	}
	var dp struct {
		Resources []struct {
			Name   string `json:"name"`
			Schema struct {
				Fields []struct {
					Name string `json:"name"`
				} `json:"fields"`
			} `json:"schema"`
		} `json:"resources"`
	}
	if json.Unmarshal(raw, &dp) != nil {
		return nil
	}
	out := map[string][]string{}
	for _, r := range dp.Resources {
		for _, f := range r.Schema.Fields {
			out[r.Name] = append(out[r.Name], f.Name)
		}
	}
	return out
}

// Validate checks one HSDS object of kind name (e.g. "service", nested or
// flat) against the official schema, and returns its problems.
func Validate(name string, obj any, file string, row int) []Problem {
	set, err := loadSchemas()
	if err != nil {
		return []Problem{{File: file, Row: row, Field: "", Message: err.Error()}}
	}
	s, ok := set.compiled[name]
	if !ok {
		return []Problem{{File: file, Row: row, Message: "unknown HSDS object " + name}}
	}
	// The validator wants decoded JSON (maps, strings, numbers), not Go
	// structs: a map of those is validated as it is.
	doc, isMap := obj.(map[string]any)
	if !isMap {
		raw, err := json.Marshal(obj)
		if err != nil {
			return []Problem{{File: file, Row: row, Message: err.Error()}}
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
		if err != nil {
			return []Problem{{File: file, Row: row, Message: err.Error()}}
		}
		err = s.Validate(v)
		return problemsOf(err, file, row)
	}
	return problemsOf(s.Validate(doc), file, row)
}

func problemsOf(err error, file string, row int) []Problem {
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Problem{{File: file, Row: row, Message: err.Error()}}
	}
	var out []Problem
	for _, leaf := range leaves(ve) {
		field := "/" + strings.Join(leaf.InstanceLocation, "/")
		out = append(out, Problem{File: file, Row: row, Field: field, Message: leaf.ErrorKind.LocalizedString(englishPrinter)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}
