// Command hostpanic is a plugin host that dies without closing its plugins, so the host's tests can check that no
// plugin outlives it. It opens a plugins.Host on the plugin directory -dir (or $HOSTPANIC_DIR), prints the plugin
// process ids on one line of stdout ("pids 101 102"), and then, by -mode (or $HOSTPANIC_MODE):
//
//   - panic: panics in the main goroutine;
//   - exit: calls os.Exit(1);
//   - wait: waits to be killed (SIGKILL by the test), exiting by itself after -wait;
//   - threadexit: opens the host from a goroutine locked to its OS thread that then exits, which ends that thread
//     (the thread that would have forked the plugins), and then waits like wait.
//
// It never calls Host.Close or go-plugin's CleanupClients: only the kernel's parent-death signal stops the
// plugins.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/jenjang-asn/jenjang/plugins"
)

func main() {
	dir := flag.String("dir", os.Getenv("HOSTPANIC_DIR"), "plugin directory (manifest.json and binaries)")
	mode := flag.String("mode", os.Getenv("HOSTPANIC_MODE"), "panic, exit, wait or threadexit")
	wait := flag.Duration("wait", 30*time.Second, "how long wait and threadexit wait before exiting by themselves")
	flag.Parse()
	switch *mode {
	case "panic", "exit", "wait", "threadexit":
	default:
		fmt.Fprintf(os.Stderr, "hostpanic: unknown mode %q\n", *mode)
		os.Exit(2)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg := plugins.Config{Dir: *dir}
	var (
		pids []string
		err  error
	)
	open := func() {
		var h *plugins.Host
		if h, err = plugins.Open(ctx, cfg); err == nil {
			for _, p := range h.Plugins() {
				pids = append(pids, fmt.Sprint(p.PID()))
			}
		}
	}
	if *mode == "threadexit" {
		// Keep the main thread for the main goroutine: the runtime never ends the main thread, so the goroutine
		// below must run on another one, which it ends.
		runtime.LockOSThread()
		done := make(chan struct{})
		go func() {
			runtime.LockOSThread() // never unlocked: the runtime ends this thread when the goroutine returns
			defer close(done)
			open()
		}()
		<-done
		time.Sleep(200 * time.Millisecond) // let the locked thread exit
	} else {
		open()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostpanic:", err)
		os.Exit(2)
	}
	fmt.Println("pids " + strings.Join(pids, " "))

	switch *mode {
	case "panic":
		panic("hostpanic: panicking with the plugin host open")
	case "exit":
		os.Exit(1)
	default:
		time.Sleep(*wait)
		os.Exit(3)
	}
}
