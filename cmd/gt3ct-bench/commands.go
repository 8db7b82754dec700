package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/gt3ct/gt3ct/cmd/gt3ct-bench/loadgen"
	"github.com/gt3ct/gt3ct/cmd/internal/cli"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/harness/transport"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// The bench commands are helpers of scripts/bench.sh (make bench).
func register() {
	cli.Register(cli.Command{Name: "bench record", Summary: "(bench helper) record replayable requests of a nightly as vegeta targets and a Postman collection", Run: runBenchRecord})
	cli.Register(cli.Command{Name: "bench send", Summary: "(bench helper) replay recorded requests with send+parse+classify+XPath, print requests/s", Run: runBenchSend})
	cli.Register(cli.Command{Name: "bench profile", Summary: "(bench helper) run a gt3ct command under the CPU and heap profilers", Run: runBenchProfile})
}

func runBenchRecord(env *cli.Env, args []string) error {
	fs := cli.NewFlags(env, "bench record", "bench record --dir DIR [--max N] [--module M] [--services GLOB] [--endpoint URL --db DSN]")
	ef, contracts := cli.AddEnvFlags(fs), cli.ContractsFlag(fs)
	dir := fs.String("dir", "", "folder for req-NNNN.xml, targets.txt and collection.json")
	maxN := fs.Int("max", 200, "record at most this many requests")
	module := fs.String("module", "", "only this module")
	services := fs.String("services", "", "only services matching these globs")
	if err := cli.ParseExact(fs, args, 0); err != nil {
		return cli.HelpOK(err)
	}
	if *dir == "" {
		return errs.E("bench record", errs.Input, "--dir is required")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return errs.E("bench record", errs.Input, "create %s: %w", *dir, err)
	}
	cat, e, err := cli.CatalogEnv(env, *contracts, ef)
	if err != nil {
		return err
	}
	n, endpoint, err := recordNightly(env, cat, e, *dir, *maxN, sweep.Selection{Module: *module, Services: *services})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "recorded %d requests in %s\n", n, *dir)
	return loadgen.WriteTargets(*dir, endpoint)
}

// recordNightly runs the selected cases as a nightly whose sender records
// up to maxN requests in dir; it returns how many it recorded and the bus
// endpoint they were sent to.
func recordNightly(env *cli.Env, cat *catalog.Catalog, e config.Environment, dir string, maxN int, sel sweep.Selection) (int, string, error) {
	s, err := session.Open(env.Ctx, session.Options{Env: e, Catalog: cat, KeepFixtures: true})
	if err != nil {
		return 0, "", err
	}
	rec := &loadgen.Recorder{Inner: s.Runner.Target.Sender, Dir: dir, Max: maxN}
	s.Runner.Target.Sender = rec
	_, runErr := s.Nightly(env.Ctx, session.NightlyOptions{
		Selection: sel, Parallel: 4, Out: filepath.Join(dir, "run"), Mask: true,
	})
	endpoint := s.Target.Endpoint
	if _, err := s.Close(env.Ctx); runErr == nil {
		runErr = err
	}
	n, err := rec.Count()
	if err != nil || runErr != nil {
		return 0, "", errs.E("bench record", errs.Internal, "%v", benchFirstErr(err, runErr))
	}
	return n, endpoint, nil
}

func runBenchSend(env *cli.Env, args []string) error {
	fs := cli.NewFlags(env, "bench send", "bench send --endpoint URL --targets DIR [--concurrency N] [--duration D | --once]")
	endpoint := fs.String("endpoint", "", "bus endpoint URL")
	dir := fs.String("targets", "", "folder written by `bench record`")
	conc := fs.Int("concurrency", 8, "workers")
	dur := fs.Duration("duration", 5*time.Second, "replay round-robin for this long")
	once := fs.Bool("once", false, "send each recorded request exactly once instead")
	if err := cli.ParseExact(fs, args, 0); err != nil {
		return cli.HelpOK(err)
	}
	wires, err := loadgen.Load(*dir)
	if err != nil {
		return errs.E("bench send", errs.Input, "%v", err)
	}
	reqs, err := loadgen.Prepare(wires)
	if err != nil {
		return errs.E("bench send", errs.Input, "%v", err)
	}
	client, err := transport.New(transport.Options{Endpoint: *endpoint})
	if err != nil {
		return err
	}
	o := loadgen.Options{Concurrency: *conc, Duration: *dur}
	if *once {
		o.Duration = 0
	}
	rep := loadgen.Replay(env.Ctx, client, reqs, o)
	fmt.Fprintln(env.Stdout, rep)
	if rep.Errors+rep.Failed > 0 {
		return errs.E("bench send", errs.Finding, "%d errors, %d failed answers", rep.Errors, rep.Failed)
	}
	return nil
}

func runBenchProfile(env *cli.Env, args []string) error {
	fs := cli.NewFlags(env, "bench profile", "bench profile [--cpu FILE] [--mem FILE] -- COMMAND ARGS…")
	cpu := fs.String("cpu", "cpu.prof", "CPU profile file")
	mem := fs.String("mem", "", "heap profile file written at the end")
	own, rest := splitDashDash(args)
	if err := cli.ParseExact(fs, own, 0); err != nil {
		return cli.HelpOK(err)
	}
	if len(rest) == 0 {
		return errs.E("bench profile", errs.Input, "no command after --")
	}
	f, err := os.Create(*cpu)
	if err != nil {
		return errs.E("bench profile", errs.Input, "%v", err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return errs.E("bench profile", errs.Internal, "%v", err)
	}
	runErr := cli.Dispatch(env, rest)
	pprof.StopCPUProfile()
	if *mem != "" {
		if err := writeHeap(*mem); err != nil {
			return err
		}
	}
	return runErr
}

func writeHeap(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return errs.E("bench profile", errs.Input, "%v", err)
	}
	defer f.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}

func benchFirstErr(list ...error) error {
	for _, e := range list {
		if e != nil {
			return e
		}
	}
	return nil
}

// splitDashDash splits args at the first "--": the command's own flags, and
// the command line it wraps.
func splitDashDash(args []string) (own, rest []string) {
	for i, a := range args {
		if a == "--" {
			return args[:i], args[i+1:]
		}
	}
	return args, nil
}
