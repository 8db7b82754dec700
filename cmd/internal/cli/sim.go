package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/fixtures/sim"
	"github.com/gt3ct/gt3ct/harness/target"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Register("", simCmd)
}

const simDefaultDB = config.SimDB

// simFlags are the flags of sim.
type simFlags struct {
	contracts, addr, dsn, faults, logFile, printDDL *string
	shape, ddl                                      *string
	latency                                         *time.Duration
	seed                                            *int64
}

func simCmd(env *Env) *cobra.Command {
	c := Command("sim", "run the embedded HXZG simulator (bus + core database)", Exact(0))
	fs := c.Flags()
	f := simFlags{contracts: ContractsFlag(fs)}
	f.addr = fs.String("addr", "127.0.0.1:0", "listen address `HOST:PORT` (port 0 picks a free one)")
	f.dsn = fs.String("db", simDefaultDB, "core database `DSN`")
	f.faults = fs.String("faults", "", "comma `LIST` of name or name=rate: "+strings.Join(sim.Faults(), ", "))
	f.shape = fs.String("shape", "", "answer shape: `"+strings.Join(sim.Shapes(), "|")+"` (default cdata)")
	f.ddl = fs.String("ddl", "", "core DDL the simulator creates and writes: `"+strings.Join(coredb.Variants(), "|")+"` (default own; site: a site's extra NOT NULL columns and types, in .gt3ct/sim-site/ unless --db)")
	f.latency = fs.Duration("latency", 0, "response time of every answer: it leaves this long after its request arrived, the simulator's own work included")
	f.logFile = fs.String("log", "", "append one JSON line per request to `FILE`")
	f.seed = fs.Int64("seed", 1, "seed of the fault decisions")
	f.printDDL = fs.String("print-ddl", "", "print the core schema DDL (of --ddl) for `sqlite|postgres|oracle` and exit")
	return Run(c, func([]string) error {
		if !fs.Changed("db") && *f.ddl == "site" {
			*f.dsn = "sqlite:.gt3ct/sim-site/core.db"
		}
		return runSim(env, f)
	})
}

func runSim(env *Env, f simFlags) error {
	contracts, addr, dsn, faults, latency, logFile, seed := f.contracts, f.addr, f.dsn, f.faults, f.latency, f.logFile, f.seed
	variant, err := coredb.ParseVariant(*f.ddl)
	if err != nil {
		return err
	}
	if *f.printDDL != "" {
		return printDDL(env.Stdout, *f.printDDL, variant)
	}
	if *f.shape != "" {
		if err := checkChoice("sim", "shape", *f.shape, sim.Shapes()...); err != nil {
			return err
		}
	}
	db, err := coredb.Open(env.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	cat, err := openCatalog(env, *contracts)
	if err != nil {
		return err
	}
	cfg := sim.Config{DB: db, Catalog: target.SimCatalog(cat), Faults: *faults, Seed: *seed, Latency: *latency, Shape: *f.shape, DDL: *f.ddl}
	closeLog, err := simLog(&cfg, *logFile)
	if err != nil {
		return err
	}
	defer closeLog()
	return serveSim(env, cfg, *addr)
}

// simLog points cfg's request log at the file path (appending), when one
// is named; the returned func closes it.
func simLog(cfg *sim.Config, path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, errs.E("sim", errs.Input, "--log: %w", err)
	}
	cfg.Log = f
	return func() { f.Close() }, nil
}

// serveSim serves the simulator on addr until the command is interrupted.
func serveSim(env *Env, cfg sim.Config, addr string) error {
	s, err := sim.New(cfg)
	if err != nil {
		return err
	}
	url, stop, err := sim.Start(env.Ctx, addr, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "gt3ct sim: listening on %s (HTTP POST /, SOAP 1.1 POST /)\n", strings.TrimSuffix(url, "/"))
	<-env.Ctx.Done()
	return stop()
}

func printDDL(w io.Writer, dialect string, v coredb.Variant) error {
	d := coredb.Dialect(dialect)
	if d != coredb.SQLite && d != coredb.Postgres && d != coredb.Oracle {
		return errs.E("sim", errs.Input, "--print-ddl: unknown dialect %q (want sqlite, postgres or oracle)", dialect)
	}
	for _, stmt := range coredb.DDLOf(d, v) {
		fmt.Fprintf(w, "%s;\n\n", stmt)
	}
	return nil
}
