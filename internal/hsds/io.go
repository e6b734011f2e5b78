package hsds

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Read reads an HSDS input: a folder or a zip holding datapackage.json and
// CSV files, or a JSON file of services (a list, an API Page, or one
// service). Every row is validated against the HSDS schemas; any problem
// rejects the whole input.
func Read(p string, opts Options) (*Dataset, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	var ts *tables
	var problems Problems
	// Every byte read is counted against the input's budget as it is read.
	budget := newBudget(opts.MaxInputBytes)
	switch {
	case info.IsDir():
		ts, problems, err = readTabular(&boundedFS{FS: os.DirFS(p), budget: budget})
	case strings.HasSuffix(strings.ToLower(p), ".zip"):
		zr, zerr := zip.OpenReader(p)
		if zerr != nil {
			return nil, zerr
		}
		defer zr.Close()
		// Whatever the headers say, the whole package may not expand more
		// than the ratio allows over the archive's real size.
		budget.max = min(budget.max, info.Size()*MaxCompressionRatio+ratioSlack)
		fsys, dir, ferr := packageRoot(zr)
		if ferr != nil {
			return nil, ferr
		}
		ts, problems, err = readTabular(&boundedFS{FS: fsys, budget: budget, compressed: compressedSizes(&zr.Reader, dir)})
	default:
		f, ferr := os.Open(p)
		if ferr != nil {
			return nil, ferr
		}
		defer f.Close()
		ts, problems, err = readJSON(&countedReader{r: f, name: filepath.Base(p), budget: budget}, filepath.Base(p))
	}
	if err != nil {
		return nil, err
	}
	problems = append(problems, checkReferences(ts)...)
	if len(problems) > 0 {
		return nil, problems
	}
	return assemble(ts, opts), nil
}

// packageRoot finds the folder of a zip that holds datapackage.json.
func packageRoot(zr *zip.ReadCloser) (fs.FS, string, error) {
	for _, f := range zr.File {
		if path.Base(f.Name) == "datapackage.json" {
			dir := path.Dir(f.Name)
			if dir == "." {
				return zr, dir, nil
			}
			sub, err := fs.Sub(zr, dir)
			return sub, dir, err
		}
	}
	return nil, "", errors.New("hsds: the zip holds no datapackage.json")
}

func readTabular(fsys fs.FS) (*tables, Problems, error) {
	set, err := loadSchemas()
	if err != nil {
		return nil, nil, err
	}
	if _, err := fs.Stat(fsys, "datapackage.json"); err != nil {
		return nil, nil, errors.New("hsds: no datapackage.json: not a tabular data package")
	}
	ts := newTables()
	var problems Problems
	for _, t := range set.ordered {
		f, err := fsys.Open(t.file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		ps, err := readCSV(ts, t, f)
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.file, err)
		}
		problems = append(problems, ps...)
	}
	return ts, problems, nil
}

func readCSV(ts *tables, t *table, r io.Reader) (Problems, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	known := map[string]bool{}
	for _, c := range t.columns {
		known[c] = true
	}
	var problems Problems
	var batch []row
	line := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line++
		o := obj{}
		for i, v := range rec {
			if i >= len(header) || !known[header[i]] || v == "" {
				continue
			}
			col := header[i]
			if msg := textProblem(v); msg != "" {
				problems = append(problems, Problem{File: t.file, Row: line, Field: col, Message: msg})
				continue
			}
			if t.numbers[col] {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					problems = append(problems, Problem{File: t.file, Row: line, Field: col, Message: fmt.Sprintf("%q is not a number", v)})
					continue
				}
				o[col] = f
			} else {
				o[col] = v
			}
		}
		ts.add(t.name, row{obj: o, file: t.file, line: line})
		batch = append(batch, row{obj: o, file: t.file, line: line})
	}
	return append(problems, validateRows(t, batch)...), nil
}

// validateRows validates rows on every core, rows that differ only in free
// text and identifiers once (validate_memo.go): schema validation is most
// of an import's reading time.
func validateRows(t *table, rows []row) Problems {
	workers := runtime.GOMAXPROCS(0)
	results := make([]Problems, workers)
	shape := shapeOf(t.name)
	verdicts := &rowVerdicts{seen: map[string][]Problem{}}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var key []byte
			for i := w; i < len(rows); i += workers {
				results[w] = append(results[w], verdicts.validate(t.name, t, shape, rows[i], &key)...)
			}
		}(w)
	}
	wg.Wait()
	var all Problems
	for _, r := range results {
		all = append(all, r...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Row < all[j].Row })
	return all
}

