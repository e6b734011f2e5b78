package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// objKey names an object across the package variants of a load (a file's
// declaration has the same file and offset in every variant).
func (l *loaded) key(obj types.Object) string {
	if obj == nil || !obj.Pos().IsValid() {
		return ""
	}
	p := l.fset.Position(obj.Pos())
	return fmt.Sprintf("%s:%d", p.Filename, p.Offset)
}

// target is where a root object goes: its package (relative) and name.
type target struct {
	pkg  string
	name string
}

// rootDecl is one top-level declaration of a root file and where it goes.
type rootDecl struct {
	file       *fileInfo
	decl       ast.Decl
	start, end int // text span, leading comments included
	dest       place
	test       bool
	external   bool // package berceau_test
}

func (r *run) importPath(pkg string) string {
	if pkg == kernel {
		return r.mod
	}
	return r.mod + "/" + pkg
}

func qualifierOf(pkg string) string {
	if pkg == kernel {
		return "berceau"
	}
	return path.Base(pkg)
}

func (r *run) domain() {
	l := r.load()
	rootDir := r.root

	// 1. Every declaration of a root file and where it goes.
	var decls []*rootDecl
	typeDest := map[string]place{} // type name → place, for its methods
	for _, p := range l.order {
		fi := l.files[p]
		if filepath.Dir(p) != rootDir {
			continue
		}
		base := filepath.Base(p)
		test := strings.HasSuffix(base, "_test.go")
		external := strings.HasSuffix(fi.ast.Name.Name, "_test")
		pkg, known := rootFileDest(base)
		if !known && pkg == kernel && !test {
			// a kernel file: fine, but say so when it is new.
			switch base {
			case "text.go", "fold.go":
			default:
				if _, ok := rootFiles[base]; !ok {
					r.warn("root file %s is not in the table: it stays in the kernel", base)
				}
			}
		}
		prevEnd := l.off(fi.ast.Name.End())
		for _, s := range fi.ast.Imports {
			_ = s
		}
		for _, gd := range fi.ast.Decls {
			if g, ok := gd.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				prevEnd = l.off(g.End())
				continue
			}
			d := &rootDecl{file: fi, decl: gd, start: prevEnd, end: l.off(gd.End()), test: test, external: external,
				dest: place{pkg, base}}
			prevEnd = d.end
			for _, n := range declNames(gd) {
				if pl, ok := rootDecls[n]; ok {
					d.dest = pl
				}
			}
			if d.dest != (place{pkg, base}) {
				// comments before the declaration that are not its doc stay
				docStart := l.off(gd.Pos())
				if doc := declDoc(gd); doc != nil {
					docStart = l.off(doc.Pos())
				}
				if strings.TrimSpace(string(fi.src[d.start:docStart])) != "" {
					decls = append(decls, &rootDecl{file: fi, decl: &ast.BadDecl{From: gd.Pos(), To: gd.Pos()}, start: d.start, end: docStart,
						test: test, external: external, dest: place{pkg, base}})
					d.start = docStart
				}
			}
			if g, ok := gd.(*ast.GenDecl); ok && g.Tok == token.TYPE && !test {
				for _, s := range g.Specs {
					typeDest[s.(*ast.TypeSpec).Name.Name] = d.dest
				}
			}
			decls = append(decls, d)
		}
	}
	if len(decls) == 0 {
		return
	}
	// Methods go with their type.
	for _, d := range decls {
		fd, ok := d.decl.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || d.test {
			continue
		}
		tn := recvTypeName(fd)
		if fd.Name.Name == coversMethod && tn == "FamilyScope" {
			d.dest = place{coversPackage, coversFile}
			continue
		}
		if td, ok := typeDest[tn]; ok && (td.pkg != d.dest.pkg || isDeclOverride(tn)) {
			d.dest = td
		}
	}

	// 2. Where each root object goes, and which declaration holds each
	// offset of a root file (to know the package a reference is written in).
	declAt := func(fi *fileInfo, off int) *rootDecl {
		for _, d := range decls {
			if d.file == fi && off >= d.start && off < d.end {
				return d
			}
		}
		return nil
	}
	dest := map[string]*target{} // object key → target
	objs := map[string]types.Object{}
	for _, d := range decls {
		info := d.file.pkg.TypesInfo
		if d.external {
			continue
		}
		ast.Inspect(d.decl, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := info.Defs[id]
			if obj == nil {
				return true
			}
			k := l.key(obj)
			if _, seen := dest[k]; seen {
				return true
			}
			pkg := d.dest.pkg
			if d.test && !testMoves(d) {
				pkg = d.dest.pkg
			}
			dest[k] = &target{pkg: pkg, name: obj.Name()}
			objs[k] = obj
			return true
		})
	}
	// Test declarations of the kernel that use an area's objects move: to that
	// area's test file of the same name when they use one area and no test
	// helper of the kernel, else to an external test file of the root.
	testDecl := map[string]bool{}
	for _, d := range decls {
		if d.test && !d.external {
			ast.Inspect(d.decl, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && d.file.pkg.TypesInfo.Defs[id] != nil {
					testDecl[l.key(d.file.pkg.TypesInfo.Defs[id])] = true
				}
				return true
			})
		}
	}
	for _, d := range decls {
		if !d.test || d.external || d.dest.pkg != kernel {
			continue
		}
		areas := map[string]bool{}
		helper := false
		info := d.file.pkg.TypesInfo
		own := map[string]bool{}
		ast.Inspect(d.decl, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if o := info.Defs[id]; o != nil {
					own[l.key(o)] = true
				}
			}
			return true
		})
		ast.Inspect(d.decl, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				k := l.key(info.Uses[id])
				if t, ok := dest[k]; ok && t.pkg != kernel {
					areas[t.pkg] = true
				}
				if testDecl[k] && !own[k] {
					helper = true
				}
			}
			return true
		})
		if len(areas) == 0 {
			continue
		}
		area := ""
		for a := range areas {
			area = a
		}
		if len(areas) == 1 && !helper {
			d.dest.pkg = area
		} else {
			area = "external"
			d.external = true
			d.dest = place{kernel, strings.TrimSuffix(filepath.Base(d.file.path), "_test.go") + "_areas_test.go"}
		}
		for k := range own {
			if t, ok := dest[k]; ok {
				t.pkg = area
			}
		}
	}
	// Test helpers of an area used by a kernel test moved to the root's
	// external test files are copied there (they are not visible across
	// packages, test files are not exported).
	clone := map[string]bool{} // object key of a helper copied
	var clones []*rootDecl
	for _, d := range decls {
		if !d.external || !d.test || filepath.Base(d.file.path) == d.dest.file {
			continue
		}
		info := d.file.pkg.TypesInfo
		ast.Inspect(d.decl, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			k := l.key(info.Uses[id])
			if t, ok := dest[k]; ok && testDecl[k] && t.pkg != kernel && t.pkg != "external" && !clone[k] {
				clone[k] = true
				for _, h := range decls {
					if h.test && h.start <= l.off(info.Uses[id].Pos()) && l.off(info.Uses[id].Pos()) < h.end && h.file.path == l.fset.Position(info.Uses[id].Pos()).Filename {
						c := *h
						c.dest = d.dest
						c.external = true
						clones = append(clones, &c)
					}
				}
			}
			return true
		})
	}

	// Fields and methods keep their type's package: what Defs recorded
	// inside a type or method declaration already has its declaration's.

	// 3. Unexported objects used from another package are exported.
	type use struct {
		fi  *fileInfo
		id  *ast.Ident
		obj types.Object
	}
	var uses []use
	ctxPkg := func(fi *fileInfo, off int) (string, bool) { // the package a reference is written in
		if filepath.Dir(fi.path) == rootDir {
			if d := declAt(fi, off); d != nil {
				if d.external {
					return "external", true
				}
				return d.dest.pkg, true
			}
		}
		return "", false
	}
	for _, p := range l.order {
		fi := l.files[p]
		info := fi.pkg.TypesInfo
		ast.Inspect(fi.ast, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := info.Uses[id]
			if obj == nil {
				return true
			}
			if _, ok := dest[l.key(obj)]; ok {
				uses = append(uses, use{fi, id, obj})
			}
			return true
		})
	}
	for _, u := range uses {
		t := dest[l.key(u.obj)]
		if u.obj.Exported() || t.name != u.obj.Name() {
			continue
		}
		cp, inRoot := ctxPkg(u.fi, l.off(u.id.Pos()))
		if inRoot && cp == t.pkg || inRoot && cp == "external" && clone[l.key(u.obj)] {
			continue
		}
		t.name = exported(u.obj.Name())
	}
	// Collisions of exported names.
	names := map[string]string{}
	for k, t := range dest {
		obj := objs[k]
		if obj.Parent() != obj.Pkg().Scope() {
			continue
		}
		nk := t.pkg + "." + t.name
		if other, ok := names[nk]; ok && other != k {
			r.warn("two declarations become %s (%s)", nk, obj.Name())
		}
		names[nk] = k
	}

	// Kernel declarations must not use areas (that would be an import cycle).
	for _, u := range uses {
		cp, inRoot := ctxPkg(u.fi, l.off(u.id.Pos()))
		if inRoot && cp == kernel {
			if t := dest[l.key(u.obj)]; t.pkg != kernel && !(u.id.Name == coversMethod) {
				r.warn("kernel file %s uses %s of %s: an import cycle; move it in the table", r.rel(u.fi.path), u.obj.Name(), t.pkg)
			}
		}
	}

	// 4. Edits, file by file.
	edits := map[string][]edit{}
	need := map[string]map[string]string{} // file path → import path → name
	// A file that declares anything named like an area package (a local
	// variable "search", say) imports that package under an alias, in the
	// whole file: "searchpkg". Locals keep their names.
	aliased := map[string]map[string]bool{} // file → area → alias
	for _, p := range l.order {
		fi := l.files[p]
		for id, o := range fi.pkg.TypesInfo.Defs {
			if o == nil || l.fset.Position(id.Pos()).Filename != p {
				continue
			}
			if _, isPkg := o.(*types.PkgName); isPkg {
				continue
			}
			if v, ok := o.(*types.Var); ok && v.IsField() {
				continue // reached through a selector: shadows nothing
			}
			if f, ok := o.(*types.Func); ok && f.Signature().Recv() != nil {
				continue
			}
			for _, a := range []string{care, directory, search} {
				if id.Name == qualifierOf(a) {
					if aliased[p] == nil {
						aliased[p] = map[string]bool{}
					}
					aliased[p][a] = true
				}
			}
		}
		for _, a := range []string{care, directory, search} {
			if o := fi.pkg.Types.Scope().Lookup(qualifierOf(a)); o != nil {
				if aliased[p] == nil {
					aliased[p] = map[string]bool{}
				}
				aliased[p][a] = true
			}
		}
	}
	warned := map[string]bool{}
	qual := func(fi string, pkg string) string {
		if aliased[fi][pkg] {
			if !warned[fi+pkg] {
				warned[fi+pkg] = true
				r.warn("%s declares %s: it imports %s as %spkg", r.rel(fi), qualifierOf(pkg), pkg, qualifierOf(pkg))
			}
			return qualifierOf(pkg) + "pkg"
		}
		return qualifierOf(pkg)
	}
	addNeed := func(fi string, pkg string) {
		if need[fi] == nil {
			need[fi] = map[string]string{}
		}
		name := ""
		if aliased[fi][pkg] {
			name = qual(fi, pkg)
		}
		need[fi][r.importPath(pkg)] = name
	}
	for _, p := range l.order {
		fi := l.files[p]
		info := fi.pkg.TypesInfo
		inRoot := filepath.Dir(fi.path) == rootDir
		// selector expressions: pkg.Name
		qualified := map[*ast.Ident]*ast.SelectorExpr{}
		ast.Inspect(fi.ast, func(n ast.Node) bool {
			if s, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := s.X.(*ast.Ident); ok {
					if _, ok := info.Uses[x].(*types.PkgName); ok {
						qualified[s.Sel] = s
					}
				}
			}
			return true
		})
		ast.Inspect(fi.ast, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if s, ok := call.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == coversMethod {
					if sel := info.Selections[s]; sel != nil {
						if named := namedOf(sel.Recv()); named != nil && named.Obj().Name() == "FamilyScope" && named.Obj().Pkg().Path() == r.mod {
							where := fi.pkg.PkgPath
							cp, ok := ctxPkg(fi, l.off(call.Pos()))
							fn := qual(fi.path, coversPackage) + "." + coversFunc
							if ok && cp == coversPackage || !ok && where == r.importPath(coversPackage) {
								fn = coversFunc
							} else {
								addNeed(fi.path, coversPackage)
							}
							edits[fi.path] = append(edits[fi.path],
								edit{l.off(s.X.Pos()), l.off(s.X.Pos()), fn + "("},
								edit{l.off(s.X.End()), l.off(call.Lparen) + 1, ", "})
						}
					}
				}
			}
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			var obj types.Object
			def := false
			if o := info.Uses[id]; o != nil {
				obj = o // an embedded field's name is a use of its type
			} else if o := info.Defs[id]; o != nil {
				obj, def = o, true
			}
			t, ok := dest[l.key(obj)]
			if !ok {
				return true
			}
			isPkgLevel := obj.Parent() != nil && obj.Parent() == obj.Pkg().Scope()
			// the package this reference will be written in
			var here string
			if inRoot {
				cp, ok := ctxPkg(fi, l.off(id.Pos()))
				if !ok {
					return true
				}
				here = cp
			} else {
				here = "other"
			}
			if def {
				if t.name != id.Name {
					edits[fi.path] = append(edits[fi.path], edit{l.off(id.Pos()), l.off(id.End()), t.name})
					line := l.fset.Position(id.Pos()).Line
					for _, cg := range fi.ast.Comments {
						if l.fset.Position(cg.End()).Line == line-1 {
							c := cg.List[0]
							if strings.HasPrefix(c.Text, "// "+id.Name+" ") {
								o := l.off(c.Pos()) + 3
								edits[fi.path] = append(edits[fi.path], edit{o, o + len(id.Name), t.name})
							}
						}
					}
				}
				return true
			}
			if s, ok := qualified[id]; ok {
				text := qual(fi.path, t.pkg) + "." + t.name
				if here == t.pkg {
					text = t.name
				} else {
					addNeed(fi.path, t.pkg)
				}
				if text != source(fi, l, s) {
					edits[fi.path] = append(edits[fi.path], edit{l.off(s.Pos()), l.off(s.End()), text})
				}
				return true
			}
			if isPkgLevel && inRoot && here == "external" && clone[l.key(obj)] {
				return true
			}
			if isPkgLevel && inRoot && here != t.pkg {
				addNeed(fi.path, t.pkg)
				edits[fi.path] = append(edits[fi.path], edit{l.off(id.Pos()), l.off(id.End()), qual(fi.path, t.pkg) + "." + t.name})
				return true
			}
			if t.name != id.Name {
				edits[fi.path] = append(edits[fi.path], edit{l.off(id.Pos()), l.off(id.End()), t.name})
			}
			return true
		})
	}
	// Tests moved down a directory still read the root's testdata.
	for _, d := range decls {
		if !d.test || d.dest.pkg == kernel {
			continue
		}
		up := strings.Repeat("../", strings.Count(d.dest.pkg, "/")+1)
		ast.Inspect(d.decl, func(n ast.Node) bool {
			if b, ok := n.(*ast.BasicLit); ok && token.STRING == b.Kind && strings.HasPrefix(b.Value[1:], "testdata/") {
				o := l.off(b.Pos()) + 1
				edits[d.file.path] = append(edits[d.file.path], edit{o, o, up})
			}
			return true
		})
	}
	// The CoversFamily method becomes a function of care.
	for _, d := range decls {
		fd, ok := d.decl.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Name.Name != coversMethod || recvTypeName(fd) != "FamilyScope" {
			continue
		}
		fi := d.file
		recv := fd.Recv.List[0]
		rname := "s"
		if len(recv.Names) > 0 {
			rname = recv.Names[0].Name
		}
		edits[fi.path] = append(edits[fi.path],
			edit{l.off(fd.Recv.Opening), l.off(fd.Name.End()), coversFunc},
			edit{l.off(fd.Type.Params.Opening) + 1, l.off(fd.Type.Params.Opening) + 1, rname + " berceau.FamilyScope, "})
		if fd.Doc != nil {
			for _, c := range fd.Doc.List {
				if i := strings.Index(c.Text, coversMethod); i >= 0 {
					o := l.off(c.Pos()) + i
					edits[fi.path] = append(edits[fi.path], edit{o, o + len(coversMethod), coversFunc})
					break
				}
			}
		}
		addNeed(fi.path, kernel)
	}

	// 5. Files outside the root: rewritten in place.
	for _, p := range l.order {
		fi := l.files[p]
		if filepath.Dir(p) == rootDir {
			continue
		}
		if len(edits[p]) == 0 {
			continue
		}
		src := apply(fi.src, edits[p])
		out, err := fixImports(p, src, need[p])
		if err != nil {
			fatal(err)
		}
		r.write(p, out)
	}

	// 6. Root files: each declaration's rewritten text goes to its file.
	type part struct {
		from string
		text string
	}
	type outFile struct {
		pkgName string
		parts   []part
		need    map[string]string
		imports []string // import specs of the source files
		from    []string // source files
	}
	outs := map[string]*outFile{}
	var outOrder []string
	srcDone := map[string]bool{}
	outsOf := map[string]map[string]bool{} // source → outputs
	for _, d := range append(decls, clones...) {
		fi := d.file
		base := d.dest.file
		if d.test && !strings.HasSuffix(base, "_test.go") {
			base = strings.TrimSuffix(base, ".go") + "_test.go"
		}
		if !d.test && strings.HasSuffix(base, "_test.go") {
			base = strings.TrimSuffix(base, "_test.go") + ".go"
		}
		outPath := filepath.Join(rootDir, filepath.FromSlash(d.dest.pkg), base)
		o := outs[outPath]
		if o == nil {
			name := qualifierOf(d.dest.pkg)
			if d.external {
				name += "_test"
			}
			o = &outFile{pkgName: name, need: map[string]string{}}
			outs[outPath] = o
			outOrder = append(outOrder, outPath)
		}
		if outsOf[fi.path] == nil {
			outsOf[fi.path] = map[string]bool{}
		}
		outsOf[fi.path][outPath] = true
		// the declaration's text with its edits
		var es []edit
		for _, e := range edits[fi.path] {
			if e.start >= d.start && e.end <= d.end {
				es = append(es, edit{e.start - d.start, e.end - d.start, e.text})
			}
		}
		text := string(apply(fi.src[d.start:d.end], es))
		o.parts = append(o.parts, part{fi.path, strings.Trim(text, "\n")})
		for p, n := range need[fi.path] {
			o.need[p] = n
		}
		if !srcDone[fi.path+"→"+outPath] {
			srcDone[fi.path+"→"+outPath] = true
			o.from = append(o.from, fi.path)
			for _, s := range fi.ast.Imports {
				o.imports = append(o.imports, source(fi, l, s))
			}
		}
	}
	written := map[string]bool{}
	// An output continues the source of the same name (git mv keeps its
	// history); a source wholly continued by one output is edited in place.
	for _, outPath := range outOrder {
		o := outs[outPath]
		var cont string
		for _, from := range o.from {
			if filepath.Base(from) == filepath.Base(outPath) {
				cont = from
			}
		}
		if cont == "" {
			cont = o.from[0]
		}
		sort.SliceStable(o.parts, func(i, j int) bool { return o.parts[i].from == cont && o.parts[j].from != cont })
		fi := l.files[cont]
		whole := len(o.from) == 1 && len(outsOf[cont]) == 1
		if whole {
			es := append([]edit(nil), edits[cont]...)
			if o.pkgName != fi.ast.Name.Name {
				es = append(es, edit{l.off(fi.ast.Name.Pos()), l.off(fi.ast.Name.End()), o.pkgName})
			}
			if len(es) == 0 && cont == outPath {
				continue
			}
			out, err := fixImports(outPath, apply(fi.src, es), o.need)
			if err != nil {
				fatal(err)
			}
			if cont != outPath && filepath.Base(cont) == filepath.Base(outPath) && !fileExists(outPath) && !outsOf[cont][cont] {
				r.gitMove(cont, outPath)
			}
			r.write(outPath, out)
			continue
		}
		var b strings.Builder
		b.Write(fi.src[:l.off(fi.ast.Name.Pos())])
		b.WriteString(o.pkgName + "\n\n")
		if len(o.imports) > 0 {
			b.WriteString("import (\n")
			for _, s := range o.imports {
				b.WriteString("\t" + s + "\n")
			}
			b.WriteString(")\n\n")
		}
		for _, p := range o.parts {
			b.WriteString(p.text + "\n\n")
		}
		out, err := fixImports(outPath, []byte(b.String()), o.need)
		if err != nil {
			fatal(err)
		}
		mvd := false
		if cont != outPath && filepath.Base(cont) == filepath.Base(outPath) && !fileExists(outPath) && !outsOf[cont][cont] {
			r.gitMove(cont, outPath)
			mvd = true
		}
		if fileExists(outPath) && cont != outPath && !mvd && !written[outPath] {
			// an existing file of the destination receives declarations
			existing, _ := os.ReadFile(outPath)
			merged := append(existing, []byte("\n")...)
			for _, p := range o.parts {
				merged = append(merged, []byte(p.text+"\n\n")...)
			}
			merged = addImportSpecs(merged, o.imports)
			out, err = fixImports(outPath, merged, o.need)
			if err != nil {
				fatal(err)
			}
		}
		r.write(outPath, out)
		written[outPath] = true
	}
	// root files whose every declaration left
	for _, p := range l.order {
		if filepath.Dir(p) != rootDir || len(outsOf[p]) == 0 {
			continue
		}
		if _, ok := outs[p]; !ok && fileExists(p) {
			r.remove(p)
		}
	}
	for pkg, doc := range packageDocs {
		p := filepath.Join(rootDir, filepath.FromSlash(pkg), "doc.go")
		if dirHasGo(filepath.Dir(p)) && !fileExists(p) {
			r.write(p, []byte(doc))
		}
	}
	// report
	counts := map[string]int{}
	for _, d := range decls {
		counts[d.dest.pkg]++
	}
	var ks []string
	for k := range counts {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Fprintf(os.Stderr, "relayout: domain: %d declarations in %q\n", counts[k], k)
	}
}

