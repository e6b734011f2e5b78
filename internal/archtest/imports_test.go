// Package archtest holds the tests that keep the layering of the module:
// which package may import which. They read the real import graph with
// `go list`, so a new package is checked the day it appears.
package archtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// module is the module path every rule is written against.
const module = "github.com/berceau/berceau"

// pkg is what `go list -json` says of one package that matters here.
type pkg struct {
	ImportPath string
	Imports    []string // the production imports; test files' imports are apart (TestImports)
}

// notDomain are the top-level directories that hold no domain package.
var notDomain = map[string]bool{"internal": true, "cmd": true, "tools": true, "scripts": true, "ui": true, "testdata": true, "docs": true}

// rel is a package's path inside the module: "" for the root package,
// "internal/app", "directory/search"… and ok false outside the module.
func rel(path string) (string, bool) {
	if path == module {
		return "", true
	}
	if r, ok := strings.CutPrefix(path, module+"/"); ok {
		return r, true
	}
	return "", false
}

// standard: an import path whose first element has no dot is the
// standard library's (third-party modules are named by a host).
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// within: p is the package dir or one of its sub-packages.
func within(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

// domainArea is the top-level directory of a domain package ("directory"
// for directory/search), or "" for a package that is not one.
func domainArea(p string) string {
	if p == "" {
		return ""
	}
	top, _, _ := strings.Cut(p, "/")
	if notDomain[top] {
		return ""
	}
	return top
}

// violation explains why from may not import to, or is "" when it may.
func violation(from, to string) string {
	f, ok := rel(from)
	if !ok {
		return ""
	}
	t, inModule := rel(to)
	switch {
	case f == "":
		if !standard(to) {
			return "the root package berceau (the kernel) imports only the standard library"
		}
	case domainArea(f) != "":
		if standard(to) || (inModule && (t == "" || domainArea(t) == domainArea(f))) {
			return ""
		}
		return fmt.Sprintf("a domain package (%s/) imports only the standard library, the root package and its own area's packages", domainArea(f))
	case within(f, "internal/store"):
		if inModule && (within(t, "internal/app") || within(t, "internal/web") || within(t, "internal/api")) {
			return "internal/store never imports app, web or api: storage knows no use case"
		}
	case within(f, "internal/app"):
		if inModule && (within(t, "internal/web") || within(t, "internal/api")) {
			return "internal/app never imports web or api: use cases know no surface"
		}
	case within(f, "internal/web"), within(f, "internal/api"):
		if inModule && within(t, "internal/store") {
			return "internal/web and internal/api never import internal/store: they reach storage through internal/app, whose API carries no store type"
		}
	}
	return ""
}

// violations lists every forbidden import of pkgs, one line each naming
// the importer, the import and the rule.
func violations(pkgs []pkg) []string {
	var out []string
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			if why := violation(p.ImportPath, imp); why != "" {
				out = append(out, fmt.Sprintf("%s imports %s: %s", p.ImportPath, imp, why))
			}
		}
	}
	return out
}

// modulePackages lists every package of the module with its imports.
func modulePackages(t *testing.T) []pkg {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports", "./...")
	cmd.Dir = filepath.Join(filepath.Dir(file), "..", "..")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestImportsFollowTheLayering reads the module's real import graph and
// fails naming each import that breaks the direction of the layers.
func TestImportsFollowTheLayering(t *testing.T) {
	pkgs := modulePackages(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages: not the module", len(pkgs))
	}
	seen := map[string]bool{}
	for _, p := range pkgs {
		seen[p.ImportPath] = true
	}
	for _, want := range []string{module, module + "/internal/app", module + "/internal/store", module + "/internal/web", module + "/internal/api"} {
		if !seen[want] {
			t.Errorf("package %s not listed: the rules would check nothing", want)
		}
	}
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
}

// TestTheLayeringRulesRefuseEachForbiddenImport: each rule catches the
// import it forbids and lets the allowed ones through, so the test above
// cannot pass by checking nothing.
func TestTheLayeringRulesRefuseEachForbiddenImport(t *testing.T) {
	m := func(p string) string { return module + "/" + p }
	cases := []struct {
		from, to string
		refused  bool
	}{
		{module, "strings", false},
		{module, m("internal/store"), true},
		{module, "github.com/danielgtaylor/huma/v2", true},
		{m("care"), module, false},
		{m("care"), "time", false},
		{m("directory"), m("directory/search"), false},
		{m("directory/search"), m("directory"), false},
		{m("care"), m("directory"), true},
		{m("knowledge"), m("internal/app"), true},
		{m("training"), "github.com/jackc/pgx/v5", true},
		{m("indicator"), m("internal/hsds"), true},
		{m("internal/store"), m("internal/app"), true},
		{m("internal/store"), m("internal/web"), true},
		{m("internal/store"), m("internal/api"), true},
		{m("internal/store"), module, false},
		{m("internal/app"), m("internal/store"), false},
		{m("internal/app"), m("internal/web"), true},
		{m("internal/app"), m("internal/api"), true},
		{m("internal/web"), m("internal/app"), false},
		{m("internal/web"), m("internal/api"), false},
		{m("internal/web"), m("internal/store"), true},
		{m("internal/api"), m("internal/store"), true},
		{m("cmd/berceau"), m("internal/store"), false},
	}
	for _, c := range cases {
		got := violations([]pkg{{ImportPath: c.from, Imports: []string{c.to}}})
		if refused := len(got) == 1; refused != c.refused {
			t.Errorf("%s importing %s: refused %v, want %v (%v)", c.from, c.to, refused, c.refused, got)
		}
		if c.refused && len(got) == 1 && !strings.Contains(got[0], c.from+" imports "+c.to) {
			t.Errorf("the refusal does not name the offending import: %q", got[0])
		}
	}
}
