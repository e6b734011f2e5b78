// Package check finds, and can fix, the errors that leave internal/store
// without saying what the store was doing: a database error returned as it
// came ("no such table", "connection reset") tells nobody which read or
// write failed. The rule it enforces:
//
//   - every error an exported function or method returns carries its
//     context: it was made here (wrapErr, fmt.Errorf, errors.New, a domain
//     error such as &berceau.Error{…}), or it comes from a function that
//     already gives its errors their context (another exported store
//     function, an unexported one whose every error is wrapped, the domain
//     packages, a caller's callback), so nothing is wrapped twice;
//   - an unexported helper may hand back a bare database error: its callers
//     wrap it with what they were doing.
//
// The fix wraps each bare error with wrapErr("<what>", err), what being the
// first context string the function already uses (a wrapErr or eachRow
// label) or else its name in words. It is re-runnable: a wrapped error is
// never wrapped again.
package check

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Allowed lists the returns (by "Recv.Func: expression", or "Func:
// expression" for a function) whose error may go back as it is, each with
// its reason: the tool cannot see where the error was made.
var Allowed = map[string]string{
	"Store.AppendAuditGrouped: a.err": "a follower returns the error its leader got from commitAuditBatchSafely, which has its context",
}

func (a *analyzer) allowed(fd *ast.FuncDecl, e ast.Expr) bool {
	fn, _ := a.info.Defs[fd.Name].(*types.Func)
	return Allowed[funcName(fn)+": "+types.ExprString(e)] != ""
}

// Finding is one return statement that hands back a bare error.
type Finding struct {
	Pos  token.Position
	Func string // "Tx.CreateContact" or "Open"
	Expr string // the returned error expression
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s returns %s without context", f.Pos, f.Func, f.Expr)
}

// Counts measures the package's error returns.
type Counts struct {
	Bare       int // an error leaving an exported function as it came from the database or another package
	HelperBare int // the same in unexported helpers (and Allowed functions): their callers wrap
	Wrapped    int // made here: wrapErr, fmt.Errorf, errors.New, a domain error literal
	Delegated  int // from a function that already gives its errors context
	Loops      int // hand-written `for rows.Next()` loops outside rows.go
	Double     int // wrapped although the error had its context already ("store: a: store: b: …")
}

func (c Counts) String() string {
	return fmt.Sprintf("bare %d, bare in helpers %d, wrapped %d (twice %d), delegated %d, rows.Next loops %d",
		c.Bare, c.HelperBare, c.Wrapped, c.Double, c.Delegated, c.Loops)
}

// Report is what Analyze found in one package directory.
type Report struct {
	Counts   Counts
	Findings []Finding // bare errors that must carry context (the fix wraps them)
	Returns  []string  // every error return with its class, for -v
	Doubles  []string  // wraps of an error that had its context already
	fixes    map[string][]edit
	fset     *token.FileSet
}

type edit struct {
	start, end int // byte offsets in the file
	text       string
}

// class of an error expression.
type class int

const (
	classNil class = iota
	classWrapped
	classDelegated
	classBare
)

type analyzer struct {
	fset    *token.FileSet
	pkg     *types.Package
	info    *types.Info
	files   map[string]*ast.File // by file name
	decls   map[*types.Func]*ast.FuncDecl
	summary map[*types.Func]class // classWrapped/classDelegated means "its errors carry context"
	passing map[string]bool       // store functions that hand a callback's error back as it is
}

// Analyze type-checks the non-test Go files of the package in dir and
// classifies every error it returns.
func Analyze(dir string) (*Report, error) {
	a, err := load(dir)
	if err != nil {
		return nil, err
	}
	a.summarize()
	rep := &Report{fixes: map[string][]edit{}, fset: a.fset}
	names := make([]string, 0, len(a.files))
	for name := range a.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := a.files[name]
		if filepath.Base(name) != "rows.go" {
			rep.Counts.Loops += countRowsLoops(f)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !returnsError(a.info, fd) {
				continue
			}
			a.visit(rep, name, fd)
		}
	}
	sort.Slice(rep.Findings, func(i, j int) bool {
		pi, pj := rep.Findings[i].Pos, rep.Findings[j].Pos
		if pi.Filename != pj.Filename {
			return pi.Filename < pj.Filename
		}
		return pi.Offset < pj.Offset
	})
	return rep, nil
}

