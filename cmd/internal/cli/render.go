package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/target"
)

func init() {
	Register("", renderCmd)
}

func renderCmd(env *Env) *cobra.Command {
	c := Command("render SERVICE", "print the request envelope(s) a case would send", Exact(1))
	fs := c.Flags()
	ef := AddEnvFlags(fs)
	contracts := ContractsFlag(fs)
	caseName := fs.String("case", "", "case to render (default: the contract's first case, else the smoke case)")
	seed := fs.Int64("seed", 1, "seed of the generated taxpayer the templates are bound to")
	sets := SetFlag(fs)
	c.ValidArgsFunction = completeService(env)
	return Run(c, func(args []string) error {
		p, err := pickCase(env, "render", *contracts, ef, args[0], *caseName, *sets)
		if err != nil {
			return err
		}
		return printPreviews(env, p, *seed)
	})
}

// printPreviews prints the envelopes of the picked case, bound to a
// generated taxpayer of the case's profile.
func printPreviews(env *Env, p pickedCase, seed int64) error {
	name := p.job.Profile
	if name == "" {
		name = session.SharedProfile
	}
	tps, err := profile.Generate(name, 1, seed)
	if err != nil {
		return err
	}
	r := &runner.Runner{Catalog: p.cat, Templates: render.NewCache(), XSD: session.ValidateXSD, Target: runner.Target{
		ChannelID: p.env.ChannelID, Expand: (&target.Target{Env: p.env}).Expand(), Builder: envelope.Builder{},
	}}
	previews, err := r.PreviewWith(p.svc, p.job.Case, profile.Fields(tps[0]), p.sets)
	if err != nil {
		return err
	}
	for i, pv := range previews {
		if len(previews) > 1 {
			fmt.Fprintf(env.Stdout, "<!-- step %d of %d: %s %s -->\n", i+1, len(previews), pv.Service.Code, pv.Service.TranID)
		}
		fmt.Fprintf(env.Stdout, "%s\n", pv.Envelope)
	}
	return nil
}
