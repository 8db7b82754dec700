// Command gt3ct is the Golden Tax III core contract-test harness.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gt3ct/gt3ct/cmd/internal/cli"
)

func main() {
	// The first SIGINT or SIGTERM ends ctx: commands stop sending and finish
	// what is in flight (nightly: up to 10 s, then partial reports). Then the
	// signals' default action is restored, so a second one stops at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	cli.TuneRuntime(os.Getenv)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