// Fix writes the wraps Analyze planned and returns the files it changed.
func (r *Report) Fix() ([]string, error) {
	var changed []string
	for name, edits := range r.fixes {
		src, err := os.ReadFile(name)
		if err != nil {
			return changed, err
		}
		sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
		for _, e := range edits {
			src = append(src[:e.start:e.start], append([]byte(e.text), src[e.end:]...)...)
		}
		out, err := format.Source(src)
		if err != nil {
			return changed, fmt.Errorf("%s: the fix does not parse: %w", name, err)
		}
		if err := os.WriteFile(name, out, 0o644); err != nil {
			return changed, err
		}
		changed = append(changed, name)
	}
	sort.Strings(changed)
	return changed, nil
}

// load parses and type-checks the package, importing its dependencies from
// the export data `go list -export` builds (standard library only, no
// golang.org/x/tools).
func load(dir string) (*analyzer, error) {
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", ".")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %v: %s", err, stderr.String())
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			exports[path] = file
		}
	}
	fset := token.NewFileSet()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	a := &analyzer{fset: fset, files: map[string]*ast.File{}, decls: map[*types.Func]*ast.FuncDecl{},
		summary: map[*types.Func]class{}, passing: map[string]bool{}}
	var files []*ast.File
	for _, name := range matches {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		a.files[name] = f
		files = append(files, f)
	}
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
	a.info = &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{}}
	a.pkg, err = conf.Check("store", fset, files, a.info)
	if err != nil {
		return nil, fmt.Errorf("type-check %s: %w", dir, err)
	}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := a.info.Defs[fd.Name].(*types.Func); ok {
					a.decls[fn] = fd
				}
			}
		}
	}
	return a, nil
}

// summarize decides, to a fixed point, which of the package's functions
// give every error they return its context.
func (a *analyzer) summarize() {
	for fn := range a.decls {
		a.summary[fn] = classWrapped // optimistic; lowered until stable
	}
	a.findPassing()
	for changed := true; changed; {
		changed = false
		for fn, fd := range a.decls {
			if fd.Body == nil || !returnsError(a.info, fd) || a.summary[fn] == classBare {
				continue
			}
			bare := false
			a.eachReturn(fd, func(_ *ast.ReturnStmt, e ast.Expr, _ bool) {
				if a.classify(fd, e) == classBare && !a.allowed(fd, e) {
					bare = true
				}
			})
			// A function the fix completes (exported, or a helper that
			// already wraps some errors) counts as giving context, so its
			// callers do not wrap it a second time.
			if bare && !a.completes(fd) {
				a.summary[fn] = classBare
				changed = true
			}
		}
	}
}

// findPassing finds, to a fixed point, the functions that hand back a
// callback's error as it came (the transaction runners: WriteTx, ReadTx,
// run): the callback, written in the caller, is checked there as part of
// the caller. A function that wraps its callback's errors (eachRow) is not
// one of them.
func (a *analyzer) findPassing() {
	for changed := true; changed; {
		changed = false
		for fn, fd := range a.decls {
			if fd.Body == nil || a.passing[fn.Name()] || !returnsError(a.info, fd) {
				continue
			}
			found := false
			a.eachReturn(fd, func(_ *ast.ReturnStmt, e ast.Expr, _ bool) {
				if a.fromCallback(fd, e, 0) {
					found = true
				}
			})
			if found {
				a.passing[fn.Name()] = true
				changed = true
			}
		}
	}
}

// fromCallback reports whether e is, as it came, the error of a call to
// one of fd's func parameters or of a passing function.
func (a *analyzer) fromCallback(fd *ast.FuncDecl, e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := a.info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		if rhs := a.reachingValue(fd, v, e.Pos()); rhs != nil {
			return a.fromCallback(fd, rhs, depth+1)
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			if v, ok := a.info.Uses[id].(*types.Var); ok && a.isParam(fd, v) {
				return true
			}
		}
		fn := a.callee(e)
		return fn != nil && fn.Pkg() == a.pkg && a.passing[fn.Name()]
	}
	return false
}

