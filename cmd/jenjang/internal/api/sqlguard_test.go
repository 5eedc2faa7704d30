package api_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sqlMethods are the bun and database/sql calls that take SQL text, with the index of that argument. Values must
// reach them as arguments bound to ? placeholders (or bun.Ident / bun.Safe, which bun quotes or takes as is by
// type), never spliced into the text.
var sqlMethods = map[string]int{
	"Raw": 0, "NewRaw": 0, "Query": 0, "QueryRow": 0, "Exec": 0,
	"QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1,
	"Where": 0, "WhereOr": 0, "Having": 0, "OrderExpr": 0, "ColumnExpr": 0, "Set": 0, "SetColumn": 1,
	"TableExpr": 0, "ModelTableExpr": 0, "GroupExpr": 0, "Join": 0, "JoinOn": 0, "JoinOnOr": 0, "DistinctOn": 0, "For": 0,
	"Returning": 0, "On": 0, "Value": 1,
}

// sqlGuardDirs are the packages that talk to the database or build queries for it.
var sqlGuardDirs = []string{"../store", "."}

// TestNoSQLFromStrings fails when SQL text is assembled from variables: a call of sqlMethods whose SQL argument is
// built with fmt.Sprint*/strings.Join/… or with + over anything but constants, directly or through a local
// variable assigned such a value. Constants and placeholders are what it allows.
func TestNoSQLFromStrings(t *testing.T) {
	for _, dir := range sqlGuardDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		var srcs []source
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, source{f, string(b)})
		}
		for _, v := range sqlViolations(t, srcs) {
			t.Error(v)
		}
	}
}

// TestSQLGuardCatches shows the guard at work on code it must refuse, and on code it must let through.
func TestSQLGuardCatches(t *testing.T) {
	const src = `package x
const cols = "id, name"
const where = "region = ?"
func ok(q *bun.SelectQuery, region, order string) {
	q.Where("nip = ?", region).Where(where, region).ColumnExpr(cols + ", version").OrderExpr("? ASC", bun.Ident(order))
	q.Exec(ctx)
}
func bad(db *bun.DB, q *bun.SelectQuery, region, order string) {
	q.Where("region = '" + region + "'")                 // line 9
	q.OrderExpr(fmt.Sprintf("%s DESC", order))            // line 10
	s := "SELECT * FROM t WHERE nip = " + region
	db.QueryContext(ctx, s)                               // line 12
	q.Where(strings.Join([]string{"a = 1", region}, " OR ")) // line 13
}
`
	got := sqlViolations(t, []source{{"x.go", src}})
	var lines []string
	for _, v := range got {
		pos := strings.SplitN(v, ":", 3) // file:line:col: message
		lines = append(lines, pos[1])
	}
	if want := []string{"9", "10", "12", "13"}; !slices.Equal(lines, want) {
		t.Fatalf("violations on lines %v, want %v:\n%s", lines, want, strings.Join(got, "\n"))
	}
}

type source struct{ name, text string }

// sqlViolations returns "file:line: message" for each SQL argument built from variables in the files of one package.
func sqlViolations(t *testing.T, srcs []source) []string {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	consts := map[string]bool{} // package-level constants, across the package's files
	for _, s := range srcs {
		f, err := parser.ParseFile(fset, s.name, s.text, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, spec := range g.Specs {
					for _, n := range spec.(*ast.ValueSpec).Names {
						consts[n.Name] = true
					}
				}
			}
		}
	}
	var out []string
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			if reason, ok := sqlAllowed[filepath.Base(fileName(fset, f))+" "+funcName(fn)]; ok && reason != "" {
				continue
			}
			g := &sqlGuard{consts: maps.Clone(consts), tainted: map[string]bool{}}
			g.constLocals(fn.Body)
			// Locals assigned SQL-building expressions (one pass in source order is enough for the code we write).
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for i, lhs := range n.Lhs {
						if id, ok := lhs.(*ast.Ident); ok && i < len(n.Rhs) && g.built(n.Rhs[i]) {
							g.tainted[id.Name] = true
						}
					}
				case *ast.ValueSpec:
					for i, id := range n.Names {
						if i < len(n.Values) && g.built(n.Values[i]) {
							g.tainted[id.Name] = true
						}
					}
				case *ast.GenDecl:
					if n.Tok == token.CONST {
						for _, spec := range n.Specs {
							for _, id := range spec.(*ast.ValueSpec).Names {
								g.consts[id.Name] = true
							}
						}
					}
				}
				return true
			})
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				i, ok := sqlMethods[sel.Sel.Name]
				if !ok || i >= len(call.Args) {
					return true
				}
				if arg := call.Args[i]; g.built(arg) {
					out = append(out, fmt.Sprintf("%s: SQL text of %s assembled from variables; bind values with ? (bun.Ident for names)",
						fset.Position(arg.Pos()), sel.Sel.Name))
				}
				return true
			})
		}
	}
	return out
}

