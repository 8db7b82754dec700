package runner

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
)

// stepOutcome is what one message of a case produced.
type stepOutcome struct {
	checks []result.Check
	rows   []result.Table
	rec    result.Step
	saved  map[string]string
	err    string
	// blocking: the step's answer is not the one expected (class, or values
	// to save missing), so the steps after it are not sent.
	blocking bool
	request  string
	answer   string
	msg      *envelope.Message // the parsed answer; nil when none came
	last     bool
	unbuilt  bool // the request could not be rendered or is not well-formed: nothing was sent
	notes    []string
	written  result.Written // rows a writing step left in the core
	label    string         // what names the step in check names; "" = the service called
}

func (s stepOutcome) failed() bool {
	if s.err != "" {
		return true
	}
	for _, c := range s.checks {
		if c.Status != result.Pass {
			return true
		}
	}
	return false
}

// runStep runs one step of a case: a reconcile step, or a message sent.
func (r *Runner) runStep(ctx context.Context, cr *caseRun, st catalog.Step, vars map[string]string, last bool) stepOutcome {
	if !st.Sends() {
		out := r.reconcileStep(ctx, cr, st, vars)
		out.last = last
		return out
	}
	return r.step(ctx, cr, st, vars, last)
}

// step sends one message and checks its answer.
func (r *Runner) step(ctx context.Context, cr *caseRun, st catalog.Step, vars map[string]string, last bool) stepOutcome {
	target, body, err := r.prepare(cr.svc, st, vars, cr.sets)
	if err != nil {
		return stepOutcome{last: last, err: err.Error(), unbuilt: true}
	}
	return r.exchange(ctx, cr, target, st, vars, body, last)
}

// exchange sends body to target as one step of the case and checks the
// answer.
func (r *Runner) exchange(ctx context.Context, cr *caseRun, target *catalog.Service, st catalog.Step, vars map[string]string, body string, last bool) (out stepOutcome) {
	out = stepOutcome{last: last}
	out.rec.Service = target.Code
	after := r.beforeWrite(ctx, target, vars)
	defer func() { afterWrite(ctx, after, vars, &out) }()
	wire, head := r.Target.Builder.Build(envelope.Request{
		TranID: target.TranID, ChannelID: r.Target.ChannelID, Expand: r.Target.Expand, Body: body,
	})
	out.rec.TranSeq, out.request = head.TranSeq, string(wire)
	msg, latency, sendErr := r.send(ctx, target, wire, head.TranSeq)
	cr.sent(ctx)
	out.rec.LatencyMS = float64(latency.Microseconds()) / 1000
	if sendErr != "" {
		out.rec.Class, out.err = result.ClassTransport, sendErr
		return out
	}
	out.answer, out.rec.Class, out.msg = readable(msg.raw), msg.Class, msg.Message
	out.notes = headNotes(msg.Message, r.now())
	want := classWanted(st.Expect, msg.Class)
	out.checks = append(out.checks, withoutHeadLint(check.RunEnvelope(head, msg.Message, want))...)
	out.blocking = msg.Class != want // later steps would work on an answer that is not the one expected
	if msg.Class == result.ClassMalformed {
		return out
	}
	if st.Expect.Reason != "" {
		out.checks = append(out.checks, reasonCheck(st.Expect.Reason, msg.Head.Reason))
	}
	r.checkBody(ctx, cr, target, st, vars, body, msg.Body, &out)
	return out
}

// checkBody checks the answer body of a well-formed answer: schema, XPath
// expectations, values saved for later steps, adopted taxpayers and the
// database checks. svc is the service this step called.
func (r *Runner) checkBody(ctx context.Context, cr *caseRun, svc *catalog.Service, st catalog.Step, vars map[string]string, body, answerBody string, out *stepOutcome) {
	doc := check.NewDoc(answerBody) // parsed once for the answer fields, XPath and saves
	vars = withAnswerFields(vars, body, doc)
	out.checks = append(out.checks, r.xsdChecks(cr.svc, body, answerBody)...)
	asserts, skipped := r.relax(st.Expect.XPath)
	out.checks = append(out.checks, check.RunXPathDoc(doc, asserts, r.renderFunc(cr, vars))...)
	out.checks = append(out.checks, skipped...)
	saved, err := check.ExtractDoc(doc, st.Save)
	if err != nil {
		out.checks = append(out.checks, failed(result.KindXPath, "save values for later steps", "values", err.Error()))
		out.blocking = true
	}
	out.saved = saved
	out.checks = append(out.checks, r.adopt(ctx, st.Adopt, saved)...)
	if r.Target.Answered != nil && svc.Writes {
		if err := r.Target.Answered(ctx, svc, vars, saved, answerBody); err != nil {
			out.checks = append(out.checks, failed(result.KindDB, "record the answer's keys for cleanup", "recorded in the ledger", err.Error()))
		}
	}
	vars = mergeSaved(vars, saved)
	out.checks, out.rows = r.dbChecks(ctx, cr, st.DB, vars, out.checks, out.rows)
}

