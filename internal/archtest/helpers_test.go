package archtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// pkg is a node of the import graph as `go list -deps -json` reports it (test files excluded).
type pkg struct {
	ImportPath string
	Standard   bool
	Imports    []string
}

// listDeps runs `go list -deps -json` in dir on the given patterns and returns every package in the transitive
// closure of their non-test imports.
func listDeps(dir string, patterns ...string) ([]pkg, error) {
	cmd := exec.Command("go", append([]string{"list", "-deps", "-json=ImportPath,Standard,Imports"}, patterns...)...)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// violation is a package outside the standard library and the allowed set that a root package depends on.
type violation struct {
	Root    string   // the domain package that depends on it
	Package string   // the offending package
	Path    []string // the import chain from Root to Package
}

func (v violation) String() string {
	return fmt.Sprintf("%s imports %s (via %s)", v.Root, v.Package, strings.Join(v.Path, " → "))
}

// foreign returns, for each root, the packages it reaches through non-test imports that are neither in the standard
// library nor in allowed, each with one import chain that shows how. The result is sorted by root, then package.
func foreign(graph []pkg, roots, allowed []string) []violation {
	byPath := make(map[string]pkg, len(graph))
	for _, p := range graph {
		byPath[p.ImportPath] = p
	}
	var out []violation
	for _, root := range roots {
		// Breadth first, so that each chain is a shortest one.
		parent := map[string]string{root: ""}
		queue := []string{root}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			p := byPath[cur]
			if cur != root && !p.Standard && !slices.Contains(allowed, cur) {
				var chain []string
				for at := cur; at != ""; at = parent[at] {
					chain = append(chain, at)
				}
				slices.Reverse(chain)
				out = append(out, violation{Root: root, Package: cur, Path: chain})
				continue // what lies behind a foreign package is its own business
			}
			imports := slices.Clone(p.Imports)
			slices.Sort(imports)
			for _, imp := range imports {
				if _, seen := parent[imp]; !seen && imp != "C" {
					parent[imp] = cur
					queue = append(queue, imp)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b violation) int {
		return strings.Compare(a.Root+"\x00"+a.Package, b.Root+"\x00"+b.Package)
	})
	return out
}

// undocumented walks the tree under root and returns the directories (relative to root, slash-separated) holding a
// Go package none of whose non-test files has a doc comment on its package clause. It skips testdata, vendor,
// directories whose name starts with "." or "_", and nested modules; files are those the default build context
// selects (so a `//go:build ignore` generator does not count).
func undocumented(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root {
			if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		bp, err := build.ImportDir(path, 0)
		var noGo *build.NoGoError
		if errors.As(err, &noGo) {
			return nil
		}
		if err != nil && len(bp.GoFiles) == 0 {
			return fmt.Errorf("%s: %w", path, err)
		}
		if len(bp.GoFiles) == 0 {
			return nil // only test files
		}
		documented := false
		fset := token.NewFileSet()
		for _, f := range bp.GoFiles {
			file, err := parser.ParseFile(fset, filepath.Join(path, f), nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				return err
			}
			if file.Doc != nil && strings.TrimSpace(file.Doc.Text()) != "" {
				documented = true
				break
			}
		}
		if !documented {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out, err
}