// completes reports whether every error fd returns must carry context: fd
// is exported, or is a helper that already wraps some of its errors (it is
// completed so that its callers need not wrap it again).
func (a *analyzer) completes(fd *ast.FuncDecl) bool {
	exported := fd.Name.IsExported() && (fd.Recv == nil || receiverExported(fd))
	return exported || a.wrapsSome(fd)
}

func (a *analyzer) visit(rep *Report, file string, fd *ast.FuncDecl) {
	fn, _ := a.info.Defs[fd.Name].(*types.Func)
	name := funcName(fn)
	complete := a.completes(fd)
	what := a.what(fd)
	a.eachReturn(fd, func(ret *ast.ReturnStmt, e ast.Expr, tuple bool) {
		c := a.classify(fd, e)
		rep.Returns = append(rep.Returns, fmt.Sprintf("%s: %s %s: %s", a.fset.Position(e.Pos()),
			[]string{"nil", "wrapped", "delegated", "bare"}[c], name, types.ExprString(e)))
		switch c {
		case classWrapped:
			rep.Counts.Wrapped++
			if inner := a.wrappedArg(e); inner != nil && a.storeMade(fd, inner, 0) {
				{
					rep.Counts.Double++
					rep.Doubles = append(rep.Doubles, fmt.Sprintf("%s: %s wraps %s, which has its context already",
						a.fset.Position(e.Pos()), name, types.ExprString(inner)))
				}
			}
		case classDelegated:
			rep.Counts.Delegated++
		case classBare:
			if a.allowed(fd, e) {
				rep.Counts.Delegated++
				return
			}
			if !complete {
				rep.Counts.HelperBare++
				return
			}
			rep.Counts.Bare++
			rep.Findings = append(rep.Findings, Finding{Pos: a.fset.Position(e.Pos()), Func: name, Expr: a.text(file, e)})
			rep.fixes[file] = append(rep.fixes[file], a.wrap(file, ret, e, tuple, what)...)
		}
	})
}

// eachReturn calls fn with the error expression of every return statement
// of fd, and of the callbacks it passes to a transaction runner (their
// error comes back as fd's). tuple is true when the expression is a call
// whose results are the whole return list.
func (a *analyzer) eachReturn(fd *ast.FuncDecl, fn func(ret *ast.ReturnStmt, e ast.Expr, tuple bool)) {
	var walk func(body ast.Node)
	walk = func(body ast.Node) {
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if a.isPassing(n) {
					for _, arg := range n.Args {
						if lit, ok := arg.(*ast.FuncLit); ok {
							walk(lit.Body)
						}
					}
				}
			case *ast.ReturnStmt:
				switch {
				case len(n.Results) == 0:
					// A bare return of named results: the last one is the error.
					res := fd.Type.Results.List
					if names := res[len(res)-1].Names; len(names) > 0 && body == fd.Body {
						fn(n, names[len(names)-1], false)
					}
				case len(n.Results) == 1 && fd.Type.Results.NumFields() > 1:
					fn(n, n.Results[0], true)
				default:
					fn(n, n.Results[len(n.Results)-1], false)
				}
			}
			return true
		})
	}
	walk(fd.Body)
}

func (a *analyzer) isPassing(call *ast.CallExpr) bool {
	fn := a.callee(call)
	return fn != nil && fn.Pkg() == a.pkg && a.passing[fn.Name()]
}

// classify says where the error expression e, returned by fd, comes from.
func (a *analyzer) classify(fd *ast.FuncDecl, e ast.Expr) class {
	return a.classifyDepth(fd, e, 0)
}

