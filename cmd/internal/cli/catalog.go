package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Register(Command{Name: "catalog build", Summary: "regenerate contracts/catalog.tsv from the inventories", Run: runCatalogBuild})
	Register(Command{Name: "catalog import", Summary: "merge a site's inventory (.tsv, .csv, .xlsx)", Run: runCatalogImport})
	Register(Command{Name: "catalog ls", Summary: "list catalog services", Run: runCatalogLs})
	Register(Command{Name: "catalog show", Summary: "show a service and its contract", Run: runCatalogShow})
	Register(Command{Name: "catalog coverage", Summary: "count services per coverage level", Run: runCatalogCoverage})
}

// ContractsFlag adds --contracts to fs.
func ContractsFlag(fs *flag.FlagSet) *string {
	return fs.String("contracts", "", "contracts folder (default $GT3CT_CONTRACTS, else ./contracts, else the embedded copy)")
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

func runCatalogBuild(env *Env, args []string) error {
	fs := NewFlags(env, "catalog build", "catalog build [--contracts DIR]")
	dir := ContractsFlag(fs)
	if err := ParseExact(fs, args, 0); err != nil {
		return HelpOK(err)
	}
	root := writableContracts(env, *dir)
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

func runCatalogImport(env *Env, args []string) error {
	fs := NewFlags(env, "catalog import", "catalog import FILE [--contracts DIR]")
	dir := ContractsFlag(fs)
	arg, err := parseOne(fs, args)
	if err != nil {
		return HelpOK(err)
	}
	rep, err := catalog.Import(writableContracts(env, *dir), arg)
	if err != nil {
		return err
	}
	rep.Print(env.Stdout)
	return nil
}

func runCatalogLs(env *Env, args []string) error {
	fs := NewFlags(env, "catalog ls", "catalog ls [--module SB] [--level L] [--format table|json] [--contracts DIR]")
	dir := ContractsFlag(fs)
	module := fs.String("module", "", "only this module")
	level := fs.String("level", "", "only services at exactly this level: "+strings.Join(catalog.Levels, ", "))
	format := fs.String("format", "table", "table or json")
	if err := ParseExact(fs, args, 0); err != nil {
		return HelpOK(err)
	}
	if err := checkFormat(fs, *format, "table", "json"); err != nil {
		return err
	}
	if *level != "" && catalog.LevelRank(*level) < 0 {
		return errs.E(fs.Name(), errs.Input, "unknown level %q (want %s)", *level, strings.Join(catalog.Levels, ", "))
	}
	c, err := openCatalog(env, *dir)
	if err != nil {
		return err
	}
	var out []*catalog.Service
	for _, s := range c.Select(*module, "") {
		if *level == "" || s.Level == *level {
			out = append(out, s)
		}
	}
	return catalog.WriteList(env.Stdout, out, *format)
}

func runCatalogShow(env *Env, args []string) error {
	fs := NewFlags(env, "catalog show", "catalog show SERVICE [--contracts DIR]")
	dir := ContractsFlag(fs)
	arg, err := parseOne(fs, args)
	if err != nil {
		return HelpOK(err)
	}
	c, err := openCatalog(env, *dir)
	if err != nil {
		return err
	}
	s, ok := c.Lookup(arg)
	if !ok {
		return errs.E(fs.Name(), errs.Input, "no service %q in the catalog (give a code like HXZG_SB_00045 or a tran_id)", arg)
	}
	return catalog.WriteShow(env.Stdout, s)
}

func runCatalogCoverage(env *Env, args []string) error {
	fs := NewFlags(env, "catalog coverage", "catalog coverage [--format table|json] [--contracts DIR]")
	dir := ContractsFlag(fs)
	format := fs.String("format", "table", "table or json")
	if err := ParseExact(fs, args, 0); err != nil {
		return HelpOK(err)
	}
	if err := checkFormat(fs, *format, "table", "json"); err != nil {
		return err
	}
	c, err := openCatalog(env, *dir)
	if err != nil {
		return err
	}
	return catalog.WriteCoverage(env.Stdout, c.Coverage(), c.Modules(), *format)
}

// parseOne parses flags and wants exactly one positional argument, which
// it returns (ErrHelp after --help).
func parseOne(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := Parse(fs, args)
	if err != nil {
		return "", err
	}
	if err := ExactArgs(fs, pos, 1); err != nil {
		return "", err
	}
	return pos[0], nil
}

// ParseExact parses flags and wants n positional arguments (ErrHelp after --help).
func ParseExact(fs *flag.FlagSet, args []string, n int) error {
	pos, err := Parse(fs, args)
	if err != nil {
		return err
	}
	return ExactArgs(fs, pos, n)
}

// HelpOK is what a command returns when parsing stopped: nil after --help
// (its usage is printed, exit 0), else the error.
func HelpOK(err error) error {
	if errors.Is(err, ErrHelp) {
		return nil
	}
	return err
}

func checkFormat(fs *flag.FlagSet, got string, want ...string) error {
	for _, w := range want {
		if got == w {
			return nil
		}
	}
	return errs.E(fs.Name(), errs.Input, "unknown --format %q (want %s)", got, strings.Join(want, " or "))
}