// readable turns an answer into UTF-8 text for people and results.jsonl: a
// GBK/GB18030 answer is decoded, so its Chinese survives JSON.
func readable(raw string) string {
	if utf8.ValidString(raw) {
		return raw
	}
	if s, err := simplifiedchinese.GB18030.NewDecoder().String(raw); err == nil {
		return s
	}
	return strings.ToValidUTF8(raw, "\uFFFD")
}

// answer is a parsed answer plus its raw text.
type answer struct {
	*envelope.Message
	raw string
}

// send transmits the envelope and parses the answer. A transport failure
// comes back as a message; a malformed answer as a Message of class malformed.
func (r *Runner) send(ctx context.Context, svc *catalog.Service, wire []byte, seq string) (answer, time.Duration, string) {
	if r.Target.BeforeSend != nil {
		if err := r.Target.BeforeSend(svc, seq); err != nil {
			return answer{}, 0, err.Error()
		}
	}
	if r.Target.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.Target.Timeout)
		defer cancel()
	}
	start := time.Now()
	ans, err := r.Target.Sender.Send(ctx, wire, svc.Writes)
	latency := time.Since(start)
	if err != nil {
		return answer{}, latency, err.Error()
	}
	msg, perr := envelope.Parse(ans.Body)
	if perr != nil {
		msg = &envelope.Message{Kind: "response", Class: result.ClassMalformed, Problems: []string{perr.Error()}}
	}
	return answer{Message: msg, raw: string(ans.Body)}, latency, ""
}

func (r *Runner) dbChecks(ctx context.Context, cr *caseRun, dcs []catalog.DBCheck, vars map[string]string, checks []result.Check, rows []result.Table) ([]result.Check, []result.Table) {
	for _, dc := range dcs {
		q, err := check.Pick(r.Target.DB, r.Target.DBs, dc.DB)
		if err != nil {
			checks = append(checks, failed(result.KindDB, dc.Name, "rows from the database", err.Error()))
			continue
		}
		c, t := check.RunDB(ctx, q, dc, vars, r.renderFunc(cr, vars))
		checks = append(checks, c)
		rows = append(rows, t)
	}
	return checks, rows
}

// renderFunc renders check values with vars; a value a step should have
// saved and did not makes the check "not run", naming the step.
func (r *Runner) renderFunc(cr *caseRun, vars map[string]string) func(name, text string) (string, error) {
	return func(name, text string) (string, error) {
		s, err := r.Templates.Render(name, text, vars)
		if err != nil {
			return "", cr.explain(err, vars)
		}
		return s, nil
	}
}

// Routed is the expected class of a smoke case: the answer shows the
// service is routed to the core, whether it succeeds or refuses.
const Routed = "routed"

// classWanted is the class a step expects; for a smoke case, the class got
// when it is success or business (else a want no class matches).
func classWanted(e catalog.Expect, got result.Class) result.Class {
	switch e.Class {
	case "":
		return result.ClassSuccess
	case Routed:
		if got == result.ClassSuccess || got == result.ClassBusiness {
			return got
		}
		return "success or business (routed)"
	}
	return result.Class(e.Class)
}

// adopt hands the taxpayers a step created to the Adopt hook, so the run's
// cleanup removes their rows; a failure to record one is a failed check.
func (r *Runner) adopt(ctx context.Context, names []string, saved map[string]string) []result.Check {
	var out []result.Check
	for _, n := range names {
		djxh := saved[n]
		if r.Target.Adopt == nil || djxh == "" {
			continue
		}
		if err := r.Target.Adopt(ctx, djxh); err != nil {
			out = append(out, failed(result.KindDB, "record "+n+" for cleanup", "recorded in the ledger", err.Error()))
		}
	}
	return out
}

// reasonCheck matches the refusal text of the answer head (rtn_msg/Reason).
func reasonCheck(pattern, reason string) result.Check {
	c := result.Check{Kind: result.KindXPath, Name: "/service/head/rtn_msg/Reason matches " + pattern, Want: pattern, Got: reason}
	re, err := check.CompileRegexp(pattern)
	switch {
	case err != nil:
		c.Status, c.Detail = result.Fail, "bad regular expression: "+err.Error()
	case re.MatchString(reason):
		c.Status = result.Pass
	default:
		c.Status = result.Fail
	}
	return c
}

func failed(kind result.Kind, name, want, got string) result.Check {
	return result.Check{Kind: kind, Name: name, Status: result.Fail, Want: want, Got: got}
}

func mergeSaved(vars, saved map[string]string) map[string]string {
	if len(saved) == 0 {
		return vars
	}
	out := make(map[string]string, len(vars)+len(saved))
	for k, v := range vars {
		out[k] = v
	}
	for k, v := range saved {
		out[k] = v
	}
	return out
}

func stepError(svc *catalog.Service, format string, args ...any) error {
	return fmt.Errorf("contracts: %s: "+format, append([]any{svc.Code}, args...)...)
}