func (a *analyzer) classifyDepth(fd *ast.FuncDecl, e ast.Expr, depth int) class {
	if depth > 8 {
		return classBare
	}
	e = ast.Unparen(e)
	if tv, ok := a.info.Types[e]; ok && tv.IsNil() {
		return classNil
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if _, ok := e.X.(*ast.CompositeLit); ok && e.Op == token.AND {
			return classWrapped // &berceau.Error{…}
		}
	case *ast.CompositeLit:
		return classWrapped
	case *ast.CallExpr:
		return a.classifyCall(fd, e, depth)
	case *ast.Ident:
		obj := a.info.Uses[e]
		if obj == nil {
			obj = a.info.Defs[e]
		}
		v, ok := obj.(*types.Var)
		if !ok {
			if obj != nil && obj.Pkg() != nil && obj.Pkg() == a.pkg {
				return classWrapped // a package-level sentinel, made here
			}
			return classBare
		}
		if v.Parent() == a.pkg.Scope() {
			return classWrapped // a package-level error variable (ErrBackupPostgres)
		}
		rhs := a.reachingValue(fd, v, e.Pos())
		if rhs == nil {
			if a.isParam(fd, v) {
				return classBare
			}
			return classNil // declared (var err error), never set before here
		}
		return a.classifyDepth(fd, rhs, depth+1)
	}
	return classBare
}

func (a *analyzer) classifyCall(fd *ast.FuncDecl, call *ast.CallExpr, depth int) class {
	if tv, ok := a.info.Types[call.Fun]; ok && tv.IsType() {
		return a.classifyDepth(fd, call.Args[0], depth+1) // a conversion
	}
	fn := a.callee(call)
	if fn == nil {
		// A func value: a callback the caller wrote; its errors are its own.
		return classDelegated
	}
	pkg := fn.Pkg()
	switch {
	case pkg == nil:
		return classBare // a method of the error interface, etc.
	case pkg.Path() == "fmt" && fn.Name() == "Errorf",
		pkg.Path() == "errors" && (fn.Name() == "New" || fn.Name() == "Join"):
		return classWrapped
	case pkg == a.pkg && fn.Name() == "wrapErr":
		return classWrapped
	case pkg == a.pkg && fn.Name() == "notFound":
		// notFound turns "no rows" into a domain error and hands any other
		// error back as it came: as good as the error it was given.
		return a.classifyDepth(fd, call.Args[0], depth+1)
	case pkg == a.pkg:
		if _, declared := a.decls[fn]; !declared || a.summary[fn] == classBare {
			// Not declared here as a function (an interface's Scan,
			// row.Scan) or giving bare errors.
			return classBare
		}
		return classDelegated
	case isDomain(pkg.Path()):
		return classDelegated // a domain rule's own error (c.Validate())
	}
	return classBare
}

// wrappedArg is the error a wrapErr or fmt.Errorf("…%w…") call wraps.
func (a *analyzer) wrappedArg(e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) < 2 {
		return nil
	}
	fn := a.callee(call)
	switch {
	case fn == nil:
		return nil
	case fn.Pkg() == a.pkg && fn.Name() == "wrapErr":
		return call.Args[1]
	case fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf":
		return call.Args[len(call.Args)-1]
	}
	return nil
}

// storeMade reports whether e is an error that already says what the store
// was doing: made by wrapErr or fmt.Errorf, or returned by a store function
// that gives its errors context.
func (a *analyzer) storeMade(fd *ast.FuncDecl, e ast.Expr, depth int) bool {
	if depth > 8 || !types.Identical(a.info.TypeOf(e), types.Universe.Lookup("error").Type()) {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := a.info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		if rhs := a.reachingValue(fd, v, e.Pos()); rhs != nil {
			if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && !types.Identical(a.info.TypeOf(call), a.info.TypeOf(e)) {
				return a.callMadeInStore(fd, call) // x, err := f()
			}
			return a.storeMade(fd, rhs, depth+1)
		}
	case *ast.CallExpr:
		return a.callMadeInStore(fd, e)
	}
	return false
}

func (a *analyzer) callMadeInStore(fd *ast.FuncDecl, call *ast.CallExpr) bool {
	fn := a.callee(call)
	if fn == nil || fn.Pkg() != a.pkg && !(fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf") {
		return false
	}
	if fn.Pkg().Path() == "fmt" || fn.Name() == "wrapErr" {
		return true
	}
	if fn.Name() == "notFound" {
		return false // a domain not-found error, or its argument as it came
	}
	_, declared := a.decls[fn]
	return declared && a.summary[fn] != classBare
}

