// Package runner runs one case of one service end to end: render the request
// from the contract and the fixture, wrap it in the GT3 envelope, send it,
// classify the answer, then check envelope, XSD, XPath and database rows.
// Every outcome, including a broken contract or a dead endpoint, ends up in
// the one result.Result; a Go error never escapes.
package runner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/transport"
)

// Sender moves an envelope to the bus and back (transport.Client).
type Sender interface {
	Send(ctx context.Context, envelope []byte, writes bool) (*transport.Answer, error)
}

// Target is where cases are sent and whose database they check.
type Target struct {
	Sender    Sender
	DB        check.Querier // nil when no database is configured: DB checks then fail
	ChannelID string
	Expand    []envelope.Pair // identityType, sjry, sjjg
	Builder   envelope.Builder
	Timeout   time.Duration // per message; 0 = no extra deadline
	// BeforeSend is called just before a message leaves (audit trail, the
	// nightly's in-flight journal). An error stops the case before sending.
	BeforeSend func(svc *catalog.Service, tranSeq string) error
	// Adopt records a taxpayer a step created (Step.Adopt) for cleanup.
	Adopt func(ctx context.Context, djxh string) error
	// Answered sees the answer body of every well-formed answer of a
	// service that writes, with the case's variables (djxh) and the values
	// the step saved: the session records the keys in it (SBUUID, PZXH …)
	// so cleanup proves the rows they mark gone. An error fails a check.
	Answered func(ctx context.Context, svc *catalog.Service, vars, saved map[string]string, body string) error
	// DBs are the environment's other databases by name, for db checks
	// that name one (db: etax).
	DBs map[string]check.Querier
	// Inspect finds and checks the rows each writing step wrote; nil for none.
	Inspect Inspector
	// Env is the environment's name, for reasons ("database etax is not
	// configured in env sim").
	Env string
}

// Runner runs cases against a Target.
type Runner struct {
	Target    Target
	Catalog   *catalog.Catalog
	Templates *render.Cache
	Now       func() time.Time
	RunID     string
	// XSD validates documents against a contract's schemas.
	XSD XSDValidator
	// KeepMessages keeps the request and answer text in the Result (for
	// reports and `run`); the nightly keeps them only for failures.
	KeepMessages bool
	// RelaxLiterals skips, with a reason, the XPath assertions that compare
	// with a literal of the contract case's own data (equals without a
	// template, count): a replay of another taxpayer's message is not held
	// to them.
	RelaxLiterals bool
}

// Run executes case c of svc with the bound data (the fixture's fields).
func (r *Runner) Run(ctx context.Context, svc *catalog.Service, c catalog.Case, data map[string]string) result.Result {
	return r.RunWith(ctx, svc, c, data, nil)
}

// RunWith is Run with --set overrides. Precedence, lowest first: fixture
// data, case vars, step vars, values saved from earlier answers, sets.
func (r *Runner) RunWith(ctx context.Context, svc *catalog.Service, c catalog.Case, data, sets map[string]string) result.Result {
	res := r.newResult(svc, c.Name)
	if svc.LoadErr != nil { // never a fallback to the smoke case
		res.Error = BrokenReason(svc)
		res.Settle()
		return res
	}
	vars, err := r.bindVars(c.Vars, data, sets)
	if err != nil {
		res.Error = err.Error()
		res.Settle()
		return res
	}
	start := time.Now()
	judged := r.runSteps(ctx, svc, caseSteps(c), vars, sets, &res)
	res.LatencyMS = float64(time.Since(start).Microseconds()) / 1000
	if svc.Contract != nil && res.Error == "" {
		res.Checks = check.NoChecks(res.Checks)
	}
	if why := reconcileSkip(res.Checks); why != "" && res.Error == "" && !res.Failed() {
		res.Status, res.Error = result.Skip, why // a reconcile that could not run is never a pass
	}
	res.Settle()
	if res.Class == result.ClassTransport || !judged {
		res.Status = result.Error // no answer, or a request that could not be built: not judged
	}
	return res
}

// BrokenReason is the error of every case of a service whose contract did
// not load: "contract does not load: FILE:LINE: reason".
func BrokenReason(svc *catalog.Service) string {
	return "contract does not load: " + svc.LoadErr.Error()
}

// caseSteps returns the case's steps; a single-step case is its own step.
func caseSteps(c catalog.Case) []catalog.Step {
	if len(c.Steps) > 0 {
		return c.Steps
	}
	return []catalog.Step{{Request: c.Request, Expect: c.Expect, DB: c.DB, Line: c.Line}}
}

// runSteps sends the steps in order, recording each in res, and stops at
// the first step that does not answer or does not answer as expected. It
// reports false when a step's request could not be built (nothing sent).
func (r *Runner) runSteps(ctx context.Context, svc *catalog.Service, steps []catalog.Step, vars, sets map[string]string, res *result.Result) bool {
	failedBefore := false
	cr := newCaseRun(svc, steps, sets)
	for i, st := range steps {
		step := r.runStep(ctx, cr, st, vars, i == len(steps)-1)
		if len(steps) > 1 {
			labelStep(&step, i)
		}
		res.Checks = append(res.Checks, step.checks...)
		res.Notes = append(res.Notes, step.notes...)
		res.Rows = append(res.Rows, step.rows...)
		res.Written = res.Written.Merge(step.written)
		if len(steps) > 1 {
			res.Steps = append(res.Steps, step.rec)
		}
		r.keep(res, step, failedBefore)
		failedBefore = failedBefore || step.failed()
		if step.err != "" {
			res.Error = step.err
			return !step.unbuilt
		}
		if step.blocking && i < len(steps)-1 {
			res.Checks = append(res.Checks, notSent(steps[i+1:], i+1, step.rec.Service))
			return true
		}
		vars = render.Merge(vars, step.saved, sets)
	}
	return true
}

// notSent records that the steps after a failed one were not sent.
func notSent(rest []catalog.Step, failedStep int, service string) result.Check {
	names := make([]string, len(rest))
	for i, st := range rest {
		names[i] = st.Service
		if !st.Sends() {
			names[i] = reconcileLabel + " " + st.Reconcile
		}
	}
	return result.Check{Kind: result.KindEnvelope, Name: "later steps", Status: result.Fail,
		Want: "sent", Got: "not sent: " + strings.Join(names, ", "),
		Detail: fmt.Sprintf("step %d (%s) did not answer as expected, so the steps after it were not sent", failedStep, service)}
}

// keep records the step in the result: its tran_seq and class, and its
// messages unless an earlier step already failed (the failing step's
// messages are the ones worth reading).
func (r *Runner) keep(res *result.Result, s stepOutcome, failedBefore bool) {
	if failedBefore || s.label == reconcileLabel { // a reconcile step sends no message
		return
	}
	res.TranSeq = s.rec.TranSeq
	if s.rec.Class != "" {
		res.Class = s.rec.Class
	}
	if r.KeepMessages || s.failed() {
		res.Request, res.Response = s.request, s.answer
	}
}

// bindVars renders case variables that refer to the fixture
// (sfxyh: "SIM{{.djxh}}") and layers them over the data, and the --set
// overrides over both.
func (r *Runner) bindVars(vars, data, sets map[string]string) (map[string]string, error) {
	out := render.Merge(data, vars, sets)
	base := render.Merge(data, sets)
	for k, v := range vars {
		if _, set := sets[k]; set || !strings.Contains(v, "{{") {
			continue
		}
		s, err := r.Templates.Render("vars."+k, v, base)
		if err != nil {
			return nil, err
		}
		out[k] = s
	}
	return out, nil
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}
