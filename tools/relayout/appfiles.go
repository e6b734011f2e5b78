package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// appFiles names the files of internal/app by the nouns they hold: the
// declarations of appDeclFiles move to their file (with their comments), a
// file left empty is removed, then appRenames are applied. Only the syntax
// is needed: everything stays in package app.
func (r *run) appFiles() (changed bool) {
	dir := filepath.Join(r.root, "internal", "app")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	sort.Strings(paths)
	type moved struct {
		text    string
		imports []string
	}
	incoming := map[string][]moved{} // target base → declarations
	var targets []string
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, parser.ParseComments)
		if err != nil {
			fatal(err)
		}
		off := func(pos token.Pos) int { return fset.Position(pos).Offset }
		var specs []string
		for _, s := range f.Imports {
			specs = append(specs, string(src[off(s.Pos()):off(s.End())]))
		}
		var cuts []edit
		for _, d := range f.Decls {
			name := appDeclName(d)
			target, ok := appDeclFiles[name]
			if !ok || target == filepath.Base(p) {
				continue
			}
			start := off(d.Pos())
			if doc := declDoc(d); doc != nil {
				start = off(doc.Pos())
			}
			end := off(d.End())
			cuts = append(cuts, edit{start, end, ""})
			if len(incoming[target]) == 0 {
				targets = append(targets, target)
			}
			incoming[target] = append(incoming[target], moved{string(src[start:end]), specs})
		}
		if len(cuts) == 0 {
			continue
		}
		changed = true
		out := apply(src, cuts)
		if empty(out) {
			r.remove(p)
			continue
		}
		fixed, err := fixImports(p, out, nil)
		if err != nil {
			fatal(err)
		}
		r.write(p, fixed)
	}
	for _, t := range targets {
		p := filepath.Join(dir, t)
		var b strings.Builder
		var specs []string
		if existing, err := os.ReadFile(p); err == nil {
			b.Write(existing)
		} else {
			b.WriteString("package app\n")
		}
		for _, m := range incoming[t] {
			b.WriteString("\n" + m.text + "\n")
			specs = append(specs, m.imports...)
		}
		src := []byte(b.String())
		if len(specs) > 0 {
			src = addImportSpecs(src, specs)
		}
		out, err := fixImports(p, src, nil)
		if err != nil {
			fatal(err)
		}
		r.write(p, out)
	}
	for from, to := range appRenames {
		f, t := filepath.Join(dir, from), filepath.Join(dir, to)
		if fileExists(f) && !fileExists(t) {
			r.gitMove(f, t)
			changed = true
		}
	}
	return changed
}

// appDeclName is what appDeclFiles knows a declaration by: a function's or
// a use case's name, a type's name (its methods follow it).
func appDeclName(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			return d.Name.Name
		}
		tn := recvTypeName(d)
		if tn == "App" {
			return d.Name.Name
		}
		for _, s := range services {
			if s.typ == tn {
				return d.Name.Name
			}
		}
		return tn
	case *ast.GenDecl:
		if len(d.Specs) == 1 {
			if ts, ok := d.Specs[0].(*ast.TypeSpec); ok {
				return ts.Name.Name
			}
		}
	}
	return ""
}

// empty reports whether a file holds no declaration any more.
func empty(src []byte) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
	return err == nil && len(nonImport(f.Decls)) == 0
}

func nonImport(ds []ast.Decl) []ast.Decl {
	var out []ast.Decl
	for _, d := range ds {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		out = append(out, d)
	}
	return out
}
