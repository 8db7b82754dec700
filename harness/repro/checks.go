package repro

import (
	"context"
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
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
		if st.Service == "" || st.Service == svc.Code || st.Service == svc.TranID {
			return st, render.Merge(c.Vars, st.Vars), true
		}
	}
	return catalog.Step{}, nil, false
}

// checkVars binds what the contract's checks may name: the case variables,
// overridden by the answer's and then the request's fields (so {{.ybtse}}
// is the amount this request filed), the values the step saves from the
// answer, and the fresh taxpayer's identifiers.
func checkVars(svc *catalog.Service, body string, msg *envelope.Message, ids map[string]string) map[string]string {
	st, vars, _ := contractStep(svc)
	answer := ""
	if msg != nil {
		answer = msg.Body
	}
	saved, _ := check.Extract(answer, st.Save)
	return render.Merge(vars, leaves(answer), leaves(body), saved, ids)
}

// contractChecks runs the envelope checks and the contract step's XPath and
// DB checks against this answer. XPath assertions that compare with a
// literal of the case's own data (equals without a template, count) do not
// apply to another taxpayer's request: they are listed as skipped.
func contractChecks(ctx context.Context, s *session.Session, svc *catalog.Service, head envelope.Head, msg *envelope.Message, vars map[string]string) ([]result.Check, []string) {
	st, _, ok := contractStep(svc)
	var skipped []string
	if !ok {
		skipped = append(skipped, fmt.Sprintf("%s has no contract case that calls it: only the envelope is checked", svc.Code))
	}
	checks := check.RunEnvelope(head, msg, st.Expect.Class)
	if msg == nil || msg.Class == result.ClassMalformed {
		return checks, skipped
	}
	renderer := func(name, text string) (string, error) { return s.Runner.Templates.Render(name, text, vars) }
	var asserts []catalog.XPathAssert
	for _, a := range st.Expect.XPath {
		if a.Count != nil || (a.Equals != "" && !strings.Contains(a.Equals, "{{")) {
			skipped = append(skipped, "xpath "+a.Path+": compares with the contract case's own data")
			continue
		}
		asserts = append(asserts, a)
	}
	checks = append(checks, check.RunXPath(msg.Body, asserts, renderer)...)
	for _, dc := range st.DB {
		c, _ := check.RunDB(ctx, check.SQLQuerier{DB: s.Target.DB}, dc, vars, renderer)
		checks = append(checks, c)
	}
	return checks, skipped
}

// leaves returns the text of every leaf element of an XML document by its
// local name, the first occurrence winning.
func leaves(doc string) map[string]string {
	out := map[string]string{}
	d := etree.NewDocument()
	if doc == "" || d.ReadFromString(doc) != nil || d.Root() == nil {
		return out
	}
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		kids := e.ChildElements()
		if len(kids) == 0 {
			if _, ok := out[e.Tag]; !ok {
				out[e.Tag] = strings.TrimSpace(e.Text())
			}
		}
		for _, k := range kids {
			walk(k)
		}
	}
	walk(d.Root())
	return out
}
