// Command vulndb builds a local Go vulnerability database, in the layout govulncheck reads with
// `-db file:///path`, from the OSV entries of the golang.org/x/vulndb module.
//
// The public database at vuln.go.dev cannot be reached from the machines CI runs on, but the Go module proxy can,
// and it serves golang.org/x/vulndb — the same reports, as data/osv/GO-*.json. CI downloads a pinned version of that
// module and runs:
//
//	go run ./internal/tools/vulndb -src "$(go env GOMODCACHE)/golang.org/x/vulndb@VERSION" -out /tmp/vulndb
//	go run golang.org/x/vuln/cmd/govulncheck@v1.9.0 -db file:///tmp/vulndb ./...
//
// The index lists every entry of every module; it leaves out the optional "fixed" hint, so govulncheck reads each
// entry's ranges itself (slower, never less correct).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

type entry struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
	Affected []struct {
		// OSV calls the Go module "package", and its path "name".
		Module struct {
			Path string `json:"name"`
		} `json:"package"`
	} `json:"affected"`
}

type moduleVuln struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
}

type moduleMeta struct {
	Path  string       `json:"path"`
	Vulns []moduleVuln `json:"vulns"`
}

func main() {
	src := flag.String("src", "", "directory of the golang.org/x/vulndb module")
	out := flag.String("out", "", "directory to write the database to")
	flag.Parse()
	if err := build(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "vulndb:", err)
		os.Exit(1)
	}
}

func build(src, out string) error {
	if src == "" || out == "" {
		return fmt.Errorf("both -src and -out are required")
	}
	files, err := filepath.Glob(filepath.Join(src, "data", "osv", "GO-*.json"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no OSV entries under %s/data/osv", src)
	}
	for _, d := range []string{"index", "ID"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	modules := map[string]*moduleMeta{}
	var newest time.Time
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var e entry
		if err := json.Unmarshal(b, &e); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if e.ID == "" || !strings.HasPrefix(filepath.Base(f), e.ID) {
			return fmt.Errorf("%s: entry id %q does not match the file", f, e.ID)
		}
		if e.Modified.After(newest) {
			newest = e.Modified
		}
		seen := map[string]bool{}
		for _, a := range e.Affected {
			p := a.Module.Path
			if p == "" || seen[p] {
				continue
			}
			seen[p] = true
			m := modules[p]
			if m == nil {
				m = &moduleMeta{Path: p}
				modules[p] = m
			}
			m.Vulns = append(m.Vulns, moduleVuln{ID: e.ID, Modified: e.Modified})
		}
		if err := os.WriteFile(filepath.Join(out, "ID", e.ID+".json"), b, 0o644); err != nil {
			return err
		}
	}
	list := make([]*moduleMeta, 0, len(modules))
	for _, m := range modules {
		sort.Slice(m.Vulns, func(i, j int) bool { return m.Vulns[i].ID < m.Vulns[j].ID })
		list = append(list, m)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Path < list[j].Path })
	if len(list) == 0 {
		return fmt.Errorf("no affected modules found in %d entries: has the OSV layout changed?", len(files))
	}
	if err := writeJSON(filepath.Join(out, "index", "modules.json"), list); err != nil {
		return err
	}
	return writeJSON(filepath.Join(out, "index", "db.json"), map[string]time.Time{"modified": newest})
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
