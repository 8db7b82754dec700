package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/reports"
)

func init() {
	Register("", nightlyCmd)
}

type nightlyFlags struct {
	env                                   *EnvFlags
	contracts, module, services, shard    *string
	out, baseline, resume, faults, simLog *string
	runID                                 *string
	force                                 *bool
	sim                                   *SimTuning
	parallel                              *int
	rate                                  *float64
	timeout, latency                      *time.Duration
	seed                                  *int64
	repeat                                *int
}

func nightlyCmd(env *Env) *cobra.Command {
	c := Command("nightly", "run every case of the catalog and write reports", Exact(0))
	fs := c.Flags()
	f := nightlyFlags{env: AddEnvFlags(fs), contracts: ContractsFlag(fs)}
	f.module = fs.String("module", "", "only this `MODULE` (DJ, RD, SB, ZS, FP, …)")
	f.services = fs.String("services", "", "only services whose code or tran_id matches these `GLOBS` (comma-separated)")
	f.shard = fs.String("shard", "", "run shard `I/N` (stable split by service)")
	f.out = fs.String("out", "out/nightly", "run `DIR` (refused when it holds a run, unless --force)")
	f.force = fs.Bool("force", false, "replace the run --out holds")
	f.runID = fs.String("run-id", "", "run id the shards of one nightly share, `NAME` (default: the CI's pipeline or build id, else a digest of env, selection, shard count, contracts and the UTC date)")
	f.baseline = fs.String("baseline", "", "compare with this earlier run `DIR`")
	f.resume = fs.String("resume", "", "continue the killed run in this `DIR`")
	f.faults = FaultsFlag(fs)
	f.sim = AddSimTuning(fs)
	f.simLog = fs.String("sim-log", "", "request log of the embedded simulator (JSON lines) `FILE`")
	f.parallel = fs.Int("parallel", 4*runtime.NumCPU(), "cases talking to the core at once (as many more are prepared meanwhile)")
	f.rate = fs.Float64("rate", 0, "ceiling in requests per second (default: the environment's rate; 0 = none)")
	f.timeout = fs.Duration("timeout", time.Minute, "per-case timeout")
	f.latency = fs.Duration("sim-latency", 0, "response time of every answer of the embedded simulator (demos, tests)")
	f.seed = fs.Int64("seed", 0, "fixture seed (default: from the clock)")
	f.repeat = fs.Int("repeat", 1, "run every case N times as distinct cases (bench: memory over a 10× catalog)")
	return Run(c, func([]string) error { return nightly(env, f, ownArgs(env, c)) })
}

func nightly(env *Env, f nightlyFlags, args []string) error {
	start := time.Now()
	boundHeap(env)
	out := *f.out
	if *f.resume != "" {
		out = *f.resume
	}
	sum, err := nightlyRun(env, f, out, args, start)
	if sum != nil {
		if werr := reports.WriteBrief(env.Stdout, sum, out); err == nil {
			err = werr
		}
	}
	if err != nil {
		return err
	}
	return sum.Finding()
}

// nightlyRun checks what it was given, runs the nightly, cleans its
// fixtures and writes its reports (partial when interrupted), timing the
// whole command from start.
func nightlyRun(env *Env, f nightlyFlags, out string, args []string, start time.Time) (*reports.Summary, error) {
	p, err := prepareNightly(env, f, out)
	if err != nil {
		return nil, err
	}
	simLog, closeLog, err := openSimLog(*f.simLog)
	if err != nil {
		return nil, err
	}
	defer closeLog()
	p.open.SimLog = simLog
	s, err := session.Open(env.Ctx, p.open)
	if err != nil {
		return nil, err
	}
	fo := newFollowing(out)
	st, runErr := s.Nightly(env.Ctx, session.NightlyOptions{
		Selection: p.sel, Parallel: *f.parallel, Rate: *f.rate, Timeout: *f.timeout, Out: out, Baseline: *f.baseline,
		Resume: p.open.Resume, Args: args, Progress: env.Stderr, TTY: env.StderrTTY, Mask: p.mask, Grace: stopGrace,
		Started: fo.start,
	})
	follower := fo.stop()
	cleaned, err := closeBeside(env, s, st, runErr)
	if err != nil {
		return nil, err
	}
	interrupted := env.Ctx.Err() != nil
	if interrupted {
		fmt.Fprintf(env.Stderr, "gt3ct: nightly: interrupted after %d of %d cases; continue with: %s\n", st.Done.Load(), st.Total.Load(), f.resumeCommand(out))
	}
	sum, err := reports.Finish(out, reports.Options{Baseline: *f.baseline, Partial: interrupted, Wall: time.Since(start), Now: time.Now,
		Follower: follower})
	if cerr := cleaned(); cerr != nil {
		return nil, cerr
	}
	return sum, err
}

