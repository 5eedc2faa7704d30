// Command trick is the national baseline for region "trick" that misbehaves when a candidate's name asks it to:
// "panic" panics, "sleep" sleeps 2 seconds, "hang" sleeps for an hour, "exit" kills the process, and "floor" is
// declared eligible whatever the rules say (so the host's national-floor check must catch it); "env:NAME" answers
// with the plugin's value of the environment variable NAME in the decision detail "env" (so a test can see what
// environment the host passed).
package main

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/jenjang-asn/jenjang/career"
	"github.com/jenjang-asn/jenjang/plugins"
	"github.com/jenjang-asn/jenjang/promotion"
)

type trick struct{ *plugins.Baseline }

func (t trick) Assess(ctx context.Context, c promotion.Candidate, on career.Date) (career.Decision, error) {
	switch c.Employee.Name {
	case "panic":
		panic("trick: asked to panic")
	case "sleep":
		time.Sleep(2 * time.Second)
	case "hang":
		time.Sleep(time.Hour)
	case "exit":
		os.Exit(3)
	default:
		if name, ok := strings.CutPrefix(c.Employee.Name, "env:"); ok {
			d, err := t.Baseline.Assess(ctx, c, on)
			d.Set("env", os.Getenv(name))
			return d, err
		}
	case "malformed":
		d, err := t.Baseline.Assess(ctx, c, on)
		d.Outcome = "maybe" // no outcome of the protocol
		return d, err
	case "floor":
		d, err := t.Baseline.Assess(ctx, c, on)
		d.Outcome, d.NotBefore = career.Eligible, career.Date{}
		return d, err
	}
	return t.Baseline.Assess(ctx, c, on)
}

func main() {
	b := plugins.National()
	b.Info.Region, b.Info.Name, b.Info.Version = "trick", "Trick (test plugin)", "0.0.1"
	plugins.Serve(trick{b})
}
