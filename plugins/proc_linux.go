package plugins

import (
	"os/exec"
	"runtime"
	"sync"
	"syscall"
)

// dieWithHost makes the kernel kill the plugin (SIGKILL) when the OS thread that forked it exits, so that a plugin
// never outlives a host that crashed before Close: every thread ends with the host process. start runs the fork on
// a thread that lives as long as the plugin, so the signal does not come earlier.
func dieWithHost(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// onPluginThread runs start, which forks a plugin process, on an OS thread reserved for the plugin: a goroutine
// locked to the thread runs start and then stays parked on it until release is called, once the plugin has been
// reaped. The parent-death signal fires when the forking thread exits, not the process (go.dev/issue/27505), and
// the Go runtime ends any thread whose goroutine exits while locked to it (a caller's, a library's): a plugin forked
// from such a thread would be killed while its host runs on. The reserved thread is never reused, so it exits only
// with the process.
func onPluginThread(start func()) (release func()) {
	started, done := make(chan struct{}), make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread() // the plugin is reaped: the thread may serve other goroutines again
		start()
		close(started)
		<-done
	}()
	<-started
	return sync.OnceFunc(func() { close(done) })
}
