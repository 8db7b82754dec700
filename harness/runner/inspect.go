package runner

import (
	"context"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
)

// Inspector watches the writing steps of a case (harness/written with the
// data specification, wired by the session): Before reads the core before
// a writing step is sent and returns the function that reads it again once
// the answer is in.
type Inspector interface {
	Before(ctx context.Context, vars map[string]string) AfterWrite
}

// AfterWrite reads the core after a writing step (vars now hold the values
// saved from the answer) and returns the rows the step wrote and the checks
// on them; request is the message sent.
type AfterWrite func(ctx context.Context, vars map[string]string, request string) (result.Written, []result.Check)

// beforeWrite starts watching a step when its service writes and an
// Inspector is configured; nil otherwise.
func (r *Runner) beforeWrite(ctx context.Context, svc *catalog.Service, vars map[string]string) AfterWrite {
	if r.Target.Inspect == nil || svc == nil || !svc.Writes {
		return nil
	}
	return r.Target.Inspect.Before(ctx, vars)
}

// afterWrite records what a watched step wrote, and the checks on it, in
// the step's outcome.
func afterWrite(ctx context.Context, after AfterWrite, vars map[string]string, out *stepOutcome) {
	if after == nil {
		return
	}
	w, checks := after(ctx, mergeSaved(vars, out.saved), out.request)
	out.written = w
	out.rec.Written = w
	out.checks = append(out.checks, checks...)
}
