package cli

import (
	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/reconcile"
	"github.com/gt3ct/gt3ct/harness/target"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() { Register("", reconcileCmd) }

// reconcileFlags are the flags of reconcile.
type reconcileFlags struct {
	env               *EnvFlags
	contracts, format *string
	djxh, from, to    *string
}

// reconcileCmd is `reconcile SPEC --djxh DJXH`: the caller's rows (the e-tax
// side's database, env key databases:) against the core's, by key.
func reconcileCmd(env *Env) *cobra.Command {
	c := Command("reconcile SPEC", "compare what the caller wrote with what the core wrote for one taxpayer (contracts/reconcile/SPEC.yaml)", Exact(1))
	fs := c.Flags()
	f := reconcileFlags{env: AddEnvFlags(fs), contracts: ContractsFlag(fs), format: FormatFlag(fs, "text", "json")}
	f.djxh = fs.String("djxh", "", "the taxpayer's `DJXH` (bound to :djxh; required)")
	f.from = fs.String("from", "", "period start `DATE` bound to :from (default "+reconcile.DefaultFrom+")")
	f.to = fs.String("to", "", "period end `DATE` bound to :to (default "+reconcile.DefaultTo+")")
	c.ValidArgsFunction = completeWords(reconcile.Names(""))
	return Run(c, func(args []string) error { return runReconcile(env, f, args[0]) })
}

// runReconcile loads the spec, opens the env's core and named databases
// (read-only on a readonly env) and prints the comparison; a difference is
// a Finding (exit 1).
func runReconcile(env *Env, f reconcileFlags, name string) error {
	if err := checkChoice("reconcile", "format", *f.format, "text", "json"); err != nil {
		return err
	}
	if *f.djxh == "" {
		return errs.E("reconcile", errs.Input, "--djxh DJXH is required (the taxpayer whose rows are compared)")
	}
	sp, err := reconcile.Load(*f.contracts, name)
	if err != nil {
		return err
	}
	cat, e, err := CatalogEnv(env, *f.contracts, f.env)
	if err != nil {
		return err
	}
	t, err := target.Open(env.Ctx, e, target.Options{Catalog: cat})
	if err != nil {
		return err
	}
	defer t.Close()
	qs := reconcile.QueriersOf(check.SQLQuerier{DB: t.DB}, t.Queriers())
	rep, err := reconcile.Run(env.Ctx, sp, qs, reconcile.Params{DJXH: *f.djxh, From: *f.from, To: *f.to})
	if err != nil {
		return err
	}
	print := reconcile.Text
	if *f.format == "json" {
		print = reconcile.JSON
	}
	if err := print(env.Stdout, rep); err != nil {
		return err
	}
	return rep.Finding()
}
