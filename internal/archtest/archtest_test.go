package archtest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

const module = "github.com/jenjang-asn/jenjang"

// domain lists the five domain packages (DESIGN §2): they may import the standard library and each other, nothing else.
var domain = []string{module + "/career", module + "/evaluation", module + "/training", module + "/mentoring", module + "/promotion"}

// moduleRoot returns the directory of go.mod above the test's working directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

func TestDomainImportsOnlyStandardLibrary(t *testing.T) {
	graph, err := listDeps(moduleRoot(t), domain...)
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range domain {
		if !slices.ContainsFunc(graph, func(p pkg) bool { return p.ImportPath == root }) {
			t.Fatalf("go list did not report %s", root)
		}
	}
	for _, v := range foreign(graph, domain, domain) {
		t.Errorf("domain package %s", v)
	}
}

// TestForeignReportsOffenders proves the guard can fail: on a made-up graph it names each offending package and the
// chain that reaches it, and lets the standard library and the domain packages through.
func TestForeignReportsOffenders(t *testing.T) {
	graph := []pkg{
		{ImportPath: "fmt", Standard: true, Imports: []string{"io"}},
		{ImportPath: "io", Standard: true},
		{ImportPath: module + "/career", Imports: []string{"fmt"}},
		{ImportPath: module + "/evaluation", Imports: []string{module + "/career", "github.com/uptrace/bun"}},
		{ImportPath: "github.com/uptrace/bun", Imports: []string{"github.com/uptrace/bun/schema"}},
		{ImportPath: "github.com/uptrace/bun/schema"},
		{ImportPath: module + "/promotion", Imports: []string{module + "/evaluation", module + "/plugins"}},
		{ImportPath: module + "/plugins", Imports: []string{"github.com/hashicorp/go-plugin"}},
		{ImportPath: "github.com/hashicorp/go-plugin"},
	}
	roots := []string{module + "/career", module + "/evaluation", module + "/promotion"}
	var got []string
	for _, v := range foreign(graph, roots, domain) {
		got = append(got, v.String())
	}
	want := []string{
		module + "/evaluation imports github.com/uptrace/bun (via " + module + "/evaluation → github.com/uptrace/bun)",
		module + "/promotion imports " + module + "/plugins (via " + module + "/promotion → " + module + "/plugins)",
		module + "/promotion imports github.com/uptrace/bun (via " + module + "/promotion → " + module + "/evaluation → github.com/uptrace/bun)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("foreign =\n%q\nwant\n%q", got, want)
	}
}

func TestEveryPackageDocumented(t *testing.T) {
	missing, err := undocumented(moduleRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range missing {
		t.Errorf("package in %s has no package doc comment (add one, e.g. in doc.go)", dir)
	}
}

// TestUndocumentedReportsOffenders proves the doc guard can fail, on a tree in testdata.
func TestUndocumentedReportsOffenders(t *testing.T) {
	got, err := undocumented(filepath.Join("testdata", "tree"))
	if err != nil {
		t.Fatal(err)
	}
	// documented and seconddoc pass; testdata, .hidden and the nested module are skipped; notgo has no Go.
	if want := []string{"onlyinignored", "undocumented"}; !slices.Equal(got, want) {
		t.Errorf("undocumented = %q, want %q", got, want)
	}
}
