package session

import (
	"context"
	"sync"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
)

// stopGate lets a sweep stop sending when its command is interrupted while
// the cases already sent finish: once stop is closed no case starts, and
// the run's context ends when no started case is left or grace has passed.
type stopGate struct {
	stop   <-chan struct{}
	run    context.Context
	mu     sync.Mutex
	active int
	idle   chan struct{} // closed when stopped and no case is active
	closed bool
}

// newStopGate returns the gate and the context the sweep runs under: it
// outlives ctx by up to grace, for the answers in flight.
func newStopGate(ctx context.Context, grace time.Duration) (*stopGate, context.Context, context.CancelFunc) {
	run, cancel := context.WithCancel(context.WithoutCancel(ctx))
	g := &stopGate{stop: ctx.Done(), run: run, idle: make(chan struct{})}
	go func() {
		select {
		case <-ctx.Done():
		case <-run.Done():
			return
		}
		g.mu.Lock()
		g.settle()
		g.mu.Unlock()
		timer := time.NewTimer(grace)
		defer timer.Stop()
		select {
		case <-g.idle:
		case <-timer.C:
		case <-run.Done():
		}
		cancel()
	}()
	return g, run, cancel
}

// enter admits a case unless the sweep was stopped; a refused case waits
// for the run's end (the engine then leaves it for --resume).
func (g *stopGate) enter() bool {
	g.mu.Lock()
	select {
	case <-g.stop:
		g.mu.Unlock()
		<-g.run.Done()
		return false
	default:
	}
	g.active++
	g.mu.Unlock()
	return true
}

// leave ends an admitted case.
func (g *stopGate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.active--
	select {
	case <-g.stop:
		g.settle()
	default:
	}
}

// settle closes idle, once, when no case is active (g.mu held).
func (g *stopGate) settle() {
	if g.active == 0 && !g.closed {
		g.closed = true
		close(g.idle)
	}
}

// gatedBinder admits a case before binding its fixtures (so nothing is
// journalled in flight for a case that is not sent).
type gatedBinder struct {
	sweep.Binder
	g *stopGate
}

// Bind binds j when the gate admits it.
func (b gatedBinder) Bind(j sweep.Job) (map[string]string, error) {
	if !b.g.enter() {
		return nil, context.Canceled
	}
	data, err := b.Binder.Bind(j)
	if err != nil {
		b.g.leave()
	}
	return data, err
}

// gatedRunner ends an admitted case when its run returns.
type gatedRunner struct {
	sweep.CaseRunner
	g *stopGate
}

// Run runs the case and lets the gate know it ended.
func (r gatedRunner) Run(ctx context.Context, svc *catalog.Service, c catalog.Case, data map[string]string) result.Result {
	defer r.g.leave()
	return r.CaseRunner.Run(ctx, svc, c, data)
}