// isDomain: the root package berceau and the domain packages beside it
// (care, directory, knowledge, …), whose errors say what was wrong.
func isDomain(path string) bool {
	const root = "github.com/berceau/berceau"
	if path == root {
		return true
	}
	rest, ok := strings.CutPrefix(path, root+"/")
	return ok && !strings.HasPrefix(rest, "internal/") && !strings.HasPrefix(rest, "cmd/") && !strings.HasPrefix(rest, "tools/")
}

func (a *analyzer) callee(call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.IndexExpr: // a generic function instantiated explicitly
		if x, ok := f.X.(*ast.Ident); ok {
			id = x
		}
	}
	if id == nil {
		return nil
	}
	fn, _ := a.info.Uses[id].(*types.Func)
	if fn != nil {
		fn = fn.Origin()
	}
	return fn
}

// reachingValue finds the expression last assigned to v before pos in fd
// (the call, for `x, err := f()`), read in source order: the store's
// `if err != nil { return … }` right after each call makes this exact.
func (a *analyzer) reachingValue(fd *ast.FuncDecl, v *types.Var, pos token.Pos) ast.Expr {
	var best ast.Expr
	var bestPos token.Pos
	consider := func(lhs []ast.Expr, rhs []ast.Expr, at token.Pos) {
		if at >= pos || at < bestPos {
			return
		}
		for i, l := range lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok {
				continue
			}
			obj := a.info.Defs[id]
			if obj == nil {
				obj = a.info.Uses[id]
			}
			if obj != v {
				continue
			}
			switch {
			case len(rhs) == len(lhs):
				best, bestPos = rhs[i], at
			case len(rhs) == 1:
				best, bestPos = rhs[0], at // x, err := f(): the call
			default:
				best, bestPos = nil, at
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			consider(n.Lhs, n.Rhs, n.Pos())
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			consider(lhs, n.Values, n.Pos())
		}
		return true
	})
	return best
}

func (a *analyzer) isParam(fd *ast.FuncDecl, v *types.Var) bool {
	for _, field := range fd.Type.Params.List {
		for _, id := range field.Names {
			if a.info.Defs[id] == v {
				return true
			}
		}
	}
	return false
}

// wrapsSome reports whether fd already wraps at least one of its errors.
func (a *analyzer) wrapsSome(fd *ast.FuncDecl) bool {
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn := a.callee(call); fn != nil && fn.Pkg() == a.pkg && fn.Name() == "wrapErr" {
				found = true
			}
		}
		return !found
	})
	return found
}

// what is the context a wrap in fd names: the first wrapErr label already
// in fd (the function's own words for what it does), or else its name in
// words. eachRow and queryAll labels are not borrowed: they name one list,
// not what the rest of the function reads.
func (a *analyzer) what(fd *ast.FuncDecl) string {
	label := ""
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || label != "" {
			return label == ""
		}
		if fn := a.callee(call); fn != nil && fn.Pkg() == a.pkg && fn.Name() == "wrapErr" {
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				label, _ = strconv.Unquote(lit.Value)
			}
		}
		return true
	})
	if label != "" {
		return label
	}
	w := words(fd.Name.Name)
	first, _, _ := strings.Cut(w, " ")
	if !verbs[first] {
		w = "read " + w // a getter: FamilyByID → "read family by ID"
	}
	return w
}

// verbs that start the names of the store's functions that do something
// other than read one thing.
var verbs = map[string]bool{"add": true, "append": true, "apply": true, "bump": true, "cancel": true, "change": true,
	"close": true, "complete": true, "confirm": true, "count": true, "create": true, "delete": true, "end": true,
	"find": true, "grant": true, "insert": true, "list": true, "mark": true, "match": true, "move": true, "note": true,
	"open": true, "put": true, "read": true, "record": true, "remove": true, "rename": true, "replace": true,
	"reset": true, "revoke": true, "save": true, "set": true, "store": true, "touch": true, "update": true,
	"upsert": true, "withdraw": true, "write": true}

