package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
	"github.com/gt3ct/gt3ct/reports/present"
)

func init() {
	Register("", runCmd)
}

type runFlags struct {
	env       *EnvFlags
	contracts *string
	caseName  *string
	format    *string
	faults    *string
	sim       *SimTuning
	seed      *int64
	verbose   *bool
	keep      *bool
	djxh      *string
	sets      *[]string
}

func runCmd(env *Env) *cobra.Command {
	c := Command("run SERVICE", "send one service's case and check answer and rows", Exact(1))
	fs := c.Flags()
	f := runFlags{env: AddEnvFlags(fs), contracts: ContractsFlag(fs)}
	f.caseName = fs.String("case", "", "case to run (default: the contract's first case, else the smoke case)")
	f.format = FormatFlag(fs, "text", "json")
	f.faults = FaultsFlag(fs)
	f.sim = AddSimTuning(fs)
	f.seed = fs.Int64("seed", 0, "fixture seed (default: from the clock)")
	f.verbose = fs.Bool("verbose", false, "show whole messages and all rows")
	f.keep = fs.Bool("keep-fixtures", false, "leave the seeded taxpayer in the database")
	f.djxh = fs.String("djxh", "", "reuse this existing taxpayer instead of seeding a fresh one")
	f.sets = SetFlag(fs)
	c.ValidArgsFunction = completeService(env)
	return Run(c, func(args []string) error { return run(env, f, args[0]) })
}

func run(env *Env, f runFlags, service string) error {
	if err := checkChoice("run", "format", *f.format, "text", "json"); err != nil {
		return err
	}
	res, left, err := runOne(env, f, service)
	if err != nil {
		return err
	}
	if err := printResult(env, res, *f.format, *f.verbose); err != nil {
		return err
	}
	if left != nil { // the clean found rows of the run left behind
		fmt.Fprintln(env.Stderr, "gt3ct: run: "+left.Error())
		return left
	}
	if res.Status != result.Pass {
		return errs.E("run", errs.Finding, "%s", present.Verdict(res))
	}
	return nil
}

// runOne runs the case and cleans its fixtures; left is the clean's
// Finding (rows of the run left behind), err any other failure.
func runOne(env *Env, f runFlags, name string) (res result.Result, left, err error) {
	if err := f.sim.Check("run"); err != nil {
		return res, nil, err
	}
	p, err := pickCase(env, "run", *f.contracts, f.env, name, *f.caseName, *f.sets)
	if err != nil {
		return res, nil, err
	}
	cat, e, job, sets := p.cat, p.env, p.job, p.sets
	f.sim.Database(&e, f.env)
	o := session.Options{Env: e, Redactor: env.Redactor, Catalog: cat, Faults: *f.faults, Seed: *f.seed, KeepFixtures: *f.keep,
		SimShape: f.sim.Shape, SimDDL: f.sim.DDL}
	if err := session.Preflight(o); err != nil {
		return res, nil, err
	}
	if o.Spec, err = specRules(*f.contracts); err != nil {
		return res, nil, err
	}
	if err := authorizeService(env, f.env, e, sweep.WritingService(cat, job)); err != nil {
		return res, nil, err
	}
	s, err := session.Open(env.Ctx, o)
	if err != nil {
		return res, nil, err
	}
	var runErr error
	if *f.djxh != "" {
		res, runErr = s.RunExisting(env.Ctx, job, *f.djxh, sets)
	} else {
		res, runErr = s.RunJob(env.Ctx, job, sets)
	}
	if _, err := s.Close(env.Ctx); err != nil && runErr == nil {
		if errs.Is(err, errs.Finding) {
			return res, err, nil
		}
		fmt.Fprintln(env.Stderr, "gt3ct: cleanup: "+err.Error())
	}
	return res, nil, runErr
}

// pickedCase is one case of one service, ready to render or run.
type pickedCase struct {
	cat  *catalog.Catalog
	svc  *catalog.Service
	env  config.Environment
	job  sweep.Job
	sets map[string]string
}

// pickCase opens the catalog, looks the service up, resolves the
// environment and picks the named case (the default one when caseName is
// empty) with its --set overrides; cmd names the command in errors.
func pickCase(env *Env, cmd, contracts string, ef *EnvFlags, service, caseName string, sets []string) (pickedCase, error) {
	var p pickedCase
	var err error
	if p.cat, err = openCatalog(env, contracts); err != nil {
		return p, err
	}
	svc, err := lookupService(p.cat, cmd, service)
	if err != nil {
		return p, err
	}
	p.svc = svc
	if p.env, err = ef.Resolve(env); err != nil {
		return p, err
	}
	if p.job, err = session.PickCase(p.cat, svc, caseName); err != nil {
		return p, err
	}
	if p.sets, err = session.ParseSets(cmd, sets); err != nil {
		return p, err
	}
	return p, session.CheckSets(cmd, p.job, p.sets)
}

// authorizeService applies the read-only guard to one service before
// anything is sent; refusals are recorded in the audit trail.
func authorizeService(env *Env, f *EnvFlags, e config.Environment, svc *catalog.Service) error {
	audit, err := safety.OpenAudit(e.Audit) // "" is the default audit file
	if err != nil {
		return err
	}
	defer audit.Close()
	return f.Authorize(env, e, safety.Action{Kind: safety.KindService, Service: svc.Code, Op: svc.Kind, Writes: svc.Writes}, audit)
}

func printResult(env *Env, res result.Result, format string, verbose bool) error {
	if format == "json" {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return present.Text(env.Stdout, res, present.Options{Color: env.StdoutTTY, Verbose: verbose, Redactor: env.Redactor})
}
