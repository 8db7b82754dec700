package session

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"os"
	"path/filepath"
	"time"

	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// NightlyOptions tune a sweep.
type NightlyOptions struct {
	Selection sweep.Selection
	Parallel  int
	Rate      float64 // requests per second; 0 = the environment's ceiling
	Timeout   time.Duration
	Out       string // run directory
	Baseline  string // run directory of the last run to compare with
	Resume    bool   // continue the killed run in Out
	Args      []string
	Progress  io.Writer
	TTY       bool
	Mask      bool // mask PII in everything written (default on)
	// Grace is how long the cases already sent may take to finish once ctx
	// ends (SIGINT): nothing new is sent meanwhile. 0: ctx ends them at once.
	Grace time.Duration
	// Started, when set, is called with the number of cases once the run
	// directory is ready (a resumed run's torn last line trimmed), before
	// the first case: results.jsonl may be read from then on.
	Started func(cases int)
}

// Nightly runs every case of the selected services and writes the run
// directory: results.jsonl streamed as cases finish and run.json; the
// caller builds the reports from them. Fixtures are cleaned by Close, also
// after an interrupt.
func (s *Session) Nightly(ctx context.Context, o NightlyOptions) (*sweep.Stats, error) {
	s.Target.Client.Predial(o.Parallel) // the first round's connections, dialled while the run is planned
	s.Ledger.Slim()                     // Close cleans by the database's ledger: entries are not kept in memory
	done, lost, err := s.prepareDir(o)
	if err != nil {
		return nil, err
	}
	plan := sweep.PlanJobs(s.Catalog, o.Selection, SharedProfile)
	sweep.LongestFirst(plan.Once)
	sweep.ReadyFirst(plan.Once, o.Parallel)
	if s.Env.Readonly {
		sweep.SkipWrites(s.Catalog, plan.Once, "environment "+s.Env.Name+" is readonly: writing services are not sent")
		s.auditSkips(plan.All())
	}
	if o.Started != nil {
		o.Started(plan.Len())
	}
	// seeding outlives the first SIGINT (a case in flight may still take its
	// taxpayer during the grace) and stops once the sweep is over.
	seedCtx, stopSeeding := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSeeding()
	pool, err := s.StartFixtures(seedCtx, sweep.ProfileSequence(pending(plan.All(), done)))
	if err != nil {
		return nil, err
	}
	seeded := func() error {
		stopSeeding()
		if err := pool.Wait(); err != nil && !errors.Is(err, context.Canceled) {
			return err // stopped by a failure, not by the end of the sweep
		}
		return nil
	}
	eng, closeJournals, err := s.engine(o, pool)
	if err != nil {
		return nil, errs.First(err, seeded())
	}
	s.ahead = &ahead{s: s}
	eng.Finished, eng.Drained = s.ahead.hooks()
	if o.Grace > 0 {
		g, run, cancel := newStopGate(ctx, o.Grace)
		defer cancel()
		eng.Binder, eng.Runner, ctx = gatedBinder{eng.Binder, g}, gatedRunner{eng.Runner, g}, run
	}
	st, runErr := eng.RunSeq(ctx, plan.Len(), plan.All(), done, lost)
	eng.Progress.Finish(st)
	return st, errs.First(runErr, seeded(), closeJournals())
}

// prepareDir creates the run directory, or reads what a killed run recorded
// when resuming.
func (s *Session) prepareDir(o NightlyOptions) (map[string]result.Result, map[string]sweep.Inflight, error) {
	if o.Resume {
		if _, err := sweep.TrimPartialLine(filepath.Join(o.Out, sweep.ResultsFile)); err != nil && !os.IsNotExist(err) {
			return nil, nil, errs.E("nightly", errs.Input, "resume %s: %w", o.Out, err)
		}
		done, lost, err := sweep.Recorded(o.Out)
		return done, lost, err
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, nil, errs.E("nightly", errs.Input, "create %s: %w", o.Out, err)
	}
	for _, f := range []string{sweep.ResultsFile, sweep.InflightFile} {
		if err := os.Remove(filepath.Join(o.Out, f)); err != nil && !os.IsNotExist(err) {
			return nil, nil, errs.E("nightly", errs.Input, "clear %s: %w", f, err)
		}
	}
	return nil, nil, s.writeRunInfo(o)
}

func (s *Session) writeRunInfo(o NightlyOptions) error {
	args := make([]string, len(o.Args))
	for i, a := range o.Args {
		args[i] = s.Redactor.Redact(a)
	}
	cov := s.Catalog.Coverage()
	info := sweep.RunInfo{RunID: s.RunID, Env: s.Env.Name, Endpoint: sweep.PublicAddress(s.Env.Endpoint),
		DB: sweep.PublicAddress(s.Env.DB), Shard: o.Selection.Shard.String(), State: sweep.StateRunning,
		StartedAt: s.opts.Now(), Args: args, Catalog: &cov, Audit: s.Audit.Path()}
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return errs.E("nightly", errs.Internal, "run.json: %w", err)
	}
	return os.WriteFile(filepath.Join(o.Out, sweep.RunFile), append(b, '\n'), 0o644)
}

