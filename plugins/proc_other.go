//go:build !linux

package plugins

import "os/exec"

// dieWithHost has no portable equivalent outside Linux; Host.Close still kills every plugin.
func dieWithHost(*exec.Cmd) {}

// onPluginThread runs start: without a parent-death signal, the forking thread does not matter.
func onPluginThread(start func()) (release func()) {
	start()
	return func() {}
}
