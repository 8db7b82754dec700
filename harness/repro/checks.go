package repro

import (
	"context"
	"fmt"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/session"
)

// contractStep is the part of the service's contract a replay is judged
// by: the step of the first case that calls the service (the case itself
// when it sends one request). ok is false when there is none.
func contractStep(svc *catalog.Service) (catalog.Step, map[string]string, bool) {
	if svc.Contract == nil || len(svc.Contract.Cases) == 0 {
		return catalog.Step{}, nil, false
	}
	c := svc.Contract.Cases[0]
	if len(c.Steps) == 0 {
		return catalog.Step{Expect: c.Expect, DB: c.DB}, c.Vars, true
	}
	for _, st := range c.Steps {
		if st.Sends() && (st.Service == "" || st.Service == svc.Code || st.Service == svc.TranID) {
			return st, render.Merge(c.Vars, st.Vars), true
		}
	}
	return catalog.Step{}, nil, false
}

// replayer is the session's runner set up for a replay: the audit trail
// says "repro run", the logged request's channel is used when the
// environment names none, and literal comparisons with the contract case's
// own data are skipped.
func replayer(s *session.Session, origChannel string) *runner.Runner {
	r := *s.Runner
	r.KeepMessages, r.RelaxLiterals = true, true
	if r.Target.ChannelID == "" {
		r.Target.ChannelID = origChannel
	}
	r.Target.BeforeSend = func(svc *catalog.Service, seq string) error {
		return s.Audit.Sent(s.Env, svc.Code, svc.TranID, seq, svc.Writes, "repro run")
	}
	return &r
}

// contractChecks sends body through the runner, judged by the contract
// step that calls svc, and fills a with the answer. data binds what the
// checks name: the case variables, overridden by the request's fields (so
// {{.ybtse}} is the amount this request filed) and the fresh taxpayer's
// identifiers. Checks the runner skipped come back as reasons.
func contractChecks(ctx context.Context, r *runner.Runner, svc *catalog.Service, body string, ids map[string]string, a *Answer) ([]result.Check, []string) {
	st, vars, ok := contractStep(svc)
	var skipped []string
	if !ok {
		skipped = append(skipped, fmt.Sprintf("%s has no contract case that calls it: only the envelope is checked", svc.Code))
	}
	st.Service = ""
	res, msg := r.RunBody(ctx, svc, st, body, render.Merge(vars, runner.Fields(body), ids))
	fillAnswer(a, res, msg)
	var checks []result.Check
	for _, c := range res.Checks {
		if c.Status == result.Skip {
			skipped = append(skipped, fmt.Sprintf("%s %s: %s", c.Kind, c.Name, c.Detail))
			continue
		}
		checks = append(checks, c)
	}
	if res.Error != "" {
		checks = append(checks, result.Check{Kind: result.KindEnvelope, Name: "answer", Status: result.Fail,
			Want: "an answer", Got: res.Error, Detail: "no answer envelope"})
	}
	return checks, skipped
}

// fillAnswer records what the service answered.
func fillAnswer(a *Answer, res result.Result, msg *envelope.Message) {
	a.Class = res.Class
	switch {
	case res.Error != "":
		a.Error = res.Error
	case msg == nil || msg.Class == result.ClassMalformed:
		a.Error, a.Body = strings.Join(problems(msg), "; "), res.Response
	default:
		a.RtnCode, a.Code = msg.Head.RtnCode, msg.Head.Code
		a.Message, a.Reason, a.Body = msg.Head.Message, msg.Head.Reason, msg.Body
	}
}

func problems(msg *envelope.Message) []string {
	if msg == nil {
		return nil
	}
	return msg.Problems
}