// sqlAllowed are the functions, "file.go Func" or "file.go (*Type).Method", whose SQL text is assembled on purpose,
// each with the reason it is safe. Keep it short: every entry is a place a reviewer must read.
var sqlAllowed = map[string]string{
	"import.go (*BulkWriter).merge": "the upsert and its SET/WHERE lists are spelled from the package's fixed column lists " +
		"(employeeColumns, updatedColumns, keepColumns, predicateColumns) and the dialect's two spellings; the imported " +
		"rows reach the statement through the stage tables, never through its text",
}

func fileName(fset *token.FileSet, f *ast.File) string { return fset.Position(f.Pos()).Filename }

func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	switch t := fn.Recv.List[0].Type.(type) {
	case *ast.StarExpr:
		if id, ok := t.X.(*ast.Ident); ok {
			return "(*" + id.Name + ")." + fn.Name.Name
		}
	case *ast.Ident:
		return t.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// constLocals marks as constants the locals of body that are only ever assigned constants (such as a dialect's
// spelling chosen by an if), and the variables of ranges over literal lists of constants.
func (g *sqlGuard) constLocals(body *ast.BlockStmt) {
	for range 3 { // constants may be built from constant locals
		assigned := map[string]bool{} // name → every assignment so far constant
		mark := func(id *ast.Ident, constant bool) {
			if prev, seen := assigned[id.Name]; seen {
				assigned[id.Name] = prev && constant
			} else {
				assigned[id.Name] = constant
			}
		}
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok {
						mark(id, len(n.Lhs) == len(n.Rhs) && g.constant(n.Rhs[i]))
					}
				}
			case *ast.RangeStmt:
				lit, ok := n.X.(*ast.CompositeLit)
				all := ok
				if ok {
					for _, e := range lit.Elts {
						all = all && g.constant(e)
					}
				}
				if id, ok := n.Value.(*ast.Ident); ok {
					mark(id, all)
				}
			}
			return true
		})
		for name, c := range assigned {
			if c {
				g.consts[name] = true
			}
		}
	}
}

type sqlGuard struct {
	consts  map[string]bool
	tainted map[string]bool
}

// built reports whether e is string text assembled at run time from something other than constants.
func (g *sqlGuard) built(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return g.built(e.X)
	case *ast.Ident:
		return g.tainted[e.Name]
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return false
		}
		return g.built(e.X) || g.built(e.Y) || !g.constant(e.X) || !g.constant(e.Y)
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok {
			if pkg, ok := sel.X.(*ast.Ident); ok {
				switch pkg.Name + "." + sel.Sel.Name {
				case "fmt.Sprintf", "fmt.Sprint", "fmt.Sprintln", "strings.Join", "strings.Replace", "strings.ReplaceAll",
					"strings.Repeat", "strconv.Itoa", "strconv.FormatInt", "strconv.Quote":
					return true
				}
			}
		}
	}
	return false
}

// constant reports whether e is a string constant: a literal, a named constant, or constants joined with +.
func (g *sqlGuard) constant(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return g.constant(e.X)
	case *ast.Ident:
		return g.consts[e.Name]
	case *ast.BinaryExpr:
		return e.Op == token.ADD && g.constant(e.X) && g.constant(e.Y)
	}
	return false
}
