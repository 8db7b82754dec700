package cli

import (
	"sync"
	"time"

	"github.com/gt3ct/gt3ct/reports"
)

// following reads a nightly's results.jsonl while it runs (reports.Follower)
// when the run has at most sideBySide cases: the reports at its end then
// decode only the last results, not all of them after the last answer (a
// 64-worker nightly of 100 ms answers spent 20–30 ms there). Larger runs
// keep their results out of memory until the reports.
type following struct {
	out  string
	fo   *reports.Follower
	done chan struct{}
	wg   sync.WaitGroup
}

// followEvery is how often a followed results.jsonl is read.
const followEvery = 100 * time.Millisecond

func newFollowing(out string) *following { return &following{out: out, done: make(chan struct{})} }

// start follows the run's results.jsonl from now on (session.NightlyOptions.Started).
func (f *following) start(cases int) {
	if cases > sideBySide {
		return
	}
	f.fo = reports.Follow(f.out)
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		t := time.NewTicker(followEvery)
		defer t.Stop()
		for {
			select {
			case <-f.done:
				return
			case <-t.C:
				f.fo.Poll()
			}
		}
	}()
}

// stop ends the polling and returns the Follower for reports.Finish (nil
// when the run was not followed).
func (f *following) stop() *reports.Follower {
	close(f.done)
	f.wg.Wait()
	return f.fo
}
