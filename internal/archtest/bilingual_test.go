package archtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// userFacing are the directories whose errors reach a user (an HR office reading a problem, an import report): they
// build their errors in Indonesian and English (career.Newf), never in English alone (career.Errorf).
var userFacing = []string{
	"career", "evaluation", "training", "mentoring", "promotion",
	"cmd/jenjang/internal/api", "cmd/jenjang/internal/store", "cmd/jenjang/internal/importer",
	"plugins", "plugins/kalianda", "plugins/semarang", "plugins/pauh", "plugins/wanggar", "plugins/tanjungpinang",
}

func TestUserFacingErrorsBilingual(t *testing.T) {
	root := moduleRoot(t)
	for _, dir := range userFacing {
		got, err := englishOnlyErrors(filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, pos := range got {
			t.Errorf("%s: career.Errorf builds an English-only error a user can see; use career.Newf with an Indonesian text", pos)
		}
	}
}

func TestBilingualFormatsAgree(t *testing.T) {
	bad, err := disagreeingFormats(moduleRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Error(b)
	}
}

// TestBilingualGuardsReportOffenders proves both guards can fail.
func TestBilingualGuardsReportOffenders(t *testing.T) {
	const src = `package p
func f(s string, n int) {
	_ = career.Newf(career.Invalid, "nip", "NIP %q memiliki %d karakter", "NIP %q has %d characters", s, n)       // agrees
	_ = career.Newf(career.Invalid, "nip", "baris %[2]d: NIP %[1]q", "NIP %q in row %d", s, n)                  // agrees, reordered
	_ = career.Newf(career.Invalid, "nip", "NIP %q memiliki karakter", "NIP %q has %d characters", s, n)        // a verb missing
	_ = career.Newf(career.Invalid, "nip", "NIP %d memiliki %q karakter", "NIP %q has %d characters", s, n)     // verbs swapped
	bad(ColNIP, "NIP wajib diisi untuk %s", "the NIP is required", s)                                           // importer helper
	_ = career.Errorf(career.Invalid, "nip", "the NIP is required")
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, pos := range checkFormats(fset, f) {
		lines = append(lines, pos.Line)
	}
	if want := []int{5, 6, 7}; !slices.Equal(lines, want) {
		t.Errorf("disagreeing formats on lines %v, want %v", lines, want)
	}
	if got := errorfCalls(fset, f); len(got) != 1 || got[0].Line != 8 {
		t.Errorf("Errorf calls %v, want line 8", got)
	}
}

// goFiles parses the Go files under dir (not descending into testdata or hidden directories); tests says whether
// _test.go files are included.
func goFiles(dir string, tests, recurse bool, fn func(*token.FileSet, *ast.File)) error {
	fset := token.NewFileSet()
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != dir && (!recurse || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || (!tests && strings.HasSuffix(path, "_test.go")) {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		fn(fset, f)
		return nil
	})
}

// englishOnlyErrors lists the calls of career.Errorf in the non-test files of dir (not its subdirectories).
func englishOnlyErrors(dir string) ([]token.Position, error) {
	var out []token.Position
	err := goFiles(dir, false, false, func(fset *token.FileSet, f *ast.File) {
		out = append(out, errorfCalls(fset, f)...)
	})
	return out, err
}

func errorfCalls(fset *token.FileSet, f *ast.File) []token.Position {
	var out []token.Position
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		switch fn := call.Fun.(type) {
		case *ast.SelectorExpr:
			if x, ok := fn.X.(*ast.Ident); ok && x.Name == "career" && fn.Sel.Name == "Errorf" {
				out = append(out, fset.Position(call.Pos()))
			}
		case *ast.Ident:
			if fn.Name == "Errorf" && f.Name.Name == "career" {
				out = append(out, fset.Position(call.Pos()))
			}
		}
		return true
	})
	return out
}

// disagreeingFormats lists the bilingual calls in the module whose Indonesian and English formats do not use the same
// args with the same verbs.
func disagreeingFormats(root string) ([]string, error) {
	var out []string
	err := goFiles(root, true, true, func(fset *token.FileSet, f *ast.File) {
		for _, pos := range checkFormats(fset, f) {
			out = append(out, fmt.Sprintf("%s: the Indonesian and English formats use different args or verbs", pos))
		}
	})
	return out, err
}

// bilingualCalls maps the functions taking an Indonesian and an English format of the same args to the index of the
// Indonesian one (the English one follows it, then the args): career.Newf and the importer's bad.
var bilingualCalls = map[string]int{"Newf": 2, "bad": 1}

// checkFormats returns the positions of the bilingual calls in f whose two literal formats disagree.
func checkFormats(fset *token.FileSet, f *ast.File) []token.Position {
	var out []token.Position
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		var name string
		switch fn := call.Fun.(type) {
		case *ast.SelectorExpr:
			name = fn.Sel.Name
		case *ast.Ident:
			name = fn.Name
		}
		i, ok := bilingualCalls[name]
		if !ok || len(call.Args) < i+2 {
			return true
		}
		id, ok1 := stringLit(call.Args[i])
		en, ok2 := stringLit(call.Args[i+1])
		if ok1 && ok2 && !maps.Equal(verbs(id), verbs(en)) {
			out = append(out, fset.Position(call.Pos()))
		}
		return true
	})
	return out
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// verbs maps each arg a format reads (0-based) to the verbs that read it, honouring explicit indexes ("%[2]d").
func verbs(format string) map[int]string {
	out := map[int]string{}
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 { // flags
			i++
		}
		for i < len(format) { // width, precision, explicit indexes, *
			c := format[i]
			switch {
			case c == '[':
				end := strings.IndexByte(format[i:], ']')
				if end < 0 {
					return out
				}
				if n, err := strconv.Atoi(format[i+1 : i+end]); err == nil {
					arg = n - 1
				}
				i += end + 1
				continue
			case c == '*':
				out[arg] += "*"
				arg++
			case c >= '0' && c <= '9' || c == '.':
			default:
				goto verb
			}
			i++
		}
	verb:
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			continue
		}
		out[arg] += string(format[i])
		arg++
	}
	return out
}
