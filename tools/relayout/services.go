package main

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// services moves the use cases of *app.App to one service per area.
func (r *run) services() {
	l := r.load()
	appPath := r.mod + "/internal/app"
	appDir := filepath.Join(r.root, "internal", "app")
	fieldOf := map[string]string{} // service type → field
	typeOf := map[string]string{}  // field → service type
	for _, s := range services {
		fieldOf[s.typ] = s.field
		typeOf[s.field] = s.typ
	}

	// 1. The methods of *App and the service each goes to.
	moving := map[string]string{}   // method object key → field
	recvVars := map[string]string{} // receiver variable key → field
	var appStruct *ast.StructType
	var appFile, newFile *fileInfo
	var newAssign ast.Stmt
	counts := map[string]int{}
	for _, p := range l.order {
		fi := l.files[p]
		if filepath.Dir(p) != appDir || strings.HasSuffix(p, "_test.go") {
			continue
		}
		info := fi.pkg.TypesInfo
		for _, d := range fi.ast.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == "App" {
						appStruct, _ = ts.Type.(*ast.StructType)
						appFile = fi
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "New" {
					for _, st := range d.Body.List {
						if as, ok := st.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
							if u, ok := as.Rhs[0].(*ast.UnaryExpr); ok {
								if cl, ok := u.X.(*ast.CompositeLit); ok {
									if id, ok := cl.Type.(*ast.Ident); ok && id.Name == "App" {
										newAssign, newFile = st, fi
									}
								}
							}
						}
					}
				}
				if d.Recv == nil || recvTypeName(d) != "App" {
					if d.Recv != nil {
						if f, ok := fieldOf[recvTypeName(d)]; ok {
							counts[f]++
						}
					}
					continue
				}
				field, known := appMethodService(filepath.Base(p), d.Name.Name)
				if !known {
					r.warn("app method %s (%s) stays on the core App: its file is not in the table", d.Name.Name, filepath.Base(p))
				}
				if field == "" {
					counts["App"]++
					continue
				}
				counts[field]++
				moving[l.key(info.Defs[d.Name])] = field
				if names := d.Recv.List[0].Names; len(names) > 0 {
					recvVars[l.key(info.Defs[names[0]])] = field
				}
			}
		}
	}

	edits := map[string][]edit{}
	// 2. The services, their fields and their creation.
	servicesFile := filepath.Join(appDir, "services.go")
	hasField := false
	if appStruct != nil {
		for _, f := range appStruct.Fields.List {
			for _, n := range f.Names {
				if n.Name == services[0].field {
					hasField = true
				}
			}
		}
	}
	if !hasField && appStruct != nil && newAssign != nil {
		var b strings.Builder
		b.WriteString("\n\t// The use cases, one service per area (services.go), each on this core.\n")
		for _, s := range services {
			fmt.Fprintf(&b, "\t%s *%s\n", s.field, s.typ)
		}
		o := l.off(appStruct.Fields.Opening) + 1
		edits[appFile.path] = append(edits[appFile.path], edit{o, o, b.String()})
		o = l.off(newAssign.End())
		edits[newFile.path] = append(edits[newFile.path], edit{o, o, "\n\ta.attachServices()"})
	}
	// The core's own description.
	if appFile != nil {
		const old = "// App is the set of use cases over one store.\n"
		if i := strings.Index(string(appFile.src), old); i >= 0 {
			edits[appFile.path] = append(edits[appFile.path], edit{i, i + len(old),
				"// App is the core the use cases share over one store: the clock, the\n" +
					"// store, the audit trail, the authorization helpers and background work.\n" +
					"// The use cases themselves are its services, one per area (services.go).\n"})
		}
	}
	if !fileExists(servicesFile) {
		var b strings.Builder
		b.WriteString("package app\n\n")
		b.WriteString("// The use cases are grouped in one service per area, each a struct on the\n")
		b.WriteString("// core App (clock, store, audit, the authorization helpers, background\n")
		b.WriteString("// work), reached as app.Care.OpenFamily(...). A new area adds its service\n")
		b.WriteString("// here and in App, and no method to App itself.\n\n")
		for _, s := range services {
			b.WriteString(wrapComment(fmt.Sprintf("%s holds %s.", s.typ, s.doc)))
			fmt.Fprintf(&b, "type %s struct{ *App }\n\n", s.typ)
		}
		b.WriteString("// attachServices creates the services of a new App.\nfunc (a *App) attachServices() {\n")
		for _, s := range services {
			fmt.Fprintf(&b, "\ta.%s = &%s{a}\n", s.field, s.typ)
		}
		b.WriteString("}\n")
		r.write(servicesFile, []byte(b.String()))
	}

	// 3. Receivers, and every selection of a moved method.
	for _, p := range l.order {
		fi := l.files[p]
		info := fi.pkg.TypesInfo
		if filepath.Dir(p) == appDir && !strings.HasSuffix(p, "_test.go") {
			for _, d := range fi.ast.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Recv == nil {
					continue
				}
				field, ok := moving[l.key(info.Defs[fd.Name])]
				if !ok {
					continue
				}
				t := fd.Recv.List[0].Type
				if s, ok := t.(*ast.StarExpr); ok {
					t = s.X
				}
				edits[p] = append(edits[p], edit{l.off(t.Pos()), l.off(t.End()), typeOf[field]})
				// the receiver passed on as a value is the core App
				if names := fd.Recv.List[0].Names; len(names) > 0 {
					rv := info.Defs[names[0]]
					selX := map[*ast.Ident]bool{}
					ast.Inspect(fd.Body, func(n ast.Node) bool {
						if s, ok := n.(*ast.SelectorExpr); ok {
							if id, ok := s.X.(*ast.Ident); ok {
								selX[id] = true
							}
						}
						return true
					})
					ast.Inspect(fd.Body, func(n ast.Node) bool {
						if id, ok := n.(*ast.Ident); ok && info.Uses[id] == rv && !selX[id] {
							edits[p] = append(edits[p], edit{l.off(id.End()), l.off(id.End()), ".App"})
						}
						return true
					})
				}
			}
		}
		ast.Inspect(fi.ast, func(n ast.Node) bool {
			s, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			sel := info.Selections[s]
			if sel == nil || (sel.Kind() != types.MethodVal && sel.Kind() != types.MethodExpr) {
				return true
			}
			field, ok := moving[l.key(sel.Obj())]
			if !ok {
				return true
			}
			if sel.Kind() == types.MethodExpr {
				r.warn("%s: method expression of %s: rewrite it by hand", l.fset.Position(s.Pos()), sel.Obj().Name())
				return true
			}
			future := "App"
			if id, ok := s.X.(*ast.Ident); ok {
				if f, ok := recvVars[l.key(info.Uses[id])]; ok {
					future = f
				}
			}
			if future == field {
				return true
			}
			o := l.off(s.X.End())
			edits[p] = append(edits[p], edit{o, o, "." + field})
			return true
		})
	}
	for p, es := range edits {
		fi := l.files[p]
		out, err := fixImports(p, apply(fi.src, es), nil)
		if err != nil {
			fatal(err)
		}
		r.write(p, out)
	}
	var ks []string
	for k := range counts {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Fprintf(os.Stderr, "relayout: services: %s has %d methods\n", k, counts[k])
	}
	_ = appPath
}

// wrapComment writes text as // lines of at most 80 columns.
func wrapComment(text string) string {
	var b, line strings.Builder
	for _, w := range strings.Fields(text) {
		if line.Len() > 0 && line.Len()+1+len(w) > 77 {
			b.WriteString("// " + line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteString(" ")
		}
		line.WriteString(w)
	}
	if line.Len() > 0 {
		b.WriteString("// " + line.String() + "\n")
	}
	return b.String()
}
