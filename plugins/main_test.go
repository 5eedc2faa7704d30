package plugins_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// bins holds the test plugin binaries TestMain builds once: baseline, trick, badproto, notplugin, custompolicy.
var bins string

func bin(name string) string { return filepath.Join(bins, name) }

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "jenjang-plugins-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bins = dir
	cmd := exec.Command("go", "build", "-o", dir+string(filepath.Separator),
		"./internal/testplugins/baseline", "./internal/testplugins/trick", "./internal/testplugins/badproto",
		"./internal/testplugins/notplugin", "../examples/custompolicy")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the test plugins:", err)
		return 1
	}
	return m.Run()
}
