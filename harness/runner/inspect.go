package runner

import (
	"context"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
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
// on them; request is the message sent. When the rows could not be read,
// the checks say so and err is why.
type AfterWrite func(ctx context.Context, vars map[string]string, request string) (w result.Written, checks []result.Check, err error)

// beforeWrite starts watching a step when its service writes and an
// Inspector is configured; nil otherwise.
func (r *Runner) beforeWrite(ctx context.Context, svc *catalog.Service, vars map[string]string) AfterWrite {
	if r.Target.Inspect == nil || svc == nil || !svc.Writes {
		return nil
	}
	return r.Target.Inspect.Before(ctx, vars)
}

// afterWrite records what a watched step wrote, and the checks on it, in
// the step's outcome. Rows that could not be read because the database
// dropped (a transient error) make the step class transport: the harness's
// side failed, and the verdict must not blame the core for it.
func afterWrite(ctx context.Context, after AfterWrite, vars map[string]string, out *stepOutcome) {
	if after == nil {
		return
	}
	w, checks, err := after(ctx, mergeSaved(vars, out.saved), out.request)
	out.written = w
	out.rec.Written = w
	out.checks = append(out.checks, checks...)
	if err != nil && errs.Is(err, errs.Transient) && out.err == "" {
		out.rec.Class, out.err = result.ClassTransport, err.Error()
	}
}