func readJSON(r io.Reader, file string) (*tables, Problems, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	// encoding/json would silently turn invalid UTF-8 into U+FFFD.
	if !utf8.Valid(data) {
		at := 0
		for at < len(data) {
			r, size := utf8.DecodeRune(data[at:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			at += size
		}
		line := 1 + bytes.Count(data[:at], []byte("\n"))
		return newTables(), Problems{{File: file, Message: fmt.Sprintf("not valid UTF-8 (line %d, byte %d)", line, at)}}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("%s: not JSON: %w", file, err)
	}
	var items []any
	switch v := doc.(type) {
	case []any:
		items = v
	case map[string]any:
		if c, ok := v["contents"].([]any); ok {
			items = c
		} else {
			items = []any{v}
		}
	default:
		return nil, nil, fmt.Errorf("%s: expected a list of services", file)
	}
	ts := newTables()
	var problems Problems
	for i, item := range items {
		o, ok := normalizeNumbers(item).(obj)
		if !ok {
			problems = append(problems, Problem{File: file, Row: i + 1, Message: "not an object"})
			continue
		}
		if field, msg := firstTextProblem(o, ""); msg != "" {
			problems = append(problems, Problem{File: file, Row: i + 1, Field: field, Message: msg})
			continue
		}
		problems = append(problems, Validate("service", o, file, i+1)...)
		flatten(ts, "service", o, file, i+1)
	}
	return ts, problems, nil
}

// firstTextProblem finds a key or string of v that cannot be stored (a NUL
// character, written \u0000 in JSON) and names its field.
func firstTextProblem(v any, at string) (field, msg string) {
	switch x := v.(type) {
	case string:
		return at, textProblem(x)
	case []any:
		for i, item := range x {
			if f, m := firstTextProblem(item, fmt.Sprintf("%s[%d]", at, i)); m != "" {
				return f, m
			}
		}
	case map[string]any:
		for k, item := range x {
			name := k
			if at != "" {
				name = at + "." + k
			}
			if m := textProblem(k); m != "" {
				return name, m
			}
			if f, m := firstTextProblem(item, name); m != "" {
				return f, m
			}
		}
	}
	return "", ""
}

// normalizeNumbers turns json.Number into float64 throughout.
func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = normalizeNumbers(x[i])
		}
		return x
	case map[string]any:
		for k := range x {
			x[k] = normalizeNumbers(x[k])
		}
		return x
	}
	return v
}

// checkReferences reports rows that point at an object the input does not
// hold. Objects already in the directory are checked by the importer.
func checkReferences(ts *tables) Problems {
	var problems Problems
	check := func(table, column, target string) {
		for _, r := range ts.rows[table] {
			if id := str(r.obj, column); id != "" && !ts.has(target, id) {
				problems = append(problems, Problem{File: r.file, Row: r.line, Field: column,
					Message: fmt.Sprintf("no %s has the id %s", target, id)})
			}
		}
	}
	check("service_at_location", "service_id", "service")
	check("service_at_location", "location_id", "location")
	return problems
}

// WriteCSV writes a tabular data package into dir: datapackage.json and
// one CSV file per table. Every row is validated first; nothing is written
// when one is invalid.
func WriteCSV(dir string, ds *Dataset, a Audience) error {
	set, err := loadSchemas()
	if err != nil {
		return err
	}
	ts := dissolve(ds, a)
	files := map[string][]byte{}
	var problems Problems
	for _, t := range set.ordered {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write(t.columns)
		for i, r := range ts.rows[t.name] {
			problems = append(problems, validateRow(t.name, r.obj, t.file, i+1)...)
			rec := make([]string, len(t.columns))
			for j, c := range t.columns {
				rec[j] = str(r.obj, c)
			}
			_ = w.Write(rec)
		}
		w.Flush()
		files[t.file] = buf.Bytes()
	}
	if len(problems) > 0 {
		return problems
	}
	dp, err := schemaFS.ReadFile("schema/datapackage.json")
	if err != nil {
		return err
	}
	files["datapackage.json"] = dp
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Services returns the nested HSDS form of every service of ds (as the
// HSDS API's GET /services/{id} gives it).
func Services(ds *Dataset, a Audience) []map[string]any {
	ts := dissolve(ds, a)
	n := newNester(ts, "organization.services", "organization.locations")
	var out []map[string]any
	for _, r := range ts.rows["service"] {
		out = append(out, n.nest("service", r.obj, 0))
	}
	return out
}

// Organizations returns the nested HSDS form of every organisation of ds.
func Organizations(ds *Dataset, a Audience, withServices bool) []map[string]any {
	ts := dissolve(ds, a)
	leave := []string{"organization.locations"}
	if !withServices {
		leave = append(leave, "organization.services")
	}
	n := newNester(ts, append(leave, "service.organization")...)
	var out []map[string]any
	for _, r := range ts.rows["organization"] {
		out = append(out, n.nest("organization", r.obj, 0))
	}
	return out
}

// Flat returns the one-to-one fields of the objects of one table (the HSDS
// API's list endpoints), e.g. "taxonomy_term".
func Flat(ds *Dataset, a Audience, table string) []map[string]any {
	ts := dissolve(ds, a)
	var out []map[string]any
	for _, r := range ts.rows[table] {
		out = append(out, r.obj)
	}
	return out
}

// WriteJSON writes the services of ds, nested, as one JSON list, after
// validating each against the HSDS service schema.
func WriteJSON(w io.Writer, ds *Dataset, a Audience) error {
	services := Services(ds, a)
	var problems Problems
	for i, s := range services {
		problems = append(problems, Validate("service", s, "services.json", i+1)...)
	}
	if len(problems) > 0 {
		return problems
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if services == nil {
		services = []map[string]any{}
	}
	return enc.Encode(services)
}

// validateRow validates a flat (CSV) row. The tabular form names a
// capacity's unit by unit_id where JSON nests the required unit object, so
// a stand-in unit is validated in its place.
func validateRow(name string, o obj, file string, line int) []Problem {
	if name == "service_capacity" {
		if _, ok := o["unit"]; !ok {
			withUnit := obj{"unit": obj{"id": str(o, "unit_id"), "name": "unit"}}
			for k, v := range o {
				withUnit[k] = v
			}
			o = withUnit
		}
	}
	return Validate(name, o, file, line)
}

// ServiceAtLocations returns the nested HSDS form of every
// service-at-location of ds's services, in the services' order.
func ServiceAtLocations(ds *Dataset, a Audience) []map[string]any {
	ts := dissolve(ds, a)
	n := newNester(ts)
	var out []map[string]any
	for _, r := range ts.rows["service_at_location"] {
		out = append(out, n.nest("service_at_location", r.obj, 0))
	}
	return out
}