// resultsSync is how far apart results.jsonl is synced to disk during a
// nightly: a sync per case held each worker (and its turn) on the disk,
// 0.72 → 0.58 s for the whole catalog on the embedded simulator.
const resultsSync = 100 * time.Millisecond

// engine wires the nightly engine: journals filtered through redaction and
// PII masking, the rate ceiling, progress, and the fixture pool.
func (s *Session) engine(o NightlyOptions, pool *Pool) (*sweep.Engine, func() error, error) {
	results, err := sweep.OpenJournal(o.Out, sweep.ResultsFile)
	if err != nil {
		return nil, nil, err
	}
	inflight, err := sweep.OpenJournal(o.Out, sweep.InflightFile)
	if err != nil {
		results.Close()
		return nil, nil, err
	}
	results.Filter = s.redactFilter()
	inflight.Filter = results.Filter
	// A result is in the file when its case ends (a killed run loses none)
	// and on disk within resultsSync; a crash may lose the last ones, whose
	// cases --resume runs again, or reports as lost when they wrote: a write
	// case's in-flight mark is on disk before it is sent.
	results.SyncEvery = resultsSync
	rate := o.Rate
	if rate == 0 {
		rate = s.Env.Rate
	}
	eng := &sweep.Engine{
		Runner: s.Runner, Binder: poolBinder{pool, s}, Parallel: o.Parallel, Limiter: sweep.NewLimiter(rate),
		Timeout: o.Timeout, Results: results, Inflight: inflight, RunID: s.RunID, Now: s.opts.Now,
		Progress: sweep.NewProgress(o.Progress, o.TTY), Mask: s.resultMask(o.Mask, pool),
	}
	closeAll := func() error {
		err := results.Close()
		if err2 := inflight.Close(); err == nil {
			err = err2
		}
		return err
	}
	return eng, closeAll, nil
}

// redactFilter redacts secrets in each line written to disk.
func (s *Session) redactFilter() func([]byte) []byte {
	red := s.Redactor
	return func(b []byte) []byte { return []byte(red.Redact(string(b))) }
}

// resultMask masks the PII of each result before it is encoded, with one
// keyed masker for the run that knows the pool's taxpayers; nil when
// masking is off.
func (s *Session) resultMask(mask bool, pool *Pool) func(result.Result) result.Result {
	if !mask {
		return nil
	}
	m := safety.NewMasker(nil)
	pool.Learn(m)
	return func(r result.Result) result.Result { return result.Mask(r, m) }
}

// Learn teaches a masker the names of every taxpayer in the pool, so they are
// masked wherever they appear.
func (p *Pool) Learn(m *safety.Masker) {
	p.mu.Lock()
	defer p.mu.Unlock()
	learn := func(f map[string]string) {
		m.Learn(safety.ClassName, f["nsrmc"])
		m.Learn(safety.ClassName, f["fddbrxm"])
		m.Learn(safety.ClassName, f["jkzhmc"])
	}
	learn(p.shared)
	for _, tps := range p.free {
		for _, t := range tps {
			learn(profile.Fields(t))
		}
	}
}

type poolBinder struct {
	p *Pool
	s *Session
}

// Bind binds a fixture case through the session and takes any other case's
// taxpayer from the pool.
func (b poolBinder) Bind(j sweep.Job) (map[string]string, error) {
	if j.Case.Fixture != "" {
		return b.s.bindFixture(j)
	}
	return b.p.Take(j.Profile)
}

// pending is the jobs not done yet.
func pending(jobs iter.Seq[sweep.Job], done map[string]result.Result) iter.Seq[sweep.Job] {
	return func(yield func(sweep.Job) bool) {
		for j := range jobs {
			if _, ok := done[j.Key()]; !ok && !yield(j) {
				return
			}
		}
	}
}

// auditSkips records in the audit trail each writing case a readonly
// environment refused, like every other refusal.
func (s *Session) auditSkips(jobs iter.Seq[sweep.Job]) {
	for j := range jobs {
		if j.Skip == "" {
			continue
		}
		w := sweep.WritingService(s.Catalog, j)
		act := safety.Action{Kind: safety.KindService, Service: w.Code, Op: w.Kind, Writes: true}
		_ = s.Audit.Event(s.Env, act, "refused", "nightly skipped "+j.Key()+": "+j.Skip)
	}
}