func dirHasGo(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	return len(m) > 0
}

func outputIsSource(from []string, out string) bool {
	for _, f := range from {
		if f == out {
			return true
		}
	}
	return false
}

func movedHere(from []string, out string) bool {
	for _, f := range from {
		if filepath.Base(f) == filepath.Base(out) && !fileExists(f) {
			return true
		}
	}
	return false
}

// addImportSpecs adds import lines to a file's source (duplicates and unused
// ones are removed by fixImports).
func addImportSpecs(src []byte, specs []string) []byte {
	s := string(src)
	i := strings.Index(s, "\n")
	head, rest := s[:i+1], s[i+1:]
	return []byte(head + "\nimport (\n\t" + strings.Join(specs, "\n\t") + "\n)\n" + rest)
}

func source(fi *fileInfo, l *loaded, n ast.Node) string {
	return string(fi.src[l.off(n.Pos()):l.off(n.End())])
}

func declDoc(d ast.Decl) *ast.CommentGroup {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Doc
	case *ast.GenDecl:
		return d.Doc
	}
	return nil
}

func declNames(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			return []string{d.Name.Name}
		}
	case *ast.GenDecl:
		var ns []string
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				ns = append(ns, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					ns = append(ns, n.Name)
				}
			}
		}
		return ns
	}
	return nil
}

func isDeclOverride(name string) bool {
	_, ok := rootDecls[name]
	return ok
}

func testMoves(d *rootDecl) bool { return false }

func recvTypeName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t := t.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		if id, ok := t.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}

func namedOf(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := t.(*types.Named)
	return n
}

var initialisms = map[string]string{"url": "URL", "id": "ID", "uuid": "UUID", "http": "HTTP"}

func exported(name string) string {
	if s, ok := initialisms[name]; ok {
		return s
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}
