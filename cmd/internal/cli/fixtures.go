package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

func init() {
	Group("fixtures", "test taxpayers: gen, seed, clean")
	Register("fixtures", fixturesGenCmd)
	Register("fixtures", fixturesSeedCmd)
	Register("fixtures", fixturesCleanCmd)
}

// genFlags are the generation flags shared by gen and seed.
type genFlags struct {
	profile string
	count   int
	seed    int64
	year    int
	fs      *pflag.FlagSet
}

func addGenFlags(fs *pflag.FlagSet) *genFlags {
	g := &genFlags{fs: fs}
	fs.StringVar(&g.profile, "profile", profile.XGM, "taxpayer profile: "+strings.Join(profile.ProfileNames(), ", "))
	fs.IntVar(&g.count, "count", 1, "number of taxpayers")
	fs.Int64Var(&g.seed, "seed", 0, "random seed (default: from the clock, printed to stderr)")
	fs.IntVar(&g.year, "year", 0, "limit determinations to this year (default: registration date to 9999-12-31)")
	return g
}

// generate makes the taxpayers, choosing and printing a clock seed when
// --seed was not given (so every run gets fresh identifiers).
func (g *genFlags) generate(env *Env) ([]profile.Taxpayer, error) {
	if !g.fs.Changed("seed") {
		g.seed = time.Now().UnixNano()
		fmt.Fprintf(env.Stderr, "fixtures: --seed %d\n", g.seed)
	}
	return profile.GenerateOpts(profile.Options{Profile: g.profile, Count: g.count, Seed: g.seed, Year: g.year})
}

func fixturesGenCmd(env *Env) *cobra.Command {
	c := Command("gen", "generate test taxpayers (valid identifiers, test-marked names)", Exact(0))
	g := addGenFlags(c.Flags())
	format := FormatFlag(c.Flags(), "json", "table")
	return Run(c, func([]string) error {
		if err := checkChoice("fixtures gen", "format", *format, "json", "table"); err != nil {
			return err
		}
		tps, err := g.generate(env)
		if err != nil {
			return err
		}
		if *format == "table" {
			profile.WriteTable(env.Stdout, tps)
			return nil
		}
		return fixturesJSON(env, tps)
	})
}

// fixturesDB resolves the environment, applies the read-only guard for the
// command, and opens its core database; for SQLite (the sim) it creates the
// file and schema when missing.
func fixturesDB(env *Env, ef *EnvFlags, cmd string) (*coredb.DB, config.Environment, error) {
	e, err := ef.Resolve(env)
	if err != nil {
		return nil, e, err
	}
	audit, err := safety.OpenAudit(e.Audit)
	if err != nil {
		return nil, e, err
	}
	defer audit.Close()
	if err := ef.Authorize(env, e, safety.Action{Kind: safety.KindFixtures, Service: cmd}, audit); err != nil {
		return nil, e, err
	}
	if e.DB == "" {
		return nil, e, errs.E(cmd, errs.Input, "environment %s names no core database: pass --db DSN", e.Name)
	}
	db, err := coredb.OpenWith(env.Ctx, e.DB, coredb.OpenOptions{Password: e.DBPassword})
	if err != nil {
		return nil, e, err
	}
	if db.Dialect == coredb.SQLite {
		if err := db.CreateSchema(env.Ctx); err != nil {
			db.Close()
			return nil, e, errs.E(cmd, errs.Internal, "%w", err)
		}
	}
	return db, e, nil
}

func fixturesSeedCmd(env *Env) *cobra.Command {
	c := Command("seed", "insert test taxpayers into the core database, recorded in the ledger", Exact(0))
	fs := c.Flags()
	f := seedFlags{env: AddEnvFlags(fs), gen: addGenFlags(fs)}
	f.ledger = fs.String("ledger", "", "also write the run's ledger (keys only) to this JSON `FILE`")
	f.format = FormatFlag(fs, "text", "json")
	return Run(c, func([]string) error { return fixturesSeed(env, f) })
}

// seedFlags are the flags of fixtures seed.
type seedFlags struct {
	env            *EnvFlags
	gen            *genFlags
	ledger, format *string
}

func fixturesSeed(env *Env, f seedFlags) error {
	ef, g, ledgerOut, format := f.env, f.gen, f.ledger, f.format
	if _, err := profile.GenerateOpts(profile.Options{Profile: g.profile, Count: g.count}); err != nil {
		return err // bad --profile or --count, before touching any database
	}
	db, e, err := fixturesDB(env, ef, "fixtures seed") // the guard runs before anything else
	if err != nil {
		return err
	}
	defer db.Close()
	tps, err := g.generate(env)
	if err != nil {
		return err
	}
	st := seed.NewStore(db, seed.SiteOf(e))
	defer st.Close()
	led := seed.NewLedger(seed.NewRunID(time.Now()))
	if err := st.Seed(env.Ctx, led, tps); err != nil {
		return err
	}
	if *ledgerOut != "" {
		if err := led.WriteFile(*ledgerOut); err != nil {
			return err
		}
	}
	if *format == "json" {
		return fixturesJSON(env, map[string]any{"run_id": led.RunID, "env": e.Name, "rows": led.Tally(), "taxpayers": tps})
	}
	fmt.Fprintf(env.Stdout, "seeded %d %s taxpayer(s) into %s (env %s), run %s\n", len(tps), g.profile, db.Source, e.Name, led.RunID)
	seed.WriteCounts(env.Stdout, "rows inserted:", led.Tally())
	fmt.Fprintf(env.Stdout, "clean with: %s fixtures clean%s --run %s\n", Program, ef.Reach(), led.RunID)
	return nil
}

func fixturesCleanCmd(env *Env) *cobra.Command {
	c := Command("clean", "delete what fixtures seed inserted (and rows written for those taxpayers)", Exact(0))
	fs := c.Flags()
	ef := AddEnvFlags(fs)
	run := fs.String("run", "all", "run `ID` to clean, or all")
	derived := fs.Bool("derived", true, "also delete rows other writers made for the seeded test taxpayers")
	format := FormatFlag(fs, "text", "json")
	return Run(c, func([]string) error { return fixturesClean(env, ef, *run, *derived, *format) })
}

// fixturesClean cleans and prints what it did, also when the clean
// failed midway or found rows of the run left behind (a Finding, exit 1).
func fixturesClean(env *Env, ef *EnvFlags, run string, derived bool, format string) error {
	db, e, err := fixturesDB(env, ef, "fixtures clean")
	if err != nil {
		return err
	}
	defer db.Close()
	st := seed.NewStore(db, seed.SiteOf(e))
	defer st.Close()
	rep, err := st.Clean(env.Ctx, seed.CleanOptions{RunID: run, Derived: derived})
	if rep == nil {
		return err
	}
	if format == "json" {
		if jerr := fixturesJSON(env, rep); err == nil {
			err = jerr
		}
	} else {
		fmt.Fprint(env.Stdout, rep.String())
	}
	if err == nil {
		err = rep.Err()
	}
	if errs.Is(err, errs.Finding) {
		fmt.Fprintln(env.Stderr, "gt3ct: "+err.Error())
	}
	return err
}

func fixturesJSON(env *Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return errs.E("fixtures", errs.Internal, "%w", err)
	}
	return nil
}
