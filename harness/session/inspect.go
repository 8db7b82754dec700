package session

import (
	"context"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/spec"
	"github.com/gt3ct/gt3ct/harness/written"
)

// inspector finds the rows each writing step wrote in the core (package
// written) and applies the GT3 data specification to them (package spec).
type inspector struct {
	q    check.Querier
	spec *spec.Checker
}

// Before reads the case's rows before a writing step; a read that fails is
// a failed spec check of the step, never a silent pass.
func (in inspector) Before(ctx context.Context, vars map[string]string) runner.AfterWrite {
	snap, err := written.Take(ctx, in.q, vars)
	return func(ctx context.Context, vars map[string]string, request string) (result.Written, []result.Check) {
		if err != nil {
			return nil, []result.Check{unread(err)}
		}
		w, err := snap.Written(ctx, vars)
		if err != nil {
			return nil, []result.Check{unread(err)}
		}
		return w, in.spec.Check(ctx, w, request)
	}
}

func unread(err error) result.Check {
	return result.Check{Kind: result.KindSpec, Name: "written rows", Status: result.Fail,
		Want: "the rows the call wrote, read from the core", Got: "not read", Detail: err.Error()}
}
