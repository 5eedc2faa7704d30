package plugins

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jenjang-asn/jenjang/career"
)

// ManifestFile is the name of the manifest in a plugin directory.
const ManifestFile = "manifest.json"

// ManifestEntry binds a region to a plugin binary in the plugin directory. The host runs a binary only when its
// SHA-256 matches the entry, so that a binary swapped on disk is refused.
type ManifestEntry struct {
	Region string `json:"region"` // region code: "kalianda"
	Name   string `json:"name"`   // human name of the region
	Binary string `json:"binary"` // file name, relative to the plugin directory
	SHA256 string `json:"sha256"` // hex SHA-256 of the binary
}

// Validate reports whether the entry is well formed (it does not look at the binary).
func (e ManifestEntry) Validate() error {
	switch {
	case strings.TrimSpace(e.Region) == "" || strings.TrimSpace(e.Region) != e.Region || strings.ToLower(e.Region) != e.Region:
		return career.Newf(career.Invalid, "region", "kode wilayah %q harus diisi dengan huruf kecil", "region code %q must be a non-empty lower-case code", e.Region)
	case e.Region == "national":
		return career.Newf(career.Invalid, "region", "kode wilayah \"national\" adalah kebijakan nasional bawaan, bukan plugin", "region code \"national\" is the built-in baseline, not a plugin")
	case e.Binary == "" || e.Binary != filepath.Base(e.Binary) || e.Binary == "." || e.Binary == "..":
		return career.Newf(career.Invalid, "binary", "berkas program %q harus berupa nama berkas di dalam direktori plugin", "binary %q must be a file name inside the plugin directory", e.Binary)
	}
	if b, err := hex.DecodeString(e.SHA256); err != nil || len(b) != sha256.Size {
		return career.Newf(career.Invalid, "sha256", "sha256 dari %s harus 64 digit heksadesimal", "sha256 of %s must be 64 hexadecimal digits", e.Binary)
	}
	return nil
}

// FileSHA256 returns the hex SHA-256 of a file.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WriteManifest writes dir/manifest.json listing the entries, sorted by region. An entry with an empty SHA256 gets
// the checksum of dir/Binary, so a build step writes the manifest of the binaries it just built with
//
//	plugins.WriteManifest("bin/plugins", plugins.ManifestEntry{Region: "kalianda", Name: "…", Binary: "kalianda"}, …)
func WriteManifest(dir string, entries ...ManifestEntry) error {
	out := slices.Clone(entries)
	seen := map[string]bool{}
	for i := range out {
		e := &out[i]
		if e.SHA256 == "" {
			sum, err := FileSHA256(filepath.Join(dir, e.Binary))
			if err != nil {
				return fmt.Errorf("plugins: manifest entry %q: %w", e.Region, err)
			}
			e.SHA256 = sum
		}
		if err := e.Validate(); err != nil {
			return fmt.Errorf("plugins: manifest entry %d: %w", i, err)
		}
		if seen[e.Region] {
			return fmt.Errorf("plugins: manifest: region %q appears twice", e.Region)
		}
		seen[e.Region] = true
	}
	slices.SortFunc(out, func(a, b ManifestEntry) int { return strings.Compare(a.Region, b.Region) })
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestFile), append(b, '\n'), 0o644)
}

// ErrManifest is the reason of a LoadError about the manifest itself.
var ErrManifest = errors.New("invalid plugin manifest")

// LoadManifest reads and validates dir/manifest.json. A directory without a manifest has no plugins (nil, nil).
func LoadManifest(dir string) ([]ManifestEntry, error) {
	path := filepath.Join(dir, ManifestFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &LoadError{Path: path, Reason: ErrManifest, Err: err}
	}
	var entries []ManifestEntry
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&entries); err != nil {
		return nil, &LoadError{Path: path, Reason: ErrManifest, Err: err}
	}
	seen := map[string]bool{}
	for i, e := range entries {
		if err := e.Validate(); err != nil {
			return nil, &LoadError{Region: e.Region, Path: path, Reason: ErrManifest, Err: fmt.Errorf("entry %d: %w", i, err)}
		}
		if seen[e.Region] {
			return nil, &LoadError{Region: e.Region, Path: path, Reason: ErrManifest, Err: fmt.Errorf("region %q appears twice", e.Region)}
		}
		seen[e.Region] = true
	}
	return entries, nil
}
