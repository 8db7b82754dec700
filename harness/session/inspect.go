package session

import (
	"context"
	"time"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/spec"
	"github.com/gt3ct/gt3ct/harness/written"
)

// Inspector finds the rows each writing call wrote in the core (package
// written) and applies the GT3 data specification to them (package spec).
// The runner uses it through Before; the proxy, which reads nothing before
// forwarding, through After.
type Inspector struct {
	q    check.Querier
	spec *spec.Checker
}

// NewInspector watches writes in the core q with the specification c.
func NewInspector(q check.Querier, c *spec.Checker) Inspector { return Inspector{q: q, spec: c} }

// Before reads the case's rows before a writing step; a read that fails is
// a failed spec check of the step, never a silent pass.
func (in Inspector) Before(ctx context.Context, vars map[string]string) runner.AfterWrite {
	snap, err := written.Take(ctx, in.q, vars)
	return in.after(snap, err)
}

// After is the AfterWrite of a call the core was not read before (see
// written.After): since is when the call started.
func (in Inspector) After(since time.Time) runner.AfterWrite {
	return in.after(written.After(in.q, since), nil)
}

// after reads the rows the call wrote against snap and checks them.
func (in Inspector) after(snap *written.Snapshot, err error) runner.AfterWrite {
	return func(ctx context.Context, vars map[string]string, request string) (result.Written, []result.Check, error) {
		if err != nil {
			return nil, []result.Check{unread(err)}, err
		}
		w, err := snap.Written(ctx, vars)
		if err != nil {
			return nil, []result.Check{unread(err)}, err
		}
		return w, in.spec.Check(ctx, w, request), nil
	}
}

func unread(err error) result.Check {
	return result.Check{Kind: result.KindSpec, Name: "written rows", Status: result.Fail,
		Want: "the rows the call wrote, read from the core", Got: "not read", Detail: err.Error()}
}
