package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Register("catalog", catalogLintCmd)
}

// catalogLintCmd: gt3ct catalog lint [--format text|json]. Exit 0 clean,
// 1 on findings, 2 when the contracts do not load.
func catalogLintCmd(env *Env) *cobra.Command {
	c := Command("lint", "flag fragile or incomplete contracts", Exact(0))
	dir := ContractsFlag(c.Flags())
	format := FormatFlag(c.Flags(), "text", "json")
	return Run(c, func([]string) error {
		if err := checkChoice("catalog lint", "format", *format, "text", "json"); err != nil {
			return err
		}
		cat, err := openCatalog(env, *dir)
		if err != nil {
			return err
		}
		if len(cat.Problems) > 0 {
			return errs.E("catalog lint", errs.Input, "%d contract(s) do not load (listed above)", len(cat.Problems))
		}
		found := catalog.Lint(cat)
		if err := writeLint(env, found, *format); err != nil {
			return err
		}
		if len(found) > 0 {
			return errs.E("catalog lint", errs.Finding, "%d finding(s)", len(found))
		}
		return nil
	})
}

func writeLint(env *Env, found []catalog.Finding, format string) error {
	if format == "json" {
		if found == nil {
			found = []catalog.Finding{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(found)
	}
	for _, f := range found {
		fmt.Fprintln(env.Stdout, f.String())
	}
	if len(found) == 0 {
		fmt.Fprintln(env.Stderr, "catalog lint: no findings")
	}
	return nil
}
