package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/i18n"
)

// repoRoot is where the sources are scanned from: this package's directory
// is internal/i18n.
const repoRoot = "../.."

var (
	// keyLiteral is a string that looks like a catalog key: lower-case
	// words joined by dots.
	keyLiteral = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)
	// keyPrefix is the fixed start of a key completed at run time:
	// "care.kind."+kind, "account.done_"+done, printf "role.%s".
	keyPrefix = regexp.MustCompile(`^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?:\.|_))(?:%s|%v)?$`)
	// templateString is a quoted string inside a template action.
	templateAction = regexp.MustCompile(`(?s){{.*?}}`)
	templateString = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
)

// use is one place a key, or the start of a key, is written.
type use struct {
	text    string // the key, or the prefix of a dynamic key
	where   string
	counted bool // translated with a "Count", which picks a plural form
}

// keyUses lists every key literal and every dynamic key prefix found in the
// Go sources (the domain package, internal/, cmd/) and in the templates.
// A literal counts only when its first word is a catalog section, so that
// "berceau.css" or "name.fr" are not mistaken for keys.
func keyUses(t *testing.T, sections map[string]bool) (keys, prefixes []use) {
	t.Helper()
	counted := map[string]bool{} // where+key of the keys translated with a count
	// Permissions ("admin.users") and audit actions ("family.read") are
	// codes, written with dots like keys.
	notKeyText := map[string]bool{}
	for _, p := range berceau.AllPermissions {
		notKeyText[string(p)] = true
	}
	consider := func(s, where string, formatted bool) {
		section, _, _ := strings.Cut(s, ".")
		if !sections[section] || notKeyText[s] {
			return
		}
		if !formatted && keyLiteral.MatchString(s) && !strings.HasSuffix(s, "_") {
			keys = append(keys, use{s, where, counted[where+" "+s]})
			return
		}
		if m := keyPrefix.FindStringSubmatch(s); m != nil && (strings.HasSuffix(s, ".") || strings.HasSuffix(s, "_") || formatted) {
			prefixes = append(prefixes, use{m[1], where, false})
		}
	}
	var goFiles []string
	root, _ := filepath.Glob(filepath.Join(repoRoot, "*.go"))
	goFiles = append(goFiles, root...)
	for _, dir := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
				goFiles = append(goFiles, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, p := range goFiles {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	notKeys := auditActions(files)
	for lit := range notKeys {
		s, _ := strconv.Unquote(lit.Value)
		notKeyText[s] = true
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if key, ok := countedKey(call); ok {
					pos := fset.Position(call.Args[0].Pos())
					counted[strings.TrimPrefix(pos.Filename, repoRoot+"/")+":"+strconv.Itoa(pos.Line)+" "+key] = true
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || notKeys[lit] {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			pos := fset.Position(lit.Pos())
			where := strings.TrimPrefix(pos.Filename, repoRoot+"/") + ":" + strconv.Itoa(pos.Line)
			consider(s, where, strings.Contains(s, "%"))
			return true
		})
	}
	err := filepath.WalkDir(filepath.Join(repoRoot, "ui", "templates"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		where := strings.TrimPrefix(p, repoRoot+"/")
		for _, action := range templateAction.FindAllString(string(src), -1) {
			// Each `.T "key" …` up to the next translation is one call;
			// a "Count" among its arguments picks a plural form.
			for _, call := range strings.Split(action, `.T "`)[1:] {
				if key, _, ok := strings.Cut(call, `"`); ok && strings.Contains(call, `"Count"`) {
					counted[where+" "+key] = true
				}
			}
			for _, m := range templateString.FindAllStringSubmatch(action, -1) {
				consider(m[1], where, strings.Contains(m[1], "%"))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys, prefixes
}

// countedKey recognises loc.T("key", …, "Count", n, …).
func countedKey(call *ast.CallExpr) (string, bool) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "T" || len(call.Args) < 3 {
		return "", false
	}
	first, ok := call.Args[0].(*ast.BasicLit)
	if !ok || first.Kind != token.STRING {
		return "", false
	}
	for _, arg := range call.Args[1:] {
		if lit, ok := arg.(*ast.BasicLit); ok && lit.Value == `"Count"` {
			key, err := strconv.Unquote(first.Value)
			return key, err == nil
		}
	}
	return "", false
}

// auditActions finds the literals that name an audit action rather than a
// message ("family.read", "admin.user.roles"): the arguments passed as a
// parameter called action, and the values of fields called Action.
func auditActions(files []*ast.File) map[*ast.BasicLit]bool {
	actionParam := map[string]int{} // function name → index of its action parameter
	for _, f := range files {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			i := 0
			for _, field := range fn.Type.Params.List {
				for _, name := range field.Names {
					if name.Name == "action" {
						actionParam[fn.Name.Name] = i
					}
					i++
				}
				if len(field.Names) == 0 {
					i++
				}
			}
		}
	}
	actions := map[*ast.BasicLit]bool{}
	var mark func(e ast.Expr)
	mark = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.BasicLit:
			actions[e] = true
		case *ast.BinaryExpr: // "admin." + kind + ".update"
			mark(e.X)
			mark(e.Y)
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var name string
				switch fun := n.Fun.(type) {
				case *ast.Ident:
					name = fun.Name
				case *ast.SelectorExpr:
					name = fun.Sel.Name
				}
				if i, ok := actionParam[name]; ok && i < len(n.Args) {
					mark(n.Args[i])
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Action" {
					mark(n.Value)
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if name.Name == "action" && i < len(n.Values) {
						mark(n.Values[i])
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && id.Name == "action" && i < len(n.Rhs) {
						mark(n.Rhs[i])
					}
				}
			}
			return true
		})
	}
	return actions
}

// catalog is one language's keys, with the plural forms of plural messages.
func catalog(t *testing.T, lang string) map[string]bool {
	t.Helper()
	keys, err := i18n.Keys(lang)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, k := range keys {
		known[k] = true
	}
	return known
}

// TestEveryKeyTheCodeUsesExists fails when Go code or a template names a
// key, or builds one from a known list of values, that one of the catalogs
// lacks: the person would read the raw key.
func TestEveryKeyTheCodeUsesExists(t *testing.T) {
	catalogs := map[string]map[string]bool{}
	plurals := map[string]map[string][]string{}
	sections := map[string]bool{}
	for _, lang := range i18n.Languages {
		catalogs[lang] = catalog(t, lang)
		forms, err := i18n.PluralForms(lang)
		if err != nil {
			t.Fatal(err)
		}
		plurals[lang] = forms
		for k := range catalogs[lang] {
			section, _, _ := strings.Cut(k, ".")
			sections[section] = true
		}
	}
	keys, prefixes := keyUses(t, sections)
	if len(keys) < 300 || len(prefixes) < 20 {
		t.Fatalf("only %d keys and %d dynamic prefixes found: the scan is broken", len(keys), len(prefixes))
	}
	// The scan sees what it must: a key in Go, a counted key in a
	// template, a dynamic key's prefix in Go and one in a template.
	mustFind := map[string]bool{"error.forbidden_message": false, "care.my_day_intro counted": false,
		"care.kind. prefix": false, "role. prefix": false}
	for _, u := range keys {
		if u.counted {
			mustFind[u.text+" counted"] = true
		} else {
			mustFind[u.text] = true
		}
	}
	for _, u := range prefixes {
		mustFind[u.text+" prefix"] = true
	}
	for what, found := range mustFind {
		if !found {
			t.Errorf("the scan missed %s: it is broken", what)
		}
	}
	check := func(key, where string) {
		for _, lang := range i18n.Languages {
			if !catalogs[lang][key] && !pluralFormOf(catalogs[lang], key) && !messageTable(catalogs[lang], key) {
				t.Errorf("%s: %q is missing from the %s catalog", where, key, lang)
			}
		}
	}
	countedUses := 0
	for _, u := range keys {
		check(u.text, u.where)
		if !u.counted {
			continue
		}
		countedUses++
		for _, lang := range i18n.Languages {
			if catalogs[lang][u.text] && plurals[lang][u.text] == nil {
				t.Errorf("%s: %q is translated with a Count but is not a plural message (one/other) in the %s catalog: with 0 or 1 the person reads the raw key", u.where, u.text, lang)
			}
		}
	}
	t.Logf("%d key uses, %d counted, %d dynamic prefixes (%d listed)", len(keys), countedUses, len(prefixes), len(dynamicKeys))
	if countedUses < 5 {
		t.Fatalf("only %d translations with a Count found: the scan is broken", countedUses)
	}
	seen := map[string]bool{}
	for _, u := range prefixes {
		values, ok := dynamicKeys[u.text]
		if !ok {
			t.Errorf("%s: the key prefix %q is completed at run time: list its values in dynamicKeys", u.where, u.text)
			continue
		}
		seen[u.text] = true
		for _, v := range values {
			check(u.text+v, u.where)
		}
	}
	var stale []string
	for p := range dynamicKeys {
		if !seen[p] {
			stale = append(stale, p)
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("dynamicKeys lists prefixes no code uses any more: %v", stale)
	}
}

// pluralFormOf accepts "x.one" when x is a plural message: go-i18n reads
// the forms of x itself, but code may name one.
func pluralFormOf(known map[string]bool, key string) bool {
	i := strings.LastIndex(key, ".")
	return i > 0 && known[key[:i]] && map[string]bool{"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}[key[i+1:]]
}

// messageTable accepts the name of a table of messages the code completes
// with a fixed suffix (a mail's ".subject" and ".body").
func messageTable(known map[string]bool, key string) bool {
	suffixes, ok := messageTables[strings.SplitN(key, ".", 2)[0]]
	if !ok {
		return false
	}
	for _, s := range suffixes {
		if !known[key+"."+s] {
			return false
		}
	}
	return true
}

// messageTables are the sections whose entries are tables the code
// completes with fixed suffixes.
var messageTables = map[string][]string{
	"mail":             {"subject", "body"},
	"daily_flows_mail": {"subject", "body"},
}

// TestPluralMessagesHaveTheFormsEachLanguageNeeds fails when a plural
// message lacks "one" or "other" in a language: a count that picks the
// missing form would show the raw key.
func TestPluralMessagesHaveTheFormsEachLanguageNeeds(t *testing.T) {
	total := 0
	for _, lang := range i18n.Languages {
		forms, err := i18n.PluralForms(lang)
		if err != nil {
			t.Fatal(err)
		}
		for key, fs := range forms {
			total++
			if !contains(fs, "one") || !contains(fs, "other") {
				t.Errorf("%s: the plural message %q has only the forms %v", lang, key, fs)
			}
		}
	}
	if total < 4 {
		t.Fatalf("only %d plural messages read: the parser is broken", total)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
