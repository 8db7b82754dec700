package session

import (
	"context"
	"fmt"
	"sync"

	"github.com/gt3ct/gt3ct/fixtures/profile"
)

// seeding is the state of the taxpayers a background goroutine seeds while
// the sweep runs, so a case waits for its own taxpayer only, not for all of
// them: on a site where a taxpayer's rows take milliseconds to insert,
// seeding 150 of them first held every worker back.
type seeding struct {
	mu   sync.Mutex
	cond *sync.Cond
	done map[string]bool // DJXH → its rows are in
	err  error           // why seeding stopped; later taxpayers were not seeded
	over bool            // the goroutine returned
}

func newSeeding() *seeding {
	sd := &seeding{done: map[string]bool{}}
	sd.cond = sync.NewCond(&sd.mu)
	return sd
}

// run seeds the taxpayers in order, the first alone (the shared one every
// smoke case waits for), then batch at a time, and stops at the first
// failure (or when ctx ends). It owns order and clears each seeded
// taxpayer from it: at 50 times the catalog the array held 7,850.
func (sd *seeding) run(ctx context.Context, seed func(context.Context, []profile.Taxpayer) error, order []profile.Taxpayer, batch int) {
	var err error
	for n := 1; len(order) > 0; n = batch {
		n = min(n, len(order))
		if err = seed(ctx, order[:n]); err != nil {
			break
		}
		sd.mu.Lock()
		for _, t := range order[:n] {
			sd.done[t.DJXH] = true
		}
		sd.mu.Unlock()
		sd.cond.Broadcast()
		clear(order[:n])
		order = order[n:]
	}
	sd.mu.Lock()
	sd.err, sd.over = err, true
	sd.mu.Unlock()
	sd.cond.Broadcast()
}

// ready waits until the taxpayer's rows are in, or says why they never
// will be.
func (sd *seeding) ready(djxh string) error {
	sd.mu.Lock()
	defer sd.mu.Unlock()
	for !sd.done[djxh] && !sd.over {
		sd.cond.Wait()
	}
	switch {
	case sd.done[djxh]:
		return nil
	case sd.err != nil:
		return fmt.Errorf("taxpayer %s was not seeded: %w", djxh, sd.err)
	}
	return fmt.Errorf("taxpayer %s was not seeded", djxh)
}

// wait waits for the goroutine and returns why it stopped early, if it did.
func (sd *seeding) wait() error {
	sd.mu.Lock()
	defer sd.mu.Unlock()
	for !sd.over {
		sd.cond.Wait()
	}
	return sd.err
}

// seedOrder is the order taxpayers are seeded in: the shared one first
// (smoke cases need it at once), then the taxpayer each case of wants will
// take, in that order (the pool hands a profile's taxpayers out first to
// last).
func seedOrder(shared profile.Taxpayer, free map[string][]profile.Taxpayer, wants []string) []profile.Taxpayer {
	out := []profile.Taxpayer{shared}
	next := map[string]int{}
	for _, w := range wants {
		if i := next[w]; i < len(free[w]) {
			out = append(out, free[w][i])
			next[w]++
		}
	}
	return out
}
