// Command renamecatalog renames translation catalog sections to the
// domain's nouns (issue 13: "followup" held admission keys, "glass_page"
// the access grants' page, "contact_store" the contact's errors…), in the
// catalogs (internal/i18n/locales/*.toml) and in every key written in the
// Go sources and the templates. It is idempotent, so that the integrator
// can run it again after merging branches still written with the old keys,
// and it touches no key outside the sections it renames.
//
// Usage (from the repository root): go run ./tools/renamecatalog [-check]
// -check lists what would change and exits 1 if anything would.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// renames maps an old key prefix to its new one. A prefix matches a key
// equal to it or continuing with a dot, so "followup" never touches
// "followup_api.x"; the longest matching prefix wins.
var renames = map[string]string{
	// Screening: the screening pages' keys join the screening's rules.
	"followup.screening":      "screening",
	"followup.invalid":        "screening.invalid",
	"followup.choice":         "screening.choice",
	"followup.state":          "screening.state",
	"followup.criterion":      "screening.criterion",
	"followup.outcome":        "screening.outcome",
	"followup.outcome_help":   "screening.outcome_help",
	"followup.programme_name": "programme.name",
	"screening_store":         "screening",
	// Admission: the team decision, its verdicts, and what the admission
	// pages (screening, decision, enrollment) share.
	"followup":             "admission",
	"followup.decision":    "admission.decision",
	"followup.verdict":     "admission.verdict",
	"enrollment_admission": "admission",
	// Enrollment: the enrollment page joins the enrollment's rules; its
	// "status" label would collide with the [enrollment.status] table.
	"followup.enrollment":        "enrollment",
	"followup.enrollment.status": "enrollment.file_status",
	// Access grants (break the glass).
	"glass":      "access_grant",
	"glass_page": "access_grant",
	// Named for the layer that raised them, now for their noun.
	"contact_store": "contact",
	"plan_store":    "plan",
	"consent_page":  "consent",
	"reassess":      "reassessment",
}

// rename returns the new name of key, and whether it changed. exact says
// whether a key equal to a rule's prefix is renamed (a section header, or a
// dotted key in code); a bare word in code ("reassess") is left alone.
func rename(key string, exact bool) (string, bool) {
	best := ""
	for old := range renames {
		if (key == old && (exact || strings.Contains(old, "."))) || strings.HasPrefix(key, old+".") {
			if len(old) > len(best) {
				best = old
			}
		}
	}
	if best == "" {
		return key, false
	}
	return renames[best] + key[len(best):], true
}

var (
	// quotedKey is a string literal (Go or template) that may be a key or
	// the fixed start of one ("care.kind."+kind, printf "role.%s").
	quotedKey = regexp.MustCompile(`"([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_%-]*)+)"`)
	header    = regexp.MustCompile(`^\[([A-Za-z0-9_.-]+)\]\s*(#.*)?$`)
	keyLine   = regexp.MustCompile(`^([A-Za-z0-9_-]+)\s*=`)
)

func main() {
	check := flag.Bool("check", false, "list what would change, change nothing, exit 1 if anything would")
	flag.Parse()
	changed, err := run(".", !*check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "renamecatalog:", err)
		os.Exit(2)
	}
	for _, f := range changed {
		fmt.Println(f)
	}
	if *check && len(changed) > 0 {
		os.Exit(1)
	}
}

// run renames in the tree at root and returns the files it changed (or
// would change when write is false).
func run(root string, write bool) ([]string, error) {
	var changed []string
	catalogs, err := filepath.Glob(filepath.Join(root, "internal/i18n/locales/*.toml"))
	if err != nil {
		return nil, err
	}
	byLang := map[string][]string{}
	for _, p := range catalogs {
		lang := langOf(p)
		byLang[lang] = append(byLang[lang], p)
	}
	for _, files := range byLang {
		sort.Strings(files)
		out, err := renameCatalogs(files)
		if err != nil {
			return nil, err
		}
		for _, p := range files {
			old, _ := os.ReadFile(p)
			if out[p] != string(old) {
				changed = append(changed, p)
				if write {
					if err := os.WriteFile(p, []byte(out[p]), 0o644); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor" || name == "renamecatalog") {
				return filepath.SkipDir
			}
			// Another module (tools/relayout) names files, not catalog keys:
			// its strings "followup.go" would read as keys of [followup].
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, ".html") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := renameInSource(string(b))
		if out != string(b) {
			changed = append(changed, p)
			if write {
				return os.WriteFile(p, []byte(out), 0o644)
			}
		}
		return nil
	})
	sort.Strings(changed)
	return changed, err
}

