//go:build !unix

package main

import "os/exec"

func ownProcessGroup(*exec.Cmd) {}

// signalGroup kills the process: there is no SIGTERM nor process group to send it to here.
func signalGroup(cmd *exec.Cmd, _ bool) {
	_ = cmd.Process.Kill()
}
