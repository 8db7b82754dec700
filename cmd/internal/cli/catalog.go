package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Group("catalog", "the service catalog: build, import, list, show, coverage")
	Register("catalog", catalogBuildCmd)
	Register("catalog", catalogImportCmd)
	Register("catalog", catalogLsCmd)
	Register("catalog", catalogShowCmd)
	Register("catalog", catalogCoverageCmd)
}

// writableContracts is the folder build and import change: --contracts,
// else $GT3CT_CONTRACTS, else ./contracts.
func writableContracts(env *Env, dir string) string {
	if dir == "" {
		dir = env.Getenv("GT3CT_CONTRACTS")
	}
	if dir == "" {
		dir = "contracts"
	}
	return dir
}

// openCatalog loads the catalog and prints its per-file problems to stderr.
func openCatalog(env *Env, dir string) (*catalog.Catalog, error) {
	if dir == "" {
		dir = env.Getenv("GT3CT_CONTRACTS")
	}
	c, err := catalog.Open(dir)
	if err != nil {
		return nil, err
	}
	for _, p := range c.Problems {
		fmt.Fprintln(env.Stderr, "gt3ct: "+p.Error())
	}
	return c, nil
}

func catalogBuildCmd(env *Env) *cobra.Command {
	c := Command("build", "regenerate contracts/catalog.tsv from the inventories", Exact(0))
	dir := ContractsFlag(c.Flags())
	return Run(c, func([]string) error { return catalogBuild(env, *dir) })
}

func catalogBuild(env *Env, dir string) error {
	root := writableContracts(env, dir)
	var prev []*catalog.Service
	if f, err := os.Open(filepath.Join(root, catalog.File)); err == nil {
		prev, err = catalog.ReadTSV(f, filepath.Join(root, catalog.File))
		f.Close()
		if err != nil {
			return err
		}
	}
	services, err := catalog.Build(root, prev)
	if err != nil {
		return err
	}
	if err := catalog.WriteFileAtomic(root, services); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d services\n", filepath.Join(root, catalog.File), len(services))
	return nil
}

func catalogImportCmd(env *Env) *cobra.Command {
	c := Command("import FILE", "merge a site's inventory (.tsv, .csv, .xlsx)", Exact(1))
	dir := ContractsFlag(c.Flags())
	return Run(c, func(args []string) error {
		rep, err := catalog.Import(writableContracts(env, *dir), args[0])
		if err != nil {
			return err
		}
		rep.Print(env.Stdout)
		return nil
	})
}

func catalogLsCmd(env *Env) *cobra.Command {
	c := Command("ls", "list catalog services", Exact(0))
	fs := c.Flags()
	dir := ContractsFlag(fs)
	module := fs.String("module", "", "only this `MODULE` (DJ, RD, SB, ZS, FP, …)")
	level := fs.String("level", "", "only services at exactly this `LEVEL`: "+strings.Join(catalog.Levels, ", "))
	format := FormatFlag(fs, "table", "json")
	return Run(c, func([]string) error {
		if err := checkChoice("catalog ls", "format", *format, "table", "json"); err != nil {
			return err
		}
		if *level != "" && catalog.LevelRank(*level) < 0 {
			return errs.E("catalog ls", errs.Input, "unknown level %q (want %s)", *level, strings.Join(catalog.Levels, ", "))
		}
		cat, err := openCatalog(env, *dir)
		if err != nil {
			return err
		}
		var out []*catalog.Service
		for _, s := range cat.Select(*module, "") {
			if *level == "" || s.Level == *level {
				out = append(out, s)
			}
		}
		return catalog.WriteList(env.Stdout, out, *format)
	})
}

func catalogShowCmd(env *Env) *cobra.Command {
	c := Command("show SERVICE", "show a service and its contract (SERVICE: code or tran_id)", Exact(1))
	dir := ContractsFlag(c.Flags())
	c.ValidArgsFunction = completeService(env)
	return Run(c, func(args []string) error {
		cat, err := openCatalog(env, *dir)
		if err != nil {
			return err
		}
		s, err := lookupService(cat, "catalog show", args[0])
		if err != nil {
			return err
		}
		return catalog.WriteShow(env.Stdout, s)
	})
}

func catalogCoverageCmd(env *Env) *cobra.Command {
	c := Command("coverage", "count services per coverage level", Exact(0))
	dir := ContractsFlag(c.Flags())
	format := FormatFlag(c.Flags(), "table", "json")
	return Run(c, func([]string) error {
		if err := checkChoice("catalog coverage", "format", *format, "table", "json"); err != nil {
			return err
		}
		cat, err := openCatalog(env, *dir)
		if err != nil {
			return err
		}
		return catalog.WriteCoverage(env.Stdout, cat.Coverage(), cat.Modules(), *format)
	})
}
