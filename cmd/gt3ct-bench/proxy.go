package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/cmd/gt3ct-bench/loadgen"
	"github.com/gt3ct/gt3ct/cmd/internal/cli"
	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// benchProxyCmd measures the checking proxy's added latency: p50/p99 of
// loopback exchanges direct and via the proxy, alternating in one run.
func benchProxyCmd(env *cli.Env) *cobra.Command {
	c := cli.Command("proxy", "the checking proxy's added latency: p50/p99 direct vs via the proxy on loopback", cli.Exact(0))
	n := c.Flags().Int("n", 2000, "exchanges each way")
	return cli.Run(c, func([]string) error { return benchProxy(env, *n) })
}

func benchProxy(env *cli.Env, n int) error {
	cat, err := catalog.Load(contracts.FS())
	if err != nil {
		return err
	}
	rep, err := loadgen.ProxyBench(env.Ctx, cat, n)
	if err != nil {
		return errs.E("bench proxy", errs.Internal, "%v", err)
	}
	fmt.Fprintln(env.Stdout, rep)
	return nil
}
