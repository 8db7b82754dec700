package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gt3ct/gt3ct/fixtures/sim"
	"github.com/gt3ct/gt3ct/harness/target"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Register(Command{Name: "sim", Summary: "run the embedded HXZG simulator (bus + core database)", Run: runSim})
}

const simDefaultDB = "sqlite:.gt3ct/sim/core.db"

func runSim(env *Env, args []string) error {
	fs := NewFlags(env, "sim", "sim [--addr 127.0.0.1:PORT] [--db DSN] [--faults LIST] [--latency D] [--log FILE] [--seed N] [--print-ddl sqlite|postgres|oracle]")
	contracts := ContractsFlag(fs)
	addr := fs.String("addr", "127.0.0.1:0", "listen address (port 0 picks a free one)")
	dsn := fs.String("db", simDefaultDB, "core database DSN")
	faults := fs.String("faults", "", "comma list of name or name=rate: "+strings.Join(sim.Faults(), ", "))
	latency := fs.Duration("latency", 0, "fixed delay added to every answer")
	logFile := fs.String("log", "", "append one JSON line per request to FILE")
	seed := fs.Int64("seed", 1, "seed of the fault decisions")
	ddl := fs.String("print-ddl", "", "print the core schema DDL for sqlite, postgres or oracle and exit")
	if _, err := Parse(fs, args); err != nil {
		return HelpOK(err)
	}
	if *ddl != "" {
		return printDDL(env.Stdout, *ddl)
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
	cfg := sim.Config{DB: db, Catalog: target.SimCatalog(cat), Faults: *faults, Seed: *seed, Latency: *latency}
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

func printDDL(w io.Writer, dialect string) error {
	d := coredb.Dialect(dialect)
	if d != coredb.SQLite && d != coredb.Postgres && d != coredb.Oracle {
		return errs.E("sim", errs.Input, "--print-ddl: unknown dialect %q (want sqlite, postgres or oracle)", dialect)
	}
	for _, stmt := range coredb.DDL(d) {
		fmt.Fprintf(w, "%s;\n\n", stmt)
	}
	return nil
}
