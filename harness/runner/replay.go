package runner

import (
	"context"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
)

// OwnData is the reason a relaxed XPath assertion is skipped.
const OwnData = "compares with the contract case's own data"

// RunBody sends one step of svc with the given business body instead of
// rendering the step's template (repro run: a captured message, re-keyed)
// and checks the answer exactly as Run does: envelope, XSD, XPath, saved
// values and database rows. data binds what the checks name; the request's
// and the answer's fields fill in the rest. The parsed answer comes back
// too, nil when none arrived.
func (r *Runner) RunBody(ctx context.Context, svc *catalog.Service, st catalog.Step, body string, data map[string]string) (result.Result, *envelope.Message) {
	res := r.newResult(svc, "")
	start := time.Now()
	out := r.exchange(ctx, newCaseRun(svc, []catalog.Step{st}, nil), svc, st, data, body, true)
	res.LatencyMS = float64(time.Since(start).Microseconds()) / 1000
	res.Checks, res.Rows, res.Notes, res.Error = out.checks, out.rows, out.notes, out.err
	r.keep(&res, out, false)
	res.Settle()
	if res.Class == result.ClassTransport {
		res.Status = result.Error
	}
	return res, out.msg
}

// newResult starts the Result of a case of svc.
func (r *Runner) newResult(svc *catalog.Service, caseName string) result.Result {
	return result.Result{
		RunID: r.RunID, Service: svc.Code, TranID: svc.TranID, Case: caseName,
		StartedAt: r.now(), Module: svc.Module, Name: svc.Name, Level: svc.Level, Writes: svc.Writes,
	}
}

// relax splits the XPath assertions into those to run and, when
// RelaxLiterals is set, skipped checks for those that compare with a
// literal of the case's own data (equals without a template, count): they
// do not apply to another taxpayer's message.
func (r *Runner) relax(asserts []catalog.XPathAssert) ([]catalog.XPathAssert, []result.Check) {
	if !r.RelaxLiterals {
		return asserts, nil
	}
	var run []catalog.XPathAssert
	var skipped []result.Check
	for _, a := range asserts {
		if a.Count != nil || (a.Equals != "" && !strings.Contains(a.Equals, "{{")) {
			skipped = append(skipped, result.Check{Kind: result.KindXPath, Name: a.Path, Status: result.Skip,
				Want: a.Equals, Detail: OwnData})
			continue
		}
		run = append(run, a)
	}
	return run, skipped
}

// Fields returns the text of every leaf element of an XML document by local
// name, the first one winning; empty when doc is not XML. These are the
// request fields a step's checks may name.
func Fields(doc string) map[string]string { return leafValues(doc) }
