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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
