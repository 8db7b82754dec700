package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

func init() {
	Register(Command{Name: "fixtures gen", Summary: "generate test taxpayers (valid identifiers, test-marked names)", Run: runFixturesGen})
	Register(Command{Name: "fixtures seed", Summary: "insert test taxpayers into the core database, recorded in the ledger", Run: runFixturesSeed})
	Register(Command{Name: "fixtures clean", Summary: "delete what fixtures seed inserted (and rows written for those taxpayers)", Run: runFixturesClean})
}

// genFlags are the generation flags shared by gen and seed.
type genFlags struct {
	profile string
	count   int
	seed    int64
	year    int
	fs      *flag.FlagSet
}

func addGenFlags(fs *flag.FlagSet) *genFlags {
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
	seedSet := false
	g.fs.Visit(func(f *flag.Flag) { seedSet = seedSet || f.Name == "seed" })
	if !seedSet {
		g.seed = time.Now().UnixNano()
		fmt.Fprintf(env.Stderr, "fixtures: --seed %d\n", g.seed)
	}
	return profile.GenerateOpts(profile.Options{Profile: g.profile, Count: g.count, Seed: g.seed, Year: g.year})
}

func runFixturesGen(env *Env, args []string) error {
	fs := NewFlags(env, "fixtures gen", "fixtures gen [--profile P] [--count N] [--seed S] [--year Y] [--format json|table]")
	g := addGenFlags(fs)
	format := fs.String("format", "json", "output format: json or table")
	if _, err := Parse(fs, args); err != nil {
		return HelpOK(err)
	}
	if *format != "json" && *format != "table" {
		return errs.E("fixtures gen", errs.Input, "--format %q: want json or table", *format)
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

func runFixturesSeed(env *Env, args []string) error {
	fs := NewFlags(env, "fixtures seed", "fixtures seed [--env E] [--db DSN] [--profile P] [--count N] [--seed S] [--ledger FILE] [--format text|json]")
	ef := AddEnvFlags(fs)
	g := addGenFlags(fs)
	ledgerOut := fs.String("ledger", "", "also write the run's ledger (keys only) to this JSON file")
	format := fs.String("format", "text", "output format: text or json (the seeded taxpayers)")
	if _, err := Parse(fs, args); err != nil {
		return HelpOK(err)
	}
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
	led := seed.NewLedger(seed.NewRunID(time.Now()))
	if err := seed.Seed(env.Ctx, db, led, tps); err != nil {
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
	fmt.Fprintf(env.Stdout, "clean with: gt3ct fixtures clean --env %s --run %s\n", e.Name, led.RunID)
	return nil
}

func runFixturesClean(env *Env, args []string) error {
	fs := NewFlags(env, "fixtures clean", "fixtures clean [--env E] [--db DSN] [--run ID|all] [--derived=false] [--format text|json]")
	ef := AddEnvFlags(fs)
	run := fs.String("run", "all", "run id to clean, or all")
	derived := fs.Bool("derived", true, "also delete rows other writers made for the seeded test taxpayers")
	format := fs.String("format", "text", "output format: text or json")
	if _, err := Parse(fs, args); err != nil {
		return HelpOK(err)
	}
	db, _, err := fixturesDB(env, ef, "fixtures clean")
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := seed.Clean(env.Ctx, db, seed.CleanOptions{RunID: *run, Derived: *derived})
	if err != nil {
		return err
	}
	if *format == "json" {
		err = fixturesJSON(env, rep)
	} else {
		fmt.Fprint(env.Stdout, rep.String())
	}
	if err == nil && *derived && len(rep.Remaining) > 0 {
		return errs.E("fixtures clean", errs.Finding, "rows of cleaned test taxpayers remain: %v", rep.Remaining)
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
