package session

import (
	"context"
	"slices"
	"sync"

	"github.com/gt3ct/gt3ct/fixtures/ident"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/harness/sweep"
)

// ahead cleans the fresh taxpayers of a nightly's finished cases once every
// case has gone to a worker, while the last ones are still out
// (seed.Store.CleanAhead); Close cleans the rest and proves the whole run
// gone. A 64-worker sweep of the catalog with 100 ms answers spent 20 ms
// after its last answer cleaning 157 taxpayers; its last round leaves the
// machine idle for most of 100 ms.
type ahead struct {
	s        *Session
	mu       sync.Mutex
	finished []string // fresh test taxpayers whose case is over
	wg       sync.WaitGroup
}

// hooks returns the engine's Finished and Drained hooks.
func (a *ahead) hooks() (func(sweep.Job, map[string]string), func()) {
	return a.finish, a.start
}

// finish notes the fresh taxpayer of a case that is over (not the shared
// one, nor a named fixture's).
func (a *ahead) finish(j sweep.Job, data map[string]string) {
	djxh := data["djxh"]
	if j.Profile == "" || j.Case.Fixture != "" || !ident.IsTestDJXH(djxh) {
		return
	}
	a.mu.Lock()
	a.finished = append(a.finished, djxh)
	a.mu.Unlock()
}

// start cleans the taxpayers noted so far in the background, when Close is
// to clean the run at all.
func (a *ahead) start() {
	s := a.s
	clean := s.cleansFixtures()
	a.mu.Lock()
	owners := slices.Clone(a.finished)
	a.mu.Unlock()
	if !clean || len(owners) == 0 {
		return
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		// an error leaves the batch's rows and entries in place: Close cleans them
		_ = s.Store.CleanAhead(context.Background(), seed.CleanOptions{RunID: s.Ledger.RunID, Derived: true}, owners)
	}()
}

// wait returns once the background clean is over.
func (a *ahead) wait() {
	if a != nil {
		a.wg.Wait()
	}
}
