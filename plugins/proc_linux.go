package plugins

import (
	"os/exec"
	"syscall"
)

// dieWithHost makes the kernel kill the plugin when the host's thread that started it exits, so that a plugin
// never outlives a host that crashed before Close.
func dieWithHost(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