// closeBeside closes the session, cleaning its fixtures: beside the reports
// (the reports need nothing of the session) when the sweep ended without
// error and has at most sideBySide cases, else at once. cleaned waits for
// it and returns its error.
func closeBeside(env *Env, s *session.Session, st *sweep.Stats, runErr error) (cleaned func() error, err error) {
	if runErr != nil || st.Total.Load() > sideBySide {
		return func() error { return nil }, closeNightly(env, s, runErr)
	}
	done := make(chan error, 1)
	go func() { done <- closeNightly(env, s, nil) }()
	return func() error { return <-done }, nil
}

// sideBySide is the largest nightly (in cases) whose fixture cleanup runs
// beside the writing of its reports: each holds its input in memory (the
// ledger; the results read slim), and for a 50× catalog the two at once
// took the process past 150 MB; for the catalog once, side by side saves
// the cleanup's 20–40 ms.
const sideBySide = 20000

// resumeCommand is the command that continues this nightly in out, with
// the flags that reach the same environment and select the same cases.
func (f nightlyFlags) resumeCommand(out string) string {
	cmd := Program + " nightly --resume " + shellQuote(out) + f.env.Reach()
	for _, fl := range []struct{ name, v string }{{"contracts", *f.contracts}, {"module", *f.module}, {"services", *f.services}, {"shard", *f.shard}} {
		if fl.v != "" {
			cmd += " --" + fl.name + " " + shellQuote(fl.v)
		}
	}
	return cmd
}

// stopGrace is how long a nightly interrupted by SIGINT or SIGTERM waits
// for the answers in flight before it writes its partial reports.
const stopGrace = 10 * time.Second

// nightlyPlan is what a nightly opens, once its preconditions hold.
type nightlyPlan struct {
	open session.Options
	sel  sweep.Selection
	mask bool
}

// prepareNightly checks every precondition before anything is sent: the
// flags, the run folders, the environment (Preflight), the selection.
func prepareNightly(env *Env, f nightlyFlags, out string) (nightlyPlan, error) {
	var p nightlyPlan
	shard, err := sweep.ParseShard(*f.shard)
	if err != nil {
		return p, err
	}
	if err := f.sim.Check("nightly"); err != nil {
		return p, err
	}
	if err := checkRunDirs(f); err != nil {
		return p, err
	}
	cat, e, err := CatalogEnv(env, *f.contracts, f.env)
	if err != nil {
		return p, err
	}
	f.sim.Database(&e, f.env)
	p.open = session.Options{Env: e, Redactor: env.Redactor, Catalog: cat, Faults: *f.faults, SimLatency: *f.latency, Seed: *f.seed,
		SimShape: f.sim.Shape, SimDDL: f.sim.DDL, Resume: *f.resume != ""}
	if err := session.Preflight(p.open); err != nil {
		return p, err
	}
	if p.open.Spec, err = specRules(*f.contracts); err != nil {
		return p, err
	}
	p.sel = sweep.Selection{Module: *f.module, Services: *f.services, Shard: shard, Repeat: *f.repeat}
	if err := checkSelection(cat, p.sel); err != nil {
		return p, err
	}
	if p.mask, err = f.env.Mask(e); err != nil {
		return p, err
	}
	p.open.RunID, p.open.LedgerID = runIDs(env, *f.runID, out, p.open, p.sel)
	if !p.open.Resume && *f.force {
		return p, clearRun(out) // last: a refused nightly leaves the old run alone
	}
	return p, nil
}

// closeNightly closes the session, says which fixtures it cleaned, and
// returns runErr or, when the run went well, the error of closing.
func closeNightly(env *Env, s *session.Session, runErr error) error {
	rep, err := s.Close(env.Ctx)
	if rep != nil {
		fmt.Fprint(env.Stderr, "fixtures "+rep.String()) // a header, then one aligned line per table
	}
	if runErr == nil {
		runErr = err
	}
	return runErr
}

// resumedRunID keeps the run id of the run being resumed (else id).
func resumedRunID(dir, id string) string {
	info, err := reports.ReadRunInfo(dir)
	if err != nil || info == nil || info.RunID == "" {
		return id
	}
	return info.RunID
}

func openSimLog(path string) (*os.File, func(), error) {
	if path == "" {
		return nil, func() {}, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, errs.E("nightly", errs.Input, "--sim-log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, errs.E("nightly", errs.Input, "--sim-log: %w", err)
	}
	return f, func() { f.Close() }, nil
}