// langOf is the language of a catalog file: fr.toml, care.fr.toml → "fr".
func langOf(path string) string {
	parts := strings.Split(strings.TrimSuffix(filepath.Base(path), ".toml"), ".")
	return parts[len(parts)-1]
}

// renameInSource renames the keys quoted in a Go file or a template.
func renameInSource(src string) string {
	return quotedKey.ReplaceAllStringFunc(src, func(q string) string {
		key := q[1 : len(q)-1]
		if n, ok := rename(key, false); ok {
			return `"` + n + `"`
		}
		return q
	})
}

// entry is one key of a catalog with its lines (a multi-line string spans
// several).
type entry struct {
	name  string
	lines []string
}

// section is a [header] of a catalog file: the comments just above it
// (lead), then its lines (comments, blank lines, entries) up to the next.
type section struct {
	name string
	lead []string
	body []string
	keys map[string]string
}

func (s *section) write(b *strings.Builder) {
	for _, l := range s.lead {
		b.WriteString(l + "\n")
	}
	if s.name != "" {
		b.WriteString("[" + s.name + "]\n")
	}
	for _, l := range s.body {
		b.WriteString(l + "\n")
	}
}

// renameCatalogs renames the sections and keys of one language's catalog
// files. A renamed key goes to its new section in the same file: the
// section is renamed in place, or the keys join the section of that name
// when the file already has it. A key that would land on an existing key
// with another value, or on a table, is an error: nothing is written.
func renameCatalogs(files []string) (map[string]string, error) {
	parsed := map[string][]*section{}
	existing := map[string]string{} // every full key → its value lines, all files
	tables := map[string]bool{}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		secs, err := parseCatalog(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		parsed[p] = secs
		for _, s := range secs {
			for _, part := range prefixes(s.name) {
				tables[part] = true
			}
			for k, v := range s.keys {
				existing[s.name+"."+k] = v
			}
		}
	}
	out := map[string]string{}
	for _, p := range files {
		var result []*section
		find := func(name string) *section {
			for _, s := range result {
				if s.name == name {
					return s
				}
			}
			return nil
		}
		for _, s := range parsed[p] {
			newName, renamed := rename(s.name, true)
			if s.name == "" || !renamed {
				if s.name != "" && find(s.name) != nil {
					return nil, fmt.Errorf("%s: section [%s] twice", p, s.name)
				}
				result = append(result, s)
				continue
			}
			var kept []string
			moved := map[string][]entry{}
			var order []string
			for _, e := range entries(s.body) {
				if e.name == "" {
					kept = append(kept, e.lines...)
					continue
				}
				full, _ := rename(s.name+"."+e.name, true)
				dot := strings.LastIndex(full, ".")
				target, name := full[:dot], full[dot+1:]
				if tables[full] {
					return nil, fmt.Errorf("%s: %s.%s would become %s, which is a table", p, s.name, e.name, full)
				}
				value := strings.Join(valueLines(e), "\n")
				if v, ok := existing[full]; ok {
					if v != value {
						return nil, fmt.Errorf("%s: %s.%s would become %s, which exists with another value", p, s.name, e.name, full)
					}
					continue // the same text is already there
				}
				existing[full] = value
				e.lines[0] = name + e.lines[0][len(e.name):]
				if _, seen := moved[target]; !seen {
					order = append(order, target)
				}
				moved[target] = append(moved[target], e)
			}
			if _, ok := moved[newName]; !ok {
				order = append([]string{newName}, order...)
			}
			for _, t := range order {
				if ts := find(t); ts != nil {
					appendEntries(ts, moved[t])
					continue
				}
				ns := &section{name: t, keys: map[string]string{}}
				if t == newName {
					// The section keeps its comments, renamed in place.
					ns.lead = s.lead
					ns.body = append(ns.body, kept...)
					trimTrailingBlank(ns)
				}
				if t == newName || len(moved[t]) > 0 {
					appendEntries(ns, moved[t])
					ns.body = append(ns.body, "")
					result = append(result, ns)
				}
			}
		}
		var b strings.Builder
		for _, s := range result {
			s.write(&b)
		}
		out[p] = strings.TrimRight(b.String(), "\n") + "\n"
	}
	return out, nil
}

