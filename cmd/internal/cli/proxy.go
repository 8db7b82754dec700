package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/harness/proxy"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Register("", proxyCmd)
}

// proxyFlags are the flags of proxy.
type proxyFlags struct {
	env                            *EnvFlags
	contracts, listen, out, faults *string
	sim                            *SimTuning
}

// proxyCmd: gt3ct proxy [--env E] --listen ADDR [--endpoint URL] [--db DSN]
// [--out DIR]. Runs until interrupted; exit 0 on a clean stop, 2 on a bad
// address, endpoint or folder.
func proxyCmd(env *Env) *cobra.Command {
	c := Command("proxy", "forward a caller's traffic to the bus byte for byte, checking every exchange", Exact(0))
	fs := c.Flags()
	f := proxyFlags{env: AddEnvFlags(fs), contracts: ContractsFlag(fs)}
	f.listen = fs.String("listen", "", "address the caller connects to, `HOST:PORT` (required; port 0 picks a free one)")
	f.out = fs.String("out", "", "run `DIR` of the recorded exchanges (default out/proxy-<UTC time>)")
	f.faults = FaultsFlag(fs)
	f.sim = AddSimTuning(fs)
	return Run(c, func([]string) error { return runProxy(env, f, ownArgs(env, c)) })
}

func runProxy(env *Env, f proxyFlags, args []string) error {
	if *f.listen == "" {
		return errs.E("proxy", errs.Input, "--listen HOST:PORT is required (see gt3ct proxy --help)")
	}
	if err := f.sim.Check("proxy"); err != nil {
		return err
	}
	cat, e, err := CatalogEnv(env, *f.contracts, f.env)
	if err != nil {
		return err
	}
	f.sim.Database(&e, f.env)
	if err := session.Preflight(session.Options{Env: e, Faults: *f.faults}); err != nil {
		return err
	}
	if e.Readonly && e.Endpoint == "" {
		return errs.E("proxy", errs.Input, "environment %s is readonly and names no endpoint: give --endpoint URL of its bus", e.Name)
	}
	rules, err := specRules(*f.contracts)
	if err != nil {
		return err
	}
	out := *f.out
	if out == "" {
		out = "out/proxy-" + time.Now().UTC().Format("20060102T150405Z")
	}
	upstream := "the embedded simulator"
	if e.Endpoint != "" {
		upstream = sweep.PublicAddress(e.Endpoint)
	}
	return proxy.Serve(env.Ctx, proxy.Options{Env: e, Catalog: cat, Spec: rules, Redactor: env.Redactor, Listen: *f.listen, Out: out, Console: env.Stdout,
		Args: args, Faults: *f.faults, SimShape: f.sim.Shape, SimDDL: f.sim.DDL,
		Ready: func(addr string) {
			fmt.Fprintf(env.Stdout, "proxy listening on http://%s → %s; exchanges recorded in %s\n", addr, upstream, out)
		}})
}
