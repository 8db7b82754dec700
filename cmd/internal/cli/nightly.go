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
	f.out = fs.String("out", "out/nightly", "run `DIR`")
	f.baseline = fs.String("baseline", "", "compare with this earlier run `DIR`")
	f.resume = fs.String("resume", "", "continue the killed run in this `DIR`")
	f.faults = fs.String("faults", "", "faults of the embedded simulator (env sim only): comma `LIST`")
	f.simLog = fs.String("sim-log", "", "request log of the embedded simulator (JSON lines) `FILE`")
	f.parallel = fs.Int("parallel", 4*runtime.NumCPU(), "workers")
	f.rate = fs.Float64("rate", 0, "ceiling in requests per second (default: the environment's rate; 0 = none)")
	f.timeout = fs.Duration("timeout", time.Minute, "per-case timeout")
	f.latency = fs.Duration("sim-latency", 0, "delay per answer of the embedded simulator (demos, tests)")
	f.seed = fs.Int64("seed", 0, "fixture seed (default: from the clock)")
	f.repeat = fs.Int("repeat", 1, "run every case N times as distinct cases (bench: memory over a 10× catalog)")
	return Run(c, func([]string) error { return nightly(env, f, ownArgs(env, c)) })
}

func nightly(env *Env, f nightlyFlags, args []string) error {
	start := time.Now()
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

// nightlyRun runs the nightly, cleans its fixtures and writes its reports
// (partial when interrupted), timing the whole command from start.
func nightlyRun(env *Env, f nightlyFlags, out string, args []string, start time.Time) (*reports.Summary, error) {
	shard, err := sweep.ParseShard(*f.shard)
	if err != nil {
		return nil, err
	}
	cat, e, err := CatalogEnv(env, *f.contracts, f.env)
	if err != nil {
		return nil, err
	}
	mask, err := f.env.Mask(e)
	if err != nil {
		return nil, err
	}
	resume := *f.resume != ""
	simLog, closeLog, err := openSimLog(*f.simLog)
	if err != nil {
		return nil, err
	}
	defer closeLog()
	s, err := session.Open(env.Ctx, session.Options{Env: e, Catalog: cat, Faults: *f.faults, SimLog: simLog,
		SimLatency: *f.latency, Seed: *f.seed, RunID: resumedRunID(out, resume), Resume: resume})
	if err != nil {
		return nil, err
	}
	st, runErr := s.Nightly(env.Ctx, session.NightlyOptions{
		Selection: sweep.Selection{Module: *f.module, Services: *f.services, Shard: shard, Repeat: *f.repeat},
		Parallel:  *f.parallel, Rate: *f.rate, Timeout: *f.timeout, Out: out, Baseline: *f.baseline,
		Resume: resume, Args: args, Progress: env.Stderr, TTY: env.StderrTTY, Mask: mask,
	})
	if err := closeNightly(env, s, runErr); err != nil {
		return nil, err
	}
	interrupted := env.Ctx.Err() != nil
	if interrupted {
		fmt.Fprintf(env.Stderr, "gt3ct: nightly: interrupted after %d of %d cases; continue with --resume %s\n", st.Done.Load(), st.Total.Load(), out)
	}
	return reports.Finish(out, reports.Options{Baseline: *f.baseline, Partial: interrupted, Wall: time.Since(start), Now: time.Now})
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

// resumedRunID keeps the run id of the run being resumed.
func resumedRunID(dir string, resume bool) string {
	if !resume {
		return ""
	}
	info, err := reports.ReadRunInfo(dir)
	if err != nil || info == nil {
		return ""
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
