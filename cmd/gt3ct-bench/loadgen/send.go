package loadgen

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/runner"
)

// Options tune Replay.
type Options struct {
	Concurrency int           // workers (default 1)
	Duration    time.Duration // replay round-robin for this long; 0 = each request once
}

// Report is what a replay did.
type Report struct {
	Requests int64         // answers received and checked
	Errors   int64         // transport errors (no answer)
	Failed   int64         // answers with a failing check
	Elapsed  time.Duration // wall time of the replay
}

// PerSecond is the checked answers per second.
func (r Report) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// String is the one-line summary the bench script parses.
func (r Report) String() string {
	return fmt.Sprintf("requests: %d, errors: %d, failed checks: %d, elapsed: %.3f s, requests/s: %.1f",
		r.Requests, r.Errors, r.Failed, r.Elapsed.Seconds(), r.PerSecond())
}

// Prepared is a recorded request with the head it carries, parsed once.
type Prepared struct {
	Wire []byte
	Head envelope.Head
}

// Prepare parses the head of each request, so that answers can be checked
// against it as the runner does.
func Prepare(wires [][]byte) ([]Prepared, error) {
	out := make([]Prepared, len(wires))
	for i, w := range wires {
		m, err := envelope.Parse(w)
		if err != nil {
			return nil, fmt.Errorf("bench: request %d: %w", i+1, err)
		}
		out[i] = Prepared{Wire: w, Head: m.Head}
	}
	return out, nil
}

// answerXPath is the XPath assertion run on every answer body.
var answerXPath = []catalog.XPathAssert{{Path: "/taxML", Exists: true}}

// CheckAnswer is the per-answer work of the runner without a database:
// parse, classify, envelope checks and an XPath assertion. It reports
// whether every check passed.
func CheckAnswer(p Prepared, answer []byte) bool {
	msg, err := envelope.Parse(answer)
	if err != nil || msg.Class != result.ClassSuccess {
		return false
	}
	checks := check.RunEnvelope(p.Head, msg, result.ClassSuccess)
	checks = append(checks, check.RunXPath(msg.Body, answerXPath, nil)...)
	for _, c := range checks {
		if c.Status != result.Pass {
			return false
		}
	}
	return true
}

// Replay sends the prepared requests through s with o.Concurrency workers and
// checks every answer with CheckAnswer.
func Replay(ctx context.Context, s runner.Sender, reqs []Prepared, o Options) Report {
	var rep Report
	var next atomic.Int64
	deadline := time.Time{}
	if o.Duration > 0 {
		deadline = time.Now().Add(o.Duration)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < max(1, o.Concurrency); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if deadline.IsZero() && i >= int64(len(reqs)) || !deadline.IsZero() && time.Now().After(deadline) {
					return
				}
				one(ctx, s, reqs[i%int64(len(reqs))], &rep)
			}
		}()
	}
	wg.Wait()
	rep.Elapsed = time.Since(start)
	return rep
}

func one(ctx context.Context, s runner.Sender, p Prepared, rep *Report) {
	ans, err := s.Send(ctx, p.Wire, false)
	if err != nil {
		atomic.AddInt64(&rep.Errors, 1)
		return
	}
	atomic.AddInt64(&rep.Requests, 1)
	if !CheckAnswer(p, ans.Body) {
		atomic.AddInt64(&rep.Failed, 1)
	}
}
