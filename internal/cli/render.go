package cli

import (
	"fmt"

	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/session"
	"github.com/gt3ct/gt3ct/internal/target"
)

func init() {
	Register(Command{Name: "render", Summary: "print the request envelope(s) a case would send", Run: runRender})
}

func runRender(env *Env, args []string) error {
	fs := NewFlags(env, "render", "render SERVICE [--case NAME] [--set key=value]... [--seed S] [--env E]")
	ef := AddEnvFlags(fs)
	contracts := contractsFlag(fs)
	caseName := fs.String("case", "", "case to render (default: the contract's first case, else the smoke case)")
	seed := fs.Int64("seed", 1, "seed of the generated taxpayer the templates are bound to")
	var sets Multi
	fs.Var(&sets, "set", "override a template value: key=value (repeatable)")
	pos, err := Parse(fs, args)
	if err != nil {
		return helpOK(err)
	}
	if err := ExactArgs(fs, pos, 1); err != nil {
		return err
	}
	cat, err := openCatalog(env, *contracts)
	if err != nil {
		return err
	}
	svc, ok := cat.Lookup(pos[0])
	if !ok {
		return errs.E("render", errs.Input, "unknown service %q (see gt3ct catalog ls)", pos[0])
	}
	e, err := ef.Resolve(env)
	if err != nil {
		return err
	}
	job, err := session.PickCase(cat, svc, *caseName)
	if err != nil {
		return err
	}
	over, err := session.Sets(sets)
	if err != nil {
		return err
	}
	name := job.Profile
	if name == "" {
		name = session.SharedProfile
	}
	tps, err := profile.Generate(name, 1, *seed)
	if err != nil {
		return err
	}
	r := &runner.Runner{Catalog: cat, Templates: render.NewCache(), Target: runner.Target{
		ChannelID: e.ChannelID, Expand: (&target.Target{Env: e}).Expand(), Builder: envelope.Builder{},
	}}
	previews, err := r.Preview(svc, job.Case, render.Merge(profile.Fields(tps[0]), over))
	if err != nil {
		return err
	}
	for i, p := range previews {
		if len(previews) > 1 {
			fmt.Fprintf(env.Stdout, "<!-- step %d of %d: %s %s -->\n", i+1, len(previews), p.Service.Code, p.Service.TranID)
		}
		fmt.Fprintf(env.Stdout, "%s\n", p.Envelope)
	}
	return nil
}
