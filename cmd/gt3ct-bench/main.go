// Command gt3ct-bench is the benchmark driver behind `make bench`
// (scripts/bench.sh): it records replayable requests of a nightly, replays
// them against a bus, and profiles gt3ct commands. It links gt3ct's
// commands so `gt3ct-bench bench profile -- nightly …` profiles the real
// thing; the product binary gt3ct does not link this driver.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gt3ct/gt3ct/cmd/internal/cli"
)

func main() {
	register()
	cli.TuneRuntime(os.Getenv) // the collector settings of gt3ct itself: its commands are measured here
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
