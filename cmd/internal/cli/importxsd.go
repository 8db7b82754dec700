package cli

import (
	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/contracts/xsdimport"
)

func init() { Register("catalog", catalogImportXSDCmd) }

// catalogImportXSDCmd is `catalog import-xsd DIR`: contracts from a site's
// business schemas and field lists (contracts/xsdimport).
func catalogImportXSDCmd(env *Env) *cobra.Command {
	c := Command("import-xsd DIR", "generate contracts from a site's business schemas (TaxMLBw_*.xsd) and field lists", Exact(1))
	fs := c.Flags()
	dir := ContractsFlag(fs)
	dry := fs.Bool("dry-run", false, "print the plan, write nothing")
	return Run(c, func(args []string) error {
		rep, err := xsdimport.Import(xsdimport.Options{Bundle: args[0], Contracts: writableContracts(env, *dir), DryRun: *dry})
		if err != nil {
			return err
		}
		rep.Print(env.Stdout)
		return nil
	})
}