// prefixes lists a section's name and its parents: a.b.c → a, a.b, a.b.c.
func prefixes(name string) []string {
	var out []string
	for i, c := range name {
		if c == '.' {
			out = append(out, name[:i])
		}
	}
	return append(out, name)
}

func valueLines(e entry) []string {
	first := e.lines[0]
	_, v, _ := strings.Cut(first, "=")
	return append([]string{strings.TrimSpace(v)}, e.lines[1:]...)
}

// appendEntries adds entries at the end of a section's keys, before the
// blank lines and comments that lead to the next section.
func appendEntries(s *section, es []entry) {
	if len(es) == 0 {
		return
	}
	var add []string
	for _, e := range es {
		add = append(add, e.lines...)
	}
	appendLines(s, add)
}

func appendLines(s *section, add []string) {
	end := len(s.body)
	for end > 0 && strings.TrimSpace(s.body[end-1]) == "" {
		end--
	}
	tail := append([]string{}, s.body[end:]...)
	s.body = append(append(s.body[:end], add...), tail...)
}

func trimTrailingBlank(s *section) {
	for len(s.body) > 0 && strings.TrimSpace(s.body[len(s.body)-1]) == "" {
		s.body = s.body[:len(s.body)-1]
	}
}

// parseCatalog splits a catalog into sections; what comes before the first
// header is a section named "". Comments just above a header belong to it.
func parseCatalog(text string) ([]*section, error) {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	cur := &section{keys: map[string]string{}}
	secs := []*section{cur}
	inMulti := false
	for _, l := range lines {
		if !inMulti {
			if m := header.FindStringSubmatch(l); m != nil {
				lead := trailingComments(cur)
				cur = &section{name: m[1], lead: lead, keys: map[string]string{}}
				secs = append(secs, cur)
				continue
			}
		}
		cur.body = append(cur.body, l)
		if strings.Count(l, `"""`)%2 == 1 {
			inMulti = !inMulti
		}
	}
	for _, s := range secs {
		for _, e := range entries(s.body) {
			if e.name != "" {
				if _, dup := s.keys[e.name]; dup {
					return nil, fmt.Errorf("[%s] %s twice", s.name, e.name)
				}
				s.keys[e.name] = strings.Join(valueLines(e), "\n")
			}
		}
	}
	return secs, nil
}

// trailingComments removes from a section the comment lines at its end and
// returns them.
func trailingComments(s *section) []string {
	start := len(s.body)
	for start > 0 && strings.HasPrefix(strings.TrimSpace(s.body[start-1]), "#") {
		start--
	}
	lead := append([]string{}, s.body[start:]...)
	s.body = s.body[:start]
	return lead
}

// entries groups lines into keys (with the lines of a multi-line string)
// and everything else (name "").
func entries(lines []string) []entry {
	var out []entry
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		m := keyLine.FindStringSubmatch(l)
		if m == nil {
			out = append(out, entry{lines: []string{l}})
			continue
		}
		e := entry{name: m[1], lines: []string{l}}
		if strings.Count(l, `"""`)%2 == 1 {
			for i++; i < len(lines); i++ {
				e.lines = append(e.lines, lines[i])
				if strings.Contains(lines[i], `"""`) {
					break
				}
			}
		}
		out = append(out, e)
	}
	return out
}
