package sweep

import (
	"context"
	"fmt"
	"io"
	"iter"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/transport"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// CaseRunner runs one case (runner.Runner satisfies it).
type CaseRunner interface {
	Run(ctx context.Context, svc *catalog.Service, c catalog.Case, data map[string]string) result.Result
}

// Binder hands out the fixture data a job is bound to: a fresh seeded
// taxpayer for contract cases, a shared one for smoke cases.
type Binder interface {
	Bind(j Job) (map[string]string, error)
}

// Engine runs jobs under a rate ceiling, at most Parallel of them talking
// to the core at once, and streams results to a journal.
type Engine struct {
	Runner CaseRunner
	Binder Binder
	// Parallel is how many cases talk to the core at once (transport.Turns);
	// as many more are prepared meanwhile (fixtures bound, rows read before
	// a write, requests built) or recorded.
	Parallel int
	Limiter  *Limiter
	Timeout  time.Duration // per case
	Results  *Journal
	Inflight *Journal // write cases are recorded here before they are sent
	Progress Progress
	RunID    string
	Now      func() time.Time
	// Mask, when set, masks each result's PII before it is written.
	Mask func(result.Result) result.Result
	// Finished, when set, is called with a sent case's fixture data once its
	// run is over: no step of it uses its taxpayer any more.
	Finished func(j Job, data map[string]string)
	// Drained, when set, is called once every job has gone to a worker (the
	// last ones still running), unless the run was stopped.
	Drained func()

	turns *transport.Turns
}

// Stats counts outcomes as they stream.
type Stats struct{ Total, Done, Pass, Fail, Error, Skip atomic.Int64 }

// Run executes jobs, skipping the keys in done and recording lost writes
// without sending them again. It returns when all jobs ran or ctx ended.
func (e *Engine) Run(ctx context.Context, jobs []Job, done map[string]result.Result, lost map[string]Inflight) (*Stats, error) {
	return e.RunSeq(ctx, len(jobs), slices.Values(jobs), done, lost)
}

// RunSeq is Run over the n jobs a sequence hands out (Jobs.All).
func (e *Engine) RunSeq(ctx context.Context, n int, jobs iter.Seq[Job], done map[string]result.Result, lost map[string]Inflight) (*Stats, error) {
	st := &Stats{}
	st.Total.Store(int64(n))
	work := make(chan Job)
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	e.turns = transport.NewTurns(e.Parallel)
	for w := 0; w < 2*max(1, e.Parallel); w++ { // one talking, one preparing or recording per turn
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if err := e.one(ctx, j, st, lost); err != nil {
					errOnce.Do(func() { firstErr = err })
				}
			}
		}()
	}
	for j := range jobs {
		if _, ok := done[j.Key()]; ok {
			st.Done.Add(1)
			continue
		}
		select {
		case work <- j:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(work)
	if e.Drained != nil && ctx.Err() == nil {
		e.Drained()
	}
	wg.Wait()
	return st, firstErr
}

// one runs a job and appends its result; only a journal failure is an error.
func (e *Engine) one(ctx context.Context, j Job, st *Stats, lost map[string]Inflight) error {
	if ctx.Err() != nil {
		return nil
	}
	var r result.Result
	if j.Skip != "" || j.Error != "" {
		r = e.unsent(j)
	} else if in, ok := lost[j.Key()]; ok {
		r = e.lostWrite(j, in)
	} else {
		if err := e.Limiter.Wait(ctx); err != nil {
			return nil
		}
		r = e.execute(ctx, j)
		if ctx.Err() != nil && r.Status != result.Pass {
			return nil // interrupted: leave the case for --resume
		}
	}
	if err := e.Results.Append(e.masked(r)); err != nil {
		return err
	}
	st.count(r)
	e.Progress.Update(st, r)
	return nil
}

// masked is r as written: masked when the engine masks.
func (e *Engine) masked(r result.Result) result.Result {
	if e.Mask == nil {
		return r
	}
	return e.Mask(r)
}

func (e *Engine) execute(ctx context.Context, j Job) result.Result {
	data, err := e.Binder.Bind(j)
	if err != nil {
		r := e.base(j)
		r.Error = "fixtures: " + err.Error()
		if errs.Is(err, errs.Transient) { // the database dropped: not the case's fault
			r.Class = result.ClassTransport
		}
		r.Settle()
		return r
	}
	if j.Writer != nil && e.Inflight != nil {
		if err := e.Inflight.Append(Inflight{Key: j.Key(), Service: j.Writer.Code}); err != nil {
			r := e.base(j)
			r.Error = err.Error()
			r.Settle()
			return r
		}
	}
	cctx := ctx
	if e.Timeout > 0 {
		var cancel context.CancelFunc
		cctx, cancel = context.WithTimeout(ctx, e.Timeout)
		defer cancel()
	}
	turn := e.turns.Case()
	defer turn.Release()
	r := e.Runner.Run(transport.WithTurn(cctx, turn), j.Service, j.Case, data)
	if e.Finished != nil {
		e.Finished(j, data)
	}
	return r
}

// unsent records a job that is not sent: skipped (readonly environment) or
// an error known before sending (its contract did not load).
func (e *Engine) unsent(j Job) result.Result {
	r := e.base(j)
	if j.Error != "" {
		r.Status, r.Error = result.Error, j.Error
		return r
	}
	r.Status, r.Error = result.Skip, j.Skip
	return r
}

// lostWrite records a write case that a killed run sent without recording
// its outcome: it is reported, not re-sent blindly.
func (e *Engine) lostWrite(j Job, in Inflight) result.Result {
	r := e.base(j)
	r.Status = result.Error
	r.Class = result.ClassTransport
	code := in.Service
	if code == "" {
		code = j.Service.Code
	}
	r.Error = fmt.Sprintf("not re-sent: %s writes and the killed run sent it without recording the answer; check the core for its rows before running it again", code)
	return r
}

func (e *Engine) base(j Job) result.Result {
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	return result.Result{RunID: e.RunID, Service: j.Service.Code, TranID: j.Service.TranID, Case: j.Case.Name,
		Module: j.Service.Module, Name: j.Service.Name, Level: j.Service.Level, Writes: j.Service.Writes, StartedAt: now(),
		Checks: []result.Check{}}
}

func (s *Stats) count(r result.Result) {
	s.Done.Add(1)
	switch r.Status {
	case result.Pass:
		s.Pass.Add(1)
	case result.Fail:
		s.Fail.Add(1)
	case result.Skip:
		s.Skip.Add(1)
	default:
		s.Error.Add(1)
	}
}

// Progress reports progress: a bar on a terminal, plain lines in CI.
type Progress interface {
	Update(st *Stats, r result.Result)
	Finish(st *Stats)
}

// NewProgress returns a progress reporter writing to w; tty selects the
// redrawn bar, otherwise a plain line every 10% and one per failure.
func NewProgress(w io.Writer, tty bool) Progress {
	if w == nil {
		return quiet{}
	}
	return &lines{w: w, tty: tty}
}

type quiet struct{}

// Update does nothing.
func (quiet) Update(*Stats, result.Result) {}

// Finish does nothing.
func (quiet) Finish(*Stats) {}

type lines struct {
	mu   sync.Mutex
	w    io.Writer
	tty  bool
	last int64
}

// Update redraws the bar on a terminal; otherwise it prints each failure
// and a progress line every 10%.
func (p *lines) Update(st *Stats, r result.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	done, total := st.Done.Load(), st.Total.Load()
	if p.tty {
		fmt.Fprintf(p.w, "\r[%-30s] %d/%d  pass %d  fail %d  error %d ", bar(done, total), done, total, st.Pass.Load(), st.Fail.Load(), st.Error.Load())
		return
	}
	if r.Status == result.Fail || r.Status == result.Error {
		fmt.Fprintf(p.w, "%s %s/%s: %s\n", r.Status, r.Service, r.Case, firstProblem(r))
	}
	if step := max(total/10, 1); done/step != p.last/step || done == total {
		fmt.Fprintf(p.w, "progress: %d/%d (pass %d, fail %d, error %d)\n", done, total, st.Pass.Load(), st.Fail.Load(), st.Error.Load())
	}
	p.last = done
}

// Finish ends the redrawn bar's line on a terminal.
func (p *lines) Finish(st *Stats) {
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

func bar(done, total int64) string {
	if total == 0 {
		return ""
	}
	n := int(done * 30 / total)
	b := make([]byte, n)
	for i := range b {
		b[i] = '='
	}
	return string(b)
}

func firstProblem(r result.Result) string {
	if r.Error != "" {
		return r.Error
	}
	for _, c := range r.Checks {
		if c.Status == result.Fail {
			if c.Detail != "" {
				return c.Name + ": " + c.Detail
			}
			return fmt.Sprintf("%s: want %s, got %s", c.Name, c.Want, c.Got)
		}
	}
	return ""
}
