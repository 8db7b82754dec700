package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"

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
	cli.Program = "gt3ct-bench"
	cli.Group("bench", "benchmark helpers of scripts/bench.sh: record, send, profile, proxy, answer, parse, exec")
	cli.Register("bench", benchRecordCmd)
	cli.Register("bench", benchSendCmd)
	cli.Register("bench", benchProfileCmd)
	cli.Register("bench", benchProxyCmd)
	cli.Register("bench", benchAnswerCmd)
	cli.Register("bench", benchParseCmd)
	cli.Register("bench", benchExecCmd)
}

// recordFlags are the flags of bench record.
type recordFlags struct {
	env                              *cli.EnvFlags
	contracts, dir, module, services *string
	max                              *int
}

func benchRecordCmd(env *cli.Env) *cobra.Command {
	c := cli.Command("record", "record replayable requests of a nightly as vegeta targets and a Postman collection", cli.Exact(0))
	fs := c.Flags()
	f := recordFlags{env: cli.AddEnvFlags(fs), contracts: cli.ContractsFlag(fs)}
	f.dir = fs.String("dir", "", "folder `DIR` for req-NNNN.xml, targets.txt and collection.json")
	f.max = fs.Int("max", 200, "record at most this many requests")
	f.module = fs.String("module", "", "only this `MODULE`")
	f.services = fs.String("services", "", "only services matching these `GLOBS`")
	return cli.Run(c, func([]string) error { return benchRecord(env, f) })
}

func benchRecord(env *cli.Env, f recordFlags) error {
	ef, contracts, dir, maxN, module, services := f.env, f.contracts, f.dir, f.max, f.module, f.services
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
	s, err := session.Open(env.Ctx, session.Options{Env: e, Catalog: cat, KeepFixtures: true, Redactor: env.Redactor})
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
		return 0, "", errs.E("bench record", errs.Internal, "%v", errs.First(err, runErr))
	}
	return n, endpoint, nil
}

// sendFlags are the flags of bench send.
type sendFlags struct {
	endpoint, dir *string
	conc          *int
	dur           *time.Duration
	once          *bool
}

func benchSendCmd(env *cli.Env) *cobra.Command {
	c := cli.Command("send", "replay recorded requests with send+parse+classify+XPath, print requests/s", cli.Exact(0))
	fs := c.Flags()
	var f sendFlags
	f.endpoint = fs.String("endpoint", "", "bus endpoint `URL`")
	f.dir = fs.String("targets", "", "folder `DIR` written by bench record")
	f.conc = fs.Int("concurrency", 8, "workers")
	f.dur = fs.Duration("duration", 5*time.Second, "replay round-robin for this long")
	f.once = fs.Bool("once", false, "send each recorded request exactly once instead")
	return cli.Run(c, func([]string) error { return benchSend(env, f) })
}

func benchSend(env *cli.Env, f sendFlags) error {
	endpoint, dir, conc, dur, once := f.endpoint, f.dir, f.conc, f.dur, f.once
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

func benchProfileCmd(env *cli.Env) *cobra.Command {
	c := cli.Command("profile -- COMMAND [ARGS...]", "run a gt3ct command under the CPU and heap profilers", cli.Any)
	cpu := c.Flags().String("cpu", "cpu.prof", "CPU profile `FILE`")
	mem := c.Flags().String("mem", "", "heap profile `FILE` written at the end")
	return cli.Run(c, func(args []string) error {
		dash := c.ArgsLenAtDash()
		if dash != 0 || len(args) == 0 {
			return errs.E("bench profile", errs.Input, "want -- COMMAND [ARGS...] after the flags (see --help)")
		}
		return benchProfile(env, *cpu, *mem, args)
	})
}

func benchProfile(env *cli.Env, cpu, mem string, rest []string) error {
	f, err := os.Create(cpu)
	if err != nil {
		return errs.E("bench profile", errs.Input, "%v", err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return errs.E("bench profile", errs.Internal, "%v", err)
	}
	runErr := cli.Dispatch(env, rest)
	pprof.StopCPUProfile()
	if mem != "" {
		if err := writeHeap(mem); err != nil {
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