// words spells a Go name as lower-case words: ContactByID → "contact by ID".
func words(name string) string {
	var out []string
	runes := []rune(name)
	start := 0
	for i := 1; i <= len(runes); i++ {
		if i == len(runes) || unicode.IsUpper(runes[i]) && (unicode.IsLower(runes[i-1]) ||
			i+1 < len(runes) && unicode.IsLower(runes[i+1]) && unicode.IsUpper(runes[i-1])) {
			w := string(runes[start:i])
			if strings.ToUpper(w) != w || len(w) == 1 {
				w = strings.ToLower(w)
			}
			out = append(out, w)
			start = i
		}
	}
	return strings.Join(out, " ")
}

// wrap plans the edit that gives e its context.
func (a *analyzer) wrap(file string, ret *ast.ReturnStmt, e ast.Expr, tuple bool, what string) []edit {
	q := strconv.Quote(what)
	if !tuple {
		start, end := a.offset(e.Pos()), a.offset(e.End())
		if call, ok := e.(*ast.CallExpr); ok {
			if fn := a.callee(call); fn != nil && fn.Pkg() == a.pkg && fn.Name() == "notFound" {
				// Wrap the cause inside notFound: "no rows" stays a
				// not-found error, anything else gets its context.
				arg := call.Args[0]
				start, end = a.offset(arg.Pos()), a.offset(arg.End())
				return []edit{{start, end, "wrapErr(" + q + ", " + a.text(file, arg) + ")"}}
			}
		}
		return []edit{{start, end, "wrapErr(" + q + ", " + a.text(file, e) + ")"}}
	}
	// return f(…) where f gives (T…, error): name the results first.
	sig, ok := a.info.TypeOf(e).(*types.Tuple)
	if !ok {
		return nil
	}
	names := make([]string, sig.Len())
	for i := range names {
		names[i] = fmt.Sprintf("v%d", i)
	}
	names[len(names)-1] = "err"
	if len(names) == 2 {
		switch t := sig.At(0).Type().(type) {
		case *types.Basic:
			if t.Info()&types.IsInteger != 0 {
				names[0] = "n" // a count or an id
			}
		case *types.Named:
			names[0] = strings.ToLower(t.Obj().Name()[:1]) // berceau.User → u
		}
	}
	// The values get fresh names; err may already live in this scope (it
	// is then assigned, := declaring the fresh ones).
	scope := a.pkg.Scope().Innermost(ret.Pos())
	for i, n := range names[:len(names)-1] {
		for scope != nil && scope.Lookup(n) != nil {
			n += "_"
			names[i] = n
		}
	}
	results := append([]string{}, names...)
	results[len(results)-1] = "wrapErr(" + q + ", err)"
	text := strings.Join(names, ", ") + " := " + a.text(file, e) + "\n" + "return " + strings.Join(results, ", ")
	return []edit{{a.offset(ret.Pos()), a.offset(ret.End()), text}}
}

func (a *analyzer) offset(p token.Pos) int { return a.fset.Position(p).Offset }

func (a *analyzer) text(file string, n ast.Node) string {
	src, err := os.ReadFile(file)
	if err != nil {
		return "?"
	}
	return string(src[a.offset(n.Pos()):a.offset(n.End())])
}

func returnsError(info *types.Info, fd *ast.FuncDecl) bool {
	fn, ok := info.Defs[fd.Name].(*types.Func)
	return ok && resultIsError(fn.Type().(*types.Signature))
}

func resultIsError(sig *types.Signature) bool {
	r := sig.Results()
	return r.Len() > 0 && types.Identical(r.At(r.Len()-1).Type(), types.Universe.Lookup("error").Type())
}

func receiverExported(fd *ast.FuncDecl) bool {
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if ix, ok := t.(*ast.IndexExpr); ok {
		t = ix.X
	}
	id, ok := t.(*ast.Ident)
	return ok && id.IsExported()
}

func funcName(fn *types.Func) string {
	if fn == nil {
		return "?"
	}
	sig := fn.Type().(*types.Signature)
	if recv := sig.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := t.(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

// countRowsLoops counts `for rows.Next()`-shaped loops: a for statement
// whose condition calls a Next method.
func countRowsLoops(f *ast.File) int {
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		if fs, ok := node.(*ast.ForStmt); ok {
			if call, ok := fs.Cond.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Next" && len(call.Args) == 0 {
					n++
				}
			}
		}
		return true
	})
	return n
}
