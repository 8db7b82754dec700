package main

import (
	"fmt"

	"github.com/gt3ct/gt3ct/cmd/gt3ct-bench/loadgen"
	"github.com/gt3ct/gt3ct/cmd/internal/cli"
	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	cli.Register(cli.Command{Name: "bench proxy", Summary: "(bench helper) the checking proxy's added latency: p50/p99 direct vs via the proxy on loopback", Run: runBenchProxy})
}

func runBenchProxy(env *cli.Env, args []string) error {
	fs := cli.NewFlags(env, "bench proxy", "bench proxy [--n N]")
	n := fs.Int("n", 2000, "exchanges each way")
	if err := cli.ParseExact(fs, args, 0); err != nil {
		return cli.HelpOK(err)
	}
	cat, err := catalog.Load(contracts.FS())
	if err != nil {
		return err
	}
	rep, err := loadgen.ProxyBench(env.Ctx, cat, *n)
	if err != nil {
		return errs.E("bench proxy", errs.Internal, "%v", err)
	}
	fmt.Fprintln(env.Stdout, rep)
	return nil
}
